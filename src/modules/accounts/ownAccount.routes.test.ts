/** The account page, changing a password, and choosing a new one from an e-mailed link, through the app. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Browser } from '../../../test/helpers/app.ts';
import { recordingMailer } from '../../../test/helpers/mail.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import { build, testPassword } from '../../../test/helpers/build.ts';
import { systemPrincipal } from '../../platform/principal.ts';

it('shows the account its name, roles and sign-in history, failed attempts too, linked from the header', async (t) => {
  const { client, app, coventry, container } = await build(t, { as: 'member' });
  const { name } = await container.governance.partnerships.get(null, coventry);
  await new Browser(app).post('/sign-in', { email: 'member@example.com', password: 'not the password' });
  const page = await client.get('/account');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /href="\/account"[^>]*data-qa="your-account"/, 'the header links to the account page');
  assert.match(page.body, /member@example\.com/);
  assert.ok(page.body.includes(`<td class="govuk-table__cell">${name}</td>`), 'the partnership the role is held in');
  const history = page.body.slice(page.body.indexOf('data-qa="sign-in-history"'));
  assert.match(history, /127\.0\.0\.1/);
  assert.match(history, /Password/);
  assert.match(history, /Signed in/);
  assert.match(history, /Failed/);
});

it('says a member by their seat on a group is a member there, though no role was given', async (t) => {
  const { app, coventry, boardId, container } = await build(t, { as: 'nobody' });
  const { name } = await container.governance.partnerships.get(null, coventry);
  const userId = await container.accounts.createUser(systemPrincipal, {
    email: 'seated@example.com',
    name: 'Sam Seated',
    password: testPassword,
    isAdmin: false,
  });
  const [organisation] = await container.governance.organisations.list(coventry);
  const personId = await addPerson(container.governance, coventry, {
    name: 'Sam Seated',
    email: null,
    organisationId: organisation?.id ?? '',
  });
  await addMember(container.governance, coventry, { groupId: boardId, personId, organisationId: organisation?.id ?? '', role: 'member' });
  await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
  const seated = new Browser(app);
  await seated.signIn('seated@example.com', testPassword);
  const page = await seated.get('/account');
  const roles = page.body.slice(page.body.indexOf('data-qa="roles"'));
  assert.match(roles, new RegExp(`Member \\(through your place on its groups\\)</td><td class="govuk-table__cell">${name}<`));
  assert.doesNotMatch(page.body, /You have no role in a partnership yet/);
});

it('changes the password with the current one, keeps this browser signed in and signs the others out', async (t) => {
  const { client, app } = await build(t, { as: 'officer' });
  const elsewhere = new Browser(app);
  await elsewhere.signIn('officer@example.com', testPassword);

  const wrong = await client.post('/account/password', { currentPassword: 'not it at all', password: 'a brand new passphrase' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /id="currentPassword-error"[\s\S]*Your current password is not right/);
  assert.doesNotMatch(wrong.body, /a brand new passphrase/, 'a password is never sent back');
  // A wrong current password and a new one too short: both said at once, each next to its field.
  const both = await client.post('/account/password', { currentPassword: 'not it at all', password: 'too short' });
  assert.equal(both.statusCode, 400);
  assert.match(both.body, /id="currentPassword-error"[\s\S]*Your current password is not right/);
  assert.match(both.body, /id="password-error"[\s\S]*12 characters or more/);
  assert.equal((both.body.match(/<li>\s*<a href="#(currentPassword|password)">/g) ?? []).length, 2, 'both in the error summary');
  // Neither typed, both asked for.
  const empty = await client.post('/account/password', { currentPassword: '', password: '' });
  assert.match(empty.body, /Enter your current password[\s\S]*Enter a new password/);

  const breached = await client.post('/account/password', { currentPassword: testPassword, password: 'Password1234' });
  assert.equal(breached.statusCode, 400);
  assert.match(breached.body, /id="password-error"[\s\S]*most common in data breaches/);
  const named = await client.post('/account/password', { currentPassword: testPassword, password: 'officer is my name here' });
  assert.match(named.body, /id="password-error"[\s\S]*name part of the email address/);
  const short = await client.post('/account/password', { currentPassword: testPassword, password: 'too short' });
  assert.match(short.body, /id="password-error"[\s\S]*12 characters or more/);

  const changed = await client.post('/account/password', { currentPassword: testPassword, password: 'a brand new passphrase' });
  assert.equal(changed.statusCode, 302);
  assert.equal(changed.headers.location, '/account');
  const account = await client.get('/account');
  assert.equal(account.statusCode, 200, 'still signed in here');
  assert.match(account.body, /Your password has been changed/);
  assert.match(String((await elsewhere.get('/account')).headers.location), /^\/sign-in/, 'signed out elsewhere');
  await new Browser(app).signIn('officer@example.com', 'a brand new passphrase');
});

it('answers a forgotten password the same whether or not an account uses the address, and e-mails a link that works once', async (t) => {
  const mailer = recordingMailer();
  const { app, container, coventry, client: officer } = await build(t, { as: 'officer', mailer });
  const [organisation] = await container.governance.organisations.list(coventry);
  // Coventry's record of the officer, by the address their account uses: following the link proves that address.
  await addPerson(container.governance, coventry, {
    name: 'Olive Officer',
    email: 'officer@example.com',
    organisationId: organisation?.id ?? '',
  });
  assert.doesNotMatch((await officer.get('/account')).body, /Olive Officer/);
  const signIn = await new Browser(app).get('/sign-in');
  assert.match(signIn.body, /href="\/forgotten-password"[^>]*>Forgotten your password\?/);

  const visitor = new Browser(app);
  const asks = [];
  for (const email of ['nobody@example.com', 'Officer@Example.com']) {
    const response = await visitor.post('/forgotten-password', { email });
    asks.push({ status: response.statusCode, location: response.headers.location, body: response.body });
  }
  assert.deepEqual(asks[0], asks[1], 'the same answer for an unknown address');
  assert.equal(asks[0]?.location, '/forgotten-password/sent');
  const sentPage = await visitor.get('/forgotten-password/sent');
  assert.match(sentPage.body, /If an account uses that address, we have sent a link/);

  await container.notifications.runDueJobs();
  assert.deepEqual(
    mailer.sent.map((mail) => mail.to),
    ['officer@example.com'],
  );
  const link = /http:\/\/localhost:3000(\/reset-password\/\S+)/.exec(mailer.sent[0]?.text ?? '')?.[1] ?? '';
  assert.ok(link, 'the e-mail holds the link');

  const form = await visitor.get(link);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Choose a new password/);
  const breached = await visitor.post(link, { password: 'qwertyuiop123' });
  assert.equal(breached.statusCode, 400);
  assert.match(breached.body, /id="password-error"[\s\S]*most common in data breaches/);

  const saved = await visitor.post(link, { password: 'a brand new passphrase' });
  assert.equal(saved.statusCode, 302);
  assert.equal(saved.headers.location, '/sign-in');
  assert.match((await visitor.get('/sign-in')).body, /Your password has been changed. Sign in with your new password./);
  await visitor.signIn('officer@example.com', 'a brand new passphrase');
  const account = await visitor.get('/account');
  assert.match(account.body, /data-qa="people-of-account"[\s\S]*Olive Officer/, 'the address proven links the account to its person');

  for (const spent of [link, '/reset-password/never-sent']) {
    const page = await new Browser(app).get(spent);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /This link no longer works/);
    assert.match(page.body, /href="\/forgotten-password"[^>]*>Ask for a new link/);
  }
  const again = await new Browser(app).post(link, { password: 'yet another passphrase' });
  assert.match(again.body, /This link no longer works/);
  const { rows } = await container.audit.list({ entityType: 'password_reset' }, { limit: 10, offset: 0 });
  assert.equal(rows.length, 1, 'the link sent is audited, with nothing kept of the unknown address');
});

it('asks for an email address, and throttles many requests for one', async (t) => {
  const { app } = await build(t, { as: 'nobody', seed: false });
  const visitor = new Browser(app);
  const empty = await visitor.post('/forgotten-password', { email: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="email-error"[\s\S]*Enter your email address/);
  for (let i = 0; i < 5; i += 1)
    assert.equal((await visitor.post('/forgotten-password', { email: 'someone@example.com' })).statusCode, 302);
  const throttled = await visitor.post('/forgotten-password', { email: 'someone@example.com' });
  assert.equal(throttled.statusCode, 429);
  assert.match(throttled.body, /Too many links have been asked for this email address. Wait 2 seconds, then try again./);
  assert.match(throttled.body, /value="someone@example.com"/, 'what was typed is kept');
});

it('applies the one password rule on the administrator’s forms too', async (t) => {
  const { client: admin, container } = await build(t, { as: 'admin', seed: false });
  const userId = await container.accounts.createUser(systemPrincipal, {
    email: 'rita.role@example.com',
    name: 'Rita Role',
    password: testPassword,
    isAdmin: false,
  });
  const breached = await admin.post(`/admin/users/${userId}/password`, { password: 'password1234', version: '1' });
  assert.equal(breached.statusCode, 400);
  assert.match(breached.body, /most common in data breaches/);
  const named = await admin.post(`/admin/users/${userId}/password`, { password: 'hello rita.role 2026', version: '1' });
  assert.equal(named.statusCode, 400);
  assert.match(named.body, /name part of the email address/);
  const added = await admin.post('/admin/users', {
    name: 'Sam',
    email: 'sam.smith@example.com',
    password: 'Sam.Smith rules ok',
    isAdmin: 'no',
  });
  assert.equal(added.statusCode, 400);
  assert.match(added.body, /id="password-error"[\s\S]*name part of the email address/);
});

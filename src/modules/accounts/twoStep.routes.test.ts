/** Two-step sign-in through the pages: setting up, signing in with a code, the requirement, turning off and resetting. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../../platform/clock.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { TestClock } from '../../../test/helpers/clock.ts';
import { build, testPassword } from '../../../test/helpers/build.ts';

/** The setup key as the page shows it, in an authenticator app of the test's own. */
function appFromPage(body: string): TOTP {
  const key = /data-qa="setup-key"><code>([A-Z2-7 ]+)<\/code>/.exec(body)?.[1];
  assert.ok(key, 'the setup key is on the page');
  return new TOTP({ secret: Secret.fromBase32(key.replaceAll(' ', '')), digits: 6, period: 30, algorithm: 'SHA1' });
}
const codeNow = (app: TOTP, clock: Clock) => app.generate({ timestamp: clock.now().getTime() });
const recoveryCodesOf = (body: string) =>
  [...body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((match) => match[1] ?? '');

/** Sets two-step up on the account page, and gives the app and the recovery codes. */
async function setUpOnAccount(client: Browser, clock: TestClock) {
  const page = await client.get('/account/two-step/set-up');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<img class="safer-qr-code" src="data:image\/png;base64,[^"]+" alt="QR code/);
  const app = appFromPage(page.body);
  const wrong = await client.post('/account/two-step/set-up', { code: '000000' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Enter the 6-digit code your authenticator app shows now/);
  const confirmed = await client.post('/account/two-step/set-up', { code: codeNow(app, clock) });
  assert.equal(confirmed.headers.location, '/account/two-step/set-up/recovery-codes');
  const codesPage = await client.get('/account/two-step/set-up/recovery-codes');
  const codes = recoveryCodesOf(codesPage.body);
  assert.equal(codes.length, 10);
  const file = await client.get('/account/two-step/set-up/recovery-codes.txt');
  assert.match(String(file.headers['content-disposition']), /^attachment/);
  assert.ok(codes.every((code) => file.body.includes(code)));
  assert.equal((await client.post('/account/two-step/set-up/recovery-codes', {})).headers.location, '/account/two-step');
  // Shown once: the codes are gone from the session.
  assert.equal((await client.get('/account/two-step/set-up/recovery-codes')).headers.location, '/account/two-step/set-up');
  return { app, codes };
}

describe('two-step sign-in pages', () => {
  it('sets two-step up, then asks for a code after the password and signs in only with a right one', async (t) => {
    const clock = new TestClock();
    const { app, client } = await build(t, { clock, as: 'member' });
    assert.match((await client.get('/account/two-step')).body, /Two-step sign-in is off/);
    const { app: phone, codes } = await setUpOnAccount(client, clock);
    assert.match((await client.get('/account/two-step')).body, /10 of 10/);
    await client.post('/sign-out', {});

    const browser = new Browser(app);
    const password = await browser.post('/sign-in', { email: 'member@example.com', password: testPassword, returnTo: '/public' });
    assert.equal(password.headers.location, '/sign-in/two-step');
    // Half signed in is not signed in.
    assert.equal((await browser.get('/account/two-step')).headers.location, '/sign-in?returnTo=%2Faccount%2Ftwo-step');
    assert.equal((await browser.get('/sign-in/two-step')).statusCode, 200);
    const wrong = await browser.post('/sign-in/two-step', { code: '123456' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter the code your authenticator app shows now, or a recovery code you have not used before/);
    const blank = await browser.post('/sign-in/two-step', { code: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter the code/);
    clock.advance(30);
    const right = await browser.post('/sign-in/two-step', { code: codeNow(phone, clock) });
    assert.equal(right.headers.location, '/public');
    assert.equal((await browser.get('/account/two-step')).statusCode, 200);
    await browser.post('/sign-out', {});

    // A recovery code, once.
    const again = new Browser(app);
    await again.signIn('member@example.com', testPassword);
    assert.equal((await again.post('/sign-in/two-step', { code: codes[0] ?? '' })).headers.location, '/');
    assert.match((await again.get('/account/two-step')).body, /9 of 10/);
  });

  it('asks for the code again after five minutes, from the password', async (t) => {
    const clock = new TestClock();
    const { app, client } = await build(t, { clock, as: 'member' });
    const { app: phone } = await setUpOnAccount(client, clock);
    const browser = new Browser(app);
    await browser.signIn('member@example.com', testPassword);
    clock.advance(5 * 60 + 30);
    const late = await browser.post('/sign-in/two-step', { code: codeNow(phone, clock) });
    assert.equal(late.statusCode, 200);
    assert.match(late.body, /Sign in again/);
    assert.equal((await browser.get('/account/two-step')).statusCode, 302);
  });

  it('keeps an account that must use two-step sign-in to setting it up before it is signed in', async (t) => {
    const clock = new TestClock();
    const { app, client: admin, coventry, container } = await build(t, { clock, as: 'admin' });
    const asked = await admin.get(`/admin/two-step/${coventry}?required=yes`);
    assert.match(asked.body, /Require two-step sign-in for [^?]+\?/);
    assert.match(asked.body, /every administrator of Safer will have to enter a code/);
    assert.match(asked.body, /name="required" value="yes"/);
    const required = await admin.post(`/admin/two-step/${coventry}`, { required: 'yes' });
    assert.equal(required.headers.location, '/admin/two-step');
    assert.match((await admin.get('/admin/two-step')).body, /Required/);
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'new@example.com',
      name: 'New Member',
      password: testPassword,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });

    const member = new Browser(app);
    const password = await member.post('/sign-in', {
      email: 'new@example.com',
      password: testPassword,
      returnTo: `/partnerships/${coventry}`,
    });
    assert.equal(password.headers.location, '/sign-in/two-step/set-up');
    // Nowhere else opens until two-step sign-in is set up.
    assert.match(String((await member.get(`/partnerships/${coventry}`)).headers.location), /^\/sign-in\?returnTo=/);
    assert.equal((await member.get('/account/two-step')).statusCode, 302);
    const page = await member.get('/sign-in/two-step/set-up');
    assert.match(page.body, /Your partnership requires two-step sign-in/);
    const phone = appFromPage(page.body);
    assert.equal(
      (await member.post('/sign-in/two-step/set-up', { code: codeNow(phone, clock) })).headers.location,
      '/sign-in/two-step/set-up/recovery-codes',
    );
    assert.equal(recoveryCodesOf((await member.get('/sign-in/two-step/set-up/recovery-codes')).body).length, 10);
    assert.equal((await member.post('/sign-in/two-step/set-up/recovery-codes', {})).headers.location, `/partnerships/${coventry}`);
    assert.equal((await member.get(`/partnerships/${coventry}`)).statusCode, 200);
    // Required, so it cannot be turned off; an administrator resets it.
    assert.doesNotMatch((await member.get('/account/two-step')).body, /Turn off two-step sign-in/);
    assert.equal((await member.get('/account/two-step/turn-off')).headers.location, '/account/two-step');
    assert.match((await admin.get(`/admin/users/${userId}`)).body, /Set up on/);
    assert.equal((await admin.get(`/admin/users/${userId}/two-step/reset`)).statusCode, 200);
    assert.equal((await admin.post(`/admin/users/${userId}/two-step/reset`, {})).headers.location, `/admin/users/${userId}`);
    assert.match((await admin.get(`/admin/users/${userId}`)).body, /Required, not yet set up/);
  });

  it('turns off with the password and a code, with a message by each that is wrong', async (t) => {
    const clock = new TestClock();
    const { client } = await build(t, { clock, as: 'member' });
    const { app: phone } = await setUpOnAccount(client, clock);
    clock.advance(30);
    assert.equal((await client.get('/account/two-step/turn-off')).statusCode, 200);
    const blank = await client.post('/account/two-step/turn-off', { password: '', code: '' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter your current password/);
    const wrong = await client.post('/account/two-step/turn-off', { password: 'not it', code: codeNow(phone, clock) });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter your current password/);
    const off = await client.post('/account/two-step/turn-off', { password: testPassword, code: codeNow(phone, clock) });
    assert.equal(off.headers.location, '/account/two-step');
    assert.match((await client.get('/account/two-step')).body, /Two-step sign-in is off/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Browser } from '../../../test/helpers/app.ts';
import { build } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { choiceValue } from './noticeSettings.service.ts';

/** The people record the build helper's member account ("member@example.com") is, on the board; made before it signs in, none. */
async function memberOnBoard(container: Container, coventry: string, boardId: string): Promise<string> {
  const [organisation] = await container.governance.organisations.list(coventry);
  const organisationId = organisation?.id ?? '';
  const personId = await addPerson(container.governance, coventry, { name: 'Mo Member', email: 'member@example.com', organisationId });
  await addMember(container.governance, coventry, { groupId: boardId, personId, organisationId, role: 'member' });
  const account = (await container.accounts.listUsers()).find((user) => user.email === 'member@example.com');
  if (account) await container.governance.linkAccount(systemPrincipal, coventry, personId, account.id);
  return personId;
}

const checked = (body: string, value: string) => new RegExp(`value="${value}" checked`).test(body);

for (const database of testDatabases()) {
  describe(`e-mail notice pages on ${database.engine}`, () => {
    it('lets a member turn off a group’s notice on their own page, keeping the rest, and audits it', async (t) => {
      const { client, container, coventry, boardId } = await build(t, { as: 'member', database: await database.create() });
      const personId = await memberOnBoard(container, coventry, boardId);
      const account = await client.get('/account');
      assert.match(account.body, /href="\/account\/notices"/, 'reached from the account page');

      const page = await client.get('/account/notices');
      assert.equal(page.statusCode, 200);
      const publication = choiceValue(personId, 'publication', boardId);
      const minutes = choiceValue(personId, 'minutes', boardId);
      const reminders = choiceValue(personId, 'reminders');
      for (const value of [publication, minutes, reminders]) assert.ok(checked(page.body, value), `${value} on by default`);

      const saved = await client.post('/account/notices', { notices: [minutes, reminders], digest: 'each' });
      assert.equal(saved.statusCode, 302);
      const after = await client.get('/account/notices');
      assert.match(after.body, /Your choices are saved\./);
      const crumbs = /<nav class="govuk-breadcrumbs[\s\S]*?<\/nav>/.exec(after.body)?.[0] ?? '';
      assert.match(crumbs, /href="\/account">Your account</, 'the way back is to the account page it is reached from');
      assert.ok(!checked(after.body, publication) && checked(after.body, minutes) && checked(after.body, reminders));
      const told = await container.notifications.groupRecipients(coventry, boardId, 'publication');
      assert.ok(told.turnedOff?.some((p) => p.name === 'Mo Member'));
      const audit = await container.database.db.selectFrom('auditLog').selectAll().where('entityId', '=', personId).execute();
      assert.ok(audit.some((e) => e.summary === 'Changed the e-mails Mo Member gets' && e.userId !== null));
    });

    it('asks how to send them when neither is chosen, keeping the ticks', async (t) => {
      const { client, container, coventry, boardId } = await build(t, { as: 'member', database: await database.create() });
      const personId = await memberOnBoard(container, coventry, boardId);
      const reminders = choiceValue(personId, 'reminders');
      const page = await client.post('/account/notices', { notices: reminders, digest: 'daily' });
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /govuk-error-summary/);
      assert.match(page.body, /href="#digest">Select how you want to get your e-mails/);
      assert.ok(checked(page.body, reminders) && !checked(page.body, choiceValue(personId, 'minutes', boardId)), 'the ticks as sent');
    });

    it('tells an account that is no one’s record that it gets no notices', async (t) => {
      const { client } = await build(t, { as: 'analyst', database: await database.create() });
      const page = await client.get('/account/notices');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-qa="not-a-person"/);
    });

    it('shows officers what a person chose, on the person’s page, and not other members', async (t) => {
      const built = await build(t, { as: 'member', database: await database.create() });
      const personId = await memberOnBoard(built.container, built.coventry, built.boardId);
      await built.client.post('/account/notices', { notices: [choiceValue(personId, 'reminders')], digest: 'weekly' });
      const url = `/partnerships/${built.coventry}/people/${personId}`;
      assert.doesNotMatch((await built.client.get(url)).body, /E-mails they get/);
      const officer = new Browser(built.app);
      await built.container.accounts.createUser(
        { userId: null },
        { email: 'o@example.com', name: 'O', password: 'a test password 1', isAdmin: false },
      );
      const [officerAccount] = (await built.container.accounts.listUsers()).filter((u) => u.email === 'o@example.com');
      await built.container.accounts.grantRole({ userId: null }, officerAccount?.id ?? '', 'officer', {
        partnershipId: built.coventry,
        areaId: null,
      });
      await officer.signIn('o@example.com', 'a test password 1');
      const page = await officer.get(url);
      assert.match(page.body, /E-mails they get/);
      assert.match(page.body, /Agenda and papers published or withdrawn: [^<]*<\/td>\s*<td[^>]*>Turned off/);
      assert.match(page.body, /Reminders of actions they own<\/td>\s*<td[^>]*>Sent/);
      assert.match(page.body, /One e-mail a week, on Monday mornings/);
      assert.doesNotMatch(page.body, /name="notices"/, 'read-only');
    });

    it('unsubscribes by an e-mail’s link without signing in: a GET changes nothing, the button or a one-click POST does', async (t) => {
      const { app, container, coventry, boardId } = await build(t, { as: 'nobody', database: await database.create() });
      await memberOnBoard(container, coventry, boardId);
      await container.notifications.notifyGroupMembers(coventry, boardId, 'publication', 'Agenda published', 'Ready.');
      const [job] = await container.database.db
        .selectFrom('jobs')
        .select('payload')
        .where('payload', 'like', '%member@example.com%')
        .execute();
      const link = /http:\/\/localhost:3000(\/unsubscribe\/[\w-]+\.[\w-]+)/.exec(job?.payload ?? '')?.[1] ?? '';
      assert.ok(link, 'the e-mail has its link');

      const stranger = new Browser(app);
      const page = await stranger.get(link);
      assert.equal(page.statusCode, 200);
      assert.match(
        page.body,
        /Safer will stop sending Mo Member e-mails when an agenda and papers of the [^<]+ are published or withdrawn\./,
      );
      assert.match(page.body, /data-qa="unsubscribe">\s*Stop these e-mails\s*<\/button>/);
      assert.equal(page.headers['set-cookie'], undefined, 'no session for a visitor by link');
      assert.ok(
        (await container.notifications.groupRecipients(coventry, boardId, 'publication')).turnedOff?.length === 0,
        'a GET changes nothing',
      );

      // As a mail program sends it (RFC 8058): no cookie, no CSRF token, just the body.
      const oneClick = await app.inject({
        method: 'POST',
        url: link,
        payload: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(oneClick.statusCode, 302);
      const told = await container.notifications.groupRecipients(coventry, boardId, 'publication');
      assert.deepEqual(told.turnedOff, [{ name: 'Mo Member' }]);
      assert.deepEqual((await container.notifications.groupRecipients(coventry, boardId, 'minutes')).turnedOff, [], 'minutes still come');
      const stopped = (await stranger.get(link)).body;
      assert.match(stopped, /You will not get these e-mails/);
      // The panel holds the title only: the sentence, long with a group's name, reads as a paragraph under it.
      assert.match(
        stopped,
        /<p class="govuk-body" data-qa="stops">Safer will not send Mo Member e-mails when an agenda and papers of the [^<]+ are published or withdrawn\.<\/p>/,
      );
    });

    it('refuses a changed or made-up link with a clear 400 page, stopping nothing', async (t) => {
      const { app, container, coventry, boardId } = await build(t, { as: 'nobody', database: await database.create() });
      await memberOnBoard(container, coventry, boardId);
      await container.notifications.notifyGroupMembers(coventry, boardId, 'minutes', 'Minutes', 'Read them.');
      const [job] = await container.database.db
        .selectFrom('jobs')
        .select('payload')
        .where('payload', 'like', '%member@example.com%')
        .execute();
      const token = /\/unsubscribe\/([\w-]+\.[\w-]+)/.exec(job?.payload ?? '')?.[1] ?? '';
      const tampered = `${token.slice(0, 3)}${token[3] === 'Q' ? 'R' : 'Q'}${token.slice(4)}`;
      const browser = new Browser(app);
      for (const url of [`/unsubscribe/${tampered}`, '/unsubscribe/made-up']) {
        const page = await browser.get(url);
        assert.equal(page.statusCode, 400);
        assert.match(page.body, /This unsubscribe link does not work/);
        assert.match(page.body, /Nothing has been stopped\./);
        assert.equal((await browser.post(url, {}, { csrf: false })).statusCode, 400);
      }
      assert.deepEqual((await container.notifications.groupRecipients(coventry, boardId, 'minutes')).turnedOff, []);
    });
  });
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { giveAction, memberOfGroup, memberPassword } from '../../../test/helpers/myWork.ts';
import { addPerson, appointChair } from '../../../test/helpers/people.ts';

// Stand-ins for what must never leave the database: each is searched for in the exported file's text.
const secrets = { totp: 'SEALED-TOTP-SECRET-0001', recovery: 'RECOVERY-CODE-HASH-0002', reset: 'RESET-TOKEN-HASH-0003' };

for (const database of testDatabases()) {
  describe(`everything held about a person, exported by an administrator, on ${database.engine}`, () => {
    it('holds every kind of record about the person and their account, and no secret or hash', async (t) => {
      const { app, container, client: admin, coventry, boardId } = await build(t, { as: 'admin', database: await database.create() });
      const { governance, database: handle } = container;
      const { db } = handle;
      const member = await memberOfGroup(container, coventry, boardId, { email: 'rita@example.com', name: 'Rita Member' });
      const { personId, organisationId, userId } = member;
      // Declared by the member herself, so that the audit log holds an entry made by her account.
      await governance.interests.create({ userId }, coventry, {
        personId,
        category: 'employment',
        description: 'Trustee of Hillfields Trust',
        declaredOn: '2020-01-01',
        endedOn: null,
      });
      await appointChair(container, coventry, { email: member.email, name: 'Rita Member', groupId: boardId });
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2026-12-20');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Night-time economy');
      const [membership] = await governance.listMemberships(coventry, { personId });
      assert.ok(membership);
      const at = '2026-12-01T10:00:00.000Z';
      const common = { partnershipId: coventry, meetingId };
      await db
        .insertInto('attendance')
        .values({
          id: randomUUID(),
          ...common,
          membershipId: membership.id,
          status: 'present',
          substitutePersonId: null,
          attendeeName: null,
          attendeeOrganisation: null,
          recordedAt: at,
          recordedBy: null,
        })
        .execute();
      await db
        .insertInto('meetingApologies')
        .values({ id: randomUUID(), ...common, personId, substitutePersonId: null, note: 'On leave that week', sentAt: at, sentBy: userId })
        .execute();
      await db
        .insertInto('itemInterests')
        .values({
          id: randomUUID(),
          ...common,
          agendaItemId: itemId,
          personId,
          category: 'financial',
          interestId: null,
          nature: 'Owns a bar in the area',
          declaredAt: at,
          declaredBy: userId,
          recordedAt: null,
          recordedBy: null,
        })
        .execute();
      await db
        .insertInto('minutesComments')
        .values({
          id: randomUUID(),
          ...common,
          agendaItemId: itemId,
          personId,
          comment: 'Please add my apologies',
          madeAt: at,
          madeBy: userId,
          resolution: null,
          resolutionNote: null,
          resolvedAt: null,
          resolvedBy: null,
        })
        .execute();
      // Signed in before two-step sign-in is set up, which would ask her for a code.
      const rita = new Browser(app);
      await rita.signIn(member.email, memberPassword);
      await db.insertInto('noticePreferences').values({ personId, reminders: 0, digest: 1, updatedAt: at }).execute();
      await db.insertInto('noticeOptOuts').values({ personId, groupId: boardId, kind: 'minutes', createdAt: at }).execute();
      await db
        .insertInto('heldNotices')
        .values({
          id: randomUUID(),
          partnershipId: coventry,
          personId,
          email: 'rita@example.com',
          kind: 'publication',
          groupId: boardId,
          subject: 'Board agenda published',
          text: 'The agenda is out',
          heldAt: at,
        })
        .execute();
      await db
        .insertInto('twoStepEnrolments')
        .values({ userId, sealedSecret: secrets.totp, confirmedAt: at, lastUsedStep: null, createdAt: at })
        .execute();
      await db.insertInto('twoStepRecoveryCodes').values({ id: randomUUID(), userId, codeHash: secrets.recovery, usedAt: null }).execute();
      await db
        .insertInto('passwordResets')
        .values({ id: randomUUID(), userId, tokenHash: secrets.reset, createdAt: at, expiresAt: '2026-12-01T11:00:00.000Z', spentAt: null })
        .execute();
      await giveAction(container, coventry, boardId, {
        description: 'Walk the night-time route',
        owner: 'Rita Member',
        dueDate: null,
        personId,
      });
      await giveAction(container, coventry, boardId, {
        description: 'Share licensing data',
        owner: 'Her council',
        dueDate: null,
        organisationId,
      });

      const download = await admin.get(`/admin/users/${userId}/everything-held.json`);
      assert.equal(download.statusCode, 200);
      assert.match(String(download.headers['content-type']), /^application\/json/);
      assert.match(
        String(download.headers['content-disposition']),
        /^attachment; filename="everything-held-about-rita-member-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const text = download.body;
      const file = JSON.parse(text) as Record<string, unknown[]> & {
        account: Record<string, unknown> & { twoStepSignIn: Record<string, unknown> };
      };
      assert.equal(file.about, 'Rita Member');
      for (const kind of [
        'people',
        'memberships',
        'interests',
        'chairAppointments',
        'attendance',
        'apologies',
        'itemInterests',
        'minutesComments',
        'actionsOwned',
        'actionsOfTheirOrganisation',
        'noticePreferences',
        'noticeOptOuts',
        'heldNotices',
        'roles',
        'auditEntriesByThem',
        'auditEntriesAboutThem',
        'signInHistory',
      ]) {
        assert.ok(Array.isArray(file[kind]) && file[kind].length > 0, `the file lists ${kind}`);
      }
      assert.deepEqual(
        file.actionsOwned?.map((a) => (a as { description: string }).description),
        ['Walk the night-time route'],
      );
      assert.ok(file.actionsOfTheirOrganisation?.some((a) => (a as { description: string }).description === 'Share licensing data'));
      assert.equal(file.account.email, 'rita@example.com');
      assert.equal(file.account.password, 'set');
      assert.equal(file.account.twoStepSignIn.authenticator, 'set');
      assert.equal(file.account.twoStepSignIn.recoveryCodes, 'set');
      const user = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirstOrThrow();
      for (const secret of [user.passwordHash, secrets.totp, secrets.recovery, secrets.reset]) {
        assert.ok(!text.includes(secret), `the file does not hold ${secret.slice(0, 12)}…`);
      }
      assert.ok(!/passwordHash|sealedSecret|codeHash|tokenHash/.test(text), 'no secret column is named');

      // From the person's page: the same person, through their account; the export is audited as a view.
      const person = await admin.get(`/partnerships/${coventry}/people/${personId}`);
      assert.match(person.body, new RegExp(`href="/partnerships/${coventry}/people/${personId}/everything-held.json"`));
      const fromPerson = await admin.get(`/partnerships/${coventry}/people/${personId}/everything-held.json`);
      assert.equal(fromPerson.statusCode, 200);
      assert.equal((JSON.parse(fromPerson.body) as { account: { email: string } }).account.email, 'rita@example.com');
      const views = await db.selectFrom('auditLog').selectAll().where('action', '=', 'view').where('entityId', '=', userId).execute();
      assert.deepEqual(
        views.map(({ summary }) => summary),
        ['Exported everything held about Rita Member', 'Exported everything held about Rita Member'],
      );
      assert.match((await admin.get(`/admin/users/${userId}`)).body, /Export everything held about this person/);
    });

    it('exports an unlinked person alone, and refuses everyone but administrators and other partnerships’ people', async (t) => {
      const { app, container, client: admin, coventry } = await build(t, { as: 'admin', database: await database.create() });
      const { governance, accounts } = container;
      const [person] = await governance.people.list(coventry);
      assert.ok(person && !person.userId);
      const alone = await admin.get(`/partnerships/${coventry}/people/${person.id}/everything-held.json`);
      assert.equal(alone.statusCode, 200);
      const file = JSON.parse(alone.body) as { people: { id: string }[]; account: unknown };
      assert.deepEqual(
        file.people.map(({ id }) => id),
        [person.id],
      );
      assert.equal(file.account, null);

      const other = (await governance.partnerships.list(null)).find(({ id }) => id !== coventry);
      assert.ok(other);
      const [organisation] = await governance.organisations.list(other.id);
      assert.ok(organisation);
      const stranger = await addPerson(governance, other.id, { name: 'Sam Stranger', email: null, organisationId: organisation.id });
      assert.equal((await admin.get(`/partnerships/${coventry}/people/${stranger}/everything-held.json`)).statusCode, 404);
      assert.equal((await admin.get('/admin/users/no-such-account/everything-held.json')).statusCode, 404);

      const officerId = await accounts.createUser(systemPrincipal, {
        email: 'olive@example.com',
        name: 'Olive Officer',
        password: memberPassword,
        isAdmin: false,
      });
      await accounts.grantRole(systemPrincipal, officerId, 'officer', { partnershipId: coventry, areaId: null });
      const officer = new Browser(app);
      await officer.signIn('olive@example.com', memberPassword);
      assert.equal((await officer.get(`/partnerships/${coventry}/people/${person.id}/everything-held.json`)).statusCode, 403);
      assert.equal((await officer.get(`/admin/users/${officerId}/everything-held.json`)).statusCode, 403);
      assert.doesNotMatch((await officer.get(`/partnerships/${coventry}/people/${person.id}`)).body, /everything-held/);
    });
  });
}

describe('the accessibility statement, privacy notice and cookies page', () => {
  it('answer signed out, are linked from every page’s footer, and name the configured contact', async (t) => {
    const { client } = await build(t, { as: 'nobody', config: { privacyContact: 'the Safer Coventry data protection officer' } });
    for (const path of ['/accessibility', '/privacy', '/cookies']) {
      const page = await client.get(path);
      assert.equal(page.statusCode, 200, path);
      for (const linked of ['/accessibility', '/privacy', '/cookies']) {
        assert.match(page.body, new RegExp(`class="govuk-footer__link" href="${linked}"`), `${path} links to ${linked}`);
      }
    }
    assert.match((await client.get('/privacy')).body, /contact the Safer Coventry data protection officer/);
    assert.match((await client.get('/cookies')).body, /safer_session/);
    assert.match((await client.get('/accessibility')).body, /WCAG|Web Content Accessibility Guidelines version 2\.2/);
  });
});

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addMember as addMemberTo, addPerson as addPersonTo } from '../../../test/helpers/people.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { type Container, createContainer } from '../../container.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';
import type { Email, Mailer } from './index.ts';
import { choiceValue, type NoticePerson } from './noticeSettings.service.ts';

/** A clock the test sets by hand. */
function fixedClock(start: string): Clock & { set(at: string): void } {
  let now = new Date(start);
  return { now: () => now, set: (at) => (now = new Date(at)) };
}

function recordingMailer(): Mailer & { sent: Email[] } {
  const sent: Email[] = [];
  return { sent, send: (email) => Promise.resolve(void sent.push(email)) };
}

const unsubscribeLink = (email: Email | undefined) => /\/unsubscribe\/([\w-]+\.[\w-]+)/.exec(email?.text ?? '')?.[1] ?? '';

for (const database of testDatabases()) {
  describe(`notices a person controls, on ${database.engine}`, () => {
    // A Wednesday in summer.
    const clock = fixedClock('2016-07-27T09:00:00Z');
    const mailer = recordingMailer();
    let container: Container;
    let coventry: string;
    let organisationId: string;
    let boardId: string;
    let preventId: string;
    let asha: NoticePerson;
    let ben: NoticePerson;

    const person = async (name: string, email: string | null): Promise<NoticePerson> => ({
      partnershipId: coventry,
      personId: await addPersonTo(container.governance, coventry, { name, email, organisationId }),
      name,
    });
    const join = (groupId: string, who: NoticePerson, role: 'member' | 'secretary' = 'member') =>
      addMemberTo(container.governance, coventry, { groupId, personId: who.personId, organisationId, role });
    const sentTo = () => mailer.sent.map((e) => e.to).sort();

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create(), mailer });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      const [organisation] = await container.governance.organisations.list(coventry);
      organisationId = organisation?.id ?? '';
      const board = (await container.governance.groups.list(coventry)).find((group) => group.parentId === null);
      boardId = board?.id ?? '';
      boardId = await container.governance.groups.create(systemPrincipal, coventry, { name: 'Notices Board', parentId: boardId });
      preventId = await container.governance.groups.create(systemPrincipal, coventry, { name: 'Prevent Group', parentId: boardId });
      asha = await person('Asha Patel', 'asha.patel@example.org');
      ben = await person('Ben Hughes', 'ben.hughes@example.org');
      for (const group of [boardId, preventId]) for (const who of [asha, ben]) await join(group, who);
    });
    after(() => container.database.close());
    beforeEach(async () => {
      await container.database.db.deleteFrom('jobs').execute();
      mailer.sent.length = 0;
    });

    it('shows each group a person sits on, everything on until they choose', async () => {
      const [settings] = await container.noticeSettings.settingsOf([asha]);
      assert.deepEqual(settings?.groups.map((g) => [g.groupName, g.publication, g.minutes]).sort(), [
        ['Notices Board', true, true],
        ['Prevent Group', true, true],
      ]);
      assert.equal(settings?.reminders, true);
      assert.equal(settings?.digest, false);
    });

    it('sends a group’s notice only to those who have not turned it off, and says who did', async () => {
      // Asha keeps the board's agendas but not Prevent's; minutes of both.
      const ticked = new Set([
        choiceValue(asha.personId, 'publication', boardId),
        choiceValue(asha.personId, 'minutes', boardId),
        choiceValue(asha.personId, 'minutes', preventId),
        choiceValue(asha.personId, 'reminders'),
      ]);
      await container.noticeSettings.save({ userId: null }, [asha], { ticked, digest: false });
      const told = await container.notifications.notifyGroupMembers(coventry, preventId, 'publication', 'Agenda published', 'Ready.');
      assert.deepEqual(
        told.addressed.map((p) => p.name),
        ['Ben Hughes'],
      );
      assert.deepEqual(told.turnedOff, [{ name: 'Asha Patel' }]);
      await container.notifications.notifyGroupMembers(coventry, preventId, 'minutes', 'Minutes circulated', 'Read them.');
      await container.notifications.notifyGroupMembers(coventry, boardId, 'publication', 'Board agenda', 'Ready.');
      await container.notifications.runDueJobs();
      assert.deepEqual(mailer.sent.map((e) => `${e.to}: ${e.subject}`).sort(), [
        'asha.patel@example.org: Board agenda',
        'asha.patel@example.org: Minutes circulated',
        'ben.hughes@example.org: Agenda published',
        'ben.hughes@example.org: Board agenda',
        'ben.hughes@example.org: Minutes circulated',
      ]);
      const audit = await container.database.db.selectFrom('auditLog').selectAll().where('entityId', '=', asha.personId).execute();
      assert.ok(
        audit.some((entry) => entry.summary === 'Changed the e-mails Asha Patel gets' && entry.afterJson?.includes('Prevent Group')),
      );
      // Back on, for the tests after.
      await container.noticeSettings.save({ userId: null }, [asha], {
        ticked: new Set([...ticked, choiceValue(asha.personId, 'publication', preventId)]),
        digest: false,
      });
    });

    it('reminds of an action only a person who has not turned reminders off', async () => {
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-21');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Hate crime');
      for (const owner of [asha, ben])
        await container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
          description: 'Report',
          owner: { kind: 'person', personId: owner.personId },
          dueDate: '2016-07-29',
        });
      await container.noticeSettings.save({ userId: null }, [ben], { ticked: new Set(), digest: false });
      assert.equal(await container.notifications.queueActionReminders(), 1);
      await container.notifications.runDueJobs();
      assert.deepEqual(sentTo(), ['asha.patel@example.org']);
      assert.match(
        mailer.sent[0]?.text ?? '',
        /To stop reminders of your actions, without signing in:\nhttp:\/\/localhost:3000\/unsubscribe\//,
      );
      await container.noticeSettings.save({ userId: null }, [ben], {
        ticked: new Set(
          [boardId, preventId].flatMap((g) => [choiceValue(ben.personId, 'publication', g), choiceValue(ben.personId, 'minutes', g)]),
        ),
        digest: false,
      });
    });

    it('stops what an e-mail’s link names, by the link alone, and audits it; a changed link stops nothing', async () => {
      await container.notifications.notifyGroupMembers(coventry, boardId, 'minutes', 'Minutes circulated', 'Read them.');
      await container.notifications.runDueJobs();
      const toBen = mailer.sent.find((e) => e.to === 'ben.hughes@example.org');
      const token = unsubscribeLink(toBen);
      assert.equal(toBen?.headers?.['List-Unsubscribe'], `<http://localhost:3000/unsubscribe/${token}>`);
      assert.equal(toBen?.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');

      assert.deepEqual(await container.noticeSettings.unsubscribeView(token), {
        name: 'Ben Hughes',
        stops: 'e-mails when the minutes of the Notices Board are circulated',
        stopped: false,
      });
      const tampered = `${token.slice(0, 5)}${token[5] === 'x' ? 'y' : 'x'}${token.slice(6)}`;
      assert.equal(await container.noticeSettings.unsubscribe(tampered), null);
      // Ten at once (a mail program's one click and the page's button, say): each answers, one opt-out is kept.
      const results = await Promise.all(Array.from({ length: 10 }, () => container.noticeSettings.unsubscribe(token)));
      assert.ok(results.every((view) => view?.stopped));
      const [settings] = await container.noticeSettings.settingsOf([ben]);
      assert.deepEqual(settings?.groups.map((g) => [g.groupName, g.publication, g.minutes]).sort(), [
        ['Notices Board', true, false],
        ['Prevent Group', true, true],
      ]);
      const optOuts = await container.database.db.selectFrom('noticeOptOuts').selectAll().where('personId', '=', ben.personId).execute();
      assert.equal(optOuts.length, 1);
      const entries = await container.database.db.selectFrom('auditLog').selectAll().where('entityId', '=', ben.personId).execute();
      assert.ok(
        entries.some(
          (e) =>
            e.userId === null &&
            e.summary ===
              'Ben Hughes stopped e-mails when the minutes of the Notices Board are circulated, by the unsubscribe link in an e-mail',
        ),
      );
    });

    it('holds notices for a weekly digest, sent on Monday at 07:00 in England as one e-mail listing them', async () => {
      await container.noticeSettings.save({ userId: null }, [asha], {
        ticked: new Set(
          [boardId, preventId].flatMap((g) => [choiceValue(asha.personId, 'publication', g), choiceValue(asha.personId, 'minutes', g)]),
        ),
        digest: true,
      });
      await container.notifications.scheduleDailyJobs();
      const told = await container.notifications.notifyGroupMembers(coventry, boardId, 'publication', 'Agenda published', 'Ready.');
      assert.ok(
        told.addressed.some((p) => p.name === 'Asha Patel'),
        'a digest reader counts as told',
      );
      clock.set('2016-07-28T10:00:00Z');
      await container.notifications.notifyGroupMembers(coventry, preventId, 'minutes', 'Minutes circulated', 'Read them.');
      await container.notifications.runDueJobs();
      assert.ok(!sentTo().includes('asha.patel@example.org'), 'nothing to Asha before Monday');
      assert.equal((await container.database.db.selectFrom('heldNotices').selectAll().execute()).length, 2);

      clock.set('2016-08-01T05:59:00Z');
      await container.notifications.runDueJobs();
      assert.ok(!sentTo().includes('asha.patel@example.org'), 'not before 07:00 BST');
      clock.set('2016-08-01T06:00:00Z');
      await container.notifications.runDueJobs();
      const digest = mailer.sent.filter((e) => e.to === 'asha.patel@example.org');
      assert.equal(digest.length, 1);
      assert.equal(digest[0]?.subject, 'Your weekly e-mail from Safer: 2 notices');
      assert.match(digest[0]?.text ?? '', /1\. Agenda published\n\nReady\.\n\n2\. Minutes circulated\n\nRead them\./);
      assert.match(digest[0]?.text ?? '', /To stop all e-mails from Safer about your groups and actions/);
      assert.equal((await container.database.db.selectFrom('heldNotices').selectAll().execute()).length, 0, 'forgotten once sent');
      const next = await container.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'notice-digest')
        .where('doneAt', 'is', null)
        .execute();
      assert.deepEqual(
        next.map((j) => j.runAfter),
        ['2016-08-08T06:00:00.000Z'],
        'next Monday’s is queued',
      );

      // The digest's link stops everything.
      const view = await container.noticeSettings.unsubscribe(unsubscribeLink(digest[0]));
      assert.equal(view?.stops, 'every e-mail Safer sends you about your groups and your actions');
      const [settings] = await container.noticeSettings.settingsOf([asha]);
      assert.ok(settings && !settings.reminders && settings.groups.every((g) => !g.publication && !g.minutes));
    });
  });
}

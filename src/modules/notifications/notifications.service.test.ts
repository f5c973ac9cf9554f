import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { testConfig } from '../../../test/helpers/app.ts';
import { startSmtpServer, unfolded } from '../../../test/helpers/mail.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { seedDemo } from '../governance/index.ts';
import { addMember as addMemberTo, addPerson as addPersonTo } from '../../../test/helpers/people.ts';
import type { OwnerChoice } from '../actions/index.ts';
import type { Email, Mailer } from './index.ts';
import { claimDueJobs, type JobRow } from './jobs.repository.ts';
import { maxAttempts } from './retries.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';

/** A clock the test moves on by hand. */
function testClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** Records what it is asked to send; fails while `failing` is set. */
function recordingMailer(): Mailer & { sent: Email[]; failing: string | null } {
  const mailer = {
    sent: [] as Email[],
    failing: null as string | null,
    async send(email: Email) {
      // A pause, so that two workers' runs interleave.
      await delay(2);
      if (mailer.failing) throw new Error(mailer.failing);
      mailer.sent.push(email);
    },
  };
  return mailer;
}

for (const database of testDatabases()) {
  describe(`notifications on ${database.engine}`, () => {
    const clock = testClock('2016-07-25T09:00:00Z');
    const mailer = recordingMailer();
    let container: Container;
    let coventry: string;
    let boardId: string;
    let boardName: string;
    let organisationId: string;

    const jobs = () => container.database.db.selectFrom('jobs').selectAll().orderBy('runAfter').orderBy('createdAt').execute();

    const addPerson = (name: string, email: string | null) => addPersonTo(container.governance, coventry, { name, email, organisationId });
    const addMember = (groupId: string, personId: string, role: 'chair' | 'member' | 'secretary', endDate: string | null = null) =>
      addMemberTo(container.governance, coventry, { groupId, personId, organisationId, role, endDate });

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create(), mailer });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      const board = (await container.governance.groups.list(coventry)).find((group) => group.parentId === null);
      const [organisation] = await container.governance.organisations.list(coventry);
      assert.ok(board && organisation);
      boardId = board.id;
      boardName = board.name;
      organisationId = organisation.id;
    });
    after(() => container.database.close());
    beforeEach(async () => {
      await container.database.db.deleteFrom('jobs').execute();
      mailer.sent.length = 0;
      mailer.failing = null;
    });

    it('sends a queued e-mail through a real SMTP server', async () => {
      const smtp = await startSmtpServer();
      try {
        // Built from the settings, as in production: SMTP_URL and MAIL_FROM through the container to nodemailer.
        const { notifications } = createContainer(
          { ...testConfig, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, mailFrom: 'Coventry Community Safety Team <csp@coventry.example>' },
          { clock, database: container.database },
        );
        await notifications.enqueueEmail('jo.bloggs@example.org', 'Agenda published: Police and Crime Board', 'The agenda is ready.');
        assert.deepEqual(await notifications.runDueJobs(), { done: 1, retried: 0, failed: 0 });
        assert.equal(smtp.received.length, 1);
        const [message] = smtp.received;
        assert.deepEqual(message?.to, ['jo.bloggs@example.org']);
        assert.match(message?.raw ?? '', /^To: jo\.bloggs@example\.org$/m);
        assert.match(message?.raw ?? '', /^From: Coventry Community Safety Team <csp@coventry\.example>$/m);
        assert.match(message?.raw ?? '', /^Subject: Agenda published: Police and Crime Board$/m);
        assert.match(message?.raw ?? '', /The agenda is ready\./);
        const [job] = await jobs();
        assert.ok(job?.doneAt, 'the job is marked done');

        await notifications.enqueueEmail('left@unknown.example', 'Agenda published', 'The agenda is ready.');
        assert.deepEqual(await notifications.runDueJobs(), { done: 0, retried: 1, failed: 0 }, 'a refusal is tried again later');
        const refused = (await jobs()).find((j) => j.doneAt === null);
        assert.match(refused?.lastError ?? '', /550.*No such mailbox/);
        assert.equal(smtp.received.length, 1);
      } finally {
        await smtp.close();
      }
    });

    it('tries a failed e-mail again later, backing off, and gives up after the last attempt', async () => {
      await container.notifications.enqueueEmail('jo@example.org', 'Papers', 'Text');
      mailer.failing = 'connect ECONNREFUSED 127.0.0.1:25';
      assert.deepEqual(await container.notifications.runDueJobs(), { done: 0, retried: 1, failed: 0 });
      let [job] = await jobs();
      assert.equal(job?.attempts, 1);
      assert.equal(job?.lastError, 'connect ECONNREFUSED 127.0.0.1:25');
      assert.equal(job?.runAfter, '2016-07-25T09:01:00.000Z', 'one minute after the first failure');
      assert.deepEqual(await container.notifications.runDueJobs(), { done: 0, retried: 0, failed: 0 }, 'not before then');

      const waits: string[] = [];
      for (let attempt = 2; attempt <= maxAttempts; attempt += 1) {
        clock.advance(Date.parse(job?.runAfter ?? '') - clock.now().getTime());
        await container.notifications.runDueJobs();
        [job] = await jobs();
        waits.push(job?.runAfter ?? '');
      }
      assert.deepEqual(waits.slice(0, -1), ['2016-07-25T09:03:00.000Z', '2016-07-25T09:07:00.000Z', '2016-07-25T09:15:00.000Z']);
      assert.equal(job?.attempts, maxAttempts);
      assert.ok(job?.failedAt, 'given up, and recorded');
      mailer.failing = null;
      clock.advance(24 * 60 * 60_000);
      assert.deepEqual(await container.notifications.runDueJobs(), { done: 0, retried: 0, failed: 0 }, 'a job given up stays given up');
      assert.equal(mailer.sent.length, 0);
    });

    it('never sends a job twice when two workers run at once', async () => {
      const second = createContainer(testConfig, { clock, database: container.database, mailer }).notifications;
      for (let n = 0; n < 30; n += 1) await container.notifications.enqueueEmail(`member${n}@example.org`, 'Papers', 'Text');
      const runs = await Promise.all([container.notifications.runDueJobs(), second.runDueJobs()]);
      assert.equal(runs[0].done + runs[1].done, 30);
      assert.equal(new Set(mailer.sent.map((e) => e.to)).size, 30);
      assert.equal(mailer.sent.length, 30, 'each e-mail sent once');
      assert.equal(new Set((await jobs()).map((j) => j.attempts)).size, 1, 'each claimed once');
    });

    it('lets a second claimer pass over the jobs a first has claimed but not yet committed', async () => {
      for (let n = 0; n < 6; n += 1) await container.notifications.enqueueEmail(`member${n}@example.org`, 'Papers', 'Text');
      const { db, engine } = container.database;
      const now = clock.now();
      const leaseUntil = new Date(now.getTime() + 60_000).toISOString();
      const claim = (workerId: string) => ({ workerId, now: now.toISOString(), leaseUntil, limit: 3 });
      let second: Promise<JobRow[]> = Promise.resolve([]);
      const first = await db.transaction().execute(async (trx) => {
        const claimed = await claimDueJobs(trx, engine, claim('first'));
        // The second claims while the first's claim is uncommitted (on SQLite it waits for the one writer).
        second = claimDueJobs(db, engine, claim('second'));
        await delay(100);
        return claimed;
      });
      const ids = [...first, ...(await second)].map((job) => job.id);
      assert.equal(ids.length, 6);
      assert.equal(new Set(ids).size, 6, 'no job claimed by both');
    });

    it('e-mails each current member of a group who has an address', async () => {
      const groupId = await container.governance.groups.create(systemPrincipal, coventry, { name: 'Prevent Group', parentId: boardId });
      await addMember(groupId, await addPerson('Asha Patel', 'asha.patel@example.org'), 'chair');
      await addMember(groupId, await addPerson('Ben Hughes', 'BEN.HUGHES@example.org'), 'member');
      await addMember(groupId, await addPerson('Carol Dean', null), 'member');
      await addMember(groupId, await addPerson('Dev Singh', 'dev.singh@example.org'), 'member', '2016-06-30');
      const told = await container.notifications.notifyGroupMembers(
        coventry,
        groupId,
        'publication',
        'Agenda published',
        'The agenda is ready.',
      );
      assert.deepEqual(told.addressed.map((person) => person.name).sort(), ['Asha Patel', 'Ben Hughes']);
      assert.deepEqual(told.withoutAddress, [{ name: 'Carol Dean' }], 'a current member without an address is named, a former one is not');
      await container.notifications.runDueJobs();
      assert.deepEqual(mailer.sent.map((e) => e.to).sort(), ['asha.patel@example.org', 'ben.hughes@example.org']);
      assert.ok(mailer.sent.every((e) => e.subject === 'Agenda published' && e.text.startsWith('The agenda is ready.\n\nTo stop e-mails')));
    });

    it('tells the members of a group, through a real SMTP server, when a meeting’s agenda is published', async () => {
      const smtp = await startSmtpServer();
      try {
        const app = createContainer(
          { ...testConfig, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, publicUrl: 'https://safer.coventry.example' },
          { clock, database: container.database },
        );
        const groupId = await app.governance.groups.create(systemPrincipal, coventry, { name: 'City Tasking Group', parentId: boardId });
        await addMember(groupId, await addPerson('Eve Tasker', 'eve.tasker@example.org'), 'member');
        await addMember(groupId, await addPerson('Finn Analyst', 'finn.analyst@example.org'), 'member');
        const meetingId = await app.meetings.schedule(systemPrincipal, coventry, {
          groupId,
          kind: 'ordinary',
          meetingDate: '2016-08-11',
          startTime: '09:30',
          location: 'Little Park Street Police Station',
        });
        assert.equal((await jobs()).length, 0, 'nothing is sent before publication');
        await app.papers.publish(systemPrincipal, coventry, meetingId);
        await app.notifications.runDueJobs();

        assert.deepEqual(smtp.received.map((m) => m.to).sort(), [['eve.tasker@example.org'], ['finn.analyst@example.org']]);
        // Unfolded: long headers and quoted-printable lines are wrapped in transit.
        const raw = unfolded(smtp.received[0]?.raw ?? '');
        assert.match(raw, /^Subject: Agenda and papers published: City Tasking Group, Thursday 11 August 2016 at 09:30$/m);
        assert.match(raw, /meeting on Thursday 11 August 2016 at 09:30 at Little Park Street Police Station have been published/);
        assert.match(raw, new RegExp(`https://safer\\.coventry\\.example/partnerships/${coventry}/meetings/${meetingId}`));
        assert.match(raw, new RegExp(`https://safer\\.coventry\\.example/public/partnerships/${coventry}/meetings/${meetingId}`));
        // Each member's own way out: a link at the foot, and the headers a mail program offers as one button.
        const link = /^List-Unsubscribe: <(https:\/\/safer\.coventry\.example\/unsubscribe\/[\w-]+\.[\w-]+)>$/m.exec(raw)?.[1];
        assert.ok(link, 'a List-Unsubscribe header');
        assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
        assert.match(raw, /To stop e-mails about this group/);
        assert.ok(raw.includes(link), 'the same link in the text');
        const otherLink = /^List-Unsubscribe: <([^>]+)>$/m.exec(smtp.received[1]?.raw.replace(/\r\n[ \t]/g, ' ') ?? '')?.[1];
        assert.notEqual(otherLink, link, 'each member’s link is their own');
      } finally {
        await smtp.close();
      }
    });

    it('reminds owners of actions falling due once per due date, and never of done or cancelled ones', async () => {
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-19');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
      const jane = await addPerson('Jane Smith', 'jane.smith@example.org');
      await addMember(boardId, await addPerson('Sam Clerk', 'sam.clerk@example.org'), 'secretary');
      const action = (description: string, owner: OwnerChoice, dueDate: string) =>
        container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, { description, owner, dueDate });
      const toJane = { kind: 'person', personId: jane } as const;
      const dueSoon = await action('Report on the DPPO consultation', toJane, '2016-07-29');
      await action('Share the hotspot map', { kind: 'other', name: 'All agencies' }, '2016-07-20');
      await action('Write to the Home Office', toJane, '2016-09-01');
      const done = await action('Circulate the minutes', toJane, '2016-07-26');
      const cancelled = await action('Book the venue', toJane, '2016-07-26');
      await container.actions.updateAction(systemPrincipal, coventry, done, 1, { status: 'done', note: 'Circulated' });
      await container.actions.updateAction(systemPrincipal, coventry, cancelled, 1, { status: 'cancelled', note: 'Not needed' });

      assert.equal(await container.notifications.queueActionReminders(), 2);
      await container.notifications.runDueJobs();
      const byRecipient = new Map(mailer.sent.map((e) => [e.to, e]));
      assert.deepEqual([...byRecipient.keys()].sort(), ['jane.smith@example.org', 'sam.clerk@example.org']);
      const toJaneSent = byRecipient.get('jane.smith@example.org');
      assert.equal(toJaneSent?.subject, 'Action due on 29 July 2016');
      assert.match(toJaneSent?.text ?? '', /^Dear Jane Smith,/);
      assert.match(toJaneSent?.text ?? '', /Action: Report on the DPPO consultation/);
      assert.ok(toJaneSent?.text.includes(`agreed at the ${boardName} meeting on 19 July 2016`), 'says where it was agreed');
      assert.ok(toJaneSent?.text.includes(`http://localhost:3000/partnerships/${coventry}/actions/${dueSoon}`), 'links to the action');
      const sam = byRecipient.get('sam.clerk@example.org');
      assert.equal(sam?.subject, 'Action overdue: it was due on 20 July 2016');
      assert.match(sam?.text ?? '', /Who: All agencies/);

      assert.equal(await container.notifications.queueActionReminders(), 0, 'running again sends nothing new');
      clock.advance(5 * 24 * 60 * 60_000);
      assert.equal(await container.notifications.queueActionReminders(), 0, 'nor does a later day, for the same due dates');
    });

    it('reminds the owning organisation’s people on the group, and never anyone by name', async () => {
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-22');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Night-time economy');
      const [, other] = await container.governance.organisations.list(coventry);
      assert.ok(other);
      const ofOther = (name: string, email: string) =>
        addPersonTo(container.governance, coventry, { name, email, organisationId: other.id });
      const onBoard = await ofOther('Olu Adviser', 'olu.adviser@example.org');
      await addMemberTo(container.governance, coventry, { groupId: boardId, personId: onBoard, organisationId: other.id, role: 'member' });
      await ofOther('Pat Adviser', 'pat.adviser@example.org');
      await addPerson('Kim Named', 'kim.named@example.org');
      const action = (description: string, owner: OwnerChoice) =>
        container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, { description, owner, dueDate: '2016-07-27' });
      await action('Walk the late-night routes', { kind: 'organisation', organisationId: other.id });
      await action('Count the taxi marshals', { kind: 'other', name: 'Kim Named' });

      // The organisation's people on the board: Olu, and any of the demo's with an address; never Pat, who is not on it.
      const seated = new Set((await container.governance.currentMemberships(coventry, { groupId: boardId })).map((m) => m.personId));
      const onTheBoard = (await container.governance.people.list(coventry))
        .filter((person) => person.organisationId === other.id && seated.has(person.id) && person.email)
        .map((person) => [person.email, 'Walk the late-night routes']);
      assert.ok(onTheBoard.some(([email]) => email === 'olu.adviser@example.org'));
      assert.equal(await container.notifications.queueActionReminders(), onTheBoard.length + 1);
      await container.notifications.runDueJobs();
      assert.deepEqual(
        mailer.sent.map((e) => [e.to, e.text.match(/Action: (.*)/)?.[1]]).sort(),
        [
          ...onTheBoard,
          // Words that happen to be someone's name are not that person: the secretary is reminded.
          ['sam.clerk@example.org', 'Count the taxi marshals'],
        ].sort(),
      );
    });

    it('puts each daily job on the queue once a day however many servers start, and each run queues the next', async () => {
      await container.notifications.scheduleDailyJobs();
      await container.notifications.scheduleDailyJobs();
      // The weekly digest too, for Monday morning (the clock has moved on to a Sunday by now).
      assert.deepEqual((await jobs()).map((j) => j.kind).sort(), ['action-reminders', 'forget-finished-jobs', 'notice-digest']);
      const today = clock.now().toISOString().slice(0, 10);
      assert.deepEqual(await container.notifications.runDueJobs(), { done: 2, retried: 0, failed: 0 });
      const next = (await jobs()).filter((j) => j.doneAt === null);
      assert.deepEqual(next.map((j) => j.kind).sort(), ['action-reminders', 'forget-finished-jobs', 'notice-digest']);
      assert.ok(
        next.every((j) => j.runAfter.slice(0, 10) > today && j.runAfter.endsWith('T06:00:00.000Z')),
        'tomorrow morning',
      );
    });

    it('forgets jobs finished more than 90 days ago, keeping those still to run', async () => {
      const daysAgo = (days: number) => new Date(clock.now().getTime() - days * 24 * 60 * 60_000).toISOString();
      await container.notifications.enqueueEmail('old@example.org', 'Old', 'Text');
      await container.notifications.enqueueEmail('recent@example.org', 'Recent', 'Text');
      await container.notifications.enqueueEmail('gave-up@example.org', 'Given up', 'Text');
      const db = container.database.db;
      await db
        .updateTable('jobs')
        .set({ doneAt: daysAgo(91) })
        .where('payload', 'like', '%old@%')
        .execute();
      await db
        .updateTable('jobs')
        .set({ doneAt: daysAgo(10) })
        .where('payload', 'like', '%recent@%')
        .execute();
      await db
        .updateTable('jobs')
        .set({ failedAt: daysAgo(100) })
        .where('payload', 'like', '%gave-up@%')
        .execute();
      await container.notifications.enqueueEmail('waiting@example.org', 'Waiting', 'Text');
      await db
        .updateTable('jobs')
        .set({ runAfter: daysAgo(-1) })
        .where('payload', 'like', '%waiting@%')
        .execute();
      await container.notifications.scheduleDailyJobs();
      await container.notifications.runDueJobs();
      const left = (await jobs()).filter((j) => j.kind === 'email').map((j) => (JSON.parse(j.payload) as Email).to);
      assert.deepEqual(left.sort(), ['recent@example.org', 'waiting@example.org']);
    });
  });
}

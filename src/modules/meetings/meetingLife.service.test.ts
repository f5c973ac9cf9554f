/**
 * The steps of a meeting's life on the clock in England: attendance and minutes once it has started, approval
 * at a later meeting that has started, signing after approval; the minutes' circulation e-mails the members.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import { type Container, createContainer } from '../../container.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';

let now = new Date('2027-01-11T09:00:00Z');
const clock = { now: () => now };

for (const database of testDatabases()) {
  describe(`a meeting's steps against the clock, on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let groupId: string;

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create() });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      const [board] = await container.governance.groups.list(coventry);
      groupId = await container.governance.groups.create(systemPrincipal, coventry, {
        name: 'Life Test Group',
        parentId: board?.id ?? null,
      });
      const [organisation] = await container.governance.organisations.list(coventry);
      for (const [name, email] of [
        ['Asha Minutes', 'asha.minutes@example.org'],
        ['Noel Noaddress', null],
      ] as const) {
        const organisationId = organisation?.id ?? '';
        const personId = await addPerson(container.governance, coventry, { name, email, organisationId });
        await addMember(container.governance, coventry, { groupId, personId, organisationId, role: 'member' });
      }
    });
    after(() => container.database.close());

    const refusedWith = (pattern: RegExp) => (error: unknown) => error instanceof FieldValidationError && pattern.test(error.message);

    it('refuses attendance, minutes, their approval and signature for a meeting two weeks ahead, and says from when', async () => {
      now = new Date('2027-01-11T09:00:00Z');
      const meetingId = await scheduleMeeting(container.meetings, coventry, groupId, '2027-01-25');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Night-time economy');
      const next = await scheduleMeeting(container.meetings, coventry, groupId, '2027-03-22');
      const notYet = refusedWith(
        /^This meeting starts on Monday 25 January 2027 at 14:00: its attendance and minutes can be recorded from then$/,
      );
      const { members } = await container.attendance.attendance(coventry, meetingId);
      const everyonePresent = {
        members: members.map(({ member }) => ({ membershipId: member.id, status: 'present' as const, substitutePersonId: null })),
        inAttendance: [],
        minuteTaker: null,
      };
      await assert.rejects(container.attendance.record(systemPrincipal, coventry, meetingId, '', everyonePresent), notYet);
      await assert.rejects(container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 0, 'Discussed'), notYet);
      await assert.rejects(container.minutes.circulate(systemPrincipal, coventry, meetingId, 1), notYet);
      await assert.rejects(container.minutes.approve(systemPrincipal, coventry, meetingId, 1, next), refusedWith(/has not started yet/));
      await assert.rejects(container.minutes.sign(systemPrincipal, coventry, meetingId, 1, 'Cllr Abbott'), notYet);
      await assert.rejects(container.meetings.recordHeld(systemPrincipal, coventry, meetingId, 1), refusedWith(/still to come/));
      const { refusals } = await container.minutes.life(coventry, meetingId);
      assert.ok(
        Object.values(refusals).every((refusal) => refusal !== null),
        'the page offers none of them',
      );
      assert.equal((await container.meetings.get(coventry, meetingId)).started, false);

      // On the day, a minute before the start: still refused.
      now = new Date('2027-01-25T13:59:00Z');
      await assert.rejects(container.attendance.record(systemPrincipal, coventry, meetingId, '', everyonePresent), notYet);
      await assert.rejects(container.meetings.recordHeld(systemPrincipal, coventry, meetingId, 1), refusedWith(/still to come/));

      // It has started: attendance, minutes and circulation, but approval waits for the next meeting to start.
      now = new Date('2027-01-25T14:00:00Z');
      await container.attendance.record(systemPrincipal, coventry, meetingId, '', everyonePresent);
      await container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 0, 'Discussed');
      await container.meetings.recordHeld(systemPrincipal, coventry, meetingId, 1);
      const started = await container.minutes.life(coventry, meetingId);
      assert.equal(started.refusals.circulate, null);
      assert.match(started.refusals.approve ?? '', /approved at a later meeting of the group/);
      const told = await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      assert.deepEqual(told, {
        addressed: [{ name: 'Asha Minutes', email: 'asha.minutes@example.org' }],
        withoutAddress: [{ name: 'Noel Noaddress' }],
        turnedOff: [],
      });
      assert.deepEqual(await container.meetings.later(coventry, meetingId), [], 'no later meeting has started to approve them at');
      await assert.rejects(
        container.minutes.approve(systemPrincipal, coventry, meetingId, 2, next),
        refusedWith(/Monday 22 March 2027 at 14:00 has not started yet/),
      );
      await assert.rejects(container.minutes.sign(systemPrincipal, coventry, meetingId, 2, 'Cllr Abbott'), refusedWith(/cannot be signed/));

      now = new Date('2027-03-22T14:30:00Z');
      assert.deepEqual(
        (await container.meetings.later(coventry, meetingId)).map((m) => m.id),
        [next],
      );
      await assert.rejects(
        container.minutes.approve(systemPrincipal, coventry, meetingId, 2, meetingId),
        refusedWith(/Select a later meeting/),
      );
      await container.minutes.approve(systemPrincipal, coventry, meetingId, 2, next);
      assert.equal((await container.minutes.life(coventry, meetingId)).refusals.sign, null);
      await container.minutes.sign(systemPrincipal, coventry, meetingId, 3, 'Cllr Abbott');
      assert.equal((await container.minutes.life(coventry, meetingId)).status, 'signed');
    });

    it('withdraws a published agenda once, with one audit entry and one notice, when ten withdraw it at the same moment', async () => {
      now = new Date('2027-04-01T09:00:00Z');
      const meetingId = await scheduleMeeting(container.meetings, coventry, groupId, '2027-04-26');
      await container.papers.publish(systemPrincipal, coventry, meetingId);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) => container.papers.withdraw(systemPrincipal, coventry, meetingId, `Reason ${n}`)),
      );
      const done = results.filter((result) => result.status === 'fulfilled');
      assert.equal(done.length, 1);
      const { meeting } = await container.meetings.get(coventry, meetingId);
      assert.equal(meeting.agendaWithdrawnReason, done[0]?.value.reason);
      const entries = await container.database.db
        .selectFrom('auditLog')
        .select('summary')
        .where('entityId', '=', meetingId)
        .where('summary', 'like', 'Withdrew the agenda%')
        .execute();
      assert.equal(entries.length, 1);
      const jobs = await container.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'agenda-withdrawn').execute();
      assert.equal(jobs.filter((job) => job.payload.includes(meetingId)).length, 1);
      await assert.rejects(
        container.papers.withdraw(systemPrincipal, coventry, meetingId, 'Again'),
        refusedWith(/^This agenda was withdrawn on 1 April 2027$/),
      );
    });
  });
}

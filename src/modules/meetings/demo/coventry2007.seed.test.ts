import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../../test/helpers/app.ts';
import { testDatabases } from '../../../../test/helpers/database.ts';
import { type Container, createContainer } from '../../../container.ts';
import { systemPrincipal } from '../../../platform/principal.ts';
import { seedDemo } from '../../governance/index.ts';
import { inAttendance2007, items2007, members2007, minuteTaker2007 } from './coventry2007.data.ts';
import { seedCoventry2007Meeting } from './coventry2007.seed.ts';

for (const database of testDatabases()) {
  describe(`the demo meeting of 30 November 2007 on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let meetingId: string;

    before(async () => {
      container = createContainer(testConfig, { database: await database.create() });
      coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      meetingId = await seedCoventry2007Meeting(container, coventry);
    });
    after(() => container.database.close());

    it('was held, and quorate: 21 members present with Penny Smith, Pete Morgan and the minute taker, 15 apologies', async () => {
      const { meeting } = await container.meetings.get(coventry, meetingId);
      assert.equal(meeting.status, 'held');
      assert.ok(meeting.publishedAt, 'published, so its public part and approved minutes are on the public pages');
      assert.equal(meeting.groupName, 'Coventry Community Safety Partnership');
      const attendance = await container.attendance.attendance(coventry, meetingId);
      const named = (status: string) =>
        attendance.members.filter((m) => m.status === status).map((m) => `${m.member.personName} (${m.member.organisationName})`);
      const expected = (status: string) => members2007.filter((m) => m.status === status).map((m) => `${m.name} (${m.organisation})`);
      assert.deepEqual(named('present').sort(), expected('present').sort());
      assert.equal(named('present').length + attendance.inAttendance.length + 1, 24);
      assert.deepEqual(named('apologies').sort(), expected('apologies').sort());
      assert.equal(named('apologies').length, 15);
      assert.deepEqual(named('absent'), []);
      assert.deepEqual(
        attendance.inAttendance.map((a) => ({ name: a.attendeeName, organisation: a.attendeeOrganisation })),
        inAttendance2007,
      );
      assert.deepEqual(attendance.minuteTaker, minuteTaker2007);
      assert.equal(attendance.members.find((m) => m.member.role === 'chair')?.member.personName, 'Mark Taylor');
      assert.deepEqual(attendance.quorum, { quorate: true, shortfall: [] });
    });

    it('has the 15 numbered items of the minutes, with their presenters', async () => {
      const items = (await container.agenda.agenda(coventry, meetingId)).flatMap((section) => section.items);
      assert.deepEqual(
        items.map((item) => item.number),
        Array.from({ length: 15 }, (_, n) => n + 1),
      );
      for (const [index, seeded] of items2007.entries()) {
        const item = items[index];
        if (!seeded.standardItem) assert.equal(item?.title, seeded.title);
        assert.equal(item?.standardItem ?? undefined, seeded.standardItem);
        assert.equal(item?.presenter ?? undefined, seeded.presenter);
      }
    });

    it('records every Action line with its owner, and the decisions as the minutes say', async () => {
      const actions = await container.actions.actionLog(coventry, systemPrincipal);
      // Sorted: the seed records the two actions of item 7 within the same millisecond, so their log order is arbitrary.
      const byItemAndOwner = (pairs: string[][]) => pairs.map((pair) => pair.join(' | ')).sort();
      assert.deepEqual(
        byItemAndOwner(actions.filter((a) => a.meetingId === meetingId).map((a) => [a.itemTitle ?? '', a.owner])),
        byItemAndOwner([
          ['Unpaid Work Programme', 'Sara Roach'],
          ['Coventry Vulnerable Adults Protection Committee', 'Chief Supt. Steve Glover'],
          ['Coventry Vulnerable Adults Protection Committee', 'Pete Morgan'],
          ['National Standards Action Plan', 'All agencies'],
        ]),
      );
      // The owners who are the meeting's people are linked to them; the rest stay in the minutes' words.
      const people = new Map((await container.governance.people.list(coventry)).map((p) => [p.id, p.name]));
      assert.deepEqual(
        actions
          .filter((a) => a.meetingId === meetingId)
          .map((a) => [a.owner, a.ownerPersonId ? people.get(a.ownerPersonId) : null])
          .sort(),
        [
          ['All agencies', null],
          ['Chief Supt. Steve Glover', null],
          // In attendance, not yet a member: not one of the partnership's people.
          ['Pete Morgan', null],
          ['Sara Roach', 'Sara Roach'],
        ],
      );
      const decisions = (await container.minutes.decisionsRegister(coventry, systemPrincipal)).filter((d) => d.meetingId === meetingId);
      const outcome = (start: string) => decisions.find((d) => d.wording.startsWith(start));
      assert.equal(outcome('4.1 ')?.outcome, 'supported');
      assert.equal(outcome('4.2 ')?.outcome, 'supported');
      assert.equal(outcome('Those present at the meeting endorsed the move to quarterly meetings')?.outcome, 'agreed');
      assert.equal(outcome('This item was postponed')?.outcome, 'deferred');
      assert.ok(decisions.every((d) => !d.deferredForQuorum));
    });

    it('was approved at the rescheduled next meeting and signed by the chair', async () => {
      const life = await container.minutes.life(coventry, meetingId);
      assert.equal(life.status, 'signed');
      assert.equal(life.signedBy, 'Mark Taylor');
      const next = life.approvedAtMeeting;
      assert.equal(next?.meetingDate, '2008-02-28');
      assert.equal(next?.startTime, '09:30');
      assert.equal(next?.status, 'rescheduled');
      assert.match(next?.location ?? '', /^The Welcome Centre/);
      const { changes } = await container.meetings.get(coventry, next?.id ?? '');
      assert.deepEqual(
        changes.map((c) => [c.fromDate, c.fromTime, c.toDate, c.reason]),
        [['2008-02-06', '10:00', '2008-02-28', 'To distribute and discuss the Strategic Assessment and Community Safety Strategy']],
      );
    });

    it('adds nothing when seeded again', async () => {
      const before = (await container.meetings.list(coventry)).length;
      assert.equal(await seedCoventry2007Meeting(container, coventry), meetingId);
      assert.equal((await container.meetings.list(coventry)).length, before);
    });
  });
}

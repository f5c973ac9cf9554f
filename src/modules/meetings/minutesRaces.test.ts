/**
 * What circulated and approved minutes rest on holds under races on both engines (decision 0065), as the second
 * attack review of issue 17 tried it: a deferred decision is not carried onto a settled agenda, a meeting moved while
 * its minutes are approved is not approved at an earlier one, and a vote recorded while the attendance is saved again
 * never counts more votes than voting members present.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import {
  addAgendaItem,
  attendanceWith,
  demoCoventry,
  groupOfFive,
  inquorateMeetingWithDecision,
  scheduleMeeting,
} from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';

const now = new Date('2030-01-10T12:00:00Z');
const clock = { now: () => now };

for (const database of testDatabases()) {
  describe(`what circulated minutes rest on, under races, on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let groupId: string;
    let seededGroup: string;

    before(async () => {
      ({ container, coventry, boardId: seededGroup } = await demoCoventry(database, clock));
      groupId = await groupOfFive(container, coventry, 'Licensing group');
    });
    after(() => container.database.close());

    const attendanceOf = (id: string, present: number) => attendanceWith(container, coventry, id, present, 'apologies');
    const items = async (meetingId: string) => (await container.agenda.agenda(coventry, meetingId)).flatMap((s) => s.items);

    it('carries a deferred decision past a meeting whose minutes are circulated, never onto its settled agenda', async () => {
      // The inquorate meeting yesterday, with a decision deferred for want of a quorum.
      const inquorate = await inquorateMeetingWithDecision(container, coventry, seededGroup, '2030-01-09');
      // This morning's meeting: held at 10:00, its minutes circulated at once: its agenda is settled.
      const today = await scheduleMeeting(container.meetings, coventry, seededGroup, '2030-01-10', '10:00');
      await container.minutes.circulate(systemPrincipal, coventry, today, 1);
      const settled = (await items(today)).map((i) => i.title);
      // Now yesterday's minutes are circulated.
      await container.minutes.circulate(systemPrincipal, coventry, inquorate, 1);
      const afterwards = (await items(today)).map((i) => i.title);
      assert.deepEqual(afterwards, settled, 'the circulated meeting’s agenda is as it was');
    });

    it('never approves minutes at an earlier meeting when the meeting is moved while they are approved', async () => {
      const bad: string[] = [];
      for (let round = 0; round < 8; round++) {
        const month = String(round + 1).padStart(2, '0');
        const a = await scheduleMeeting(container.meetings, coventry, groupId, `2029-${month}-01`);
        const b = await scheduleMeeting(container.meetings, coventry, groupId, `2029-${month}-10`);
        const results = await Promise.allSettled([
          container.minutes.approve(systemPrincipal, coventry, a, 1, b),
          container.meetings.reschedule(systemPrincipal, coventry, a, 1, {
            meetingDate: `2029-${month}-20`,
            startTime: '14:00',
            location: null,
            reason: 'Typed the wrong day',
          }),
        ]);
        const [aNow, bNow] = await Promise.all([container.meetings.get(coventry, a), container.meetings.get(coventry, b)]);
        const life = await container.minutes.life(coventry, a);
        for (const r of results)
          if (r.status === 'rejected' && !(r.reason as Error).name?.match(/Validation|Conflict/)) bad.push(String(r.reason));
        if (life.status === 'approved' && aNow.meeting.meetingDate >= bNow.meeting.meetingDate) {
          bad.push(`round ${round}: minutes of ${aNow.meeting.meetingDate} approved at the meeting of ${bNow.meeting.meetingDate}`);
        }
      }
      assert.deepEqual(bad, []);
    });

    it('never keeps more votes than voting members present when a vote and an attendance are saved at once', async () => {
      const bad: string[] = [];
      for (let round = 0; round < 8; round++) {
        const m = await scheduleMeeting(container.meetings, coventry, groupId, `2028-${String(round + 1).padStart(2, '0')}-05`);
        const itemId = await addAgendaItem(container.agenda, coventry, m, 'Late licences');
        await container.attendance.record(systemPrincipal, coventry, m, '', await attendanceOf(m, 5));
        const basedOn = (await container.attendance.attendance(coventry, m)).recordedAt ?? '';
        const lower = await attendanceOf(m, 1);
        const save = () => container.attendance.record(systemPrincipal, coventry, m, basedOn, lower);
        const decide = () =>
          container.minutes.addDecision(systemPrincipal, coventry, m, itemId, {
            outcome: 'agreed',
            wording: 'Agreed',
            recommendedTo: null,
            votesFor: 4,
            votesAgainst: 1,
            votesAbstaining: 0,
          });
        // Either order of arrival.
        const results = await Promise.allSettled(round % 2 ? [save(), decide()] : [decide(), save()]);
        for (const r of results)
          if (r.status === 'rejected' && !(r.reason as Error).name?.match(/Validation|Conflict/)) bad.push(String(r.reason));
        const present = (await container.attendance.attendance(coventry, m)).members.filter((x) => x.status === 'present').length;
        const [decision] = (await container.minutes.itemMinutes(coventry, m, itemId)).decisions;
        const votes = decision ? (decision.votesFor ?? 0) + (decision.votesAgainst ?? 0) + (decision.votesAbstaining ?? 0) : 0;
        if (votes > present) bad.push(`round ${round}: ${votes} votes recorded, ${present} present`);
      }
      assert.deepEqual(bad, []);
    });
  });
}

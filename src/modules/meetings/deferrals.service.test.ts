import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, demoCoventry, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';

// Today is 10 January 2030: the inquorate meeting was yesterday. Minutes are approved at a meeting that has started, so time moves on.
let now = new Date('2030-01-10T12:00:00Z');
const clock = { now: () => now };

for (const database of testDatabases()) {
  describe(`decisions deferred for want of a quorum, on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let groupId: string;

    before(async () => {
      ({ container, coventry, boardId: groupId } = await demoCoventry(database, clock));
    });
    after(() => container.database.close());

    /** A meeting where everyone sent apologies, with a public and a Part II decision and something noted. */
    async function inquorateMeeting(meetingDate: string) {
      const meetingId = await scheduleMeeting(container.meetings, coventry, groupId, meetingDate);
      const open = await addAgendaItem(container.agenda, coventry, meetingId, 'Night-time economy', { presenter: 'Jane Smith' });
      const partTwo = await addAgendaItem(container.agenda, coventry, meetingId, 'Families at risk', { confidential: true });
      const decide = (itemId: string, outcome: 'agreed' | 'noted', wording: string) =>
        container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
          outcome,
          wording,
          recommendedTo: null,
          votesFor: null,
          votesAgainst: null,
          votesAbstaining: null,
        });
      const decisions = [
        await decide(open, 'agreed', 'Fund two street pastors'),
        await decide(partTwo, 'agreed', 'Refer the family to the panel'),
      ];
      await decide(open, 'noted', 'The report was noted');
      const { members } = await container.attendance.attendance(coventry, meetingId);
      await container.attendance.record(systemPrincipal, coventry, meetingId, '', {
        members: members.map(({ member }) => ({ membershipId: member.id, status: 'apologies', substitutePersonId: null })),
        inAttendance: [],
        minuteTaker: null,
      });
      return { meetingId, decisions };
    }

    const agendaOf = async (meetingId: string) => (await container.agenda.agenda(coventry, meetingId)).flatMap((section) => section.items);
    const carried = async (meetingId: string) => (await agendaOf(meetingId)).filter((item) => item.deferredDecisionId !== null);

    it('puts them on the next meeting still to come when the minutes are circulated, under matters arising, once', async () => {
      now = new Date('2030-01-10T12:00:00Z');
      const { meetingId, decisions } = await inquorateMeeting('2030-01-09');
      const cancelled = await scheduleMeeting(container.meetings, coventry, groupId, '2030-01-23');
      await container.meetings.cancel(systemPrincipal, coventry, cancelled, 1, 'No business');
      const next = await scheduleMeeting(container.meetings, coventry, groupId, '2030-02-13');
      const afterThat = await scheduleMeeting(container.meetings, coventry, groupId, '2030-03-13');

      await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      const items = await carried(next);
      assert.deepEqual(
        items.map((item) => [
          item.deferredDecisionId,
          item.title,
          item.section,
          item.presenter,
          item.confidential,
          item.confidentialReason,
        ]),
        [
          [decisions[0], 'Deferred decision: Night-time economy', 'opening', 'Jane Smith', false, null],
          [decisions[1], 'Deferred decision: Families at risk', 'opening', null, true, 'Information about individuals'],
        ],
      );
      assert.match(
        items[0]?.purpose ?? '',
        /^Deferred from the meeting of 9 January 2030, which was not quorate: Fund two street pastors$/,
      );
      // Numbered straight after "Minutes of the last meeting and matters arising".
      const opening = (await agendaOf(next)).filter((item) => item.section === 'opening').map((item) => item.standardItem ?? item.title);
      assert.deepEqual(opening.slice(-3), ['minutes', 'Deferred decision: Night-time economy', 'Deferred decision: Families at risk']);
      assert.deepEqual(await carried(cancelled), []);
      assert.deepEqual(await carried(afterThat), []);
      // The carried item rests on the decision's outcome: that cannot change now.
      const deferred = (await container.minutes.decisionsRegister(coventry, systemPrincipal)).find((d) => d.id === decisions[0]);
      assert.ok(deferred);
      const plain = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
      await assert.rejects(
        container.minutes.changeEntry(systemPrincipal, coventry, meetingId, deferred.agendaItemId, deferred.id, deferred.version, {
          kind: 'decision',
          input: { ...plain, outcome: 'noted', wording: deferred.wording },
        }),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          error.field === 'outcome' &&
          /a later agenda item carries it forward/.test(error.message),
      );

      const audit = await container.database.db
        .selectFrom('auditLog')
        .select(['entityId', 'summary'])
        .where('entityType', '=', 'agenda_item')
        .where('summary', 'like', '%deferred for want of a quorum%')
        .execute();
      assert.deepEqual(audit.map((entry) => entry.entityId).sort(), items.map((item) => item.id).sort());

      // Approval carries again and finds both carried already; the one the secretary took off is not put back.
      await container.agenda.removeItem(systemPrincipal, coventry, next, items[0]?.id ?? '', items[0]?.version ?? 0);
      now = new Date('2030-02-13T15:00:00Z');
      await container.minutes.approve(systemPrincipal, coventry, meetingId, 2, next);
      assert.deepEqual(
        (await carried(next)).map((item) => item.deferredDecisionId),
        [decisions[1]],
      );
    });

    it('carries at approval what had no meeting to go to when the minutes were circulated', async () => {
      now = new Date('2030-04-11T09:00:00Z');
      const { meetingId, decisions } = await inquorateMeeting('2030-04-10');
      await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      const next = await scheduleMeeting(container.meetings, coventry, groupId, '2030-05-08');
      assert.deepEqual(await carried(next), [], 'no meeting was planned when the minutes were circulated');
      now = new Date('2030-05-08T15:00:00Z');
      await container.minutes.approve(systemPrincipal, coventry, meetingId, 2, next);
      const items = await carried(next);
      assert.deepEqual(
        items.map((item) => item.deferredDecisionId),
        decisions,
      );
    });

    it('carries each decision once when ten people circulate the minutes at the same moment', async () => {
      now = new Date('2030-06-13T09:00:00Z');
      const { meetingId, decisions } = await inquorateMeeting('2030-06-12');
      const next = await scheduleMeeting(container.meetings, coventry, groupId, '2030-07-10');
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => container.minutes.circulate(systemPrincipal, coventry, meetingId, 1)),
      );
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
      assert.deepEqual(
        (await carried(next)).map((item) => item.deferredDecisionId),
        decisions,
      );
    });
  });
}

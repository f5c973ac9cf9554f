import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, demoBoardMeeting, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';

for (const database of testDatabases()) {
  describe(`minutes and decisions on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let meetingId: string;
    let itemId: string;

    before(async () => {
      ({ container, coventry, meetingId, itemId } = await demoBoardMeeting(database));
    });
    after(() => container.database.close());

    it('keeps the minutes of an item, refusing a save over someone else’s', async () => {
      await container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 0, 'The review of the DPPO was presented.');
      await container.minutes.saveNarrative(
        systemPrincipal,
        coventry,
        meetingId,
        itemId,
        1,
        'The review of the DPPO was presented and discussed.',
      );
      await assert.rejects(container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 1, 'Overwrite'), ConflictError);
      const minutes = await container.minutes.itemMinutes(coventry, meetingId, itemId);
      assert.equal(minutes.narrative, 'The review of the DPPO was presented and discussed.');
      assert.equal(minutes.version, 2);
    });

    it('marks the decisions of an inquorate meeting as deferred, but not what was noted', async () => {
      const decision = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
      await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
        ...decision,
        outcome: 'supported',
        wording: 'Recommendations 4.1 and 4.2 were supported',
      });
      await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
        ...decision,
        outcome: 'noted',
        wording: 'The report was noted',
      });
      const before = await container.minutes.decisionsRegister(coventry, systemPrincipal);
      assert.ok(
        before.every((d) => !d.deferredForQuorum),
        'no attendance recorded: nothing is deferred',
      );

      const { members } = await container.attendance.attendance(coventry, meetingId);
      await container.attendance.record(systemPrincipal, coventry, meetingId, '', {
        members: members.map(({ member }) => ({ membershipId: member.id, status: 'apologies', substitutePersonId: null })),
        inAttendance: [],
        minuteTaker: null,
      });
      const after = await container.minutes.decisionsRegister(coventry, systemPrincipal);
      assert.deepEqual(
        after.map((d) => [d.wording, d.deferredForQuorum]),
        [
          ['Recommendations 4.1 and 4.2 were supported', true],
          ['The report was noted', false],
        ],
      );
      assert.equal(after[0]?.itemTitle, 'Designated Public Places Order');
    });

    it('searches the decisions register by words and by outcome, a page at a time', async () => {
      const all = await container.minutes.decisionsRegister(coventry, systemPrincipal);
      assert.ok(all.length > 0);
      assert.deepEqual(
        (await container.minutes.decisionsRegister(coventry, systemPrincipal, 'SUPPORTED')).map((d) => d.wording),
        all.filter((d) => d.outcome === 'supported' || /supported/i.test(d.wording)).map((d) => d.wording),
      );
      assert.equal(
        (await container.minutes.decisionsRegister(coventry, systemPrincipal, 'public places')).length,
        all.length,
        'the item title matches',
      );
      assert.deepEqual(await container.minutes.decisionsRegister(coventry, systemPrincipal, 'no such words'), []);
      const page = await container.minutes.decisionsRegisterPage(coventry, systemPrincipal, undefined, { limit: 1, offset: 0 });
      assert.equal(page.total, all.length);
      assert.equal(page.decisions[0]?.id, all[0]?.id);
    });

    it('counts a vote of voting members present only, carried by the majority the terms require', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const votedAt = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-09-15');
      const item = await addAgendaItem(container.agenda, coventry, votedAt, 'Funding for the night-time economy');
      const { members } = await container.attendance.attendance(coventry, votedAt);
      const voters = members.filter(({ member }) => member.voting).slice(0, 10);
      await container.attendance.record(systemPrincipal, coventry, votedAt, '', {
        members: members.map(({ member }) => ({
          membershipId: member.id,
          status: voters.some((v) => v.member.id === member.id) ? 'present' : 'apologies',
          substitutePersonId: null,
        })),
        inAttendance: [],
        minuteTaker: null,
      });
      const vote = (votesFor: number, votesAgainst: number, votesAbstaining: number) =>
        container.minutes.addDecision(systemPrincipal, coventry, votedAt, item, {
          outcome: 'agreed',
          wording: `Agreed by ${votesFor} to ${votesAgainst}`,
          recommendedTo: null,
          votesFor,
          votesAgainst,
          votesAbstaining,
        });
      await assert.rejects(vote(8, 2, 1), (error: unknown) => {
        assert.ok(error instanceof FieldValidationError);
        assert.match(error.message, /11 votes were entered but 10 voting members were present/);
        return true;
      });
      await vote(6, 3, 1);
      await vote(4, 4, 2);
      const register = await container.minutes.decisionsRegister(coventry, systemPrincipal, 'Agreed by');
      assert.deepEqual(
        register.map((d) => [d.wording, d.vote]),
        [
          ['Agreed by 6 to 3', { carried: true, needed: 5 }],
          ['Agreed by 4 to 4', { carried: false, needed: 5 }],
        ],
      );
    });

    it('goes from draft to circulated, approved at the next meeting and signed; then it cannot change', async () => {
      const [board] = await container.governance.groups.list(coventry);
      const next = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2016-10-20');
      await assert.rejects(
        container.minutes.sign(systemPrincipal, coventry, meetingId, 1, 'Cllr Abbott'),
        FieldValidationError,
        'not before approval',
      );
      await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      await assert.rejects(
        container.minutes.approve(systemPrincipal, coventry, meetingId, 2, meetingId),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'atMeetingId',
      );
      await container.minutes.approve(systemPrincipal, coventry, meetingId, 2, next);
      await container.minutes.sign(systemPrincipal, coventry, meetingId, 3, 'Cllr Abbott');
      const life = await container.minutes.life(coventry, meetingId);
      assert.equal(life.status, 'signed');
      assert.equal(life.signedBy, 'Cllr Abbott');
      assert.equal(life.approvedAtMeeting?.meetingDate, '2016-10-20');

      const decision = {
        outcome: 'agreed' as const,
        wording: 'Too late',
        recommendedTo: null,
        votesFor: null,
        votesAgainst: null,
        votesAbstaining: null,
      };
      await assert.rejects(
        container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, decision),
        /approved and cannot change/,
      );
      await assert.rejects(
        container.minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 2, 'Rewritten'),
        /approved and cannot change/,
      );
      await container.minutes.amend(systemPrincipal, coventry, meetingId, 'Item 4: for "4.2" read "4.3"');
      const amended = await container.minutes.life(coventry, meetingId);
      assert.deepEqual(
        amended.amendments.map((a) => a.correction),
        ['Item 4: for "4.2" read "4.3"'],
      );
      assert.equal(
        (await container.minutes.itemMinutes(coventry, meetingId, itemId)).narrative,
        'The review of the DPPO was presented and discussed.',
      );
    });
  });
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { voteResult } from './votes.ts';

describe('voteResult', () => {
  it('carries on a simple majority of votes cast; abstentions are not cast; a tie is lost', () => {
    assert.deepEqual(voteResult({ for: 8, against: 2, abstaining: 5 }, 'votes_cast', 15), { carried: true, needed: 6 });
    assert.deepEqual(voteResult({ for: 5, against: 5, abstaining: 0 }, 'votes_cast', 10), { carried: false, needed: 6 });
    assert.deepEqual(voteResult({ for: 3, against: 2, abstaining: 9 }, 'votes_cast', 14), { carried: true, needed: 3 });
  });

  it('needs two thirds of the votes cast where the terms say so', () => {
    assert.deepEqual(voteResult({ for: 10, against: 5, abstaining: 1 }, 'two_thirds_of_votes_cast', null), { carried: true, needed: 10 });
    assert.deepEqual(voteResult({ for: 9, against: 5, abstaining: 0 }, 'two_thirds_of_votes_cast', null), { carried: false, needed: 10 });
    assert.equal(voteResult({ for: 0, against: 0, abstaining: 4 }, 'two_thirds_of_votes_cast', null).carried, false);
  });

  it('needs more than half of the voting members present, so abstaining counts against', () => {
    assert.deepEqual(voteResult({ for: 8, against: 2, abstaining: 6 }, 'voting_members_present', 16), { carried: false, needed: 9 });
    assert.deepEqual(voteResult({ for: 9, against: 2, abstaining: 5 }, 'voting_members_present', 16), { carried: true, needed: 9 });
    // Attendance not recorded: those who voted or abstained stand for those present.
    assert.deepEqual(voteResult({ for: 4, against: 1, abstaining: 3 }, 'voting_members_present', null), { carried: false, needed: 5 });
  });
});

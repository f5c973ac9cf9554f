import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allocationMoves,
  allocationRefusal,
  listRefusal,
  type YearMove,
  yearMoves,
  yearRefusal,
  type YearSituation,
} from './allocationLife.ts';
import type { AllocationState, CarryOverState } from './funding.types.ts';

const states: AllocationState[] = ['proposed', 'agreed', 'released', 'withdrawn'];
const running: YearSituation = { label: '2016/17', ended: false, carryOver: null };
const ended: YearSituation = { ...running, ended: true };
const closed = (carryOver: CarryOverState): YearSituation => ({ ...ended, carryOver });
const closedReason =
  '2016/17 is closed: a carry-over of its underspend has been asked for, so its allocations and spend can no longer change';

const agreedReason =
  'The board has agreed this allocation, so only the board can change or take it back. If it will not go ahead, the chair does not release it, and it shows as underspend at the year end';
const releasedReason =
  'The chair has released this funding, so it can no longer be changed or withdrawn: what is not spent shows as underspend at the year end';
const withdrawnReason = 'This allocation has been withdrawn';

describe('the life of an allocation', () => {
  // Every move from every state, in an open year: null where it is allowed, else why not.
  const table: Record<(typeof allocationMoves)[number], Record<AllocationState, string | null>> = {
    change: { proposed: null, agreed: agreedReason, released: releasedReason, withdrawn: withdrawnReason },
    withdraw: { proposed: null, agreed: agreedReason, released: releasedReason, withdrawn: withdrawnReason },
    agree: { proposed: null, agreed: listRefusal('agree'), released: listRefusal('agree'), withdrawn: listRefusal('agree') },
    release: { proposed: listRefusal('release'), agreed: null, released: listRefusal('release'), withdrawn: listRefusal('release') },
    returnSpend: {
      proposed: listRefusal('returnSpend'),
      agreed: listRefusal('returnSpend'),
      released: null,
      withdrawn: listRefusal('returnSpend'),
    },
  };

  for (const move of allocationMoves) {
    for (const state of states) {
      it(`${move} from ${state}, in a year running or ended, is ${table[move][state] === null ? 'allowed' : 'refused'}`, () => {
        assert.equal(allocationRefusal(move, state, running), table[move][state]);
        assert.equal(allocationRefusal(move, state, ended), table[move][state]);
      });
      it(`${move} from ${state} is refused once a carry-over is asked for, whatever the funder decides`, () => {
        for (const carryOver of ['requested', 'agreed', 'declined'] as const) {
          assert.equal(allocationRefusal(move, state, closed(carryOver)), closedReason);
        }
      });
    }
  }

  it('takes back only a proposal: what the board agreed is not withdrawn by an officer', () => {
    assert.equal(allocationRefusal('withdraw', 'agreed', running), agreedReason);
  });

  it('names the state a ticked list must hold', () => {
    assert.equal(listRefusal('agree'), 'Select only allocations that are proposed: the list may have changed since you opened it');
    assert.equal(
      listRefusal('release'),
      'Select only allocations that are agreed by the board: the list may have changed since you opened it',
    );
    assert.equal(listRefusal('returnSpend'), 'Spend can be returned only against funding the chair has released');
  });
});

describe('the life of a year', () => {
  const notEnded = '2016/17 has not ended yet: its underspend is not known';
  const situations: [string, YearSituation][] = [
    ['running', running],
    ['ended', ended],
    ['waiting for the funder', closed('requested')],
    ['with its carry-over agreed', closed('agreed')],
    ['with its carry-over declined', closed('declined')],
  ];
  const table: Record<YearMove, string | null>[] = [
    // running
    {
      change: null,
      withdraw: null,
      agree: null,
      release: null,
      returnSpend: null,
      changeGrant: null,
      propose: null,
      requestCarryOver: notEnded,
      decideCarryOver: 'No carry-over from 2016/17 has been asked for',
    },
    // ended
    {
      change: null,
      withdraw: null,
      agree: null,
      release: null,
      returnSpend: null,
      changeGrant: null,
      propose: null,
      requestCarryOver: null,
      decideCarryOver: 'No carry-over from 2016/17 has been asked for',
    },
    ...(['requested', 'agreed', 'declined'] as const).map((state) => ({
      change: closedReason,
      withdraw: closedReason,
      agree: closedReason,
      release: closedReason,
      returnSpend: closedReason,
      changeGrant: closedReason,
      propose: closedReason,
      requestCarryOver: closedReason,
      decideCarryOver: state === 'requested' ? null : 'The funder has already decided this request',
    })),
  ];

  situations.forEach(([name, situation], index) => {
    for (const move of yearMoves) {
      it(`${move} in a year ${name} is ${table[index]?.[move] === null ? 'allowed' : 'refused'}`, () => {
        assert.equal(yearRefusal(move, situation), table[index]?.[move]);
      });
    }
  });
});

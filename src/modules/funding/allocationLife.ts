/**
 * The life of a year's funding, which the service checks before each move and the pages ask before offering
 * its button, so that nothing is offered that would be refused. An allocation goes proposed → agreed by a board
 * decision → released by the chair, or is withdrawn while proposed; spend is returned against released money.
 * The year is open until a carry-over of its underspend is asked for: from then its figures stand.
 */
import type { AllocationState, CarryOverState, FundingYear } from './funding.types.ts';

export const allocationStateNames = {
  proposed: 'Proposed',
  agreed: 'Agreed by the board',
  released: 'Released by the chair',
  withdrawn: 'Withdrawn',
} as const satisfies Record<AllocationState, string>;

/** What can be done to an allocation. */
export type AllocationMove = 'change' | 'withdraw' | 'agree' | 'release' | 'returnSpend';
/** What can be done to a year: its allocations' moves, and the grant's and the year end's own. */
export type YearMove = AllocationMove | 'changeGrant' | 'propose' | 'requestCarryOver' | 'decideCarryOver';

export const allocationMoves: readonly AllocationMove[] = ['change', 'withdraw', 'agree', 'release', 'returnSpend'];
export const yearMoves: readonly YearMove[] = [...allocationMoves, 'changeGrant', 'propose', 'requestCarryOver', 'decideCarryOver'];

/** Where a year stands. */
export interface YearSituation {
  /** '2016/17'. */
  label: string;
  /** Whether the year has ended in England, so its underspend is known. */
  ended: boolean;
  /** The carry-over of its underspend, once asked for. */
  carryOver: CarryOverState | null;
}

/** Where a year, as its pages show it, stands. */
export const yearSituation = (year: FundingYear): YearSituation => ({
  label: year.grant.yearLabel,
  ended: year.ended,
  carryOver: year.carryOver?.state ?? null,
});

/** Why a year refuses a move, or null when it allows it. */
export function yearRefusal(move: YearMove, year: YearSituation): string | null {
  if (move === 'decideCarryOver') {
    if (year.carryOver === null) return `No carry-over from ${year.label} has been asked for`;
    return year.carryOver === 'requested' ? null : 'The funder has already decided this request';
  }
  if (move === 'requestCarryOver' && !year.ended) return `${year.label} has not ended yet: its underspend is not known`;
  if (year.carryOver === null) return null;
  return `${year.label} is closed: a carry-over of its underspend has been asked for, so its allocations and spend can no longer change`;
}

/** Why an allocation past proposal can be neither changed nor withdrawn by an officer. */
const settled: Record<Exclude<AllocationState, 'proposed'>, string> = {
  agreed:
    'The board has agreed this allocation, so only the board can change or take it back. If it will not go ahead, the chair does not release it, and it shows as underspend at the year end',
  released:
    'The chair has released this funding, so it can no longer be changed or withdrawn: what is not spent shows as underspend at the year end',
  withdrawn: 'This allocation has been withdrawn',
};

/** Why a move made on a list of allocations (ticked, or rows of a return) refuses one that is not in that list. */
export function listRefusal(move: 'agree' | 'release' | 'returnSpend'): string {
  if (move === 'returnSpend') return 'Spend can be returned only against funding the chair has released';
  const from = move === 'agree' ? 'proposed' : 'agreed';
  // Ticked on a page that may be out of date.
  return `Select only allocations that are ${allocationStateNames[from].toLowerCase()}: the list may have changed since you opened it`;
}

function stateRefusal(move: AllocationMove, state: AllocationState): string | null {
  switch (move) {
    case 'change':
    case 'withdraw':
      return state === 'proposed' ? null : settled[state];
    case 'agree':
      return state === 'proposed' ? null : listRefusal(move);
    case 'release':
      return state === 'agreed' ? null : listRefusal(move);
    case 'returnSpend':
      return state === 'released' ? null : listRefusal(move);
  }
}

/** Why an allocation in this state, in this year, refuses a move, or null when it allows it. */
export function allocationRefusal(move: AllocationMove, state: AllocationState, year: YearSituation): string | null {
  return yearRefusal(move, year) ?? stateRefusal(move, state);
}

export const allocationAllows = (move: AllocationMove, state: AllocationState, year: YearSituation): boolean =>
  allocationRefusal(move, state, year) === null;

export const yearAllows = (move: YearMove, year: YearSituation): boolean => yearRefusal(move, year) === null;

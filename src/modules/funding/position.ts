/**
 * The funding position of a grant's year: the money available, what the board has allocated, and each
 * allocation's spend to date and forecast from its quarterly returns, by allocation, by theme and in total.
 * Derived, never stored, so a corrected return corrects every figure built on it. Money is in whole pence.
 */
import { words } from '../../platform/csvRecords.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { listed } from '../../platform/wording.ts';

export type AllocationState = 'proposed' | 'agreed' | 'released' | 'withdrawn';

/** A quarter of the grant's financial year: 1 is April–June … 4 is January–March. */
export type Quarter = 1 | 2 | 3 | 4;

export interface SpendEntry {
  quarter: Quarter;
  spent: number;
  /** The spend expected for the whole year, as seen at this quarter; null means as allocated. */
  forecast: number | null;
}

/** An allocation as the position works on it: its money, state and spend (not the form it was typed in). */
export interface AllocationFigures {
  id: string;
  /** 1, 2, 3… within the grant: how a spend return names the allocation. */
  reference: number;
  theme: string;
  purpose: string;
  /** Who the money is granted to, in words. */
  granteeText?: string;
  amount: number;
  state: AllocationState;
  spend: SpendEntry[];
  /** The quarter the chair released it in (1 if before the year began); returns are owed from then on. */
  releasedIn?: Quarter | null;
}

/** A grant's money, as the position works on it. */
export interface GrantFigures {
  amount: number;
  /** Last year's grant; null when it is not known. */
  previousAmount: number | null;
  /** Last year's underspend the funder agreed could be spent this year. */
  carryOver: number;
}

export interface PositionLine {
  allocated: number;
  spentToDate: number;
  /** The year's expected spend: the latest forecast, and never less than what has been spent already. */
  forecast: number;
  /** Allocated less forecast: above nought an expected underspend, below it an expected overspend. */
  variance: number;
  /** Allocated less spent to date: what is left; after quarter 4, the year's underspend; below nought, an overspend. */
  underspend: number;
  /** The quarters so far that a released allocation has no return for. */
  missingReturns: Quarter[];
}

export interface AllocationLine extends PositionLine {
  id: string;
  reference: number;
  theme: string;
  purpose: string;
  grantee: string;
  state: AllocationState;
  /** The quarters so far that it owes a return for: from its release to the quarter the position is through. */
  returnsDue: Quarter[];
}

export interface ThemeLine extends PositionLine {
  /** As first written, in reference order. */
  theme: string;
  /** How many allocations the theme has. */
  allocations: number;
}

export interface FundingPosition {
  throughQuarter: Quarter;
  available: number;
  allocated: number;
  unallocated: number;
  /** Every allocation that counts, by reference. */
  allocations: AllocationLine[];
  /** In the order each theme is first met in reference order. */
  themes: ThemeLine[];
  total: PositionLine;
}

const quarters: readonly Quarter[] = [1, 2, 3, 4];

/** The grant and last year's carry-over together: what the board can allocate. */
export function moneyAvailable(grant: GrantFigures): number {
  return grant.amount + grant.carryOver;
}

/** The grant against last year's; the percentage unrounded, and null when there is nothing to take a percentage of. */
export function changeOnLastYear(amount: number, previous: number | null): { difference: number; percent: number | null } | null {
  if (previous === null) return null;
  const difference = amount - previous;
  return { difference, percent: previous === 0 ? null : (difference * 100) / previous };
}

/** Whether an allocation counts against the money available: a proposal holds its money until it is withdrawn. */
export function counts(state: AllocationState): boolean {
  return state !== 'withdrawn';
}

/** A return that would take an allocation's spend past the amount allocated, and how far. */
export interface SpendBeyond {
  reference: number;
  amount: number;
  /** The allocation's spend over the year with the return in it. */
  spent: number;
  beyond: number;
}

/**
 * How far a quarter's return would take an allocation's spend past its amount, with the returns of its other
 * quarters; null when it stays within. Spend beyond an allocation is saved only with a reason.
 */
export function spendBeyondAllocation(
  allocation: { reference: number; amount: number; spend: readonly Pick<SpendEntry, 'quarter' | 'spent'>[] },
  quarter: Quarter,
  spent: number,
): SpendBeyond | null {
  const others = allocation.spend.filter((entry) => entry.quarter !== quarter).reduce((sum, entry) => sum + entry.spent, 0);
  const total = others + spent;
  return total > allocation.amount
    ? { reference: allocation.reference, amount: allocation.amount, spent: total, beyond: total - allocation.amount }
    : null;
}

/** "allocation 3 to £100,013,749, £99,958,749 past its £55,000": each return beyond its allocation, in words. */
export const beyondWords = (beyond: readonly SpendBeyond[]): string =>
  beyond
    .map((b) => `allocation ${b.reference} to ${formatMoney(b.spent)}, ${formatMoney(b.beyond)} past its ${formatMoney(b.amount)}`)
    .join('; ');

/** How far an allocation of this amount would take the total past the money available; 0 when it fits. */
export function overAllocation(available: number, otherAllocated: number, amount: number): number {
  return Math.max(0, otherAllocated + amount - available);
}

function allocationLine(allocation: AllocationFigures, throughQuarter: Quarter): AllocationLine {
  const { id, reference, theme, purpose, amount, state } = allocation;
  const returned = allocation.spend.filter((entry) => entry.quarter <= throughQuarter).sort((a, b) => a.quarter - b.quarter);
  const spentToDate = returned.reduce((sum, entry) => sum + entry.spent, 0);
  // The latest view of the year wins; a return that gives none leaves the one before it standing. What is spent
  // already is spent, so the year cannot be expected to come in under it: a spend past the allocation shows as an overspend.
  const stated = returned.findLast((entry) => entry.forecast !== null)?.forecast ?? amount;
  const forecast = Math.max(stated, spentToDate);
  // Nothing can be spent before the chair releases the money, so only a released allocation owes returns, from its release on.
  const from = allocation.releasedIn ?? 1;
  const returnsDue = state === 'released' ? quarters.filter((quarter) => quarter >= from && quarter <= throughQuarter) : [];
  const missingReturns = returnsDue.filter((quarter) => !returned.some((entry) => entry.quarter === quarter));
  return {
    id,
    reference,
    theme,
    purpose,
    grantee: allocation.granteeText ?? '',
    state,
    returnsDue,
    allocated: amount,
    spentToDate,
    forecast,
    variance: amount - forecast,
    underspend: amount - spentToDate,
    missingReturns,
  };
}

/** Lines added up; a quarter is missing when any of them misses it. */
function sumLines(lines: readonly PositionLine[]): PositionLine {
  const add = (figure: 'allocated' | 'spentToDate' | 'forecast' | 'variance' | 'underspend') =>
    lines.reduce((sum, line) => sum + line[figure], 0);
  return {
    allocated: add('allocated'),
    spentToDate: add('spentToDate'),
    forecast: add('forecast'),
    variance: add('variance'),
    underspend: add('underspend'),
    missingReturns: quarters.filter((quarter) => lines.some((line) => line.missingReturns.includes(quarter))),
  };
}

/** The position of the grant's year as the returns stand after the given quarter. */
export function fundingPosition(grant: GrantFigures, allocations: readonly AllocationFigures[], throughQuarter: Quarter): FundingPosition {
  const lines = allocations
    .filter((allocation) => counts(allocation.state))
    .map((allocation) => allocationLine(allocation, throughQuarter))
    .sort((a, b) => a.reference - b.reference);

  // Themes are typed by hand, so "Road safety " and "road  Safety" are one theme, shown as first written.
  const byTheme = new Map<string, { theme: string; lines: AllocationLine[] }>();
  for (const line of lines) {
    const key = words(line.theme).toLowerCase();
    const group = byTheme.get(key);
    if (group) group.lines.push(line);
    else byTheme.set(key, { theme: words(line.theme), lines: [line] });
  }
  const themes = [...byTheme.values()].map(({ theme, lines: themeLines }) => ({
    theme,
    allocations: themeLines.length,
    ...sumLines(themeLines),
  }));

  const total = sumLines(lines);
  const available = moneyAvailable(grant);
  return {
    throughQuarter,
    available,
    allocated: total.allocated,
    unallocated: available - total.allocated,
    allocations: lines,
    themes,
    total,
  };
}

/**
 * The money available not spent so far, including any never allocated. Through quarter 4, with every return
 * in, it is the year's underspend: what a carry-over could be asked for.
 */
export function unspent(position: FundingPosition): number {
  return position.available - position.total.spentToDate;
}

/** A released allocation without a return for a quarter it owes one for. */
export interface MissingReturn {
  id: string;
  reference: number;
  purpose: string;
  grantee: string;
  quarters: Quarter[];
}

/** Whether the returns a position is built on are all in, and which are not. */
export interface ReturnsStanding {
  throughQuarter: Quarter;
  /** How many quarterly returns were owed by the end of the quarter, and how many of them are in. */
  due: number;
  received: number;
  missing: MissingReturn[];
  /** Released allocations that owe nothing yet, because they were released after the quarter. */
  releasedLater: number;
  /** Every return owed is in, so the figures are final for the quarter (nothing owed is final too). */
  complete: boolean;
}

/**
 * Which returns a position is missing. A missing return is not £0 spent, so a figure built on the position
 * (spend to date, the underspend, a carry-over) is provisional until they are in: every page and document says so.
 */
export function returnsStanding(position: FundingPosition): ReturnsStanding {
  const missing = position.allocations
    .filter((line) => line.missingReturns.length > 0)
    .map(({ id, reference, purpose, grantee, missingReturns }) => ({ id, reference, purpose, grantee, quarters: missingReturns }));
  const due = position.allocations.reduce((sum, line) => sum + line.returnsDue.length, 0);
  const received = due - missing.reduce((sum, line) => sum + line.quarters.length, 0);
  const releasedLater = position.allocations.filter((line) => line.state === 'released' && line.returnsDue.length === 0).length;
  return { throughQuarter: position.throughQuarter, due, received, missing, releasedLater, complete: missing.length === 0 };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The standing of the returns in one sentence, for the report's page and documents and the year end. */
export function returnsStatement(standing: ReturnsStanding): string {
  const { throughQuarter: quarter, due, received, missing, releasedLater } = standing;
  if (due === 0) {
    const later = releasedLater ? ` (${count(releasedLater, 'allocation was', 'allocations were')} released after it)` : '';
    return `No spend return was owed by the end of Quarter ${quarter}: no allocation had been released by then${later}.`;
  }
  if (missing.length === 0) {
    return `Every spend return owed by the end of Quarter ${quarter} is in: ${count(received, 'return', 'returns')} from the released allocations.`;
  }
  const owed = due - received;
  return (
    `Provisional: ${count(owed, 'spend return is', 'spend returns are')} missing, from ${count(missing.length, 'allocation', 'allocations')} ` +
    `(${received} of ${due} owed by the end of Quarter ${quarter} are in). A missing return is not £0 spent, so spend to date and the underspend are not final until they are in.`
  );
}

/** A missing return in words: "Allocation 3, Youth diversion (Positive Youth Foundation): no return for Q4". */
export const missingReturnText = (line: MissingReturn): string =>
  `Allocation ${line.reference}, ${line.purpose}${line.grantee ? ` (${line.grantee})` : ''}: no return for ${listed(line.quarters.map((q) => `Q${q}`))}`;

/** What is left of an allocation, or how far past it the spend goes: "£1,250", "£99,958,749 overspent". */
export const leftOrOverspent = (pence: number): string => (pence < 0 ? `${formatMoney(-pence)} overspent` : formatMoney(pence));

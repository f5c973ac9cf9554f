/**
 * A quarterly spend return as a CSV, as a partnership keeps it in a spreadsheet: one row per allocation and
 * quarter, naming the allocation by its reference. Every row is checked on its own, so one bad row does not
 * stop the good ones being read; the caller decides whether to import only the good rows.
 */
import { financialYearName } from '../../platform/dates.ts';
import { readCsvTable, type RowProblem, words } from '../../platform/csvRecords.ts';
import { readPounds } from '../../platform/numbers.ts';
import type { AllocationState, Quarter } from './position.ts';

export interface CsvAllocation {
  id: string;
  /** 1, 2, 3… within the grant. */
  reference: number;
  purpose: string;
  state: AllocationState;
}

export interface SpendRow {
  /** The line of the file the row starts on; the header is line 1. */
  line: number;
  allocationId: string;
  quarter: Quarter;
  /** In whole pence. */
  spent: number;
  /** The whole year's expected spend in whole pence; null means as allocated. */
  forecast: number | null;
}

export type { RowProblem };

// The purpose is there only for the people filling the file in: the reference names the allocation.
export const spendCsvHeadings = ['reference', 'purpose', 'quarter', 'spent', 'forecast'];

const required = ['reference', 'quarter', 'spent'];

const quarterOnly = /^(?:q|quarter)? ?([0-9])$/i;
const yearPattern = String.raw`(\d{4}) ?[-/] ?(\d{2}|\d{4})`;
const quarterThenYear = new RegExp(String.raw`^(?:q|quarter) ?([0-9]),? ${yearPattern}$`, 'i');
const yearThenQuarter = new RegExp(String.raw`^${yearPattern},? (?:q|quarter) ?([0-9])$`, 'i');

/** The year a financial year as typed starts in ('2016/17', '2016-2017'), or null when its second year does not follow. */
function yearStarting(first: string, second: string): number | null {
  const start = Number(first);
  const end = Number(second);
  return (second.length === 2 ? end === (start + 1) % 100 : end === start + 1) ? start : null;
}

/**
 * A quarter as people write it ('Q1', '1', 'Quarter 1', 'Q1 2016/17', '2016-17 Q1'), or what is wrong with it.
 * A year, when given, must be the return's own, so that last year's file is not taken for this year's.
 */
function readQuarter(typed: string, yearStartingIn: number): { quarter: Quarter } | { problem: string } {
  const text = words(typed);
  const quoted = `"${text}"`;
  const alone = quarterOnly.exec(text);
  const before = quarterThenYear.exec(text);
  const after = yearThenQuarter.exec(text);
  const [quarter, first, second] = alone
    ? [alone[1]]
    : before
      ? [before[1], before[2], before[3]]
      : after
        ? [after[3], after[1], after[2]]
        : [];
  const q = Number(quarter);
  const year = first === undefined || second === undefined ? yearStartingIn : yearStarting(first, second);
  if (quarter === undefined || year === null || q < 1 || q > 4) return { problem: `${quoted} is not a quarter: write it like Q1` };
  if (year !== yearStartingIn) {
    const thisYear = financialYearName(yearStartingIn);
    return { problem: `${quoted} is not in ${thisYear}: this return is for ${thisYear}` };
  }
  return { quarter: q as Quarter };
}

/** An amount of money that cannot be below nought, in whole pence, or what is wrong with it. */
function readAmount(typed: string, what: string, belowNought: string): { pence: number } | { problem: string } {
  const read = readPounds(typed);
  if ('problem' in read) return { problem: `${what}: ${read.problem}` };
  if (read.pence < 0) return { problem: belowNought };
  // '-0' is nought, not minus nought.
  return { pence: Math.abs(read.pence) };
}

export function parseSpendCsv(
  text: string,
  allocations: readonly CsvAllocation[],
  yearStarting: number,
  /** The latest quarter of the year that has begun (0 before the year): spend cannot be returned for a later one. */
  lastBegun: Quarter | 0,
): { rows: SpendRow[]; problems: RowProblem[]; fileProblem: string | null } {
  const year = financialYearName(yearStarting);
  const byReference = new Map<number, CsvAllocation>();
  for (const allocation of allocations) {
    if (!byReference.has(allocation.reference)) byReference.set(allocation.reference, allocation);
  }
  return readCsvTable(text, { headings: spendCsvHeadings, required, noun: 'spend' }, ({ line, field, problem, once }) => {
    const typedReference = field('reference');
    const allocation = /^\d+$/.test(typedReference) ? byReference.get(Number(typedReference)) : undefined;
    if (!typedReference) problem(`enter the allocation's reference, like 3`);
    else if (!/^\d+$/.test(typedReference)) problem(`"${typedReference}" is not a reference: write the allocation's number, like 3`);
    else if (!allocation) problem(`there is no allocation ${Number(typedReference)} in ${year}`);
    else if (allocation.state === 'withdrawn') {
      problem(`allocation ${allocation.reference} has been withdrawn: spend can be returned only against released funding`);
    } else if (allocation.state !== 'released') {
      problem(
        `allocation ${allocation.reference} has not been released by the chair yet: spend can be returned only against released funding`,
      );
    }

    const typedQuarter = field('quarter');
    let quarter: Quarter | null = null;
    if (!typedQuarter) problem('enter the quarter, like Q1');
    else {
      const readQ = readQuarter(typedQuarter, yearStarting);
      if ('problem' in readQ) problem(readQ.problem);
      else if (readQ.quarter > lastBegun) problem(`Q${readQ.quarter} ${year} has not begun yet: its spend cannot be returned`);
      else quarter = readQ.quarter;
    }

    let spent: number | null = null;
    if (!field('spent')) problem('enter the amount spent in the quarter, or 0 if nothing was spent');
    else {
      const readSpent = readAmount(
        field('spent'),
        'spent',
        'spend cannot be less than £0: enter a refund as a lower figure for the quarter',
      );
      if ('problem' in readSpent) problem(readSpent.problem);
      else spent = readSpent.pence;
    }

    // No forecast means the year's spend is still expected to be as allocated.
    let forecast: number | null = null;
    if (field('forecast')) {
      const readForecast = readAmount(
        field('forecast'),
        'forecast',
        'the forecast cannot be less than £0: enter the spend expected for the whole year',
      );
      if ('problem' in readForecast) problem(readForecast.problem);
      else forecast = readForecast.pence;
    }

    if (allocation && quarter !== null) {
      const q = quarter;
      once(`${allocation.id}\u0000${q}`, (earlier) => `allocation ${allocation.reference} for Q${q} is already on line ${earlier}`);
    }

    if (!allocation || quarter === null || spent === null) return null;
    return { line, allocationId: allocation.id, quarter, spent, forecast };
  });
}

/** A file to fill in for a quarter: the header, then a row for each released allocation, by reference, with spent and forecast blank. */
export function spendCsvTemplate(allocations: readonly CsvAllocation[], quarter: Quarter, yearStarting: number): string[][] {
  const label = `Q${quarter} ${financialYearName(yearStarting)}`;
  const released = allocations.filter((allocation) => allocation.state === 'released').sort((a, b) => a.reference - b.reference);
  return [[...spendCsvHeadings], ...released.map((allocation) => [String(allocation.reference), allocation.purpose, label, '', ''])];
}

/**
 * The periods crime figures are given for: a month, a calendar quarter, the rolling 12 months to a month, or a
 * financial year (April to March). Each is named by a month in it (the last, for the 12 months) and compared with
 * the same period a year earlier.
 */
import { financialYearName, monthNames } from '../../../platform/dates.ts';
import { addMonths, monthOfYear, monthsBetween } from './months.ts';
import type { Month } from './types.ts';
import { listed } from '../../../platform/wording.ts';

export const periodKinds = {
  month: 'A month',
  quarter: 'A quarter',
  year: '12 months to a month',
  'financial-year': 'A financial year (April to March)',
} as const;

export type PeriodKind = keyof typeof periodKinds;

export interface Period {
  kind: PeriodKind;
  from: Month;
  to: Month;
  /** "December 2025", "October to December 2025", "12 months to December 2025", "Financial year 2025/26". */
  label: string;
}

const nameOf = (month: Month) => `${monthNames[monthOfYear(month) - 1]} ${month.slice(0, 4)}`;

/** The months from one to the other in words: "October to December 2025", "April 2025 to March 2026". */
function span(from: Month, to: Month): string {
  if (from === to) return nameOf(from);
  const first = monthNames[monthOfYear(from) - 1] ?? '';
  return from.slice(0, 4) === to.slice(0, 4) ? `${first} to ${nameOf(to)}` : `${nameOf(from)} to ${nameOf(to)}`;
}

/** The period of the kind that the month is in (or, for the 12 months, ends with). */
export function periodOf(kind: PeriodKind, month: Month): Period {
  const inYear = monthOfYear(month);
  switch (kind) {
    case 'month':
      return { kind, from: month, to: month, label: nameOf(month) };
    case 'quarter': {
      const from = addMonths(month, -((inYear - 1) % 3));
      return { kind, from, to: addMonths(from, 2), label: span(from, addMonths(from, 2)) };
    }
    case 'year':
      return { kind, from: addMonths(month, -11), to: month, label: `12 months to ${nameOf(month)}` };
    case 'financial-year': {
      const from = addMonths(month, -((inYear + 8) % 12));
      return { kind, from, to: addMonths(from, 11), label: `Financial year ${financialYearName(Number(from.slice(0, 4)))}` };
    }
  }
}

/** The same period a year earlier. */
export const yearEarlier = (period: Period): Period => periodOf(period.kind, addMonths(period.to, -12));

/** The months of the period, in order. */
export const monthsOf = (period: Period): Month[] => monthsBetween(period.from, period.to);

/** The months of the period not held, in order. */
export function monthsNotHeld(period: Period, heldMonths: readonly Month[]): Month[] {
  const held = new Set(heldMonths);
  return monthsOf(period).filter((month) => !held.has(month));
}

/** Months in words, runs joined: "January to March 2026", "October 2024 and December 2024". */
export function monthsInWords(months: readonly Month[]): string {
  const runs: [Month, Month][] = [];
  for (const month of months) {
    const last = runs.at(-1);
    if (last && addMonths(last[1], 1) === month) last[1] = month;
    else runs.push([month, month]);
  }
  const words = runs.map(([from, to]) => span(from, to));
  return listed(words);
}

/**
 * Reporting periods as text keys, because partnerships report by the financial year (April–March)
 * and its quarters (Q1 = April–June … Q4 = January–March) as well as by calendar month.
 * Keys: yearly '2015-16', quarterly '2015-16 Q4', monthly '2016-03'; within one frequency they sort as text.
 *
 * A few keys have both a yearly and a monthly reading ('2000-01' … '2011-12', and '2100-01': 2011/12 or December 2011).
 * By shape they read as years; a caller that knows the indicator's frequency passes it to settle them.
 */

import { financialYearName, monthNames } from '../../platform/dates.ts';
import type { Frequency } from './report.ts';

export const periodsPerYear: Record<Frequency, number> = { yearly: 1, quarterly: 4, monthly: 12 };

const earliestYear = 1990;
const latestYear = 2100;

/**
 * A period as a count of periods of its frequency, so that stepping, ranges and "last year" are arithmetic:
 * yearly: the year it starts in; quarterly: financial year × 4 + quarter − 1; monthly: calendar year × 12 + month − 1.
 */
interface Period {
  frequency: Frequency;
  ordinal: number;
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** The key of a financial year: 2015 → '2015-16'. */
export const yearKey = (yearStarting: number): string => `${yearStarting}-${twoDigits((yearStarting + 1) % 100)}`;

function keyOf({ frequency, ordinal }: Period): string {
  if (frequency === 'yearly') return yearKey(ordinal);
  if (frequency === 'quarterly') return `${yearKey(Math.floor(ordinal / 4))} Q${(ordinal % 4) + 1}`;
  return `${Math.floor(ordinal / 12)}-${twoDigits((ordinal % 12) + 1)}`;
}

const inRange = (year: number): boolean => year >= earliestYear && year <= latestYear;

/** The year a yearly text starts in, when its second year is the next one ('2015-16', '2015/2016'). */
function yearStarting(first: string, second: string): number | null {
  const start = Number(first);
  const end = Number(second);
  const follows = second.length === 2 ? end === (start + 1) % 100 : end === start + 1;
  return follows && inRange(start) ? start : null;
}

function monthOrdinal(year: number, month: number): number | null {
  return inRange(year) && month >= 1 && month <= 12 ? year * 12 + month - 1 : null;
}

/** Month words as people type them: the full name, its first three letters, or "Sept". */
function monthFromName(name: string): number | null {
  const lower = name.toLowerCase();
  const index = monthNames.findIndex((full) => {
    const month = full.toLowerCase();
    return lower === month || lower === month.slice(0, 3) || (month === 'september' && lower === 'sept');
  });
  return index === -1 ? null : index + 1;
}

const yearPattern = String.raw`(\d{4})\s*[-/]\s*(\d{2}|\d{4})`;
const yearly = new RegExp(`^${yearPattern}$`);
const quarterAfter = new RegExp(`^${yearPattern}\\s*q\\s*(\\d)$`, 'i');
const quarterBefore = new RegExp(`^q\\s*(\\d)\\s+${yearPattern}$`, 'i');
const monthNumberFirst = /^(\d{1,2})\s*\/\s*(\d{4})$/;
const yearFirst = /^(\d{4})\s*-\s*(\d{1,2})$/;
const monthWordFirst = /^([a-z]+)\.?\s+(\d{4})$/i;

function monthlyOrdinal(typed: string): number | null {
  const yearThenMonth = yearFirst.exec(typed);
  if (yearThenMonth) return monthOrdinal(Number(yearThenMonth[1]), Number(yearThenMonth[2]));
  const monthThenYear = monthNumberFirst.exec(typed);
  if (monthThenYear) return monthOrdinal(Number(monthThenYear[2]), Number(monthThenYear[1]));
  const worded = monthWordFirst.exec(typed);
  const month = worded ? monthFromName(worded[1]!) : null;
  return worded && month !== null ? monthOrdinal(Number(worded[2]), month) : null;
}

function parseToPeriod(text: string, frequency: Frequency): Period | null {
  const typed = text.trim().replace(/\s+/g, ' ');
  if (frequency === 'yearly') {
    const match = yearly.exec(typed);
    const start = match ? yearStarting(match[1]!, match[2]!) : null;
    return start === null ? null : { frequency, ordinal: start };
  }
  if (frequency === 'quarterly') {
    const after = quarterAfter.exec(typed);
    const before = quarterBefore.exec(typed);
    const [first, second, quarter] = after ? [after[1]!, after[2]!, after[3]!] : before ? [before[2]!, before[3]!, before[1]!] : [];
    if (first === undefined || second === undefined || quarter === undefined) return null;
    const start = yearStarting(first, second);
    const q = Number(quarter);
    return start === null || q < 1 || q > 4 ? null : { frequency, ordinal: start * 4 + q - 1 };
  }
  const ordinal = monthlyOrdinal(typed);
  return ordinal === null ? null : { frequency, ordinal };
}

/** Normalise a period as typed in a spreadsheet to its key; null when it is not a period of that frequency. */
export function parsePeriod(text: string, frequency: Frequency): string | null {
  const period = parseToPeriod(text, frequency);
  return period ? keyOf(period) : null;
}

/** A key exactly as stored: canonical, since keys are compared and sorted as text. */
function isKey(key: string, frequency: Frequency): boolean {
  const period = parseToPeriod(key, frequency);
  return period !== null && keyOf(period) === key;
}

/** The frequency a key has by its shape: an ambiguous key ('2011-12') reads as a year. */
export function frequencyOf(key: string): Frequency | null {
  return (['quarterly', 'yearly', 'monthly'] as const).find((frequency) => isKey(key, frequency)) ?? null;
}

function read(key: string, frequency?: Frequency): Period {
  const as = frequency ?? frequencyOf(key);
  const period = as ? parseToPeriod(key, as) : null;
  if (!period || keyOf(period) !== key) throw new Error(`Not a period key: ${key}`);
  return period;
}

const step = (period: Period, by: number): string => keyOf({ frequency: period.frequency, ordinal: period.ordinal + by });

/** The year of the financial year a period falls in, by the year it starts: '2016-03' → 2015. */
export function financialYearOf(key: string, frequency?: Frequency): number {
  const { frequency: as, ordinal } = read(key, frequency);
  if (as === 'yearly') return ordinal;
  if (as === 'quarterly') return Math.floor(ordinal / 4);
  const year = Math.floor(ordinal / 12);
  return ordinal % 12 >= 3 ? year : year - 1;
}

/** The words of a period: '2015/16', 'Quarter 4, 2015/16', 'March 2016'. */
export function periodLabel(key: string, frequency?: Frequency): string {
  const { frequency: as, ordinal } = read(key, frequency);
  if (as === 'yearly') return financialYearName(ordinal);
  if (as === 'quarterly') return `Quarter ${(ordinal % 4) + 1}, ${financialYearName(Math.floor(ordinal / 4))}`;
  return `${monthNames[ordinal % 12]!} ${Math.floor(ordinal / 12)}`;
}

/** Chart-axis words: '2015/16', 'Q4 15/16', 'Mar 16'. */
export function shortPeriodLabel(key: string, frequency?: Frequency): string {
  const { frequency: as, ordinal } = read(key, frequency);
  if (as === 'yearly') return financialYearName(ordinal);
  if (as === 'quarterly') return `Q${(ordinal % 4) + 1} ${financialYearName(Math.floor(ordinal / 4)).slice(2)}`;
  return `${monthNames[ordinal % 12]!.slice(0, 3)} ${twoDigits(Math.floor(ordinal / 12) % 100)}`;
}

export function previousPeriod(key: string, frequency?: Frequency): string {
  return step(read(key, frequency), -1);
}

/** The same period a year earlier: what a figure is compared with. */
export function samePeriodLastYear(key: string, frequency?: Frequency): string {
  const period = read(key, frequency);
  return step(period, -periodsPerYear[period.frequency]);
}

/** Every period from one key to another, both included; empty when the first is after the second. */
export function periodRange(fromKey: string, toKey: string, frequency?: Frequency): string[] {
  // An ambiguous key takes the frequency of the other one.
  const candidates = frequency ? [frequency] : [frequencyOf(fromKey), frequencyOf(toKey)];
  const shared = candidates.find((as) => as && isKey(fromKey, as) && isKey(toKey, as));
  if (!shared) throw new Error(`Not periods of one frequency: ${fromKey}, ${toKey}`);
  const from = read(fromKey, shared);
  const to = read(toKey, shared);
  return Array.from({ length: Math.max(0, to.ordinal - from.ordinal + 1) }, (_, i) => step(from, i));
}

/** The periods of the financial year up to and including this one: what a year-to-date figure adds up. */
export function periodsToDate(key: string, frequency?: Frequency): string[] {
  const period = read(key, frequency);
  return periodRange(firstPeriodOfYear(financialYearOf(key, period.frequency), period.frequency), key, period.frequency);
}

/** The first period of a financial year: its April, its Q1, or the year itself. */
export function firstPeriodOfYear(yearStarting: number, frequency: Frequency): string {
  const first: Record<Frequency, number> = { yearly: yearStarting, quarterly: yearStarting * 4, monthly: yearStarting * 12 + 3 };
  return keyOf({ frequency, ordinal: first[frequency] });
}

/** The quarter a month falls in: '2016-03' → '2015-16 Q4'. */
export function quarterOfMonth(monthKey: string): string {
  const { ordinal } = read(monthKey, 'monthly');
  const monthsIntoYear = (ordinal - 3) % 12;
  const year = Math.floor((ordinal - 3) / 12);
  return keyOf({ frequency: 'quarterly', ordinal: year * 4 + Math.floor(monthsIntoYear / 3) });
}

export function monthsOfQuarter(quarterKey: string): string[] {
  const { ordinal } = read(quarterKey, 'quarterly');
  const year = Math.floor(ordinal / 4);
  const firstMonth = year * 12 + 3 + (ordinal % 4) * 3;
  return [0, 1, 2].map((i) => keyOf({ frequency: 'monthly', ordinal: firstMonth + i }));
}

/** The periods of a frequency that a quarterly report covers; a yearly figure belongs to the Q4 report. */
export function periodsWithinQuarter(quarterKey: string, frequency: Frequency): string[] {
  const { ordinal } = read(quarterKey, 'quarterly');
  if (frequency === 'monthly') return monthsOfQuarter(quarterKey);
  if (frequency === 'quarterly') return [quarterKey];
  return ordinal % 4 === 3 ? [yearKey(Math.floor(ordinal / 4))] : [];
}

/** The quarter a date ('YYYY-MM-DD') falls in. */
export function quarterContaining(date: string): string {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  const ordinal = match ? monthOrdinal(Number(match[1]), Number(match[2])) : null;
  if (ordinal === null) throw new Error(`Not a date: ${date}`);
  return quarterOfMonth(keyOf({ frequency: 'monthly', ordinal }));
}

/** The last quarter that ended before today: the one a report can now be written for. */
export function latestCompleteQuarter(today: string): string {
  return previousPeriod(quarterContaining(today), 'quarterly');
}

/** How a period of each frequency is written, for hints and messages. */
export const periodWords: Record<Frequency, { noun: string; example: string }> = {
  yearly: { noun: 'a year', example: '2015-16' },
  quarterly: { noun: 'a quarter', example: '2015-16 Q4' },
  monthly: { noun: 'a month', example: '2016-03' },
};

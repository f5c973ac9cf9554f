/**
 * The meeting cycle "agreed annually": a group's meeting dates for a year from its cadence and a
 * pattern such as "second Thursday of the month".
 */
import type { Cadence } from '../governance/index.ts';
import { addDays } from '../../platform/workingDays.ts';

export interface MeetingPattern {
  /** Which weekday of the month: 1 to 4, or -1 for the last. Weekly cadences ignore it. */
  ordinal: 1 | 2 | 3 | 4 | -1;
  /** 1 Monday … 5 Friday (6 and 0 for the weekend). */
  weekday: number;
}

export const ordinalNames: Record<string, string> = { '1': 'First', '2': 'Second', '3': 'Third', '4': 'Fourth', '-1': 'Last' };
export const weekdayNames: Record<string, string> = { '1': 'Monday', '2': 'Tuesday', '3': 'Wednesday', '4': 'Thursday', '5': 'Friday' };

const monthsApart: Partial<Record<Cadence, number>> = { monthly: 1, bi_monthly: 2, quarterly: 3, six_monthly: 6, annually: 12 };
const weeksApart: Partial<Record<Cadence, number>> = { weekly: 1, six_weekly: 6 };

/** The date of the pattern's weekday in a month (month 1–12). */
export function dateInMonth(year: number, month: number, pattern: MeetingPattern): string {
  if (pattern.ordinal === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    const back = (last.getUTCDay() - pattern.weekday + 7) % 7;
    return addDays(last.toISOString().slice(0, 10), -back);
  }
  const first = new Date(Date.UTC(year, month - 1, 1));
  const forward = (pattern.weekday - first.getUTCDay() + 7) % 7;
  return addDays(first.toISOString().slice(0, 10), forward + 7 * (pattern.ordinal - 1));
}

/** Every meeting date from `from` for twelve months (to the day before the same date next year). */
export function cycleDates(cadence: Cadence, pattern: MeetingPattern, from: string): string[] {
  const until = addDays(`${Number(from.slice(0, 4)) + 1}${from.slice(4)}`, -1);
  const dates: string[] = [];
  const months = monthsApart[cadence];
  if (months) {
    const year = Number(from.slice(0, 4));
    const month = Number(from.slice(5, 7));
    for (let step = 0; step <= 12; step += months) {
      const date = dateInMonth(year + Math.floor((month - 1 + step) / 12), ((month - 1 + step) % 12) + 1, pattern);
      if (date >= from && date <= until) dates.push(date);
    }
    return dates;
  }
  const weeks = weeksApart[cadence] ?? 1;
  const start = new Date(`${from}T00:00:00Z`);
  let date = addDays(from, (pattern.weekday - start.getUTCDay() + 7) % 7);
  while (date <= until) {
    dates.push(date);
    date = addDays(date, 7 * weeks);
  }
  return dates;
}

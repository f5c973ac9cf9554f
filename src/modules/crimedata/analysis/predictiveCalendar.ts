/** The predictive calendar: what is usual for a month, from the same month in earlier years. */
import { monthOfYear } from './months.ts';
import type { Month } from './types.ts';

export interface CalendarExpectation {
  /** The average for the same month in earlier published years; null when no earlier year is published. */
  expected: number | null;
  yearsUsed: number;
  method: string;
}

export const predictiveCalendarMethod =
  'The expected figure for a month is the average for the same month in each earlier year of police.uk data held in Safer ' +
  '(for October 2022: October 2021, October 2020 and so on). It shows what is usual for the time of year, so that a seasonal rise ' +
  'is not taken for a new problem. Being an average, it is given to the nearest whole crime (12.5 is given as 13). ' +
  'Years whose month is not held in Safer are left out; with no earlier year there is no expected figure.';

/** `countIn` gives the crimes in a published month (0 when there were none). */
export function predictiveCalendar(
  month: Month,
  publishedMonths: readonly Month[],
  countIn: (month: Month) => number,
): CalendarExpectation {
  const calendarMonth = monthOfYear(month);
  const earlierYears = publishedMonths.filter((published) => published < month && monthOfYear(published) === calendarMonth);
  const total = earlierYears.reduce((sum, published) => sum + countIn(published), 0);
  return {
    expected: earlierYears.length === 0 ? null : total / earlierYears.length,
    yearsUsed: earlierYears.length,
    method: predictiveCalendarMethod,
  };
}

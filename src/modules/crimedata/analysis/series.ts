/** Monthly series of crime counts, and their direction of travel. */
import { tally } from './counting.ts';
import { monthsBetween } from './months.ts';
import type { CrimeCount, Month, MonthCount } from './types.ts';

/**
 * The crimes the filter keeps, by month from `from` to `to`: 0 for a published month without any, null for one not
 * published. Given the months a series of LSOAs is comparable in (those of their census edition), a published month
 * outside them is null too, marked not comparable: a code made or ended in 2021 had no crimes of its own then.
 */
export function monthlySeries(
  counts: readonly CrimeCount[],
  publishedMonths: readonly Month[],
  from: Month,
  to: Month,
  filter: (count: CrimeCount) => boolean,
  comparableMonths?: readonly Month[],
): MonthCount[] {
  const published = new Set(publishedMonths);
  const comparable = comparableMonths && new Set(comparableMonths);
  const totals = new Map<Month, number>();
  for (const row of counts) {
    if (row.month >= from && row.month <= to && filter(row)) tally(totals, row.month, row.count);
  }
  return monthsBetween(from, to).map((month): MonthCount => {
    if (!published.has(month)) return { month, count: null };
    if (comparable && !comparable.has(month)) return { month, count: null, notComparable: true };
    return { month, count: totals.get(month) ?? 0 };
  });
}

export type TrendDirection = 'rising' | 'falling' | 'steady' | 'not enough data';

export interface Trend {
  direction: TrendDirection;
  /** The latest three months against the three before, in per cent; null when there is no earlier crime to compare with. */
  changePercent: number | null;
  method: string;
}

const monthsCompared = 3;
const changeThresholdPercent = 10;

export const trendMethod =
  `We compare the average of the latest ${monthsCompared} months held in Safer with the average of the ${monthsCompared} held before them. ` +
  `The trend is rising when the average is up by ${changeThresholdPercent}% or more, falling when it is down by ${changeThresholdPercent}% or more, and steady otherwise. ` +
  `Months the police did not publish, and months coded in other census boundaries than the place's LSOAs, are skipped. ` +
  `At least ${monthsCompared * 2} months held in Safer are needed.`;

export function trendOf(series: readonly MonthCount[]): Trend {
  const published = series.flatMap(({ count }) => (count === null ? [] : [count]));
  if (published.length < monthsCompared * 2) return { direction: 'not enough data', changePercent: null, method: trendMethod };
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  // Equal-length windows, so their sums compare as their averages do, in exact integers.
  const recent = sum(published.slice(-monthsCompared));
  const earlier = sum(published.slice(-monthsCompared * 2, -monthsCompared));
  if (earlier === 0) return { direction: recent > 0 ? 'rising' : 'steady', changePercent: null, method: trendMethod };
  const changePercent = ((recent - earlier) * 100) / earlier;
  const direction = changePercent >= changeThresholdPercent ? 'rising' : changePercent <= -changeThresholdPercent ? 'falling' : 'steady';
  return { direction, changePercent, method: trendMethod };
}

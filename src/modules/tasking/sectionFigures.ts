/** The figures of a tasking document's section that need no database: its crime-type mix, its chart's months and its places' counts. */
import { addMonths, type AreaEditions, comparableMonths, type CrimeCount } from '../crimedata/index.ts';
import type { LocationKind } from './tasking.types.ts';

/** The months of history a section's trend chart shows. */
const seriesMonths = 24;
/** The busiest crime types a section lists by name; the rest are one row, so that the table adds up. */
const crimeTypesShown = 6;
const otherCrimeTypes = 'Other types';

/** The crime types, commonest first: the busiest by name, then the rest together. */
export function crimeTypeMix(types: ReadonlyMap<string, number>): { crimeType: string; count: number }[] {
  const sorted = [...types].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([crimeType, count]) => ({ crimeType, count }));
  const rest = sorted.slice(crimeTypesShown).reduce((sum, type) => sum + type.count, 0);
  return [...sorted.slice(0, crimeTypesShown), ...(rest > 0 ? [{ crimeType: otherCrimeTypes, count: rest }] : [])];
}

/** The months of a chart to `month`: up to `seriesMonths` of them, none before the first month held. */
export function seriesStart(published: readonly string[], month: string): string {
  const from = addMonths(month, 1 - seriesMonths);
  const first = published[0];
  return first !== undefined && first > from && first <= month ? first : from;
}

/**
 * The months a series of the places compares like with like: every month for streets (a street's name does not change
 * with the census), those of their LSOAs' edition for LSOAs. A set of LSOAs partly of each edition (a code made in
 * 2021 beside one unchanged) compares only in months every one of them is of: in the others a sum of some would pass
 * for the whole place.
 */
export function comparableFor(editions: AreaEditions, kind: LocationKind, places: readonly string[]): string[] | undefined {
  return kind === 'lsoa' ? comparableMonths(editions, places) : undefined;
}

/** Whether a count is at one of the places. */
export function placeFilter(kind: LocationKind, places: readonly string[]): (count: CrimeCount) => boolean {
  const set = new Set(places);
  return kind === 'lsoa' ? (count) => set.has(count.lsoaCode) : (count) => set.has(count.location);
}

export function sumWhere(counts: readonly CrimeCount[], month: string, keep: (count: CrimeCount) => boolean): number {
  let total = 0;
  for (const count of counts) if (count.month === month && keep(count)) total += count.count;
  return total;
}

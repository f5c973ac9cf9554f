/** Small counting helpers shared by the analyses. */

/** Adds n to the key's running total. */
export function tally<K>(totals: Map<K, number>, key: K, n: number): void {
  totals.set(key, (totals.get(key) ?? 0) + n);
}

/** The totals, largest first; equal totals in the keys' alphabetical order so that pages and tests see a stable order. */
export function busiestFirst(totals: ReadonlyMap<string, number>): [key: string, count: number][] {
  return [...totals].sort(([keyA, a], [keyB, b]) => b - a || keyA.localeCompare(keyB, 'en-GB'));
}

/** Competition ranking of the values, highest first: equal values share a rank and the next rank skips (1, 2, 2, 4). */
export function competitionRanking(values: readonly number[]): (value: number) => number {
  const rankOf = new Map<number, number>();
  const sorted = [...values].sort((a, b) => b - a);
  sorted.forEach((value, index) => {
    if (!rankOf.has(value)) rankOf.set(value, index + 1);
  });
  // A value not among those ranked comes after all that are greater.
  return (value) => rankOf.get(value) ?? sorted.filter((other) => other > value).length + 1;
}

/** Rounded to one decimal place, as a number (6.25 → 6.3, 6 → 6). */
export const roundToOneDecimal = (value: number): number => Math.round(value * 10) / 10;

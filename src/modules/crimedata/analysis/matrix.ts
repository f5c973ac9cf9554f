/**
 * Ratcliffe's hotspot matrix (Ratcliffe 2004, "The Hotspot Matrix: a framework for the spatio-temporal targeting of
 * crime reduction"), adapted to what police.uk publishes: crimes by month and anonymised snap point, with no time of day.
 */

export type SpatialClass = 'hotpoint' | 'clustered' | 'dispersed' | 'not enough data';
export type TemporalClass = 'acute' | 'focused' | 'diffused' | 'not enough data';

export interface MatrixCell {
  spatial: SpatialClass;
  temporal: TemporalClass;
  /** Sentence case, such as "Clustered, focused"; "Not enough data" when either part is not known. */
  label: string;
}

const minimumCrimes = 5;
const minimumMonths = 6;
const yearOfMonths = 12;
const hotpointPercent = 50;
const clusteredPercent = 50;
const acutePercent = 50;
const focusedPercent = 40;

export const matrixMethod =
  `Ratcliffe's hotspot matrix sorts a hotspot by where and when its crime happens. police.uk gives only the month and an ` +
  `anonymised snap point (such as "On or near Lancelot Close"), not the time of day or the exact place, so we adapt it. ` +
  `Where: a hotpoint when one snap point holds at least ${hotpointPercent}% of the month's crimes; clustered when the busiest ` +
  `three hold at least ${clusteredPercent}%; dispersed otherwise. A street is one snap point name, so a street is always a hotpoint. ` +
  `When: over the last ${yearOfMonths} months held in Safer, acute when the busiest 2 months hold at least ${acutePercent}% of the crimes; ` +
  `focused when the busiest 3 hold at least ${focusedPercent}% (an even spread would give 25%); diffused otherwise. ` +
  `With fewer than ${yearOfMonths} months held the bar rises in proportion, so a short run is not called acute for being short. ` +
  `With fewer than ${minimumCrimes} crimes, or fewer than ${minimumMonths} months held, there is not enough data.`;

const descending = (values: Iterable<number>): number[] => [...values].sort((a, b) => b - a);
const sumOf = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Whether part is at least percent% of whole, in integers so that exactly half counts as half. */
const holdsAtLeast = (part: number, whole: number, percent: number): boolean => part * 100 >= whole * percent;

/** Where: from this month's crimes at each snap point of the hotspot. */
export function spatialClass(crimesByLocation: Iterable<number>): SpatialClass {
  const counts = descending(crimesByLocation);
  const total = sumOf(counts);
  if (total < minimumCrimes) return 'not enough data';
  if (holdsAtLeast(counts[0] ?? 0, total, hotpointPercent)) return 'hotpoint';
  if (holdsAtLeast(sumOf(counts.slice(0, 3)), total, clusteredPercent)) return 'clustered';
  return 'dispersed';
}

/** When: from the hotspot's crimes in each of the last 12 published months to this month (unpublished months left out). */
export function temporalClass(monthlyCounts: readonly number[]): TemporalClass {
  const counts = descending(monthlyCounts);
  const total = sumOf(counts);
  if (counts.length < minimumMonths || total < minimumCrimes) return 'not enough data';
  // The busiest months of a shorter run hold more of it: of 6 months twice the share they would of 12. Scale to match.
  const months = counts.length;
  const busiest = (n: number): number => sumOf(counts.slice(0, n)) * months;
  if (holdsAtLeast(busiest(2), total * yearOfMonths, acutePercent)) return 'acute';
  if (holdsAtLeast(busiest(3), total * yearOfMonths, focusedPercent)) return 'focused';
  return 'diffused';
}

const sentenceCase = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function matrixCell(crimesByLocation: Iterable<number>, monthlyCounts: readonly number[]): MatrixCell {
  const spatial = spatialClass(crimesByLocation);
  const temporal = temporalClass(monthlyCounts);
  const known = spatial !== 'not enough data' && temporal !== 'not enough data';
  return { spatial, temporal, label: known ? sentenceCase(`${spatial}, ${temporal}`) : 'Not enough data' };
}

const whereExplained: Record<SpatialClass, string> = {
  hotpoint: `A hotpoint: at least ${hotpointPercent}% of this month's crimes were at one place.`,
  clustered: `Clustered: its busiest three places held at least ${clusteredPercent}% of this month's crimes.`,
  dispersed: `Dispersed: this month's crimes were spread across many places.`,
  'not enough data': `Too few crimes this month to say where they gather.`,
};

const whenExplained: Record<TemporalClass, string> = {
  acute: `Acute: its busiest 2 months of the past year held at least ${acutePercent}% of its crimes, a burst.`,
  focused: `Focused: its busiest 3 months of the past year held at least ${focusedPercent}% of its crimes: it peaks at some times of year.`,
  diffused: `Diffused: its crimes were spread through the past year, a chronic problem.`,
  'not enough data': `Too little history to say when its crime happens.`,
};

/** What a cell means, for a tasking group reading the table: where, then when. */
export function explainMatrixCell({ spatial, temporal }: Pick<MatrixCell, 'spatial' | 'temporal'>): string {
  return `${whereExplained[spatial]} ${whenExplained[temporal]}`;
}

/**
 * A partnership's crime profile for a period, and its standing among its peers: crimes by type and in all (with
 * and without anti-social behaviour), per 1,000 residents, against the same period a year earlier. A figure is
 * given only for a period wholly held in Safer: part of a period would pass for a fall in crime.
 */
import { compareWithGroup, type GroupComparison } from '../../../platform/groupComparison.ts';
import { busiestFirst, tally } from './counting.ts';
import { monthsInWords, monthsNotHeld, monthsOf, type Period } from './periods.ts';
import type { LsoaEdition } from '../../../db/schema.ts';
import type { AreaFigures, Month } from './types.ts';

export const antiSocialBehaviour = 'Anti-social behaviour';
export const allCrime = 'All crime';
export const allCrimeWithoutAsb = 'All crime except anti-social behaviour';

/** What a figure counts: all crime, all crime but anti-social behaviour, or one police.uk crime type. */
export type Measure = string;

/** The crimes the measure counts in the figures. */
export function countOf(figures: Pick<AreaFigures, 'byType'>, measure: Measure): number {
  const counted = figures.byType.filter((row) =>
    measure === allCrime ? true : measure === allCrimeWithoutAsb ? row.crimeType !== antiSocialBehaviour : row.crimeType === measure,
  );
  return counted.reduce((sum, row) => sum + row.count, 0);
}

/** Crimes per 1,000 residents, unrounded; null when the residents are not known. */
export const per1000 = (count: number, population: number | null): number | null =>
  population === null || population === 0 ? null : (count / population) * 1000;

/** Whether the figures cover every month of the period. */
export const whollyHeld = (figures: AreaFigures, period: Period): boolean => monthsNotHeld(period, figures.heldMonths).length === 0;

/** The measures of a set of figures: all crime, without ASB, then the crime types, busiest first in the first. */
export function measuresOf(figures: readonly AreaFigures[]): Measure[] {
  const totals = new Map<string, number>();
  figures.forEach((one, index) => {
    // The first figures (the partnership's own) order the types; the others' add any it has none of.
    for (const row of one.byType) tally(totals, row.crimeType, index === 0 ? row.count : 0);
  });
  return [allCrime, allCrimeWithoutAsb, ...busiestFirst(totals).map(([type]) => type)];
}

export interface ProfileRow {
  measure: Measure;
  count: number;
  /** Null too when the period is not wholly held: a rate for part of it would read as the whole period's. */
  per1000: number | null;
  /** The same period a year earlier: null when it is not wholly held in Safer (or this one is not). */
  earlier: number | null;
  change: number | null;
  /** Null too when the earlier count is 0. */
  changePercent: number | null;
}

export interface CrimeProfile {
  period: Period;
  earlierPeriod: Period;
  /** Months of the period that Safer does not hold: the figures are of the rest. */
  monthsNotHeld: Month[];
  /**
   * What the counts cover: the period's label when it is wholly held, else the months held ("November 2020 to
   * March 2021 only"), or "No month of …" when none is.
   */
  coverage: string;
  /** Months of the year-earlier period that Safer does not hold: with any, there is no change to give. */
  earlierMonthsNotHeld: Month[];
  population: number | null;
  /** The census edition of the LSOAs the residents are of: mid-2019 estimates for 2011, mid-2022 for 2021. */
  populationEdition: LsoaEdition | null;
  rows: ProfileRow[];
}

/** What a period's counts cover when only some of its months are held. */
function coverageOf(period: Period, notHeld: readonly Month[]): string {
  if (notHeld.length === 0) return period.label;
  const held = monthsOf(period).filter((month) => !notHeld.includes(month));
  return held.length === 0 ? `No month of ${period.label}` : `${monthsInWords(held)} only`;
}

export function crimeProfile(current: AreaFigures, earlier: AreaFigures, period: Period, earlierPeriod: Period): CrimeProfile {
  const whole = whollyHeld(current, period);
  const comparable = whole && whollyHeld(earlier, earlierPeriod);
  const notHeld = monthsNotHeld(period, current.heldMonths);
  // A type of a year earlier that has none now is a row too: its fall is a figure.
  const rows = measuresOf([current, earlier]).map((measure) => {
    const count = countOf(current, measure);
    const before = comparable ? countOf(earlier, measure) : null;
    return {
      measure,
      count,
      per1000: whole ? per1000(count, current.population) : null,
      earlier: before,
      change: before === null ? null : count - before,
      changePercent: before === null || before === 0 ? null : ((count - before) / before) * 100,
    };
  });
  return {
    period,
    earlierPeriod,
    monthsNotHeld: notHeld,
    coverage: coverageOf(period, notHeld),
    earlierMonthsNotHeld: monthsNotHeld(earlierPeriod, earlier.heldMonths),
    population: current.population,
    populationEdition: current.populationEdition,
    rows,
  };
}

export interface PeerRow {
  measure: Measure;
  /** The members as compareWithGroup ranks them: the partnership first, then its peers; a value is per 1,000. */
  comparison: GroupComparison;
}

/**
 * Each measure per 1,000 residents for the partnership and its peers, compared (lower is better). A member whose
 * period is not wholly held, or whose residents are not known, has no figure, and so no part in the average.
 */
export function peerComparison(self: AreaFigures, peers: readonly AreaFigures[], period: Period): PeerRow[] {
  const members = [self, ...peers];
  return measuresOf(members).map((measure) => ({
    measure,
    comparison: compareWithGroup(
      members.map((figures) => ({
        name: figures.name,
        value: whollyHeld(figures, period) ? per1000(countOf(figures, measure), figures.population) : null,
        isSelf: figures === self,
      })),
      'lower_better',
    ),
  }));
}

/** Hotspots of a month: the area's LSOAs or streets ranked by crime, with what a tasking group compares them with. */
import { busiestFirst, competitionRanking, roundToOneDecimal, tally } from './counting.ts';
import { type MatrixCell, matrixCell } from './matrix.ts';
import { lastPublishedMonths, previousMonth, sameMonthLastYear } from './months.ts';
import { predictiveCalendar } from './predictiveCalendar.ts';
import type { AreaLsoa, CrimeCount, Month } from './types.ts';

export interface HotspotQuery {
  counts: readonly CrimeCount[];
  lsoas: readonly AreaLsoa[];
  publishedMonths: readonly Month[];
  month: Month;
  by: 'lsoa' | 'street';
  /** Only crimes of this type; every type when left out. */
  crimeType?: string;
  /** At most this many rows, after ranking; all when left out. */
  limit?: number;
  /**
   * Whether an LSOA's crimes of a month compare with this month's: false where the month's file is coded in another
   * census edition than the LSOA is of, so that month counts as not published for it, never as 0. Every month when left out.
   */
  comparable?: (lsoaCode: string, month: Month) => boolean;
}

export interface CrimeTypeCount {
  crimeType: string;
  count: number;
}

export interface HotspotRow {
  /** The LSOA code, or the street's police.uk location. */
  key: string;
  /** The LSOA name, or the street's police.uk location. */
  name: string;
  /** For a street, the names of the LSOAs its crimes this month were in, busiest first; empty for an LSOA. */
  lsoaNames: string[];
  count: number;
  /** Crimes per 1,000 residents to one decimal place: LSOAs with a known population only. */
  ratePer1000: number | null;
  rankByCount: number;
  rankByRate: number | null;
  /** Null when last month was not published; so is every figure worked out from it. */
  lastMonth: number | null;
  changeOnLastMonth: number | null;
  /** Null when the month a year ago was not published or is not held. */
  sameMonthLastYear: number | null;
  changeOnLastYear: number | null;
  /** The predictive calendar's figure for this month. */
  expected: number | null;
  differenceFromExpected: number | null;
  /** This month's crimes by type, busiest first. */
  crimeTypes: CrimeTypeCount[];
  matrix: MatrixCell;
}

interface Hotspot {
  byMonth: Map<Month, number>;
  /** This month's crimes by type, by snap point and by LSOA. */
  types: Map<string, number>;
  locations: Map<string, number>;
  lsoaCodes: Map<string, number>;
}

const monthsForMatrix = 12;

/**
 * Whether a police.uk location names a street: some rows are "On or near " with nothing after it, which pooled
 * together would pass for the busiest street of an area. Such crimes count in their LSOA but name no street.
 */
export const namesStreet = (location: string): boolean => location.replace(/^\s*On or near\b/i, '').trim() !== '';

/** The month's crimes in the area (of the type, when given) whose location names no street. */
export function crimesWithoutStreet({ counts, lsoas, month, crimeType }: Omit<HotspotQuery, 'by'>): number {
  const inArea = new Set(lsoas.map((lsoa) => lsoa.code));
  let total = 0;
  for (const row of counts) {
    const kept = row.month === month && inArea.has(row.lsoaCode) && (crimeType === undefined || row.crimeType === crimeType);
    if (kept && !namesStreet(row.location)) total += row.count;
  }
  return total;
}

/**
 * Groups the area's crimes once by hotspot, so the ranking is one pass over the counts and a sort of the hotspots.
 * A street is keyed by its police.uk location alone: snap point names are all police.uk gives, so streets of the same
 * name in two LSOAs of the area count as one street.
 */
function groupHotspots({ counts, lsoas, month, by, crimeType }: HotspotQuery): Map<string, Hotspot> {
  const inArea = new Set(lsoas.map((lsoa) => lsoa.code));
  const hotspots = new Map<string, Hotspot>();
  for (const row of counts) {
    if (!inArea.has(row.lsoaCode) || (crimeType !== undefined && row.crimeType !== crimeType)) continue;
    if (by === 'street' && !namesStreet(row.location)) continue;
    const key = by === 'lsoa' ? row.lsoaCode : row.location;
    let hotspot = hotspots.get(key);
    if (!hotspot) {
      hotspot = { byMonth: new Map(), types: new Map(), locations: new Map(), lsoaCodes: new Map() };
      hotspots.set(key, hotspot);
    }
    tally(hotspot.byMonth, row.month, row.count);
    if (row.month === month) {
      tally(hotspot.types, row.crimeType, row.count);
      tally(hotspot.locations, row.location, row.count);
      tally(hotspot.lsoaCodes, row.lsoaCode, row.count);
    }
  }
  return hotspots;
}

const difference = (count: number, other: number | null): number | null => (other === null ? null : count - other);

/** The month's hotspots with at least one crime, most crimes first, equal counts by name. None when the month is not published. */
export function rankHotspots(query: HotspotQuery): HotspotRow[] {
  const { lsoas, publishedMonths, month, by, limit, comparable } = query;
  if (!publishedMonths.includes(month)) return [];
  const lsoaByCode = new Map(lsoas.map((lsoa) => [lsoa.code, lsoa]));
  const lastMonth = previousMonth(month);
  const yearAgo = sameMonthLastYear(month);

  const rows: Omit<HotspotRow, 'rankByCount' | 'rankByRate'>[] = [];
  for (const [key, hotspot] of groupHotspots(query)) {
    // An LSOA's months are those its code compares in; a street's are every month published.
    const publishedHere = by === 'lsoa' && comparable ? publishedMonths.filter((other) => comparable(key, other)) : publishedMonths;
    const published = new Set(publishedHere);
    const matrixMonths = lastPublishedMonths(publishedHere, month, monthsForMatrix);
    const countIn = (other: Month): number => hotspot.byMonth.get(other) ?? 0;
    const countIfPublished = (other: Month): number | null => (published.has(other) ? countIn(other) : null);
    const count = countIn(month);
    if (count === 0) continue;
    const lsoa = by === 'lsoa' ? lsoaByCode.get(key) : undefined;
    const population = lsoa?.population ?? null;
    const previous = countIfPublished(lastMonth);
    const lastYear = countIfPublished(yearAgo);
    const { expected } = predictiveCalendar(month, publishedHere, countIn);
    rows.push({
      key,
      name: lsoa?.name ?? key,
      lsoaNames: by === 'street' ? busiestFirst(hotspot.lsoaCodes).map(([code]) => lsoaByCode.get(code)?.name ?? code) : [],
      count,
      ratePer1000: population ? roundToOneDecimal((count * 1000) / population) : null,
      lastMonth: previous,
      changeOnLastMonth: difference(count, previous),
      sameMonthLastYear: lastYear,
      changeOnLastYear: difference(count, lastYear),
      expected,
      differenceFromExpected: difference(count, expected),
      crimeTypes: busiestFirst(hotspot.types).map(([crimeType, typeCount]) => ({ crimeType, count: typeCount })),
      matrix: matrixCell(hotspot.locations.values(), matrixMonths.map(countIn)),
    });
  }

  rows.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en-GB') || a.key.localeCompare(b.key, 'en-GB'));
  const rankByCount = competitionRanking(rows.map((row) => row.count));
  // Ranked by the rate as shown, so that rates that read the same share a rank.
  const rankByRate = competitionRanking(rows.flatMap((row) => (row.ratePer1000 === null ? [] : [row.ratePer1000])));
  const ranked = rows.map((row) => ({
    ...row,
    rankByCount: rankByCount(row.count),
    rankByRate: row.ratePer1000 === null ? null : rankByRate(row.ratePer1000),
  }));
  return limit === undefined ? ranked : ranked.slice(0, limit);
}

/** Every crime type in the counts, in alphabetical order. */
export function crimeTypesIn(counts: readonly CrimeCount[]): string[] {
  return [...new Set(counts.map((row) => row.crimeType))].sort((a, b) => a.localeCompare(b, 'en-GB'));
}

export interface EmergingHotspot {
  key: string;
  name: string;
  count: number;
  /** The figure it is compared with: the predictive calendar's, or last month's when there is no earlier year. */
  against: number;
  basis: 'expected' | 'last month';
  reason: string;
}

const emergingMinimumCrimes = 5;
const emergingMinimumRisePercent = 25;

export const emergingMethod =
  `An emerging hotspot is an LSOA whose crimes this month are furthest above what was expected: the predictive calendar's figure, ` +
  `or last month's count when there is no earlier year to go on. It needs at least ${emergingMinimumCrimes} crimes and to be at least ` +
  `${emergingMinimumRisePercent}% above that figure. The largest rises in crimes come first.`;

/** The area's LSOAs furthest above their expected crime this month, at most `limit` of them (5 unless given). */
export function emergingHotspots(query: Omit<HotspotQuery, 'by'>): EmergingHotspot[] {
  const emerging: EmergingHotspot[] = [];
  for (const row of rankHotspots({ ...query, by: 'lsoa', limit: undefined })) {
    const against = row.expected ?? row.lastMonth;
    if (against === null || row.count < emergingMinimumCrimes) continue;
    if (row.count * 100 < against * (100 + emergingMinimumRisePercent)) continue;
    const basis = row.expected === null ? 'last month' : 'expected';
    // The expected figure is an average: said to the nearest whole crime, as every page says it.
    const reason = `${row.count} crimes against ${Math.round(against)} ${basis}`;
    emerging.push({ key: row.key, name: row.name, count: row.count, against, basis, reason });
  }
  // rankHotspots gave them by count and name, and the sort is stable: equal rises keep that order.
  emerging.sort((a, b) => b.count - b.against - (a.count - a.against));
  return emerging.slice(0, query.limit ?? 5);
}

/** How well last month's hotspots foretold this month's crime: hit rate, area share and the predictive accuracy index. */
import { rankHotspots } from './hotspots.ts';
import { previousMonth } from './months.ts';
import type { AreaLsoa, CrimeCount, Month } from './types.ts';

export interface AccuracyQuery {
  counts: readonly CrimeCount[];
  lsoas: readonly AreaLsoa[];
  publishedMonths: readonly Month[];
  month: Month;
  /** How many of last month's busiest LSOAs count as its hotspots. */
  top: number;
  crimeType?: string;
}

export interface PredictionAccuracy {
  /** Last month's top LSOAs by crime count, as codes, busiest first. */
  hotspots: string[];
  crimesInHotspots: number;
  totalCrimes: number;
  /** Null when the area had no crime this month. */
  hitRatePercent: number | null;
  areaSharePercent: number;
  /** Null when there is no hit rate, or no hotspots to share the area. */
  pai: number | null;
  method: string;
}

export const accuracyMethod = (top: number): string =>
  `${top === 1 ? "Last month's LSOA with the most crime is taken as the hotspot" : `Last month's ${top} LSOAs with the most crime are taken as the hotspots (equal counts at the cut are taken in name order)`}. ` +
  `The hit rate is the share of this month's crimes in the area that happened in ${top === 1 ? 'it' : 'them'}. The area share is their share of the area, counting each LSOA as an equal share ` +
  `because LSOA boundaries, and so their sizes, are not loaded. The predictive accuracy index (PAI) is the hit rate ` +
  `divided by the area share: above 1, the hotspots held more crime than their share of the area would.`;

/** Null when this month or last month was not published: there is nothing to measure, or nothing that foretold it. */
export function predictionAccuracy(query: AccuracyQuery): PredictionAccuracy | null {
  const { publishedMonths, month, lsoas, top } = query;
  const lastMonth = previousMonth(month);
  if (!publishedMonths.includes(month) || !publishedMonths.includes(lastMonth)) return null;
  const hotspots = rankHotspots({ ...query, month: lastMonth, by: 'lsoa', limit: top }).map((row) => row.key);
  const thisMonth = rankHotspots({ ...query, by: 'lsoa', limit: undefined });
  const inHotspots = new Set(hotspots);
  const totalCrimes = thisMonth.reduce((sum, row) => sum + row.count, 0);
  const crimesInHotspots = thisMonth.reduce((sum, row) => sum + (inHotspots.has(row.key) ? row.count : 0), 0);
  const hitRatePercent = totalCrimes === 0 ? null : (crimesInHotspots * 100) / totalCrimes;
  const areaSharePercent = lsoas.length === 0 ? 0 : (hotspots.length * 100) / lsoas.length;
  return {
    hotspots,
    crimesInHotspots,
    totalCrimes,
    hitRatePercent,
    areaSharePercent,
    pai: hitRatePercent === null || areaSharePercent === 0 ? null : hitRatePercent / areaSharePercent,
    method: accuracyMethod(top),
  };
}

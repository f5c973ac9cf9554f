/**
 * An indicator fed from crime data: its figure for a period worked out from a partnership's imported police.uk
 * crimes — of one crime type, or of all crime with or without anti-social behaviour, as a count or per 1,000
 * residents — for every period of its frequency that the data wholly covers. Pure: the service reads the data.
 */
import { allCrime, allCrimeWithoutAsb, antiSocialBehaviour, countOf, per1000 } from '../crimedata/index.ts';
import type { Frequency } from './report.ts';
import { firstPeriodOfYear, monthsOfQuarter, periodRange, quarterOfMonth } from './periods.ts';

/** What performance needs of the crime data module (wired in container.ts): nothing else of it is known here. */
export interface AreaCrimes {
  partnershipId: string;
  name: string;
  /** The months of the period asked for that its force has a complete file for. */
  heldMonths: string[];
  byType: { crimeType: string; count: number }[];
  population: number | null;
}

export interface CrimeFigures {
  /** The crimes of partnerships' areas over whole months (inclusive), by type, with their residents. */
  areaFigures(partnershipIds: readonly string[], months: { from: string; to: string }): Promise<AreaCrimes[]>;
  /** The partnership's peer set, never itself. */
  peers(partnershipId: string): Promise<{ partnershipId: string; name: string }[]>;
}

/** The crime types of police.uk's street-level files, as the files spell them. */
export const policeUkCrimeTypes = [
  antiSocialBehaviour,
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
] as const;

/** What a police.uk indicator counts: one crime type, or all crime (null) with or without anti-social behaviour. */
export interface CrimeMeasure {
  crimeType: string | null;
  includesAsb: boolean;
  unit: 'count' | 'rate_per_1000';
}

/** police.uk's first month: no figures are held before it. */
export const firstPoliceUkMonth = '2010-12';

// Without a closing full stop: the pages and documents end the sentence.
export const policeUkSource =
  'police.uk street-level crime data imported into Safer, containing public sector information licensed under the Open Government Licence v3.0';
export const policeUkRateSource = `${policeUkSource}; residents from the Office for National Statistics, Open Government Licence v3.0`;
export const policeUkGroupSource = 'police.uk, computed by Safer from the peers’ imported data';

/** "Burglary", "All crime including anti-social behaviour". */
export function crimeMeasureWords({ crimeType, includesAsb }: Pick<CrimeMeasure, 'crimeType' | 'includesAsb'>): string {
  if (crimeType !== null) return crimeType;
  return `All crime ${includesAsb ? 'including' : 'excluding'} anti-social behaviour`;
}

/** Per 1,000 residents to one decimal place, as the crime profile gives rates. */
const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/** The area's figure over these months; null unless its data holds every one of them (or, for a rate, its residents). */
export function measureOf(area: AreaCrimes, months: readonly string[], measure: CrimeMeasure): number | null {
  if (!months.every((month) => area.heldMonths.includes(month))) return null;
  // Counted as the crime profile counts: one crime type, or all crime with or without anti-social behaviour.
  const count = countOf(area, measure.crimeType ?? (measure.includesAsb ? allCrime : allCrimeWithoutAsb));
  if (measure.unit === 'count') return count;
  const rate = per1000(count, area.population);
  return rate === null ? null : oneDecimal(rate);
}

/** A period of the indicator's frequency with the months it is made of. */
export interface CoveredPeriod {
  period: string;
  months: string[];
}

/** The months a period of a frequency is made of. */
export function monthsOf(period: string, frequency: Frequency): string[] {
  if (frequency === 'monthly') return [period];
  if (frequency === 'quarterly') return monthsOfQuarter(period);
  const year = Number(period.slice(0, 4));
  return periodRange(firstPeriodOfYear(year, 'monthly'), firstPeriodOfYear(year + 1, 'monthly'), 'monthly').slice(0, 12);
}

/** The periods of a frequency whose every month is held, in order. */
export function periodsCovered(heldMonths: readonly string[], frequency: Frequency): CoveredPeriod[] {
  const held = new Set(heldMonths);
  const candidates = heldMonths.map((month) => {
    if (frequency === 'monthly') return month;
    const quarter = quarterOfMonth(month);
    return frequency === 'quarterly' ? quarter : quarter.slice(0, 7);
  });
  return [...new Set(candidates)]
    .map((period) => ({ period, months: monthsOf(period, frequency) }))
    .filter(({ months }) => months.every((month) => held.has(month)));
}

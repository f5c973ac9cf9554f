/**
 * The crime profile and the peer comparison as their pages and CSV downloads say them. Pure: the route reads the
 * figures and renders what this gives. A change carries its sign and "up" or "down"; a position its words.
 */
import type { GroupComparison, GroupPosition } from '../../platform/groupComparison.ts';
import { digits, formatPercentChange, signedChange } from '../../platform/numbers.ts';
import { monthsInWords, monthsOf } from './analysis/periods.ts';
import type { CrimeProfile, PeerRow } from './analysis/profile.ts';
import { ogl, onsSource } from './hotspotsPage.ts';

export const notHeld = 'Not held in Safer';
export const noFigures = 'No figures';

/** Per 1,000 residents to one decimal place: "12.3"; `missing` for no figure. */
export const rate = (value: number | null, missing = 'Not known'): string => (value === null ? missing : digits(value, 1));

/** A plain number for a spreadsheet: the rate to one decimal place, '' for none. */
export const plainRate = (value: number | null): string => (value === null ? '' : value.toFixed(1));

/**
 * A lower limit as a rate can be: the average less one or two standard deviations can fall below 0, which no rate of
 * crime can, so it is said as 0 (the page says so).
 */
export const floorAtZero = (value: number | null): number | null => (value === null ? null : Math.max(0, value));

/** Said beside the limits. */
export const limitsNote = 'A lower limit that works out below 0 is shown as 0.0: no rate of crime can be below 0.';

/** Said where a rate per 1,000 is not given because the period is not wholly held (the inset above the table says why). */
export const partRate = 'Not given';

/** Whose residents: ONS mid-2019 estimates for the 2011 LSOAs a file is coded in, mid-2022 for the 2021 ones. */
export function residentsText(profile: CrimeProfile): string {
  if (profile.population === null) return 'Not known';
  const estimate = profile.populationEdition === 2011 ? 'mid-2019' : 'mid-2022';
  const edition = profile.populationEdition ?? 2021;
  return `${digits(profile.population, 0)} (ONS ${estimate} estimates for the area’s ${edition} LSOAs, the census boundaries of the latest month held)`;
}

const positionWords: Record<GroupPosition, string> = { above: 'Above', within: 'Within', below: 'Below' };
export const positionOf = (position: GroupPosition | null) => (position ? positionWords[position] : noFigures);

/** What the period's months not held mean for its figures, or null when every month is held. */
export function notHeldText(profile: CrimeProfile): string | null {
  if (profile.monthsNotHeld.length === 0) return null;
  const months = monthsInWords(profile.monthsNotHeld);
  if (profile.monthsNotHeld.length === monthsOf(profile.period).length)
    return `Safer does not hold police.uk data for any month of ${profile.period.label} (${months}).`;
  return `Safer does not hold police.uk data for ${months}: the counts are of ${profile.coverage}, with no rate per 1,000 residents (a rate for part of the period would read as the whole period’s) and no change on a year earlier.`;
}

/** The sentence on the force's rows without a location: they count for no partnership. */
export function withoutLocationText(withoutLocation: { force: string; crimes: number }): string {
  return `${digits(withoutLocation.crimes, 0)} ${withoutLocation.crimes === 1 ? 'crime' : 'crimes'} in ${withoutLocation.force}’s files for the period had no location, so ${withoutLocation.crimes === 1 ? 'counts' : 'count'} for no partnership.`;
}

/** The profile's rows in words, for the page's table. */
export function profileRows(profile: CrimeProfile) {
  const anyHeld = profile.monthsNotHeld.length < monthsOf(profile.period).length;
  const whole = profile.monthsNotHeld.length === 0;
  return profile.rows.map((row) => ({
    measure: row.measure,
    count: anyHeld ? digits(row.count, 0) : notHeld,
    per1000: whole ? rate(row.per1000) : partRate,
    earlier: row.earlier === null ? notHeld : digits(row.earlier, 0),
    change: row.change === null ? notHeld : signedChange(row.change, digits(Math.abs(row.change), 0), 'No change'),
    changePercent:
      row.change === null ? notHeld : row.changePercent === null ? 'None a year earlier' : formatPercentChange(row.changePercent),
  }));
}

export function profileCsv(profile: CrimeProfile, withoutLocation: { force: string; crimes: number } | null): string[][] {
  const plain = (n: number | null) => (n === null ? '' : String(n));
  return [
    ['Period', 'Crime type', 'Crimes', 'Crimes per 1,000 residents', 'Same period a year earlier', 'Change', 'Change (%)'],
    ...profile.rows.map((row) => [
      profile.coverage,
      row.measure,
      profile.monthsNotHeld.length < monthsOf(profile.period).length ? String(row.count) : '',
      plainRate(row.per1000),
      row.earlier === null ? notHeld : String(row.earlier),
      plain(row.change),
      row.changePercent === null ? '' : row.changePercent.toFixed(1),
    ]),
    ...(profile.monthsNotHeld.length ? [[`Months not held in Safer: ${monthsInWords(profile.monthsNotHeld)}`]] : []),
    ...(withoutLocation ? [[withoutLocationText(withoutLocation)]] : []),
    [ogl],
    [onsSource],
  ];
}

export const limits = (lower: number | null, upper: number | null) =>
  lower === null || upper === null ? noFigures : `${rate(floorAtZero(lower))} to ${rate(upper)}`;
const rankText = (comparison: GroupComparison) => (comparison.rank === null ? noFigures : `${comparison.rank} of ${comparison.known}`);

/** Each measure's comparison in words, for the page's table. */
export function peerRows(rows: readonly PeerRow[]) {
  return rows.map(({ measure, comparison }) => ({
    measure,
    own: rate(comparison.members.find((member) => member.isSelf)?.value ?? null, noFigures),
    rank: rankText(comparison),
    average: rate(comparison.average, noFigures),
    limits: limits(comparison.lowerLimit, comparison.upperLimit),
    position: positionOf(comparison.position),
    limits2: limits(comparison.lowerLimit2, comparison.upperLimit2),
    position2: positionOf(comparison.position2),
  }));
}

/** Every member's figure per 1,000 for the first measures (all crime, with and without ASB), for the page. */
export function memberRows(rows: readonly PeerRow[], measures = 2) {
  const shown = rows.slice(0, measures);
  return (shown[0]?.comparison.members ?? []).map((member, index) => ({
    name: member.name,
    isSelf: member.isSelf,
    values: shown.map((row) => rate(row.comparison.members[index]?.value ?? null, noFigures)),
  }));
}

export function peersCsv(label: string, rows: readonly PeerRow[]): string[][] {
  const members = rows[0]?.comparison.members ?? [];
  return [
    [
      'Period',
      'Crime type',
      'Per 1,000 residents',
      'Rank (1 is the lowest)',
      'Members with figures',
      'Peer average',
      'Lower limit (1 SD)',
      'Upper limit (1 SD)',
      'Position (1 SD)',
      'Lower limit (2 SD)',
      'Upper limit (2 SD)',
      'Position (2 SD)',
      ...members.map((member) => member.name),
    ],
    ...rows.map(({ measure, comparison }) => [
      label,
      measure,
      plainRate(comparison.members.find((member) => member.isSelf)?.value ?? null),
      comparison.rank === null ? '' : String(comparison.rank),
      String(comparison.known),
      plainRate(comparison.average),
      plainRate(floorAtZero(comparison.lowerLimit)),
      plainRate(comparison.upperLimit),
      positionOf(comparison.position),
      plainRate(floorAtZero(comparison.lowerLimit2)),
      plainRate(comparison.upperLimit2),
      positionOf(comparison.position2),
      ...comparison.members.map((member) => (member.value === null ? noFigures : member.value.toFixed(1))),
    ]),
    [ogl],
    [onsSource],
  ];
}

/**
 * The hotspots of a month as the page and its CSV download show them: the area's headline, the ranking, the
 * emerging hotspots and how well last month's hotspots foretold this month, in words. Pure: the route reads the
 * counts and renders what this gives. A change is written with its sign and "up" or "down", never colour alone.
 */
import { monthName, monthNames } from '../../platform/dates.ts';
import { digits, formatPercentChange, signedChange } from '../../platform/numbers.ts';
import { type PredictionAccuracy, predictionAccuracy } from './analysis/accuracy.ts';
import { roundToOneDecimal } from './analysis/counting.ts';
import {
  crimesWithoutStreet,
  type EmergingHotspot,
  emergingHotspots,
  type HotspotQuery,
  type HotspotRow,
  rankHotspots,
} from './analysis/hotspots.ts';
import { explainMatrixCell } from './analysis/matrix.ts';
import { missingMonthWords, monthOfYear, monthPattern, previousMonth, sameMonthLastYear } from './analysis/months.ts';
import { predictiveCalendar } from './analysis/predictiveCalendar.ts';
import { monthlySeries, type Trend, trendOf } from './analysis/series.ts';
import type { AreaLsoa, Month } from './analysis/types.ts';
import { lsoaLabeller } from './lsoaLabel.ts';

export const ogl = 'Contains public sector information licensed under the Open Government Licence v3.0.';
export const onsSource = 'Source: Office for National Statistics licensed under the Open Government Licence v3.0.';

/** The area's counts run from its first published month to `month`: the predictive calendar needs every earlier year. */
export interface HotspotsInput extends Omit<HotspotQuery, 'limit'> {
  sort: 'count' | 'rate';
}

export interface Headline {
  total: number;
  lastMonth: number | null;
  lastYear: number | null;
  expected: number | null;
  yearsUsed: number;
  trend: Trend;
  /** The months held, oldest first: they say why a month has no figure (`missingMonthWords`). */
  heldMonths: readonly Month[];
}

export interface HotspotsPage {
  headline: Headline;
  /** Every hotspot of the month, in the order asked for. */
  rows: HotspotRow[];
  /** The month's crimes whose location names no street: left out of a ranking by street, said under it. */
  withoutStreet: number;
  emerging: EmergingHotspot[];
  /** Last month's hotspots, a tenth of the area's LSOAs, against this month's crime. */
  accuracy: PredictionAccuracy | null;
}

/** Last month's busiest tenth of the area's LSOAs (at least one) are the hotspots whose foresight is measured. */
export const hotspotsForAccuracy = (lsoaCount: number): number => Math.max(1, Math.round(lsoaCount / 10));

// A hotspot without a rate (a street, or an LSOA whose population is not known) comes after every one with one.
const rateOrder = (row: HotspotRow): number => row.rankByRate ?? Number.MAX_SAFE_INTEGER;

export function hotspotsPage(input: HotspotsInput): HotspotsPage {
  const { counts, lsoas, publishedMonths, month, crimeType, comparable } = input;
  const series = monthlySeries(counts, publishedMonths, publishedMonths[0] ?? month, month, (row) =>
    crimeType === undefined ? true : row.crimeType === crimeType,
  );
  const totals = new Map(series.map((entry) => [entry.month, entry.count]));
  const calendar = predictiveCalendar(month, publishedMonths, (other) => totals.get(other) ?? 0);
  const rows = rankHotspots({ counts, lsoas, publishedMonths, month, by: input.by, crimeType, comparable });
  if (input.sort === 'rate') rows.sort((a, b) => rateOrder(a) - rateOrder(b) || a.rankByCount - b.rankByCount);
  return {
    headline: {
      total: totals.get(month) ?? 0,
      lastMonth: totals.get(previousMonth(month)) ?? null,
      lastYear: totals.get(sameMonthLastYear(month)) ?? null,
      expected: calendar.expected,
      yearsUsed: calendar.yearsUsed,
      trend: trendOf(series),
      heldMonths: publishedMonths,
    },
    rows,
    withoutStreet: crimesWithoutStreet(input),
    emerging: emergingHotspots({ counts, lsoas, publishedMonths, month, crimeType, comparable }),
    accuracy: predictionAccuracy({ counts, lsoas, publishedMonths, month, crimeType, top: hotspotsForAccuracy(lsoas.length) }),
  };
}

/** A count, or an average to one decimal place: 7, 1,204, 6.5. */
export function figure(n: number): string {
  const rounded = roundToOneDecimal(n);
  return digits(rounded, Number.isInteger(rounded) ? 0 : 1);
}

/** "+3, up from 7", "−2, down from 9", "No change from 5"; `missing` when there is nothing to compare with. */
export function changeText(count: number, other: number | null, missing: string): string {
  if (other === null) return missing;
  const change = signedChange(count - other, figure(Math.abs(count - other)), '');
  if (!change) return `No change from ${figure(other)}`;
  return `${change}, ${count > other ? 'up' : 'down'} from ${figure(other)}`;
}

/**
 * "+3, above the 13 expected", "As expected (6)"; `missing` when no earlier year gives an expected figure. The
 * expected figure is an average, so never a whole crime: it is said to the nearest whole crime (the predictive
 * calendar's method says so), and the difference is from that whole number, so the two always add up.
 */
export function expectedText(count: number, expected: number | null, missing: string): string {
  if (expected === null) return missing;
  const usual = wholeExpected(expected);
  const change = signedChange(count - usual, digits(Math.abs(count - usual), 0), '');
  if (!change) return `As expected (${digits(usual, 0)})`;
  return `${change}, ${count > usual ? 'above' : 'below'} the ${digits(usual, 0)} expected`;
}

/** An expected figure (an average) as the pages say it: to the nearest whole crime, a half rounded up. */
export const wholeExpected = (expected: number): number => Math.round(expected);

/** What a month without a figure is: "Not held in Safer", "Not published" or "Not comparable" (`missingMonthWords`). */
export function missingMonthText(month: Month, held: readonly Month[]): string {
  const words = missingMonthWords(month, held);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** Why a month has no hotspots: it is outside the months held in Safer, or a gap in them the force did not publish. */
export function notHeldWords(month: Month, held: readonly Month[]): string {
  if (missingMonthWords(month, held) === 'not published') {
    return `police.uk did not publish ${monthName(month)} for the force: Safer holds the months either side of it. Choose another month.`;
  }
  const first = held[0];
  const last = held.at(-1);
  const range = first && last ? `it holds ${monthName(first)} to ${monthName(last)}` : 'it holds none of the force’s months yet';
  return `${monthName(month)} is not held in Safer: ${range}. Choose another month.`;
}

/** A value from an address, quoted back only while it is short enough to read. */
export const asTyped = (value: string): string => (value.length <= 20 ? `“${value}”` : 'The value in the address');

/** What Safer holds of the force's months, for a page that says a month asked for is not among them. */
export function heldWords(held: readonly Month[]): string {
  const first = held[0];
  const last = held.at(-1);
  return first && last ? `Safer holds ${monthName(first)} to ${monthName(last)}.` : 'Safer holds none of the force’s months yet.';
}

/** Why the month an address names has no page: it is not a month (such as 2025-13), or it is not held. */
export function monthAskedWords(asked: string, held: readonly Month[]): string {
  if (!monthPattern.test(asked))
    return `${asTyped(asked)} is not a month: a month is written as year and month, such as 2025-12. ${heldWords(held)}`;
  return notHeldWords(asked, held);
}

/** Said under a ranking by street: how many of the month's crimes name no street, and so are not in it. */
export function withoutStreetWords(count: number, month: Month): string | null {
  if (count === 0) return null;
  const crimes = count === 1 ? '1 crime' : `${digits(count, 0)} crimes`;
  return `${crimes} in ${monthName(month)} had no street named by police.uk (the location reads only “On or near”): they count in their LSOAs but are not ranked here.`;
}

export function trendText(trend: Trend): string {
  if (trend.direction === 'not enough data') return 'Not enough data: the trend needs 6 months held in Safer';
  const words = { rising: 'Rising', falling: 'Falling', steady: 'Steady' }[trend.direction];
  if (trend.changePercent === null) return `${words}: there was no crime in the 3 months held before the latest 3`;
  return `${words}: the latest 3 months held in Safer against the 3 before, ${formatPercentChange(trend.changePercent)}`;
}

/** The headline as a summary list. */
export function headlineRows(headline: Headline, month: Month): { key: string; value: string }[] {
  const lastMonth = previousMonth(month);
  const lastYear = sameMonthLastYear(month);
  const calendarMonth = monthNames[monthOfYear(month) - 1] ?? '';
  const basis =
    headline.yearsUsed === 1 ? `${calendarMonth} of the year before` : `the average of the ${headline.yearsUsed} earlier ${calendarMonth}s`;
  return [
    { key: `Crimes in ${monthName(month)}`, value: digits(headline.total, 0) },
    {
      key: `Change on ${monthName(lastMonth)}`,
      value: changeText(headline.total, headline.lastMonth, missingMonthText(lastMonth, headline.heldMonths)),
    },
    {
      key: `Change on ${monthName(lastYear)}`,
      value: changeText(headline.total, headline.lastYear, missingMonthText(lastYear, headline.heldMonths)),
    },
    {
      key: 'Against the predictive calendar',
      value:
        headline.expected === null
          ? `No earlier ${calendarMonth} to compare with`
          : `${expectedText(headline.total, headline.expected, '')}, from ${basis}`,
    },
    { key: 'Trend', value: trendText(headline.trend) },
  ];
}

/** A hotspot in words, for a row of the table; `held` are the months held. */
export function describeHotspot(row: HotspotRow, month: Month, held: readonly Month[]) {
  const lastMonth = previousMonth(month);
  const lastYear = sameMonthLastYear(month);
  return {
    rankByCount: String(row.rankByCount),
    rankByRate: row.rankByRate === null ? 'Not ranked' : String(row.rankByRate),
    name: row.name,
    // An LSOA by its code; a street by the LSOAs its crimes were in.
    detail: row.lsoaNames.length ? `In ${row.lsoaNames.join(', ')}` : row.key,
    count: digits(row.count, 0),
    rate: row.ratePer1000 === null ? 'Not known' : digits(row.ratePer1000, 1),
    changeOnLastMonth: changeText(row.count, row.lastMonth, missingMonthText(lastMonth, held)),
    changeOnLastYear: changeText(row.count, row.sameMonthLastYear, missingMonthText(lastYear, held)),
    againstExpected: expectedText(row.count, row.expected, 'No earlier year'),
    matrix: row.matrix.label,
    matrixExplained: explainMatrixCell(row.matrix),
    crimeTypes: row.crimeTypes
      .slice(0, 3)
      .map((type) => `${type.crimeType} (${digits(type.count, 0)})`)
      .join(', '),
  };
}

/** A hotspot's every figure as its own page lists them, crime types all given. */
export function hotspotRows(described: ReturnType<typeof describeHotspot>, crimeTypes: HotspotRow['crimeTypes']) {
  return {
    figures: [
      { key: 'Rank by crimes', value: described.rankByCount },
      { key: 'Rank by crimes per 1,000 residents', value: described.rankByRate },
      { key: 'Crimes', value: described.count },
      { key: 'Crimes per 1,000 residents', value: described.rate },
      { key: 'On last month', value: described.changeOnLastMonth },
      { key: 'On the same month last year', value: described.changeOnLastYear },
      { key: 'Against the predictive calendar', value: described.againstExpected },
      { key: 'Hotspot matrix', value: described.matrixExplained },
    ],
    crimeTypes: crimeTypes.map((type) => [type.crimeType, digits(type.count, 0)]),
  };
}

/** How well last month's hotspots foretold this month, in words; null when it cannot be measured. */
export function describeAccuracy(accuracy: PredictionAccuracy | null, lsoas: readonly AreaLsoa[], month: Month) {
  if (!accuracy) return null;
  const percent = (n: number) => `${digits(n, 1)}%`;
  return {
    hotspots: accuracy.hotspots.map(lsoaLabeller(lsoas)),
    hitRate:
      accuracy.hitRatePercent === null
        ? `No crime in ${monthName(month)}`
        : `${percent(accuracy.hitRatePercent)} of the crimes of ${monthName(month)} (${digits(accuracy.crimesInHotspots, 0)} of ${digits(accuracy.totalCrimes, 0)})`,
    areaShare: `${percent(accuracy.areaSharePercent)} of the area (${accuracy.hotspots.length} of ${lsoas.length} LSOAs)`,
    pai: accuracy.pai === null ? 'Not known' : digits(accuracy.pai, 2),
    method: accuracy.method,
  };
}

const plain = (n: number | null): string => (n === null ? '' : String(roundToOneDecimal(n)));

/** Every hotspot of the page as rows of a spreadsheet, figures as plain numbers, the licence last. */
export function hotspotsCsv(page: HotspotsPage, by: HotspotsInput['by']): string[][] {
  return [
    [
      'Rank by count',
      'Rank by rate',
      by === 'lsoa' ? 'LSOA code' : 'Location',
      by === 'lsoa' ? 'LSOA name' : 'LSOAs',
      'Crimes',
      'Crimes per 1,000 residents',
      'Last month',
      'Change on last month',
      'Same month last year',
      'Change on last year',
      'Expected (average of earlier years)',
      'Difference from expected',
      'Hotspot matrix',
      'Crime types',
    ],
    ...page.rows.map((row) => [
      String(row.rankByCount),
      plain(row.rankByRate),
      row.key,
      by === 'lsoa' ? row.name : row.lsoaNames.join('; '),
      String(row.count),
      plain(row.ratePer1000),
      plain(row.lastMonth),
      plain(row.changeOnLastMonth),
      plain(row.sameMonthLastYear),
      plain(row.changeOnLastYear),
      plain(row.expected),
      plain(row.differenceFromExpected),
      row.matrix.label,
      row.crimeTypes.map((type) => `${type.crimeType}: ${type.count}`).join('; '),
    ]),
    [ogl],
    [onsSource],
  ];
}

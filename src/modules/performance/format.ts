/**
 * Figures in the words the partnership's own reports use (en-GB), shared by the page, the PDF and the
 * Word document so that all three say the same thing. Negative numbers take the true minus sign (−),
 * as printed documents do.
 */

import { digits, formatPercentChange, minus, pounds, showsAsZero, signedChange } from '../../platform/numbers.ts';
import type {
  Comparison,
  Direction,
  Exception,
  Frequency,
  IndicatorFigures,
  MsgFigure,
  Polarity,
  Rag,
  TargetStatus,
  Unit,
} from './report.ts';

/** A magnitude in the unit's own terms, without its sign. */
function magnitudeOf(value: number, unit: Unit): string {
  const size = Math.abs(value);
  if (unit === 'money') return pounds(size);
  // A rate per 1,000 is read to one decimal place, as the partnership's reports give it; a small one keeps two so that it does not read as nought.
  if (unit === 'rate_per_1000') return digits(size, size > 0 && size < 1 ? 2 : 1);
  if (unit === 'percentage') return digits(size, 1);
  return digits(size, Number.isInteger(size) ? 0 : 1);
}

/** A value in its unit: '1,832', '62.2', '9.3%', '£4,813.50' (money is held in pence). */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return 'No figure';
  const magnitude = magnitudeOf(value, unit);
  const sign = value < 0 && !showsAsZero(magnitude) ? minus : '';
  return `${sign}${magnitude}${unit === 'percentage' ? '%' : ''}`;
}

/** A change in the unit's terms: '+1,090', '−1.2 percentage points', '+£1,000'. */
export function formatDifference(difference: number | null, unit: Unit): string {
  if (difference === null) return 'No comparison';
  const change = signedChange(difference, magnitudeOf(difference, unit), unit === 'money' ? '£0' : '0');
  return unit === 'percentage' ? `${change} percentage points` : change;
}

/** A change with its percentage, '+1,090 (+147%)'; a percentage's change is in points only, since a % of a % misleads. */
export function formatChange(comparison: Comparison, unit: Unit): string {
  const difference = formatDifference(comparison.difference, unit);
  if (comparison.difference === null || unit === 'percentage' || comparison.percent === null) return difference;
  return `${difference} (${formatPercentChange(comparison.percent)})`;
}

export const unitNames: Record<Unit, string> = {
  count: 'Number',
  rate_per_1000: 'Rate per 1,000 population',
  percentage: 'Percentage',
  money: 'Money (£)',
};

export const polarityNames: Record<Polarity, string> = {
  lower_better: 'Lower is better',
  higher_better: 'Higher is better',
  monitor: 'Monitor only',
};

export const frequencyNames: Record<Frequency, string> = { monthly: 'Monthly', quarterly: 'Quarterly', yearly: 'Yearly' };

export const directionNames: Record<Direction, string> = { upward: 'Upward', downward: 'Downward', stable: 'Stable' };

export const targetStatusNames: Record<TargetStatus, string> = {
  ahead: 'Ahead of target',
  on_target: 'On target',
  not_on_target: 'Not on target',
};

export const ragNames: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Grey' };

export const exceptionNames: Record<Exception, string> = {
  under: 'Under-performing',
  over: 'Over-performing',
  change: 'Large change on last year',
};

/** Without a target, the exception is against last year: its words say so. ("Better" is in reports approved before only worse counted.) */
const lastYearExceptionNames: Record<Exception, string> = {
  under: 'Worse than last year',
  over: 'Better than last year',
  change: 'Large change on last year',
};

type Judged = Pick<IndicatorFigures, 'exception' | 'targetStatus' | 'yearToDate' | 'periodLabel' | 'direction' | 'period'> &
  Partial<Pick<IndicatorFigures, 'periodDirection'>>;

/** What a status, an exception or the direction of travel compares: the year to date where there is one, else the period. */
const comparedOver = (figures: Judged): string => (figures.yearToDate ? 'year to date' : figures.periodLabel);

/**
 * The status with what it compares: "Green: on target (year to date, against the target)"; without a target, what it
 * is judged against instead: "No target: the year to date against the same months a year earlier", "No target:
 * 2015/16 against the year before", or that there is no figure a year earlier to judge it by.
 */
export function statusWithBasis(figures: Judged & Pick<IndicatorFigures, 'rag' | 'target'>): string {
  const words = statusWords(figures);
  if (figures.targetStatus) return `${words} (${comparedOver(figures)}, against the target)`;
  if (figures.target) return words;
  if (!figures.direction) return `${words}, and no figure a year earlier to compare with`;
  if (figures.yearToDate) return `${words}: the year to date against the same months a year earlier`;
  return `${words}: ${figures.periodLabel} against the same period a year earlier`;
}

/** The exception with what it compares: "Under-performing (year to date, against the target)", "Worse than last year (Quarter 4, 2015/16)". */
export function exceptionWords(figures: Judged): string | null {
  if (!figures.exception) return null;
  return figures.targetStatus
    ? `${exceptionNames[figures.exception]} (${comparedOver(figures)}, against the target)`
    : `${lastYearExceptionNames[figures.exception]} (${comparedOver(figures)})`;
}

/**
 * The direction of travel with the period it is over and its change: "Upward over the year to date (+16.4% on last
 * year); downward over Quarter 4, 2015/16 (−13.4%)" — the period's own direction added where it differs.
 */
export function directionWords(figures: Judged): string {
  if (!figures.direction) return 'No comparison';
  const overall = figures.yearToDate ?? figures.period;
  const percent = (p: number | null) => (p === null ? '' : ` (${formatPercentChange(p)} on last year)`);
  const main = `${directionNames[figures.direction]} over ${figures.yearToDate ? 'the year to date' : figures.periodLabel}${percent(overall.percent)}`;
  const own = figures.periodDirection;
  if (!figures.yearToDate || !own || own === figures.direction) return main;
  return `${main}; ${directionNames[own].toLowerCase()} over ${figures.periodLabel}${percent(figures.period.percent)}`;
}

/** The status against target for a tag: the RAG in words as well as in its colour, as the documents' "RAG rating" does. */
export function statusWords(figures: Pick<IndicatorFigures, 'targetStatus' | 'rag' | 'target'>): string {
  if (figures.targetStatus) return `${ragNames[figures.rag]}: ${targetStatusNames[figures.targetStatus].toLowerCase()}`;
  return figures.target ? 'No figure to compare with the target' : 'No target';
}

/** The control limits at ± one or ± two standard deviations in words, with the partnership's place against them; null when not known. */
export function limitWords(msg: MsgFigure, unit: Unit, sd: 1 | 2): { limits: string; position: string } | null {
  const [lower, upper, position] =
    sd === 1 ? [msg.lowerLimit, msg.upperLimit, msg.position] : [msg.lowerLimit2, msg.upperLimit2, msg.position2];
  if (lower === null || lower === undefined || upper === null || upper === undefined) return null;
  const place = { above: 'above them', within: 'within them', below: 'below them' };
  return { limits: `${formatValue(lower, unit)} to ${formatValue(upper, unit)}`, position: position ? place[position] : 'not placed' };
}

/**
 * The partnership's rank in its group, saying how many members it is among: '1 of 15 in its group', or where some
 * have no figure '4 of the 4 with a figure (5 in the group)'; null when it has no figure. `shown` is the rank as written.
 */
export function rankWords(msg: Pick<MsgFigure, 'rank' | 'known' | 'of'>, shown = String(msg.rank)): string | null {
  if (msg.rank === null) return null;
  return msg.known === msg.of
    ? `${shown} of ${msg.of} in its group`
    : `${shown} of the ${msg.known} with a figure (${msg.of} in the group)`;
}

/** '1 of the 5 members has no figure', '4 of the 15 members have no figure'; null when every member has one. */
export function missingWords(msg: Pick<MsgFigure, 'known' | 'of'>): string | null {
  const missing = msg.of - msg.known;
  return missing > 0 ? `${missing} of the ${msg.of} members ${missing === 1 ? 'has' : 'have'} no figure` : null;
}

/** How the report chooses its exceptions, written on the page and in the exception report's documents. */
export const exceptionRule: readonly string[] = [
  'An indicator with a target is judged against it, over the year to date where its figures add up (counts and money) and otherwise over the period: it is an exception when it is worse than the target by more than its tolerance (under-performing) or better by more (over-performing).',
  'An indicator without a target is judged against the same period last year, over the same comparison: it is an exception when it is worse than last year by more than its tolerance (worse than last year). Better than last year is not an exception, as there is no target to over-perform against.',
  'An indicator that is monitored only has no better or worse direction: it is an exception when it changes on last year by more than its red tolerance either way (large change on last year), so that the board can ask why.',
  'Beside each status, exception and direction of travel, the report says what it compares: the year to date or the period, against the target or last year.',
];

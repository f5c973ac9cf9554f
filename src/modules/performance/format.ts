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
  if (unit === 'rate_per_1000') return digits(size, 3);
  if (unit === 'percentage') return digits(size, 1);
  return digits(size, Number.isInteger(size) ? 0 : 1);
}

/** A value in its unit: '1,832', '62.176', '9.3%', '£4,813.50' (money is held in pence). */
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

export const exceptionNames: Record<Exception, string> = { under: 'Under-performing', over: 'Over-performing' };

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

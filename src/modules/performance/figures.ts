/**
 * The figures a performance report derives from recorded values: totals, changes on last year,
 * direction of travel, targets and RAG status. Derived, never stored, so a corrected value corrects
 * every figure built on it.
 */

import type { Comparison, Direction, Exception, Polarity, Rag, TargetStatus, Unit } from './report.ts';

/** Drops the binary noise of decimal arithmetic (9.3 − 10.5 = −1.1999999999999993) so that figures on a boundary fall where the rule says. */
const withoutFloatNoise = (n: number): number => Number(n.toPrecision(12));

/** Counts and money add up over periods; a rate or a percentage of one period cannot be added to another's. */
export function additive(unit: Unit): boolean {
  return unit === 'count' || unit === 'money';
}

/**
 * Several periods' values as one figure. A gap is never counted as zero: a sum with a missing value is null.
 * A rate or percentage cannot be made from the values of its parts, so only a single value stands for itself.
 */
export function combine(values: (number | null)[], unit: Unit): number | null {
  if (!additive(unit)) return values.length === 1 ? (values[0] ?? null) : null;
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return withoutFloatNoise(sum);
}

/** A figure against an earlier one; the percentage is null when there is nothing to take a percentage of. */
export function compare(current: number | null, previous: number | null): Comparison {
  const difference = current === null || previous === null ? null : withoutFloatNoise(current - previous);
  const percent =
    difference === null || previous === 0 || previous === null ? null : withoutFloatNoise((difference * 100) / Math.abs(previous));
  return { current, previous, difference, percent };
}

/** Upward or downward by the sign of the change; stable when the change is within the given % (or nothing, from zero). */
export function directionOfTravel(comparison: Comparison, stableWithinPercent: number): Direction | null {
  const { difference, percent } = comparison;
  if (difference === null) return null;
  // With no percentage the previous value was zero, so any change at all is a movement.
  if (percent === null ? difference === 0 : Math.abs(percent) <= stableWithinPercent) return 'stable';
  return difference > 0 ? 'upward' : 'downward';
}

export interface Target {
  kind: 'none' | 'value' | 'change';
  /** The target itself, or for a change the signed % on the baseline (−20 is a 20% reduction). */
  value: number | null;
}

export function targetValue(target: Target, baseline: number | null): number | null {
  if (target.kind === 'none' || target.value === null) return null;
  if (target.kind === 'value') return target.value;
  return baseline === null ? null : withoutFloatNoise(baseline * (1 + target.value / 100));
}

export interface TargetRule {
  /** Worse than target by more than this % is red; up to it, amber. */
  redBeyondPercent: number;
  /** Within this % of the target either way is on target; better by more is ahead. */
  stableWithinPercent: number;
}

export interface TargetAssessment {
  status: TargetStatus | null;
  rag: Rag;
  exception: Exception | null;
  /** How far the value is from the target as a % of the target; positive is better than target. */
  offByPercent: number | null;
}

/**
 * A value against its target.
 * - Grey, with no status and no exception, when there is no target, no value, or the indicator is monitored only.
 * - offByPercent is (target − value) / |target| × 100 when lower is better and (value − target) / |target| × 100
 *   when higher is better, so positive always means better than target.
 * - Better by more than stableWithinPercent: ahead of target, green, exception "over".
 * - Within stableWithinPercent either way (boundaries included): on target, green, no exception.
 * - Worse by more than stableWithinPercent, up to redBeyondPercent (included): not on target, amber, exception "under".
 * - Worse by more than redBeyondPercent: not on target, red, exception "under".
 * - A target of zero has no percentage: equal is on target, better is ahead, and any worse is red.
 */
export function assessAgainstTarget(value: number | null, target: number | null, polarity: Polarity, rule: TargetRule): TargetAssessment {
  if (value === null || target === null || polarity === 'monitor')
    return { status: null, rag: 'grey', exception: null, offByPercent: null };
  const better = withoutFloatNoise(polarity === 'lower_better' ? target - value : value - target);
  const offByPercent = target === 0 ? null : withoutFloatNoise((better * 100) / Math.abs(target));
  const ahead = { status: 'ahead', rag: 'green', exception: 'over', offByPercent } as const;
  const onTarget = { status: 'on_target', rag: 'green', exception: null, offByPercent } as const;
  const red = { status: 'not_on_target', rag: 'red', exception: 'under', offByPercent } as const;
  if (offByPercent === null) return better === 0 ? onTarget : better > 0 ? ahead : red;
  if (offByPercent > rule.stableWithinPercent) return ahead;
  if (offByPercent >= -rule.stableWithinPercent) return onTarget;
  if (offByPercent >= -rule.redBeyondPercent) return { status: 'not_on_target', rag: 'amber', exception: 'under', offByPercent };
  return red;
}

/** A count per 1,000 people, the measure that lets partnerships of different sizes be compared. */
export function ratePer1000(value: number | null, population: number | null): number | null {
  return value === null || population === null || population <= 0 ? null : (value * 1000) / population;
}

/** The target rule in words, for the page and the documents to state beside the RAG. */
export const targetRuleText = (rule: TargetRule): string =>
  `On target within ${rule.stableWithinPercent}% of the target; amber when up to ${rule.redBeyondPercent}% worse; ` +
  `red when more than ${rule.redBeyondPercent}% worse; ahead of target when more than ${rule.stableWithinPercent}% better.`;

export const directionRuleText = (stableWithinPercent: number): string => `Stable means within ${stableWithinPercent}% of last year.`;

/**
 * The quarterly performance report as data: built by the service from the indicators, their
 * measurements and the Most Similar Group tables, then shown as a page, a PDF and a Word document,
 * and kept as JSON when approved (so the public site shows exactly what was approved).
 */

import type { IndicatorFrequency, IndicatorPolarity, IndicatorUnit, PerformanceReportStatus } from '../../db/schema.ts';
import type { GroupComparison, RankedMember } from '../../platform/groupComparison.ts';

export type Unit = IndicatorUnit;
export type Polarity = IndicatorPolarity;
export type Frequency = IndicatorFrequency;
export type Direction = 'upward' | 'downward' | 'stable';
export type TargetStatus = 'ahead' | 'on_target' | 'not_on_target';
export type Rag = 'green' | 'amber' | 'red' | 'grey';
/**
 * Outside tolerance: against a target, worse than it (under) or better (over); without one, worse than last
 * year (under); for an indicator monitored only, a change on last year larger than its red tolerance (change).
 */
export type Exception = 'under' | 'over' | 'change';

/** One point of an indicator's trend: a period and its value, or a gap (null) where nothing was recorded. */
export interface SeriesPoint {
  period: string;
  label: string;
  value: number | null;
  provisional: boolean;
}

export type MsgMemberFigure = RankedMember;

/**
 * Where the partnership stands among its Most Similar Group: the group figures (rank, average, limits at ± one and
 * ± two standard deviations, position) as platform/groupComparison works them out for every group.
 */
export interface MsgFigure
  extends
    Omit<GroupComparison, 'lowerLimit2' | 'upperLimit2' | 'position2'>,
    Partial<Pick<GroupComparison, 'lowerLimit2' | 'upperLimit2' | 'position2'>> {
  // The limits at ± two standard deviations are absent from reports approved before they were shown: those render without them.
  period: string;
  periodLabel: string;
  /** The average the source published, when it gave one (it may cover members whose values it did not give). */
  publishedAverage: number | null;
  source: string;
  /** The unit of the group's figures where it is not the indicator's: a police.uk group is per 1,000 residents, as iQuanta's are. */
  unit?: Unit;
}

/** A figure with its change on the one before it. */
export interface Comparison {
  current: number | null;
  previous: number | null;
  /** current − previous (percentage points for a percentage). */
  difference: number | null;
  /** The change as a % of previous; null when previous is zero or missing. */
  percent: number | null;
}

export interface IndicatorFigures {
  indicatorId: string;
  name: string;
  definition: string;
  unit: Unit;
  polarity: Polarity;
  frequency: Frequency;
  source: string;
  ownerGroupName: string | null;
  priorityTitle: string | null;
  /** The period the report's figure is for: the quarter, or the year for a yearly indicator. */
  periodLabel: string;
  /** This period against the same period last year. */
  period: Comparison;
  /** The financial year to date against the same months of last year; null where the unit cannot be added up. */
  yearToDate: Comparison | null;
  /** Whether any value in the figures is provisional. */
  provisional: boolean;
  /** The direction of travel over the year to date where there is one, else over the period (see `directionPeriod`). */
  direction: Direction | null;
  /** The period's own direction against the same period last year; absent from reports approved before it was shown. */
  periodDirection?: Direction | null;
  /** The target for the year, in the indicator's unit, and how it was set, e.g. "20% reduction on 2013/14 (1,234)". */
  target: { value: number; text: string } | null;
  targetStatus: TargetStatus | null;
  rag: Rag;
  exception: Exception | null;
  /** Rate per 1,000 population for a count, over the year to date (or the year); null for other units. */
  ratePer1000: number | null;
  msg: MsgFigure | null;
  /** The last few years of the indicator, oldest first, with gaps as null. */
  series: SeriesPoint[];
  commentary: string;
}

export interface PerformanceReport {
  partnershipId: string;
  partnershipName: string;
  /** The quarter, e.g. 2015-16 Q4, and its words, e.g. "Quarter 4, 2015/16". */
  period: string;
  periodLabel: string;
  status: PerformanceReportStatus;
  approvedAt: string | null;
  approvedByName: string | null;
  summary: string;
  /** The population the rates use, and where it came from. */
  population: { value: number; text: string } | null;
  indicators: IndicatorFigures[];
}

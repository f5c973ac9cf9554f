/**
 * One indicator's figures for a quarter's report, derived from its measurements and never typed: the
 * quarter against the same quarter last year, the year to date, the direction of travel, the status
 * against target, the rate per 1,000 population, the Most Similar Group comparison and the trend.
 */
import { additive, assessAgainstTarget, combine, compare, directionOfTravel, ratePer1000, targetValue } from './figures.ts';
import { formatPercentChange } from '../../platform/numbers.ts';
import { formatValue } from './format.ts';
import { policeUkGroupSource } from './policeUkFigures.ts';
import { compareWithGroup, type GroupMember as MsgMember } from '../../platform/groupComparison.ts';
import {
  financialYearOf,
  firstPeriodOfYear,
  periodsPerYear,
  yearKey,
  periodLabel,
  periodRange,
  periodsToDate,
  periodsWithinQuarter,
  samePeriodLastYear,
  shortPeriodLabel,
} from './periods.ts';
import type { FiguresFrom, TargetKind } from '../../db/schema.ts';
import type { Comparison, Exception, Frequency, IndicatorFigures, Polarity, Unit } from './report.ts';

/** An indicator as the report describes it, with what its figures are judged by. */
export interface IndicatorDefinition extends Pick<
  IndicatorFigures,
  'name' | 'definition' | 'unit' | 'polarity' | 'frequency' | 'source' | 'ownerGroupName' | 'priorityTitle'
> {
  id: string;
  /** Typed in unless said: a police.uk indicator's figures start with the data held. */
  figuresFrom?: FiguresFrom;
  baselinePeriod: string | null;
  baselineValue: number | null;
  targetKind: TargetKind;
  targetValue: number | null;
  redBeyondPercent: number;
  stableWithinPercent: number;
}

export interface FigureInputs {
  indicator: IndicatorDefinition;
  /** The indicator's measurements, in any order. */
  measurements: readonly { period: string; value: number; status: string }[];
  /** The report's quarter, e.g. 2015-16 Q4. */
  quarter: string;
  population: number | null;
  /** The indicator's Most Similar Group tables, by period: the report uses the one for its period, or the latest before it. */
  msgTables: readonly { period: string; publishedAverage: number | null; source: string; members: MsgMember[] }[];
  commentary: string;
}

const lastMonthOf = (quarter: string): string | undefined => periodsWithinQuarter(quarter, 'monthly').at(-1);

/** How far back the trend chart goes: three financial years, or five for a yearly indicator. */
const trendYears: Record<Frequency, number> = { monthly: 3, quarterly: 3, yearly: 5 };

/**
 * The span of periods a quarter's report reads, as text bounds on the period keys ('2016-03', '2015-16 Q4',
 * '2015-16' all begin with the year they start in): from the first year a yearly indicator's trend can reach
 * (its year before last, less the trend's years) to the end of the quarter's financial year.
 */
export function periodsRead(quarter: string): { from: string; before: string } {
  const year = financialYearOf(quarter, 'quarterly');
  return { from: String(year - trendYears.yearly), before: String(year + 2) };
}

/**
 * The periods the report's figure is for: the quarter's months (added up), the quarter itself, or for a
 * yearly indicator the year (in the Q4 report; earlier in the year, the last full year). A rate or a
 * percentage does not add up, so a monthly one is reported by the quarter's last month.
 */
function reportedPeriods(quarter: string, frequency: Frequency, unit: Unit): string[] {
  const within = periodsWithinQuarter(quarter, frequency);
  if (within.length === 0) return [yearKey(financialYearOf(quarter) - 1)];
  return additive(unit) ? within : within.slice(-1);
}

export function indicatorFigures({ indicator, measurements, quarter, population, msgTables, commentary }: FigureInputs): IndicatorFigures {
  const { unit, frequency, polarity } = indicator;
  const byPeriod = new Map(measurements.map((m) => [m.period, m]));
  const valueOf = (period: string) => byPeriod.get(period)?.value ?? null;
  const sum = (periods: string[]) => combine(periods.map(valueOf), unit);
  const used: string[] = [];
  const comparing = (periods: string[]) => {
    const earlier = periods.map((period) => samePeriodLastYear(period, frequency));
    used.push(...periods, ...earlier);
    return compare(sum(periods), sum(earlier));
  };

  const periods = reportedPeriods(quarter, frequency, unit);
  const last = periods.at(-1) ?? quarter;
  const period = comparing(periods);
  const toDate = frequency !== 'yearly' && additive(unit) ? periodsToDate(last, frequency) : null;
  const yearToDate = toDate ? comparing(toDate) : null;

  const yearlyTarget = targetValue({ kind: indicator.targetKind, value: indicator.targetValue }, indicator.baselineValue);
  // A target is for the year: counts and money are held to the part of it that the year to date covers.
  const share = toDate ? toDate.length / periodsPerYear[frequency] : 1;
  const targetToDate = yearlyTarget === null ? null : yearlyTarget * share;
  const assessed = yearToDate ? yearToDate.current : period.current;
  const assessment = assessAgainstTarget(assessed, targetToDate, polarity, indicator);
  const direction = directionOfTravel(yearToDate ?? period, indicator.stableWithinPercent);
  const periodDirection = directionOfTravel(period, indicator.stableWithinPercent);

  const msg = msgTables
    .filter((table) => table.period <= last)
    .sort((a, b) => a.period.localeCompare(b.period))
    .at(-1);

  const firstYear = financialYearOf(last, frequency) - trendYears[frequency] + 1;
  const drawn = periodRange(firstPeriodOfYear(firstYear, frequency), last, frequency).map((key) => ({
    period: key,
    label: shortPeriodLabel(key, frequency),
    value: valueOf(key),
    provisional: byPeriod.get(key)?.status === 'provisional',
  }));
  // police.uk figures begin with the first month held in Safer: the periods before it are not gaps in the data.
  const firstHeld = drawn.findIndex((point) => point.value !== null);
  const series = indicator.figuresFrom === 'police_uk' && firstHeld > 0 ? drawn.slice(firstHeld) : drawn;

  return {
    indicatorId: indicator.id,
    name: indicator.name,
    definition: indicator.definition,
    unit,
    polarity,
    frequency,
    source: indicator.source,
    ownerGroupName: indicator.ownerGroupName,
    priorityTitle: indicator.priorityTitle,
    periodLabel: periods.length === 1 ? periodLabel(last, frequency) : periodLabel(quarter, 'quarterly'),
    period,
    yearToDate,
    provisional: used.some((key) => byPeriod.get(key)?.status === 'provisional'),
    direction,
    periodDirection,
    target:
      yearlyTarget === null || targetToDate === null
        ? null
        : {
            value: targetToDate,
            text: `${describeTarget(indicator) ?? ''}${share < 1 ? `, ${formatValue(targetToDate, unit)} for the year to date` : ''}`,
          },
    targetStatus: assessment.status,
    rag: assessment.rag,
    exception: assessment.status ? assessment.exception : exceptionOnLastYear(yearToDate ?? period, polarity, indicator),
    ratePer1000: unit === 'count' ? ratePer1000(assessed, population) : null,
    msg: msg
      ? {
          ...compareWithGroup(msg.members, polarity),
          period: msg.period,
          // A monthly indicator's table in a quarter's report is the quarter's last month's.
          periodLabel: `${periodLabel(msg.period, frequency)}${frequency === 'monthly' && msg.period === lastMonthOf(quarter) ? ' (the quarter’s last month)' : ''}`,
          ...(msg.source === policeUkGroupSource && unit !== 'rate_per_1000' ? { unit: 'rate_per_1000' as const } : {}),
          publishedAverage: msg.publishedAverage,
          source: msg.source,
        }
      : null,
    series,
    commentary,
  };
}

/**
 * Without a target, an indicator is judged against last year, over the same comparison as its direction of travel:
 * it is an exception when it moves the unfavourable way beyond its tolerance (under); a move the favourable way is
 * no exception, since there is nothing to over-perform against. An indicator monitored only has no unfavourable way:
 * it is an exception when it changes by more than its red tolerance either way (change), for the board to look at.
 */
export function exceptionOnLastYear(
  comparison: Comparison,
  polarity: Polarity,
  rule: { stableWithinPercent: number; redBeyondPercent: number },
): Exception | null {
  if (polarity === 'monitor') {
    return comparison.percent !== null && Math.abs(comparison.percent) > rule.redBeyondPercent ? 'change' : null;
  }
  const direction = directionOfTravel(comparison, rule.stableWithinPercent);
  if (direction === null || direction === 'stable') return null;
  return (direction === 'upward') === (polarity === 'lower_better') ? 'under' : null;
}

/** The exception rule for an indicator without a target, in words, for its page. */
export const exceptionRuleText = (polarity: Polarity, rule: { stableWithinPercent: number; redBeyondPercent: number }): string =>
  polarity === 'monitor'
    ? `Monitored only: it is an exception when it changes by more than ${rule.redBeyondPercent}% on last year, either way.`
    : `It is an exception when it is more than ${rule.stableWithinPercent}% worse than last year.`;

/** The year's target in words, "−20% on 2015/16 (1,000): 800 for the year"; null when there is none. */
export function describeTarget(indicator: IndicatorDefinition): string | null {
  const { unit } = indicator;
  const yearly = targetValue({ kind: indicator.targetKind, value: indicator.targetValue }, indicator.baselineValue);
  if (yearly === null) return null;
  const forYear = `${formatValue(yearly, unit)} for the year`;
  if (indicator.targetKind !== 'change' || indicator.targetValue === null) return forYear;
  const baseline = indicator.baselinePeriod ? ` on ${periodLabel(indicator.baselinePeriod)}` : '';
  return `${formatPercentChange(indicator.targetValue)}${baseline} (${formatValue(indicator.baselineValue, unit)}): ${forYear}`;
}

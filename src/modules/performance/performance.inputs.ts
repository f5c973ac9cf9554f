/** What indicators, figures, group tables, populations and reports take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, decimalNumber, optionalDecimal, optionalText, requiredText, wholeNumber, yesNo } from '../../platform/inputs.ts';
import { additive } from './figures.ts';
import { frequencyOf, parsePeriod } from './periods.ts';
import type { Frequency, Unit } from './report.ts';
import { antiSocialBehaviour } from '../crimedata/index.ts';
import { policeUkCrimeTypes, policeUkRateSource, policeUkSource } from './policeUkFigures.ts';

/** A police.uk indicator's crime type as the form sends it: one of police.uk's, or all crime. */
export const allCrime = 'all';

/** A baseline period may be a year, a quarter or a month, read first as the indicator's own kind of period. */
export function baselinePeriodOf(typed: string | null, own: Frequency | undefined): string | null | undefined {
  if (typed === null) return null;
  for (const frequency of [own ?? 'yearly', 'yearly', 'quarterly', 'monthly'] as const) {
    const key = parsePeriod(typed, frequency);
    if (key) return key;
  }
  return undefined;
}

/** What is wrong with an indicator's baseline period, if anything: checked by the form and again by the service. */
export function baselineProblem(input: {
  baselinePeriod: string | null;
  frequency: Frequency | undefined;
  unit: Unit | null;
  targetKind: string | undefined;
}): { field: string; message: string } | null {
  const baseline = baselinePeriodOf(input.baselinePeriod, input.frequency);
  if (baseline === undefined) return { field: 'baselinePeriod', message: 'Enter the baseline period like 2013-14, 2013-14 Q4 or 2014-03' };
  // A % change on one month or quarter of a count would be taken as the whole year's target.
  if (input.targetKind === 'change' && input.unit && additive(input.unit) && baseline && frequencyOf(baseline) !== 'yearly') {
    return {
      field: 'baselinePeriod',
      message: 'A target set as a % change needs a whole year’s baseline: enter a financial year, like 2013-14',
    };
  }
  return null;
}

export const indicatorSchema = z
  .object({
    name: requiredText('Enter the name of the indicator', 200, 'The name'),
    definition: requiredText('Enter what the indicator counts', 2000, 'The definition'),
    // Typed in unless said otherwise: a request from before police.uk figures names no source.
    figuresFrom: choice(['typed_in', 'police_uk'], 'Select where the figures come from').default('typed_in'),
    unit: choice(['count', 'rate_per_1000', 'percentage', 'money'], 'Select the unit').optional(),
    crimeType: choice([allCrime, ...policeUkCrimeTypes], 'Select the crime type').optional(),
    includesAsb: yesNo('Select whether anti-social behaviour is counted').optional(),
    measure: choice(['count', 'rate_per_1000'], 'Select a number of crimes or crimes per 1,000 residents').optional(),
    polarity: choice(['lower_better', 'higher_better', 'monitor'], 'Select which way is better'),
    frequency: choice(['monthly', 'quarterly', 'yearly'], 'Select how often it is measured'),
    source: optionalText(200, 'The source'),
    ownerGroupId: optionalText(100),
    priorityId: optionalText(100),
    baselinePeriod: optionalText(20, 'The baseline period'),
    baselineValue: optionalDecimal('The baseline figure'),
    targetKind: choice(['none', 'value', 'change'], 'Select whether there is a target'),
    targetFigure: optionalDecimal('The target'),
    targetChange: optionalDecimal('The % change'),
    stableWithinPercent: decimalNumber('The tolerance', 0, 100),
    redBeyondPercent: decimalNumber('The red threshold', 0, 1000),
  })
  // Every rule in one pass, run even when a field above is missing or wrong, so that the form shows every problem at once.
  .superRefine(
    (parsed, context) => {
      const input: Partial<typeof parsed> = parsed;
      const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message });
      const fromPoliceUk = input.figuresFrom === 'police_uk';
      if (input.figuresFrom === 'typed_in') {
        if (input.unit === undefined) problem('unit', 'Select the unit');
        if (input.source === null) problem('source', 'Enter where the figures come from');
      }
      if (fromPoliceUk) {
        if (input.crimeType === undefined) problem('crimeType', 'Select the crime type, or all crime');
        // Whether anti-social behaviour is added is asked of all crime only: a crime type is counted as itself.
        if ((input.crimeType === undefined || input.crimeType === allCrime) && input.includesAsb === undefined) {
          problem('includesAsb', 'Select whether anti-social behaviour is counted');
        }
        if (input.crimeType !== undefined && ![allCrime, antiSocialBehaviour].includes(input.crimeType) && input.includesAsb) {
          problem('includesAsb', 'Anti-social behaviour is added to all crime only: choose No, or choose all crime');
        }
        if (input.measure === undefined) problem('measure', 'Select a number of crimes or crimes per 1,000 residents');
      }
      if (input.targetKind === 'value' && input.targetFigure === null) problem('targetFigure', 'Enter the target for the year');
      if (input.targetKind === 'change' && input.targetChange === null) problem('targetChange', 'Enter the % change from the baseline');
      // A police.uk indicator's baseline figure is worked out from the data for its baseline period.
      if (input.targetKind === 'change' && !fromPoliceUk && input.baselineValue === null) {
        problem('baselineValue', 'Enter the baseline figure: a target set as a % change needs one');
      }
      const baseline = baselineProblem({
        baselinePeriod: input.baselinePeriod ?? null,
        frequency: input.frequency,
        unit: (fromPoliceUk ? input.measure : input.unit) ?? null,
        targetKind: input.targetKind,
      });
      if (baseline) problem(baseline.field, baseline.message);
      else if (!fromPoliceUk && typeof input.baselineValue === 'number' && !input.baselinePeriod) {
        problem('baselinePeriod', 'Enter the period the baseline figure is for');
      }
      if (typeof input.redBeyondPercent === 'number' && typeof input.stableWithinPercent === 'number') {
        if (input.redBeyondPercent < input.stableWithinPercent)
          problem('redBeyondPercent', 'The red threshold must be at least the tolerance');
      }
      if (input.polarity === 'monitor' && input.targetKind !== undefined && input.targetKind !== 'none') {
        problem('targetKind', 'An indicator that is monitored only has no target: choose which way is better, or No target');
      }
    },
    { when: () => true },
  )
  .transform(({ targetFigure, targetChange, figuresFrom, unit, crimeType, includesAsb, measure, source, ...input }) => {
    const fromPoliceUk = figuresFrom === 'police_uk';
    if (fromPoliceUk) input.baselineValue = null;
    // The refinements above make the unit of each kind of indicator present.
    const unitOf = (fromPoliceUk ? measure : unit) ?? 'count';
    return {
      ...input,
      unit: unitOf,
      source: fromPoliceUk ? (unitOf === 'count' ? policeUkSource : policeUkRateSource) : (source ?? ''),
      policeUk: fromPoliceUk
        ? crimeType === allCrime || crimeType === undefined
          ? { crimeType: null, includesAsb: includesAsb === true }
          : { crimeType, includesAsb: false }
        : null,
      targetValue: input.targetKind === 'value' ? targetFigure : input.targetKind === 'change' ? targetChange : null,
    };
  });
type ParsedIndicator = z.output<typeof indicatorSchema>;
/** An indicator's input; one that names no police.uk measure (policeUk absent or null) is typed in. */
export type IndicatorInput = Omit<ParsedIndicator, 'policeUk'> & Partial<Pick<ParsedIndicator, 'policeUk'>>;

/** The period and figure are checked against the indicator (its frequency and unit) by the service. */
export const measurementSchema = z.object({
  period: requiredText('Enter the period', 20, 'The period'),
  value: requiredText('Enter the figure', 30, 'The figure'),
  status: choice(['provisional', 'confirmed'], 'Select whether the figure is provisional or confirmed'),
  note: optionalText(500, 'The note'),
});
export type MeasurementInput = z.output<typeof measurementSchema>;

export const msgSchema = z.object({
  period: requiredText('Enter the period', 20, 'The period'),
  members: requiredText('Enter the group’s members', 5000, 'The list'),
  selfName: requiredText('Enter this partnership’s name as the list gives it', 200, 'The name'),
  publishedAverage: optionalDecimal('The published average'),
  source: requiredText('Enter where the table comes from', 200, 'The source'),
});
export type MsgInput = z.output<typeof msgSchema>;

export const commentarySchema = z.object({ commentary: requiredText('Enter the commentary', 10_000, 'The commentary') });

export const summarySchema = z.object({ summary: requiredText('Enter the summary', 10_000, 'The summary') });

export const attachSchema = z.object({
  meetingId: requiredText('Select the meeting', 100),
  document: choice(['exceptions', 'report'], 'Select which report to attach'),
});

export const populationSchema = z.object({
  yearStarting: wholeNumber('The year', 1990, 2100),
  population: wholeNumber('The population', 1, 20_000_000),
  source: requiredText('Enter where the figure comes from', 200, 'The source'),
});
export type PopulationInput = z.output<typeof populationSchema>;

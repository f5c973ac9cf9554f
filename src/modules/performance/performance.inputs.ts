/** What indicators, figures, group tables, populations and reports take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, decimalNumber, optionalDecimal, optionalText, requiredText, wholeNumber, yesNo } from '../../platform/inputs.ts';
import { antiSocialBehaviour, policeUkCrimeTypes, policeUkRateSource, policeUkSource } from './policeUkFigures.ts';

/** A police.uk indicator's crime type as the form sends it: one of police.uk's, or all crime. */
export const allCrime = 'all';

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
  .refine((input) => input.figuresFrom !== 'typed_in' || input.unit !== undefined, { path: ['unit'], message: 'Select the unit' })
  .refine((input) => input.figuresFrom !== 'typed_in' || input.source !== null, {
    path: ['source'],
    message: 'Enter where the figures come from',
  })
  .refine((input) => input.figuresFrom !== 'police_uk' || input.crimeType !== undefined, {
    path: ['crimeType'],
    message: 'Select the crime type, or all crime',
  })
  .refine((input) => input.figuresFrom !== 'police_uk' || input.includesAsb !== undefined, {
    path: ['includesAsb'],
    message: 'Select whether anti-social behaviour is counted',
  })
  .refine(
    (input) => input.figuresFrom !== 'police_uk' || [allCrime, antiSocialBehaviour].includes(input.crimeType ?? '') || !input.includesAsb,
    {
      path: ['includesAsb'],
      message: 'Anti-social behaviour is added to all crime only: choose No, or choose all crime',
    },
  )
  .refine((input) => input.figuresFrom !== 'police_uk' || input.measure !== undefined, {
    path: ['measure'],
    message: 'Select a number of crimes or crimes per 1,000 residents',
  })
  .refine((input) => input.targetKind !== 'value' || input.targetFigure !== null, {
    path: ['targetFigure'],
    message: 'Enter the target for the year',
  })
  .refine((input) => input.targetKind !== 'change' || input.targetChange !== null, {
    path: ['targetChange'],
    message: 'Enter the % change from the baseline',
  })
  .refine((input) => input.targetKind !== 'change' || input.baselineValue !== null, {
    path: ['baselineValue'],
    message: 'Enter the baseline figure: a target set as a % change needs one',
  })
  .refine((input) => input.baselineValue === null || input.baselinePeriod !== null, {
    path: ['baselinePeriod'],
    message: 'Enter the period the baseline figure is for',
  })
  .refine((input) => input.redBeyondPercent >= input.stableWithinPercent, {
    path: ['redBeyondPercent'],
    message: 'The red threshold must be at least the tolerance',
  })
  .refine((input) => input.polarity !== 'monitor' || input.targetKind === 'none', {
    path: ['targetKind'],
    message: 'An indicator that is monitored only has no target: choose which way is better, or No target',
  })
  .transform(({ targetFigure, targetChange, figuresFrom, unit, crimeType, includesAsb, measure, source, ...input }) => {
    const fromPoliceUk = figuresFrom === 'police_uk';
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

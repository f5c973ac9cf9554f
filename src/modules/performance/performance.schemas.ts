/** The performance module's forms: what each looks like, and the zod schema that checks it. */
import { z } from 'zod';
import { type Field, optionsOf } from '../../web/forms.ts';
import { choice, decimalNumber, optionalDecimal, optionalText, requiredText, wholeNumber } from '../../platform/inputs.ts';
import { frequencyNames, polarityNames, unitNames } from './format.ts';

export const targetKindNames = {
  none: 'No target',
  value: 'A figure to reach',
  change: 'A % change from the baseline',
} as const;
export const measurementStatusNames = { provisional: 'Provisional', confirmed: 'Confirmed' } as const;

export const indicatorFields: Field[] = [
  { name: 'name', label: 'Name', kind: 'text', hint: 'For example, Sexual Assault Referral Centre clients seen' },
  { name: 'definition', label: 'Definition', kind: 'textarea', rows: 3, hint: 'What is counted, and what is not' },
  { name: 'unit', label: 'Unit', kind: 'radios', options: optionsOf(unitNames) },
  { name: 'polarity', label: 'Which way is better', kind: 'radios', options: optionsOf(polarityNames) },
  { name: 'frequency', label: 'How often it is measured', kind: 'radios', options: optionsOf(frequencyNames) },
  { name: 'source', label: 'Source', kind: 'text', hint: 'For example, West Midlands Police, or iQuanta' },
  { name: 'ownerGroupId', label: 'Owning group', kind: 'select', emptyText: 'No owning group' },
  { name: 'priorityId', label: 'Priority it measures', kind: 'select', emptyText: 'Not linked to a priority' },
  {
    name: 'baselinePeriod',
    label: 'Baseline period (optional)',
    kind: 'text',
    width: 'govuk-input--width-10',
    hint: 'A financial year like 2013-14, a quarter like 2013-14 Q4, or a month like 2014-03',
  },
  {
    name: 'baselineValue',
    label: 'Baseline figure (optional)',
    kind: 'text',
    width: 'govuk-input--width-10',
    hint: 'In the indicator’s unit; money in pounds',
  },
  { name: 'targetKind', label: 'Target', kind: 'radios', options: optionsOf(targetKindNames) },
  // One follow-up question per option: a GOV.UK conditional reveal belongs to one radio, and a field revealed
  // by two would be drawn twice with the same name and id (the hidden copy's empty value would be read).
  {
    name: 'targetFigure',
    label: 'Target for the year',
    kind: 'text',
    width: 'govuk-input--width-10',
    hint: 'In the indicator’s unit; money in pounds',
    showWhen: { field: 'targetKind', values: ['value'] },
  },
  {
    name: 'targetChange',
    label: '% change from the baseline',
    kind: 'text',
    width: 'govuk-input--width-5',
    hint: 'For a 20% reduction enter -20',
    showWhen: { field: 'targetKind', values: ['change'] },
  },
  {
    name: 'stableWithinPercent',
    label: 'Tolerance (%)',
    kind: 'text',
    width: 'govuk-input--width-5',
    hint: 'Within this % of last year the direction of travel is stable, and within this % of the target it is on target',
  },
  {
    name: 'redBeyondPercent',
    label: 'Red when worse than the target by more than (%)',
    kind: 'text',
    width: 'govuk-input--width-5',
    hint: 'Worse than the target by less than this is amber',
  },
];

export const indicatorSchema = z
  .object({
    name: requiredText('Enter the name of the indicator', 200, 'The name'),
    definition: requiredText('Enter what the indicator counts', 2000, 'The definition'),
    unit: choice(['count', 'rate_per_1000', 'percentage', 'money'], 'Select the unit'),
    polarity: choice(['lower_better', 'higher_better', 'monitor'], 'Select which way is better'),
    frequency: choice(['monthly', 'quarterly', 'yearly'], 'Select how often it is measured'),
    source: requiredText('Enter where the figures come from', 200, 'The source'),
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
  .transform(({ targetFigure, targetChange, ...input }) => ({
    ...input,
    targetValue: input.targetKind === 'value' ? targetFigure : input.targetKind === 'change' ? targetChange : null,
  }));
export type IndicatorInput = z.output<typeof indicatorSchema>;

export const measurementFields: Field[] = [
  { name: 'period', label: 'Period', kind: 'text', width: 'govuk-input--width-10' },
  { name: 'value', label: 'Figure', kind: 'text', width: 'govuk-input--width-10' },
  { name: 'status', label: 'Is the figure final?', kind: 'radios', options: optionsOf(measurementStatusNames) },
  { name: 'note', label: 'Note (optional)', kind: 'textarea', rows: 2, hint: 'For example, where it came from or why it changed' },
];
/** The period and figure are checked against the indicator (its frequency and unit) by the service. */
export const measurementSchema = z.object({
  period: requiredText('Enter the period', 20, 'The period'),
  value: requiredText('Enter the figure', 30, 'The figure'),
  status: choice(['provisional', 'confirmed'], 'Select whether the figure is provisional or confirmed'),
  note: optionalText(500, 'The note'),
});
export type MeasurementInput = z.output<typeof measurementSchema>;

export const msgFields: Field[] = [
  { name: 'period', label: 'Period', kind: 'text', width: 'govuk-input--width-10' },
  {
    name: 'members',
    label: 'The group’s members and their figures',
    kind: 'textarea',
    rows: 16,
    hint: 'One member a line, its name then a comma and its figure, as the source lists them: Greater Manchester - Salford, 68.604. Leave the figure out where the source gives none.',
  },
  { name: 'selfName', label: 'This partnership’s name in the list', kind: 'text' },
  { name: 'publishedAverage', label: 'Average the source published (optional)', kind: 'text', width: 'govuk-input--width-10' },
  { name: 'source', label: 'Source', kind: 'text', hint: 'For example, iQuanta Most Similar Group comparisons' },
];
export const msgSchema = z.object({
  period: requiredText('Enter the period', 20, 'The period'),
  members: requiredText('Enter the group’s members', 5000, 'The list'),
  selfName: requiredText('Enter this partnership’s name as the list gives it', 200, 'The name'),
  publishedAverage: optionalDecimal('The published average'),
  source: requiredText('Enter where the table comes from', 200, 'The source'),
});
export type MsgInput = z.output<typeof msgSchema>;

export const commentaryFields: Field[] = [
  { name: 'commentary', label: 'Commentary', kind: 'textarea', rows: 8, hint: 'What the figures show, why, and what is being done' },
];
export const commentarySchema = z.object({ commentary: requiredText('Enter the commentary', 10_000, 'The commentary') });

export const summaryFields: Field[] = [
  { name: 'summary', label: 'Summary for the board', kind: 'textarea', rows: 6, hint: 'The headlines of the quarter' },
];
export const summarySchema = z.object({ summary: requiredText('Enter the summary', 10_000, 'The summary') });

export const attachFields: Field[] = [
  { name: 'meetingId', label: 'Meeting', kind: 'select', emptyText: 'Select a meeting' },
  {
    name: 'document',
    label: 'Which report',
    kind: 'radios',
    options: [
      { value: 'exceptions', text: 'The exception report', hint: 'Only the indicators outside tolerance' },
      { value: 'report', text: 'The full performance report' },
    ],
  },
];
export const attachSchema = z.object({
  meetingId: requiredText('Select the meeting', 100),
  document: choice(['exceptions', 'report'], 'Select which report to attach'),
});

export const populationFields: Field[] = [
  {
    name: 'yearStarting',
    label: 'Financial year starting in',
    kind: 'integer',
    width: 'govuk-input--width-4',
    hint: 'For example, 2015 for 2015/16',
  },
  { name: 'population', label: 'Population', kind: 'integer', width: 'govuk-input--width-10' },
  { name: 'source', label: 'Source', kind: 'text', hint: 'For example, ONS mid-2015 population estimate' },
];
export const populationSchema = z.object({
  yearStarting: wholeNumber('The year', 1990, 2100),
  population: wholeNumber('The population', 1, 20_000_000),
  source: requiredText('Enter where the figure comes from', 200, 'The source'),
});
export type PopulationInput = z.output<typeof populationSchema>;

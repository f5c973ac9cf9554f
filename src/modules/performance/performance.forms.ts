/** How the performance forms look: the fields each page draws (the checks are in performance.inputs.ts). */
import { type Field, optionsOf } from '../../web/forms.ts';
import { frequencyNames, polarityNames, unitNames } from './format.ts';
import { allCrime } from './performance.inputs.ts';
import { policeUkCrimeTypes } from './policeUkFigures.ts';

export const figuresFromNames = {
  typed_in: 'Typed in or imported by the partnership',
  police_uk: 'Worked out by Safer from the police.uk crime data imported',
} as const;

export const crimeMeasureNames = { count: 'Number of crimes', rate_per_1000: 'Crimes per 1,000 residents' } as const;

export const targetKindNames = {
  none: 'No target',
  value: 'A figure to reach',
  change: 'A % change from the baseline',
} as const;

export const measurementStatusNames = { provisional: 'Provisional', confirmed: 'Confirmed' } as const;

export const indicatorFields: Field[] = [
  { name: 'name', label: 'Name', kind: 'text', hint: 'For example, Sexual Assault Referral Centre clients seen' },
  { name: 'definition', label: 'Definition', kind: 'textarea', rows: 3, hint: 'What is counted, and what is not' },
  { name: 'figuresFrom', label: 'Where the figures come from', kind: 'radios', options: optionsOf(figuresFromNames) },
  // A typed-in indicator's unit and source, or a police.uk one's measure: each revealed by its own choice. A
  // request that names no source ('') is of a typed-in indicator, as every one was before police.uk figures.
  {
    name: 'unit',
    label: 'Unit',
    kind: 'radios',
    options: optionsOf(unitNames),
    showWhen: { field: 'figuresFrom', values: ['typed_in', ''] },
  },
  {
    name: 'source',
    label: 'Source',
    kind: 'text',
    hint: 'For example, West Midlands Police, or iQuanta',
    showWhen: { field: 'figuresFrom', values: ['typed_in', ''] },
  },
  {
    name: 'crimeType',
    label: 'Crime type',
    kind: 'select',
    emptyText: 'Select a crime type',
    options: [{ value: allCrime, text: 'All crime' }, ...policeUkCrimeTypes.map((type) => ({ value: type, text: type }))],
    hint: 'As police.uk names them',
    showWhen: { field: 'figuresFrom', values: ['police_uk'] },
  },
  {
    name: 'includesAsb',
    label: 'Count anti-social behaviour as well?',
    kind: 'yesNo',
    hint: 'Only for all crime: police.uk lists anti-social behaviour incidents with the crimes. Leave it for a single crime type',
    showWhen: { field: 'figuresFrom', values: ['police_uk'] },
  },
  {
    name: 'measure',
    label: 'Figure',
    kind: 'radios',
    options: optionsOf(crimeMeasureNames),
    showWhen: { field: 'figuresFrom', values: ['police_uk'] },
  },
  { name: 'polarity', label: 'Which way is better', kind: 'radios', options: optionsOf(polarityNames) },
  { name: 'frequency', label: 'How often it is measured', kind: 'radios', options: optionsOf(frequencyNames) },
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
    hint: 'In the indicator’s unit; money in pounds. Worked out from the data for a police.uk indicator: leave it empty',
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

export const measurementFields: Field[] = [
  { name: 'period', label: 'Period', kind: 'text', width: 'govuk-input--width-10' },
  { name: 'value', label: 'Figure', kind: 'text', width: 'govuk-input--width-10' },
  { name: 'status', label: 'Is the figure final?', kind: 'radios', options: optionsOf(measurementStatusNames) },
  { name: 'note', label: 'Note (optional)', kind: 'textarea', rows: 2, hint: 'For example, where it came from or why it changed' },
];

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

export const commentaryFields: Field[] = [
  { name: 'commentary', label: 'Commentary', kind: 'textarea', rows: 8, hint: 'What the figures show, why, and what is being done' },
];

export const summaryFields: Field[] = [
  { name: 'summary', label: 'Summary for the board', kind: 'textarea', rows: 6, hint: 'The headlines of the quarter' },
];

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

/** Each strategy form's fields (how it looks) and schema (the check and the type). */
import { z } from 'zod';
import { type Field, optionsOf } from '../../web/forms.ts';
import { choice, optionalText, requiredText, wholeNumber } from '../../platform/inputs.ts';

export const assessmentFields: Field[] = [
  {
    name: 'yearStarting',
    label: 'Financial year starting',
    kind: 'integer',
    hint: 'For 2016/17, enter 2016',
    width: 'govuk-input--width-4',
  },
  { name: 'title', label: 'Title', kind: 'text', hint: 'For example, Coventry Community Safety Strategic Assessment 2016/17' },
  {
    name: 'summary',
    label: 'Summary',
    kind: 'textarea',
    rows: 5,
    hint: 'Who produced it and what informed it: local data, contributions from members, the public survey',
  },
  { name: 'findings', label: 'Findings', kind: 'textarea', rows: 10, hint: 'What it found, and the priorities it recommends' },
  {
    name: 'surveyResults',
    label: 'Public survey results (optional)',
    kind: 'textarea',
    rows: 6,
    hint: 'What members of the public said about community safety, and how many took part',
  },
];
export const assessmentSchema = z.object({
  yearStarting: wholeNumber('Financial year starting', 1990, 2100),
  title: requiredText('Enter the title', 200, 'The title'),
  summary: requiredText('Enter a summary', 5000, 'The summary'),
  findings: requiredText('Enter the findings', 20_000, 'The findings'),
  surveyResults: optionalText(20_000, 'The survey results'),
});
export type AssessmentInput = z.output<typeof assessmentSchema>;

export const ownershipNames = {
  group: 'Owned by a sub-group',
  cross_cutting: 'Cross-cutting: owned collectively by the partnership',
} as const;

export const priorityFields: Field[] = [
  { name: 'assessmentId', label: 'Strategic assessment', kind: 'select', hint: 'The assessment that set this priority' },
  { name: 'title', label: 'Priority', kind: 'text', hint: 'For example, Domestic abuse and sexual violence' },
  { name: 'description', label: 'Description (optional)', kind: 'textarea', rows: 4 },
  {
    name: 'ownership',
    label: 'Who owns this priority?',
    kind: 'radios',
    hint: 'The chair of the owning sub-group answers to the board for it',
    options: optionsOf(ownershipNames),
  },
  { name: 'ownerGroupId', label: 'Group', kind: 'select', showWhen: { field: 'ownership', values: ['group'] } },
];
export const prioritySchema = z
  .object({
    assessmentId: requiredText('Select the strategic assessment'),
    title: requiredText('Enter the priority', 200, 'The priority'),
    description: optionalText(5000, 'The description'),
    ownership: choice(['group', 'cross_cutting'], 'Select who owns this priority'),
    ownerGroupId: optionalText(),
  })
  .refine((priority) => priority.ownership === 'cross_cutting' || priority.ownerGroupId, {
    path: ['ownerGroupId'],
    message: 'Select the group that owns this priority',
  })
  .transform(({ ownership, ownerGroupId, ...priority }) => ({ ...priority, ownerGroupId: ownership === 'group' ? ownerGroupId : null }));
export type PriorityInput = z.output<typeof prioritySchema>;

export const objectiveFields: Field[] = [
  { name: 'priorityId', label: 'Priority', kind: 'select', hint: 'The priority this objective delivers' },
  { name: 'title', label: 'Objective', kind: 'text', hint: 'For example, Reduce repeat victims of domestic abuse' },
  { name: 'description', label: 'Description (optional)', kind: 'textarea', rows: 4 },
];
export const objectiveSchema = z.object({
  priorityId: requiredText('Select the priority'),
  title: requiredText('Enter the objective', 300, 'The objective'),
  description: optionalText(5000, 'The description'),
});
export type ObjectiveInput = z.output<typeof objectiveSchema>;

export const documentFields: Field[] = [
  {
    name: 'title',
    label: 'Title of the document (optional)',
    kind: 'text',
    hint: 'For example, Public survey 2016. If you leave this blank, the file name is used.',
  },
];
export const documentSchema = z.object({ title: optionalText(200, 'The title') });

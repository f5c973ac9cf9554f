/** How the strategy forms look: the fields each page draws (the checks are in strategy.inputs.ts). */
import { type Field, optionsOf } from '../../web/forms.ts';

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

export const objectiveFields: Field[] = [
  { name: 'priorityId', label: 'Priority', kind: 'select', hint: 'The priority this objective delivers' },
  { name: 'title', label: 'Objective', kind: 'text', hint: 'For example, Reduce repeat victims of domestic abuse' },
  { name: 'description', label: 'Description (optional)', kind: 'textarea', rows: 4 },
];

export const documentFields: Field[] = [
  {
    name: 'title',
    label: 'Title of the document (optional)',
    kind: 'text',
    hint: 'For example, Public survey 2016. If you leave this blank, the file name is used.',
  },
];

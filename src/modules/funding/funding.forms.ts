/** How the funding forms look: the fields each page draws (the checks are in funding.inputs.ts). */
import { type Field, optionsOf } from '../../web/forms.ts';
import { single } from '../../web/query.ts';
import { granteeKindNames } from './funding.inputs.ts';

export const grantFields: Field[] = [
  {
    name: 'yearStarting',
    label: 'Financial year starting',
    kind: 'integer',
    hint: 'For 2016/17, enter 2016',
    width: 'govuk-input--width-4',
  },
  { name: 'funder', label: 'Funder', kind: 'text', hint: 'For example, West Midlands Police and Crime Commissioner' },
  { name: 'amount', label: 'Grant for the year', kind: 'money' },
  {
    name: 'previousAmount',
    label: 'Last year’s grant (optional)',
    kind: 'money',
    hint: 'Only if last year’s grant is not recorded in Safer: it gives the change on last year',
  },
  {
    name: 'carryOver',
    label: 'Carry-over from last year',
    kind: 'money',
    hint: 'Last year’s underspend the funder allowed the partnership to keep. Enter 0 if there is none',
  },
  { name: 'notes', label: 'Notes (optional)', kind: 'textarea', rows: 3, hint: 'Conditions of the grant, for example' },
];

/** The year is in the address, so it is not asked again when the grant is changed. */
export const changeGrantFields = grantFields.filter((field) => field.name !== 'yearStarting');

export const allocationFields: Field[] = [
  {
    name: 'theme',
    label: 'Theme',
    kind: 'text',
    hint: 'For example, Support for Victims & Vulnerable People. Allocations with the same theme are added up together',
  },
  { name: 'purpose', label: 'Purpose', kind: 'textarea', rows: 3, hint: 'What the money is for' },
  { name: 'granteeKind', label: 'Granted to', kind: 'radios', options: optionsOf(granteeKindNames) },
  {
    name: 'grantee',
    label: 'Organisation',
    kind: 'text',
    hint: 'For example, Whitefriars Mediation Service',
    showWhen: { field: 'granteeKind', values: ['organisation'] },
  },
  { name: 'amount', label: 'Amount', kind: 'money' },
  { name: 'priorityId', label: 'Priority it serves (optional)', kind: 'select', emptyText: 'None' },
];

/** The board's agreement and the chair's release: ticked lists of allocations. */
export const agreeFields: Field[] = [
  { name: 'decisionId', label: 'The board’s decision', kind: 'select' },
  { name: 'allocationIds', label: 'Allocations the board agreed', kind: 'text' },
];
export const releaseFields: Field[] = [{ name: 'allocationIds', label: 'Allocations to release', kind: 'text' }];

export const importFields: Field[] = [{ name: 'file', label: 'CSV file', kind: 'text' }];

export const carryOverFields: Field[] = [
  { name: 'amount', label: 'Carry-over requested', kind: 'money', hint: 'No more than the year’s underspend' },
  { name: 'reason', label: 'Why the money was not spent, and what it will do next year', kind: 'textarea', rows: 5 },
];

export const carryOverDecisionFields: Field[] = [
  {
    name: 'decision',
    label: 'The funder’s decision',
    kind: 'radios',
    options: [
      { value: 'agreed', text: 'Agreed', hint: 'It becomes next year’s carry-over' },
      { value: 'declined', text: 'Declined' },
    ],
  },
  {
    name: 'amount',
    label: 'Carry-over agreed',
    kind: 'money',
    hint: 'The funder may agree less than was asked',
    showWhen: { field: 'decision', values: ['agreed'] },
  },
  { name: 'note', label: 'Note (optional)', kind: 'textarea', rows: 3, hint: 'Conditions, or why it was declined' },
];

export const attachFields: Field[] = [{ name: 'meetingId', label: 'Meeting', kind: 'select', emptyText: 'Select a meeting' }];

/** One field of a posted form as typed, trimmed: the first value if several came. */
export const typedText = (body: Record<string, unknown>, name: string): string => (single(body[name]) ?? '').trim();

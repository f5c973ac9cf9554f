/** Each funding form's fields (how it looks) and schema (the check and the type). Money is read into whole pence. */
import { z } from 'zod';
import { type Field, optionsOf } from '../../web/forms.ts';
import { choice, money, optionalMoney, optionalText, requiredText, wholeNumber } from '../../platform/inputs.ts';

export const granteeKindNames = {
  organisation: 'An organisation',
  commissioned: 'To be commissioned',
  not_named: 'Not named in the decision',
} as const;

export const carryOverStateNames = {
  requested: 'Requested: waiting for the funder',
  agreed: 'Agreed by the funder',
  declined: 'Declined by the funder',
} as const;

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
export const grantSchema = z.object({
  yearStarting: wholeNumber('Financial year starting', 1990, 2100),
  funder: requiredText('Enter the funder', 200, 'The funder'),
  amount: money('Grant for the year'),
  previousAmount: optionalMoney('Last year’s grant'),
  carryOver: money('Carry-over from last year'),
  notes: optionalText(2000, 'The notes'),
});
export type GrantInput = z.output<typeof grantSchema>;

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
export const allocationSchema = z
  .object({
    theme: requiredText('Enter the theme', 200, 'The theme'),
    purpose: requiredText('Enter the purpose', 1000, 'The purpose'),
    granteeKind: choice(['organisation', 'commissioned', 'not_named'], 'Select who the money is granted to'),
    grantee: optionalText(200, 'The organisation'),
    amount: money('Amount'),
    priorityId: optionalText(100),
  })
  .refine((a) => a.granteeKind !== 'organisation' || a.grantee, { path: ['grantee'], message: 'Enter the organisation' })
  .refine((a) => a.amount > 0, { path: ['amount'], message: 'Amount must be more than £0' })
  .transform((a) => ({ ...a, grantee: a.granteeKind === 'organisation' ? a.grantee : null }));
export type AllocationInput = z.output<typeof allocationSchema>;

export const carryOverFields: Field[] = [
  { name: 'amount', label: 'Carry-over requested', kind: 'money', hint: 'No more than the year’s underspend' },
  { name: 'reason', label: 'Why the money was not spent, and what it will do next year', kind: 'textarea', rows: 5 },
];
export const carryOverSchema = z.object({
  amount: money('Carry-over requested'),
  reason: requiredText('Enter why the money was not spent and what it will do', 5000, 'The reason'),
});
export type CarryOverInput = z.output<typeof carryOverSchema>;

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
export const carryOverDecisionSchema = z
  .object({
    decision: choice(['agreed', 'declined'], 'Select whether the funder agreed the carry-over'),
    amount: optionalMoney('Carry-over agreed'),
    note: optionalText(2000, 'The note'),
  })
  .refine((d) => d.decision !== 'agreed' || d.amount !== null, { path: ['amount'], message: 'Enter the carry-over agreed' });
export type CarryOverDecisionInput = z.output<typeof carryOverDecisionSchema>;

export const attachFields: Field[] = [{ name: 'meetingId', label: 'Meeting', kind: 'select', emptyText: 'Select a meeting' }];
export const attachSchema = z.object({ meetingId: requiredText('Select the meeting', 100) });

/**
 * What the funding forms take, whoever sends them (a form now, the JSON API later): the checks and the types,
 * no layout (that is funding.forms.ts). Money is read into whole pence.
 */
import { z } from 'zod';
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

export const grantSchema = z.object({
  yearStarting: wholeNumber('Financial year starting', 1990, 2100),
  funder: requiredText('Enter the funder', 200, 'The funder'),
  amount: money('Grant for the year'),
  previousAmount: optionalMoney('Last year’s grant'),
  carryOver: money('Carry-over from last year'),
  notes: optionalText(2000, 'The notes'),
});
export type GrantInput = z.output<typeof grantSchema>;

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

export const carryOverSchema = z.object({
  amount: money('Carry-over requested'),
  reason: requiredText('Enter why the money was not spent and what it will do', 5000, 'The reason'),
});
export type CarryOverInput = z.output<typeof carryOverSchema>;

export const carryOverDecisionSchema = z
  .object({
    decision: choice(['agreed', 'declined'], 'Select whether the funder agreed the carry-over'),
    amount: optionalMoney('Carry-over agreed'),
    note: optionalText(2000, 'The note'),
  })
  .refine((d) => d.decision !== 'agreed' || d.amount !== null, { path: ['amount'], message: 'Enter the carry-over agreed' });
export type CarryOverDecisionInput = z.output<typeof carryOverDecisionSchema>;

export const attachSchema = z.object({ meetingId: requiredText('Select the meeting', 100) });

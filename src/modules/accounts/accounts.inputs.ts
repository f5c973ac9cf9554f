/** What the account forms take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, requiredText, yesNo } from '../../platform/inputs.ts';
import type { GrantedRole } from '../../platform/principal.ts';
import { maximumPasswordLength, passwordProblem } from './passwordRule.ts';

export const signInSchema = z.object({
  email: requiredText('Enter your email address', 320, 'Email address'),
  password: requiredText('Enter your password', 1000, 'Password'),
});

/** Addresses are stored and compared as typed, less surrounding spaces and capitals. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A new password, checked by the one rule; the rule's check against the account's e-mail is made where that is known.
 * `missing` names the field as its label does ("Password", "New password").
 */
const passwordChosen = (missing: string) =>
  z.string({ error: missing }).superRefine((value, context) => {
    const problem = passwordProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const password = passwordChosen('Enter a password');
const newPassword = passwordChosen('Enter a new password');

export const userDetailsSchema = z.object({
  name: requiredText('Enter the full name', 200, 'Full name'),
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.com' }),
  isAdmin: yesNo('Select yes if the person is an administrator'),
});
export type UserDetailsInput = z.output<typeof userDetailsSchema>;

export const userSchema = userDetailsSchema.extend({ password }).superRefine((user, context) => {
  const problem = passwordProblem(user.password, user.email);
  if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
});
/** A new account: its details and its first password. */
export type NewUser = z.output<typeof userSchema>;

export const passwordSchema = z.object({ password: newPassword });

/** A person changing their own password: the one they have, to prove it is them, and the new one. */
export const changePasswordSchema = z.object({
  currentPassword: requiredText('Enter your current password', maximumPasswordLength, 'Current password'),
  password: newPassword,
});

/** Asking for a link to choose a new password. */
export const passwordResetRequestSchema = z.object({
  email: requiredText('Enter your email address', 320, 'Email address'),
});

/** The roles an administrator gives, in the order the form offers them. */
export const grantedRoles: [GrantedRole, ...GrantedRole[]] = ['officer', 'member', 'analyst', 'overseer'];

export const grantSchema = z
  .object({
    role: choice(grantedRoles, 'Select a role'),
    partnershipId: z.string().optional(),
    areaId: z.string().optional(),
  })
  .refine((g) => g.role === 'overseer' || g.partnershipId, { path: ['partnershipId'], message: 'Select the partnership' })
  .refine((g) => g.role !== 'overseer' || g.areaId, { path: ['areaId'], message: 'Select the area' });

const twoStepCode = requiredText('Enter the code', 40, 'The code');

export const twoStepCodeSchema = z.object({ code: twoStepCode });

export const twoStepTurnOffSchema = z.object({
  password: requiredText('Enter your current password', 1000, 'Password'),
  code: twoStepCode,
});

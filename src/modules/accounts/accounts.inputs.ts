/** What the account forms take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
import { choice, requiredText, yesNo } from '../../platform/inputs.ts';
import type { GrantedRole } from '../../platform/principal.ts';

export const signInSchema = z.object({
  email: requiredText('Enter your email address', 320, 'Email address'),
  password: requiredText('Enter your password', 1000, 'Password'),
});

/** Addresses are stored and compared as typed, less surrounding spaces and capitals. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Long passphrases beat complex short ones (NCSC); the CLI applies the same rule. */
export const minimumPasswordLength = 12;

const password = z
  .string({ error: 'Enter a password' })
  .min(minimumPasswordLength, `The password must be ${minimumPasswordLength} characters or more`)
  .max(1000, 'The password must be 1000 characters or fewer');

export const userDetailsSchema = z.object({
  name: requiredText('Enter the full name', 200, 'Full name'),
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.com' }),
  isAdmin: yesNo('Select yes if the person is an administrator'),
});
export type UserDetailsInput = z.output<typeof userDetailsSchema>;

export const userSchema = userDetailsSchema.extend({ password });
/** A new account: its details and its first password. */
export type NewUser = z.output<typeof userSchema>;

export const passwordSchema = z.object({ password });

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

import { z } from 'zod';
import { type Field } from '../../web/forms.ts';
import { choice, requiredText, yesNo } from '../../platform/inputs.ts';
import { type GrantedRole, roleNames } from '../../platform/principal.ts';

export const signInFields: Field[] = [
  { name: 'email', label: 'Email address', kind: 'email', autocomplete: 'email' },
  { name: 'password', label: 'Password', kind: 'password', autocomplete: 'current-password' },
];
export const signInSchema = z.object({
  email: requiredText('Enter your email address', 320, 'Email address'),
  password: requiredText('Enter your password', 1000, 'Password'),
});

/** Long passphrases beat complex short ones (NCSC); the CLI applies the same rule. */
export const minimumPasswordLength = 12;

const passwordField: Field = {
  name: 'password',
  label: 'Password',
  kind: 'password',
  hint: `At least ${minimumPasswordLength} characters. Give it to the person in a safe way.`,
  autocomplete: 'new-password',
};
const password = z
  .string({ error: 'Enter a password' })
  .min(minimumPasswordLength, `The password must be ${minimumPasswordLength} characters or more`)
  .max(1000, 'The password must be 1000 characters or fewer');

export const userDetailsFields: Field[] = [
  { name: 'name', label: 'Full name', kind: 'text', autocomplete: 'off' },
  { name: 'email', label: 'Email address', kind: 'email', autocomplete: 'off' },
  {
    name: 'isAdmin',
    label: 'Administrator of the whole system?',
    kind: 'yesNo',
    hint: 'Administrators can see and change every partnership, and manage accounts',
  },
];
export const userDetailsSchema = z.object({
  name: requiredText('Enter the full name', 200, 'Full name'),
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.com' }),
  isAdmin: yesNo('Select yes if the person is an administrator'),
});

export const userFields: Field[] = [...userDetailsFields.slice(0, 2), passwordField, ...userDetailsFields.slice(2)];
export const userSchema = userDetailsSchema.extend({ password });

export const passwordFields: Field[] = [{ ...passwordField, label: 'New password' }];
export const passwordSchema = z.object({ password });

const grantedRoles: [GrantedRole, ...GrantedRole[]] = ['officer', 'member', 'analyst', 'overseer'];

export const grantFields: Field[] = [
  { name: 'role', label: 'Role', kind: 'radios', options: grantedRoles.map((value) => ({ value, text: roleNames[value] })) },
  { name: 'partnershipId', label: 'Partnership', kind: 'select', hint: 'For officer, member and analyst' },
  { name: 'areaId', label: 'Area', kind: 'select', hint: 'For an overseer, who sees every partnership in the area' },
];
export const grantSchema = z
  .object({
    role: choice(grantedRoles, 'Select a role'),
    partnershipId: z.string().optional(),
    areaId: z.string().optional(),
  })
  .refine((g) => g.role === 'overseer' || g.partnershipId, { path: ['partnershipId'], message: 'Select the partnership' })
  .refine((g) => g.role !== 'overseer' || g.areaId, { path: ['areaId'], message: 'Select the area' });

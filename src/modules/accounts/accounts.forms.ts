/** How the account forms look: the fields a page draws (the checks are in accounts.inputs.ts). */
import type { Field } from '../../web/forms.ts';
import { roleNames } from '../../platform/principal.ts';
import { grantedRoles } from './accounts.inputs.ts';
import { minimumPasswordLength } from './passwordRule.ts';

export const signInFields: Field[] = [
  { name: 'email', label: 'Email address', kind: 'email', autocomplete: 'email' },
  { name: 'password', label: 'Password', kind: 'password', autocomplete: 'current-password' },
];

const passwordField: Field = {
  name: 'password',
  label: 'Password',
  kind: 'password',
  hint: `At least ${minimumPasswordLength} characters. Give it to the person in a safe way.`,
  autocomplete: 'new-password',
};

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

export const userFields: Field[] = [...userDetailsFields.slice(0, 2), passwordField, ...userDetailsFields.slice(2)];

export const passwordFields: Field[] = [{ ...passwordField, label: 'New password' }];

export const grantFields: Field[] = [
  { name: 'role', label: 'Role', kind: 'radios', options: grantedRoles.map((value) => ({ value, text: roleNames[value] })) },
  { name: 'partnershipId', label: 'Partnership', kind: 'select', hint: 'For officer, member and analyst' },
  { name: 'areaId', label: 'Area', kind: 'select', hint: 'For an overseer, who sees every partnership in the area' },
];

/** A password a person chooses for themselves: the rule, said before they type. */
const ownNewPasswordField: Field = {
  name: 'password',
  label: 'New password',
  kind: 'password',
  hint: `At least ${minimumPasswordLength} characters. A few unrelated words make a strong password that is easy to remember. Do not use your email address or a common password.`,
  autocomplete: 'new-password',
};

export const changePasswordFields: Field[] = [
  { name: 'currentPassword', label: 'Current password', kind: 'password', autocomplete: 'current-password' },
  ownNewPasswordField,
];

export const passwordResetRequestFields: Field[] = [
  { name: 'email', label: 'Email address', kind: 'email', autocomplete: 'email', hint: 'The email address you sign in with' },
];

export const chooseNewPasswordFields: Field[] = [ownNewPasswordField];

const codeField: Field = {
  name: 'code',
  label: 'Code',
  kind: 'text',
  hint: 'The 6-digit code from your authenticator app, or one of your recovery codes',
  autocomplete: 'one-time-code',
  width: 'govuk-input--width-10',
};

export const twoStepCodeFields: Field[] = [codeField];

export const twoStepSetUpFields: Field[] = [
  { ...codeField, label: 'Code from your app', hint: 'The 6-digit code your authenticator app shows for Safer now' },
];

export const twoStepTurnOffFields: Field[] = [
  { name: 'password', label: 'Your current password', kind: 'password', autocomplete: 'current-password' },
  codeField,
];

/**
 * The one rule for a new password, wherever it is set (an administrator's forms, the command line, a person changing
 * their own or choosing one from a reset link): long (NCSC: length beats complexity), not among the passwords
 * breached most often, and not the account's own e-mail name. See docs/decisions/0035-passwords-and-account-page.md.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { FieldValidationError } from '../../platform/errors.ts';

export const minimumPasswordLength = 12;
export const maximumPasswordLength = 1000;
/** A name part shorter than this ("jo") would refuse too many good passwords to be worth refusing. */
const shortestNamePartRefused = 3;

// Loaded once, lower-cased, so that a check is one look-up however many passwords are set.
const breached: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((entry) => String(entry).toLowerCase()));

/** What is wrong with the password as a new one, in words to show next to its field; null when it will do. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length === 0) return 'Enter a password';
  if (password.length < minimumPasswordLength) return `The password must be ${minimumPasswordLength} characters or more`;
  if (password.length > maximumPasswordLength) return `The password must be ${maximumPasswordLength} characters or fewer`;
  const lower = password.toLowerCase();
  if (breached.has(lower)) return 'This password is one of the most common in data breaches: choose a different password';
  const namePart = email?.trim().toLowerCase().split('@')[0] ?? '';
  if (namePart.length >= shortestNamePartRefused && lower.includes(namePart)) {
    return 'The password must not contain the name part of the email address: choose a different password';
  }
  return null;
}

/** The rule where the account is known (its e-mail): a problem is shown next to the field the password was typed in. */
export function requireAcceptablePassword(password: string, email: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new FieldValidationError(field, problem);
}

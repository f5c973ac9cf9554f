/**
 * The pieces of a domain input's zod schema, with GOV.UK-style messages: the same schema checks a form, a CSV
 * row and (later) a JSON request, so it says nothing about layout (that is the page's field list, in web/forms.ts).
 */
import { z } from 'zod';
import { hasHiddenCharacter, hiddenCharacterMessage, isBlank } from './hiddenCharacters.ts';
import { readDateParts, readDateText, readTime } from './dates.ts';
import { readNumber, readPounds } from './numbers.ts';

/** The words for a stored value, from a record of values and their words; the value itself if it has none. */
export function nameOf<K extends string>(names: Record<K, string>, key: string): string {
  return names[key as K] ?? key;
}

/** Text as a person types it: within its length, and without hidden characters (the schema of a CSV row too). */
function typedText(maxLength: number, label: string, message?: string) {
  return z
    .string(message ? { error: message } : undefined)
    .max(maxLength, `${label} must be ${maxLength} characters or fewer`)
    .refine((value) => !hasHiddenCharacter(value), hiddenCharacterMessage(label));
}

export function requiredText(message: string, maxLength = 200, label = 'This') {
  return typedText(maxLength, label, message).refine((value) => !isBlank(value), message);
}

export function optionalText(maxLength = 200, label = 'This') {
  return typedText(maxLength, label)
    .optional()
    .transform((value) => value ?? null);
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

export function yesNo(message: string) {
  return z.boolean({ error: message });
}

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const typedDate = z.object({ day: z.string(), month: z.string(), year: z.string() });

/**
 * A date as a form's date input sends it (its three boxes: web/forms.ts) or as one piece of text (a CSV cell, a
 * JSON value: "2026-11-23", "23 Nov 2026"), read into YYYY-MM-DD by platform/dates.ts. An error names the wrong
 * boxes in its path, so that the page highlights only those.
 */
function dateOf(label: string) {
  return z.union([z.string(), typedDate], { error: `Enter the ${label}` }).transform((typed, context) => {
    const read = typeof typed === 'string' ? readDateText(typed, label) : readDateParts(typed, label);
    if (read && 'date' in read) return read.date;
    // The boxes to highlight; all three are the whole date.
    const parts = read && read.parts.length < 3 ? read.parts : [];
    context.addIssue({ code: 'custom', message: read?.problem ?? `Enter the ${label}`, path: parts });
    return z.NEVER;
  });
}

export function requiredDate(label: string) {
  return dateOf(label);
}

export function optionalDate(label: string) {
  return dateOf(label)
    .optional()
    .transform((value) => value ?? null);
}

/** A time of day as people type it ("10am", "14:30", "noon"), held as HH:MM on the 24-hour clock. */
export function requiredTime(label: string) {
  return z.string({ error: `Enter the ${label}` }).transform((typed, context) => {
    const read = readTime(typed, label);
    if (read && 'time' in read) return read.time;
    context.addIssue({ code: 'custom', message: read?.problem ?? `Enter the ${label}` });
    return z.NEVER;
  });
}

/** "Enter the year": what a required field that was left empty says, from its label ("The year", "Population"). */

export function wholeNumber(label: string, min: number, max: number) {
  return z
    .union([z.string(), z.number()], { error: enterThe(label) })
    .transform((typed, context) => {
      const read = typeof typed === 'number' ? { value: typed } : readNumber(typed);
      if ('problem' in read) context.addIssue({ code: 'custom', message: `${label} must be a number` });
      else if (!Number.isInteger(read.value)) context.addIssue({ code: 'custom', message: `${label} must be a whole number` });
      else return read.value;
      return z.NEVER;
    })
    .pipe(z.number().min(min, `${label} must be ${min} or more`).max(max, `${label} must be ${max} or fewer`));
}

export function optionalWholeNumber(label: string, min: number, max: number) {
  return wholeNumber(label, min, max)
    .optional()
    .transform((value) => value ?? null);
}

/**
 * The message for a field left empty, in GOV.UK's words: "Enter the grant for the year", "Enter the amount"; a label
 * that already names whose or which it is keeps its own words ("Enter last year’s grant").
 */
export function enterThe(label: string): string {
  const words = `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  return /^(the|a|an|your|this|last|next)\b/.test(words) ? `Enter ${words}` : `Enter the ${words}`;
}

/** A number that may have a decimal point and thousands separators, as people type them: "1,832" or "62.176". */
export function decimalNumber(label: string, min = -1e12, max = 1e12) {
  return z
    .string({ error: enterThe(label) })
    .transform((typed, context) => {
      const read = readNumber(typed);
      if ('value' in read) return read.value;
      context.addIssue({ code: 'custom', message: `${label} must be a number, like 1,832 or 62.176` });
      return z.NEVER;
    })
    .refine((value) => value >= min, `${label} must be ${min} or more`)
    .refine((value) => value <= max, `${label} must be ${max} or less`);
}

export function optionalDecimal(label: string, min?: number, max?: number) {
  return decimalNumber(label, min, max)
    .optional()
    .transform((value) => value ?? null);
}

const maxMoneyPence = 1_000_000_000_00;

/** An amount of money as people type it ("£4,813.50", "409728"), held in whole pence; never negative. */
export function money(label: string) {
  return z
    .string({ error: enterThe(label) })
    .min(1, enterThe(label))
    .transform((typed, context) => {
      const read = readPounds(typed);
      if ('problem' in read) {
        context.addIssue({ code: 'custom', message: `${label} must be an amount of money, like £4,813.50` });
        return z.NEVER;
      }
      if (read.pence < 0) {
        context.addIssue({ code: 'custom', message: `${label} cannot be less than £0` });
        return z.NEVER;
      }
      // Far beyond any partnership's money, and small enough that sums of it stay exact.
      if (read.pence > maxMoneyPence) {
        context.addIssue({ code: 'custom', message: `${label} must be £1,000,000,000 or less` });
        return z.NEVER;
      }
      return read.pence;
    });
}

export function optionalMoney(label: string) {
  return money(label)
    .optional()
    .transform((value) => value ?? null);
}

/**
 * The pieces of a domain input's zod schema, with GOV.UK-style messages: the same schema checks a form, a CSV
 * row and (later) a JSON request, so it says nothing about layout (that is the page's field list, in web/forms.ts).
 */
import { z } from 'zod';
import { hasHiddenCharacter, hiddenCharacterMessage, isBlank } from './hiddenCharacters.ts';
import { readPounds } from './numbers.ts';

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

export function requiredDate(label: string) {
  return z.string({ error: `Enter the ${label}` }).refine(isRealDate, `The ${label} must be a real date`);
}

export function optionalDate(label: string) {
  return z
    .string()
    .refine(isRealDate, `The ${label} must be a real date`)
    .optional()
    .transform((value) => value ?? null);
}

export function wholeNumber(label: string, min: number, max: number) {
  return z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or fewer`);
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
  return (
    z
      .string({ error: enterThe(label) })
      .transform((value) => value.trim())
      // Commas only as thousands separators: "1,83" is a mistake, not 183.
      .refine((value) => /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(value), `${label} must be a number, like 1,832 or 62.176`)
      .transform((value) => Number(value.replaceAll(',', '')))
      .refine((value) => value >= min, `${label} must be ${min} or more`)
      .refine((value) => value <= max, `${label} must be ${max} or less`)
  );
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

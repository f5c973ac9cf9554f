/**
 * Forms: a field list says how a form looks; a zod schema is both the check and the type.
 * Everything the user typed is kept as typed, so a form with errors is shown again unchanged.
 */
import { z } from 'zod';
import { hasHiddenCharacter, hiddenCharacterMessage, isBlank } from '../core/hiddenCharacters.ts';
import { readPounds } from '../core/numbers.ts';

export interface Option {
  value: string;
  text: string;
  hint?: string;
}

/** The words for a stored value, from a record of values and their words; the value itself if it has none. */
export function nameOf<K extends string>(names: Record<K, string>, key: string): string {
  return names[key as K] ?? key;
}

/** The options of a radio or select field from a record of values and their words. */
export function optionsOf<T extends string>(labels: Record<T, string>): Option[] {
  return Object.entries<string>(labels).map(([value, text]) => ({ value, text }));
}

export interface Field {
  name: string;
  label: string;
  kind: 'text' | 'email' | 'password' | 'textarea' | 'integer' | 'money' | 'select' | 'radios' | 'yesNo' | 'date';
  hint?: string;
  /** Static choices for radios and selects; selects may instead take theirs from the page's `options[name]`. */
  options?: Option[];
  /** What a select shows when nothing is chosen (an optional select says what choosing nothing means). */
  emptyText?: string;
  /** GOV.UK width class, e.g. 'govuk-input--width-10'. */
  width?: string;
  rows?: number;
  autocomplete?: string;
  /** Show this field only when another field has one of these values (GOV.UK conditional reveal). */
  showWhen?: { field: string; values: string[] };
}

/** What the user typed, field by field, as strings (date fields keep their day, month and year). */
export type TypedValues = Record<string, string>;

export interface FormErrors {
  summary: { text: string; href: string }[];
  byField: Record<string, string>;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors; typed: TypedValues };

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (Array.isArray(value)) return String(value[0] ?? '');
  return typeof value === 'string' ? value : '';
}

/** Keeps exactly what was typed: one string per input. */
export function typedValues(fields: readonly Field[], body: Record<string, unknown>): TypedValues {
  const typed: TypedValues = {};
  for (const field of fields) {
    if (field.kind === 'date') {
      for (const part of ['day', 'month', 'year']) typed[`${field.name}-${part}`] = text(body, `${field.name}-${part}`);
    } else {
      typed[field.name] = text(body, field.name);
    }
  }
  return typed;
}

/** Turns typed strings into the shapes the schema checks: '' is absent, yes/no is boolean, dates are YYYY-MM-DD. */
function normalise(fields: readonly Field[], typed: TypedValues): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.showWhen && !field.showWhen.values.includes((typed[field.showWhen.field] ?? '').trim())) continue;
    if (field.kind === 'date') {
      const [day, month, year] = ['day', 'month', 'year'].map((part) => (typed[`${field.name}-${part}`] ?? '').trim());
      if (day || month || year) values[field.name] = `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
      continue;
    }
    const value = (typed[field.name] ?? '').trim();
    // Spaces and invisible characters alone are nothing typed.
    if (isBlank(value)) continue;
    if (field.kind === 'yesNo') values[field.name] = value === 'yes' ? true : value === 'no' ? false : value;
    else values[field.name] = value;
  }
  return values;
}

/** Every field with a hidden character in it, whatever its schema says: none may reach the database. */
function hiddenCharacterErrors(fields: readonly Field[], typed: TypedValues): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const field of fields) {
    const parts = field.kind === 'date' ? ['day', 'month', 'year'].map((part) => `${field.name}-${part}`) : [field.name];
    if (parts.some((name) => hasHiddenCharacter(typed[name] ?? ''))) byField[field.name] = hiddenCharacterMessage(field.label);
  }
  return byField;
}

export function readForm<S extends z.ZodType>(schema: S, fields: readonly Field[], body: unknown): FormResult<z.output<S>> {
  const typed = typedValues(fields, (body ?? {}) as Record<string, unknown>);
  const parsed = schema.safeParse(normalise(fields, typed));
  const byField = hiddenCharacterErrors(fields, typed);
  if (parsed.success && Object.keys(byField).length === 0) return { ok: true, value: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const name = String(issue.path[0] ?? fields[0]?.name ?? 'form');
    byField[name] ??= issue.message;
  }
  return { ok: false, errors: errorsFor(fields, byField), typed };
}

/** Builds the error summary in the order the fields appear on the page. */
export function errorsFor(fields: readonly Field[], byField: Record<string, string>): FormErrors {
  const summary = fields
    .filter((field) => byField[field.name])
    .map((field) => ({ text: byField[field.name] ?? '', href: `#${fieldAnchor(field)}` }));
  for (const [name, message] of Object.entries(byField)) {
    if (!fields.some((field) => field.name === name)) summary.push({ text: message, href: '#main-content' });
  }
  return { summary, byField };
}

/** The id of the input an error summary link jumps to: a date's day box, else the field itself (GOV.UK). */
function fieldAnchor(field: Field): string {
  return field.kind === 'date' ? `${field.name}-day` : field.name;
}

/** Typed values for a form that edits an existing record. */
export function valuesFromRecord(fields: readonly Field[], record: Record<string, unknown>): TypedValues {
  const typed: TypedValues = {};
  for (const field of fields) {
    const value = record[field.name];
    if (field.kind === 'date') {
      const [year = '', month = '', day = ''] = typeof value === 'string' ? value.split('-') : [];
      Object.assign(typed, { [`${field.name}-day`]: day, [`${field.name}-month`]: month, [`${field.name}-year`]: year });
    } else if (field.kind === 'yesNo') {
      typed[field.name] = value === true ? 'yes' : value === false ? 'no' : '';
    } else {
      typed[field.name] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    }
  }
  return typed;
}

// Schema pieces with GOV.UK-style messages.

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

/** A number that may have a decimal point and thousands separators, as people type them: "1,832" or "62.176". */
export function decimalNumber(label: string, min = -1e12, max = 1e12) {
  return (
    z
      .string({ error: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` })
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
    .string({ error: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` })
    .min(1, `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`)
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

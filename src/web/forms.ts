/**
 * Forms: a field list says how a form looks; a zod schema is both the check and the type.
 * Everything the user typed is kept as typed, so a form with errors is shown again unchanged.
 */
import type { z } from 'zod';
import { ConflictError, isRefusal } from '../platform/errors.ts';
import { hasHiddenCharacter, hiddenCharacterMessage, isBlank } from '../platform/hiddenCharacters.ts';
import { anyFields } from './schemas.ts';

export interface Option {
  value: string;
  text: string;
  hint?: string;
  /** A select draws options with a group under that heading (an optgroup), in the order given. */
  group?: string;
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
  /** For a date field, the boxes that are wrong (GOV.UK highlights only those); none listed means the whole field. */
  parts?: Record<string, string[]>;
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

/** Turns typed strings into the shapes the schema checks: '' is absent, yes/no is boolean, a date its three boxes. */
function normalise(fields: readonly Field[], typed: TypedValues): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.showWhen && !field.showWhen.values.includes((typed[field.showWhen.field] ?? '').trim())) continue;
    if (field.kind === 'date') {
      const [day = '', month = '', year = ''] = datePartsOf(field).map((name) => (typed[name] ?? '').trim());
      if (day || month || year) values[field.name] = { day, month, year };
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
    const parts = field.kind === 'date' ? datePartsOf(field) : [field.name];
    if (parts.some((name) => hasHiddenCharacter(typed[name] ?? ''))) byField[field.name] = hiddenCharacterMessage(field.label);
  }
  return byField;
}

export function readForm<S extends z.ZodType>(schema: S, fields: readonly Field[], body: unknown): FormResult<z.output<S>> {
  const typed = typedValues(fields, anyFields.parse(body));
  const parsed = schema.safeParse(normalise(fields, typed));
  const byField = hiddenCharacterErrors(fields, typed);
  if (parsed.success && Object.keys(byField).length === 0) return { ok: true, value: parsed.data };
  const parts: Record<string, string[]> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const name = String(issue.path[0] ?? fields[0]?.name ?? 'form');
    if (byField[name]) continue;
    byField[name] = issue.message;
    // A date's issue names the boxes that are wrong after the field: ['meetingDate', 'month'].
    if (issue.path.length > 1) parts[name] = issue.path.slice(1).map(String);
  }
  return { ok: false, errors: errorsFor(fields, byField, parts), typed };
}

/** Builds the error summary in the order the fields appear on the page. */
export function errorsFor(fields: readonly Field[], byField: Record<string, string>, parts: Record<string, string[]> = {}): FormErrors {
  const summary = fields
    .filter((field) => byField[field.name])
    .map((field) => ({ text: byField[field.name] ?? '', href: `#${fieldAnchor(field, parts[field.name])}` }));
  for (const [name, message] of Object.entries(byField)) {
    if (!fields.some((field) => field.name === name)) summary.push({ text: message, href: '#main-content' });
  }
  return { summary, byField, parts };
}

/** The ids of a date field's day, month and year boxes. */
function datePartsOf(field: Field): string[] {
  return ['day', 'month', 'year'].map((part) => `${field.name}-${part}`);
}

/** The id of the input an error summary link jumps to: a date's first wrong box (its day box if all are), else the field itself (GOV.UK). */
function fieldAnchor(field: Field, wrongParts: readonly string[] = []): string {
  return field.kind === 'date' ? `${field.name}-${wrongParts[0] ?? 'day'}` : field.name;
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

/** A save the rules refused, as its form shows it: the message by field, and the version now stored after a conflict. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; byField: Record<string, string>; version: number | null };

/**
 * Runs a save; a refusal the form can show (a field rule, or a colleague's change) comes back to show the form
 * again with what was typed. Anything else goes on to the error handler.
 */
export async function attempt<T>(save: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await save() };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // After a conflict the form carries the stored version: saving again, having looked, is a deliberate overwrite.
    if (error instanceof ConflictError) return { ok: false, byField: { form: error.message }, version: error.currentVersion };
    return { ok: false, byField: { [error.field]: error.message }, version: null };
  }
}

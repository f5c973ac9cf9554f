import { z } from 'zod';
import { anyFields } from './schemas.ts';
import { hasHiddenCharacter } from '../platform/hiddenCharacters.ts';

/**
 * One string from a query string or form field. `?q=a&q=b` arrives as an array; a page that
 * expects one value takes the first rather than failing.
 */
export function single(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** Checkbox values as a form sends them: none, one, or several. */
export function checkedValues(value: unknown): string[] {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The named parameters of a request's query string, each as a single string. */
export function queryValues<K extends string>(query: unknown, names: readonly K[]): Partial<Record<K, string>> {
  const source = anyFields.parse(query);
  const values: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = single(source[name]);
    if (value !== undefined) values[name] = value;
  }
  return values;
}

const versionField = z.object({ version: z.unknown().optional() }).catch({ version: undefined });

// Versions are PostgreSQL `integer` columns: a larger number could never match, and would fail the query.
const largestVersion = 2 ** 31 - 1;

/**
 * The record version a form sent back (for optimistic concurrency); -1, which matches no record, when it is
 * missing, not a whole number, or past any version a record can have.
 */
export function versionOf(body: unknown): number {
  const version = Number(single(versionField.parse(body).version));
  return Number.isInteger(version) && version >= 0 && version <= largestVersion ? version : -1;
}

/** Whether a path parameter or query string value holds a hidden character, which no page's address has. */
export function addressHasControlCharacter(request: { params: unknown; query: unknown }): boolean {
  const values = [request.params, request.query].flatMap((part) => Object.values(anyFields.parse(part)));
  return values.flat().some((value) => typeof value === 'string' && hasHiddenCharacter(value));
}

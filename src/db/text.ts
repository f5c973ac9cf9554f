import { type Expression, type SqlBool, sql } from 'kysely';
import { wordsOf } from '../platform/finding.ts';

/** Whether a text column holds `text`, in any case; LIKE's wildcards in it match themselves (the same on both engines). */
export function containsText(column: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
}

/**
 * Whether every word typed meets `holds`, in any order: "domestic abuse" finds "Domestic Violence and Abuse".
 * Typed text with no words matches everything, as no filter would.
 */
export function matchesEveryWord(typed: string, holds: (word: string) => Expression<SqlBool>[]): Expression<SqlBool> {
  const each = wordsOf(typed).map((word) => sql<SqlBool>`(${sql.join(holds(word), sql` or `)})`);
  return each.length ? sql<SqlBool>`(${sql.join(each, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

/** Whether every word typed is held by one or other of the columns, in any case and any order. */
export function containsEveryWord(columns: readonly string[], typed: string): Expression<SqlBool> {
  return matchesEveryWord(typed, (word) => columns.map((column) => containsText(column, word)));
}

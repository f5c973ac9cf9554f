import { sql } from 'kysely';

/** Whether a text column holds `text`, in any case; LIKE's wildcards in it match themselves (the same on both engines). */
export function containsText(column: string, text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Who confirmed or rejected a held crime import (when is its finished_at): a link to a file already decided says
 * what became of it, and the analyst's list says who decided.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crime_imports').addColumn('decided_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crime_imports').dropColumn('decided_by').execute();
}

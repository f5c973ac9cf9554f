import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

const columns = ['agenda_withdrawn_at', 'agenda_withdrawn_by', 'agenda_withdrawn_reason'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // A published agenda withdrawn before its meeting: when, by whom and why (the public page says so).
  for (const column of columns) await db.schema.alterTable('meetings').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // SQLite drops one column per statement.
  for (const column of columns) await db.schema.alterTable('meetings').dropColumn(column).execute();
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

const tables = ['decisions', 'declarations'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  // A decision or declaration of draft minutes is changed only from the version the user saw, as actions already are.
  for (const table of tables) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).dropColumn('version').execute();
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // How many vice-chairs a group's terms allow a year (Melton's were joint: two). Terms that say nothing: one.
  await db.schema
    .alterTable('terms_of_reference')
    .addColumn('vice_chairs', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('terms_of_reference').dropColumn('vice_chairs').execute();
}

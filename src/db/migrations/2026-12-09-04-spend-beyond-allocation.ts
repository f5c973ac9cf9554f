import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A return that takes an allocation's spend past the amount allocated is saved only with the reason for it.
  await db.schema.alterTable('spend_returns').addColumn('beyond_allocation_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('spend_returns').dropColumn('beyond_allocation_reason').execute();
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A decision deferred for want of a quorum goes onto a later agenda once: the item names the decision it carries.
  await db.schema
    .alterTable('agenda_items')
    .addColumn('deferred_decision_id', 'text', (c) => c.references('decisions.id'))
    .execute();
  await db.schema.createIndex('agenda_items_deferred_decision').on('agenda_items').column('deferred_decision_id').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('agenda_items_deferred_decision').execute();
  await db.schema.alterTable('agenda_items').dropColumn('deferred_decision_id').execute();
}

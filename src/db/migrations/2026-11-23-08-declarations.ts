import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    // The entry in the register of interests the declaration refers to, where there is one.
    .addColumn('interest_id', 'text', (c) => c.references('interests.id'))
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('made_by', 'text')
    .execute();
  await db.schema.createIndex('declarations_item').on('declarations').column('agenda_item_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('declarations').execute();
}

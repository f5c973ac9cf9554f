import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    // 'opening' and 'closing' hold the standard items; the others are the agenda's sections.
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('standard_item', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('presenter', 'text')
    .addColumn('purpose', 'text')
    .addColumn('confidential', 'integer', (c) => c.notNull())
    .addColumn('confidential_reason', 'text')
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'section', 'position']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agenda_items').execute();
}

import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // The type found in the file's content, never the one its name or the browser claimed.
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('papers_meeting').on('papers').column('meeting_id').execute();

  // The bytes apart from the record, so that listing papers never reads them. `bytea` is
  // PostgreSQL's binary type; SQLite keeps a blob as it is under any declared type.
  await db.schema
    .createTable('paper_contents')
    .addColumn('paper_id', 'text', (c) => c.primaryKey().references('papers.id'))
    .addColumn('content', sql`bytea`, (c) => c.notNull())
    .execute();

  await db.schema.alterTable('meetings').addColumn('published_at', 'text').execute();
  await db.schema.alterTable('meetings').addColumn('published_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('published_by').execute();
  await db.schema.alterTable('meetings').dropColumn('published_at').execute();
  await db.schema.dropTable('paper_contents').execute();
  await db.schema.dropTable('papers').execute();
}

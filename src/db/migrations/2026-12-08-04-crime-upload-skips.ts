import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The files of an uploaded police.uk zip that were not imported (outcomes, stop and search…), and why: the upload's page says so.
  await db.schema
    .createTable('crime_upload_skips')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_upload_skips_pk', ['batch_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('crime_upload_skips').execute();
}

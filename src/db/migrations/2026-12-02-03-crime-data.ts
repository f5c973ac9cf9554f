import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Crime data: the ONS reference that places an LSOA in its Community Safety Partnership and police force
 * area, police.uk street-level files as they were imported, their crimes, and the partnership's CSP.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Which edition of the shipped reference data the tables hold, so a new edition is loaded once.
  await db.schema
    .createTable('crime_reference')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('crime_csps')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('force_code', 'text', (c) => c.notNull())
    .addColumn('force_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('crime_lsoas')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // The census boundaries the code is an LSOA of (1 or 0): an area unchanged in 2021 kept its code.
    .addColumn('in2011', 'integer', (c) => c.notNull())
    .addColumn('in2021', 'integer', (c) => c.notNull())
    .addColumn('csp_code', 'text')
    .addColumn('population', 'integer')
    .execute();
  await db.schema.createIndex('crime_lsoas_csp').on('crime_lsoas').columns(['csp_code', 'code']).execute();

  await db.schema
    .createTable('crime_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // The file's content: the same file imported again is recognised whatever its name.
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    // receiving (an upload), waiting, importing, complete, replaced (by a later file for the same force and
    // month), unchanged (the same content was imported before) or refused.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('falls_within', 'text')
    .addColumn('force_code', 'text')
    .addColumn('month', 'text')
    // The last physical line committed: an interrupted import resumes after it.
    .addColumn('lines_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('crimes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('without_location', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outside_force', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unknown_lsoa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problem', 'text')
    // Who is running the import, and until when: a batch is written only by the runner holding the claim.
    .addColumn('runner', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('batch_id', 'text')
    .addColumn('partnership_id', 'text', (c) => c.references('partnerships.id'))
    .addColumn('imported_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('crime_imports_sha256').on('crime_imports').columns(['sha256', 'status']).execute();
  await db.schema.createIndex('crime_imports_month').on('crime_imports').columns(['force_code', 'month', 'status']).execute();
  await db.schema.createIndex('crime_imports_batch').on('crime_imports').columns(['batch_id']).execute();
  // One complete file per force and month: two imports finishing together cannot both count.
  await db.schema
    .createIndex('crime_imports_one_complete')
    .on('crime_imports')
    .columns(['falls_within', 'month'])
    .unique()
    .where(sql.ref('status'), '=', 'complete')
    .execute();

  // An uploaded file waits here, in pieces, for its import (any app process may run it); gone once imported.
  await db.schema
    .createTable('crime_upload_chunks')
    .addColumn('import_id', 'text', (c) => c.notNull().references('crime_imports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', sql`bytea`, (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_upload_chunks_pk', ['import_id', 'seq'])
    .execute();

  // A crime is the row on a physical line of an imported file: re-running a batch writes the same keys.
  await db.schema
    .createTable('crimes')
    .addColumn('import_id', 'text', (c) => c.notNull().references('crime_imports.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    // Anti-social behaviour has no Crime ID.
    .addColumn('crime_id', 'text')
    .addColumn('longitude', 'double precision')
    .addColumn('latitude', 'double precision')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('lsoa_code', 'text')
    .addColumn('crime_type', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('crimes_pk', ['import_id', 'line'])
    .execute();
  await db.schema.createIndex('crimes_area_month').on('crimes').columns(['lsoa_code', 'month']).execute();

  await db.schema
    .createTable('crime_areas')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey().references('partnerships.id'))
    .addColumn('csp_code', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['crime_areas', 'crimes', 'crime_upload_chunks', 'crime_imports', 'crime_lsoas', 'crime_csps', 'crime_reference']) {
    await db.schema.dropTable(table).execute();
  }
}

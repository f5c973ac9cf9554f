import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * National scale (decision 0048). Crimes counted by import, month, LSOA and crime type, written in the transaction
 * that makes an import count, so that a partnership's figures read its own counts, not the table of every force's
 * crimes. On PostgreSQL, crimes are partitioned by month (a partition a month, made by ensure_list_partition when the
 * month's first file completes; rows of a month not yet made wait in the default partition). SQLite keeps one table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crime_counts')
    .addColumn('import_id', 'text', (c) => c.notNull().references('crime_imports.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('lsoa_code', 'text', (c) => c.notNull())
    .addColumn('crime_type', 'text', (c) => c.notNull())
    .addColumn('crimes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_counts_pk', ['import_id', 'month', 'lsoa_code', 'crime_type'])
    .execute();
  // A partnership's LSOAs and months, covering: its figures never read the table itself.
  await db.schema
    .createIndex('crime_counts_area_month')
    .on('crime_counts')
    .columns(['lsoa_code', 'month', 'import_id', 'crime_type', 'crimes'])
    .execute();
  await sql`insert into crime_counts (import_id, month, lsoa_code, crime_type, crimes)
    select import_id, month, lsoa_code, crime_type, count(*) from crimes where lsoa_code is not null
    group by import_id, month, lsoa_code, crime_type`.execute(db);
  // The streets a partnership's pages count are read from the index alone, not from rows spread over every force's.
  await sql`drop index if exists crimes_area_month`.execute(db);
  await db.schema
    .createIndex('crimes_area_month')
    .on('crimes')
    .columns(['lsoa_code', 'month', 'import_id', 'crime_type', 'location'])
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await partitionCrimes(db);
}

/** The non-primary-key indexes of crimes as they are now (whatever migrations before this made), to build again by name. */
async function crimeIndexes(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes
    where schemaname = current_schema() and tablename = 'crimes' and indexname <> 'crimes_pk'`.execute(db);
  return rows.map((row) => row.indexdef);
}

async function partitionCrimes(db: Kysely<unknown>): Promise<void> {
  // Makes a list partition for a value, moving the value's rows out of the default partition, once (an advisory
  // lock makes two imports of a new month wait for each other), in the caller's transaction.
  await sql`create function ensure_list_partition(parent text, value text) returns void language plpgsql as $$
    declare
      part text := parent || '_' || regexp_replace(value, '[^0-9A-Za-z]', '_', 'g');
      key text;
      ref text;
    begin
      if to_regclass(part) is not null then return; end if;
      perform pg_advisory_xact_lock(hashtext(part));
      -- The locks attaching takes, taken in the order writers take them (the tables the parent's foreign keys name,
      -- then its rows), so that a writer holding one never waits for this; and no rows of the value go into the
      -- default partition while they are moved out of it.
      for ref in select confrelid::regclass::text from pg_constraint where conrelid = parent::regclass and contype = 'f' loop
        execute format('lock table %s in share row exclusive mode', ref);
      end loop;
      execute format('lock table %I in access exclusive mode', parent || '_default');
      -- Looked for again after the locks, which bring the catalogue up to date: another made it while this waited.
      if to_regclass(part) is not null then return; end if;
      select a.attname into key from pg_partitioned_table p
        join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0]
        where p.partrelid = parent::regclass;
      execute format('create table %I (like %I including defaults)', part, parent);
      execute format('insert into %I select * from %I where %I = %L', part, parent || '_default', key, value);
      execute format('delete from %I where %I = %L', parent || '_default', key, value);
      execute format('alter table %I attach partition %I for values in (%L)', parent, part, value);
    end $$`.execute(db);
  const indexes = await crimeIndexes(db);
  await sql`alter table crimes rename to crimes_unpartitioned`.execute(db);
  await sql`alter table crimes_unpartitioned rename constraint crimes_pk to crimes_unpartitioned_pk`.execute(db);
  // The primary key holds the partition key: a line of a file is in the file's one month.
  await sql`create table crimes (like crimes_unpartitioned including defaults, primary key (import_id, line, month),
    foreign key (import_id) references crime_imports (id)) partition by list (month)`.execute(db);
  await sql`alter table crimes rename constraint crimes_pkey to crimes_pk`.execute(db);
  await sql`create table crimes_default partition of crimes default`.execute(db);
  await sql`select ensure_list_partition('crimes', month) from (select distinct month from crimes_unpartitioned) months`.execute(db);
  await sql`insert into crimes select * from crimes_unpartitioned`.execute(db);
  await sql`drop table crimes_unpartitioned`.execute(db);
  for (const definition of indexes) await sql.raw(definition).execute(db);
}

async function unpartitionCrimes(db: Kysely<unknown>): Promise<void> {
  const indexes = await crimeIndexes(db);
  await sql`alter table crimes rename to crimes_partitioned`.execute(db);
  await sql`alter table crimes_partitioned rename constraint crimes_pk to crimes_partitioned_pk`.execute(db);
  await sql`create table crimes (like crimes_partitioned including defaults, constraint crimes_pk primary key (import_id, line),
    foreign key (import_id) references crime_imports (id))`.execute(db);
  await sql`insert into crimes select * from crimes_partitioned`.execute(db);
  await sql`drop table crimes_partitioned`.execute(db);
  for (const definition of indexes) await sql.raw(definition).execute(db);
  await sql`drop function ensure_list_partition(text, text)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await unpartitionCrimes(db);
  await sql`drop index if exists crimes_area_month`.execute(db);
  await db.schema.createIndex('crimes_area_month').on('crimes').columns(['lsoa_code', 'month']).execute();
  await db.schema.dropTable('crime_counts').execute();
}

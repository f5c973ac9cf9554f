import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * The crime import at the engine's speed (decision 0059). On SQLite, crimes and their monthly counts are each kept in
 * the order of their key (WITHOUT ROWID), so that a row is written to two B-trees, its key's and the index the pages
 * read, not three (the table's, its key's and the index's). The columns, keys and indexes are as they were.
 * PostgreSQL keeps its tables, partitioned by month.
 */
const tables = [
  {
    name: 'crimes',
    columns: `import_id text not null references crime_imports (id), line integer not null, month text not null,
      crime_id text, longitude double precision, latitude double precision, location text not null, lsoa_code text,
      crime_type text not null, outcome text, constraint crimes_pk primary key (import_id, line)`,
    index: 'create index crimes_area_month on crimes (month, lsoa_code, import_id, crime_type, location)',
  },
  {
    name: 'crime_counts',
    columns: `import_id text not null references crime_imports (id), month text not null, lsoa_code text not null,
      crime_type text not null, crimes integer not null,
      constraint crime_counts_pk primary key (import_id, month, lsoa_code, crime_type)`,
    index: 'create index crime_counts_area_month on crime_counts (month, lsoa_code, import_id, crime_type, crimes)',
  },
];

/** Each table made again as `shape` says, its rows copied over in the order of its key. */
async function rebuild(db: Kysely<unknown>, shape: '' | 'without rowid'): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const table of tables) {
    await sql`create table ${sql.raw(`${table.name}_rebuilt`)} (${sql.raw(table.columns)}) ${sql.raw(shape)}`.execute(db);
    await sql`insert into ${sql.raw(`${table.name}_rebuilt`)} select * from ${sql.raw(table.name)} order by 1, 2`.execute(db);
    await sql`drop table ${sql.raw(table.name)}`.execute(db);
    await sql`alter table ${sql.raw(`${table.name}_rebuilt`)} rename to ${sql.raw(table.name)}`.execute(db);
    await sql.raw(table.index).execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, 'without rowid');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuild(db, '');
}

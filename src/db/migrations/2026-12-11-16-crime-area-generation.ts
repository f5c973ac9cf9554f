import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Every crime data page reads its partnership's crime area and the months its force holds, before anything else
 * (decision 0061): from crime_areas, crime_csps, and the force's imports that are complete. A change to any of those
 * counts one more in access_generation, in the same transaction, as a change to who may do what does (2026-12-11-09),
 * so that the read is kept with the access answers while the count stands still. An import's progress (the lines and
 * bytes it has read, its claim) is none of it, and is not counted: only its status, force, month and LSOA edition.
 */
const watched = [
  { table: 'crime_areas', columns: null },
  { table: 'crime_csps', columns: null },
  { table: 'crime_imports', columns: ['status', 'force_code', 'month', 'lsoa_edition'] },
];

const updateOf = (columns: string[] | null) =>
  columns ? sql`update of ${sql.join(columns.map((column) => sql.id(column)))}` : sql`update`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // count_access_change (2026-12-11-09): counted at commit, once a transaction.
    for (const { table, columns } of watched) {
      await sql`create constraint trigger ${sql.id(`${table}_access_changed`)} after insert or ${updateOf(columns)} or delete
        on ${sql.table(table)} deferrable initially deferred for each row execute function count_access_change()`.execute(db);
    }
    return;
  }
  for (const { table, columns } of watched) {
    for (const [change, event] of [
      ['insert', sql`insert`],
      ['update', updateOf(columns)],
      ['delete', sql`delete`],
    ] as const) {
      await sql`create trigger ${sql.id(`${table}_access_changed_${change}`)} after ${event} on ${sql.table(table)}
        begin
          insert into access_generation (id, generation) values (1, 1)
            on conflict (id) do update set generation = generation + 1;
        end`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const { table } of watched) {
    if (postgres) await sql`drop trigger ${sql.id(`${table}_access_changed`)} on ${sql.table(table)}`.execute(db);
    else
      for (const change of ['insert', 'update', 'delete'])
        await sql`drop trigger ${sql.id(`${table}_access_changed_${change}`)}`.execute(db);
  }
}

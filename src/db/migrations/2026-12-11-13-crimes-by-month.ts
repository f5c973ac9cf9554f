import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * The crime import at the engine's speed (decision 0056). On SQLite, the indexes the pages read crimes' streets and
 * monthly counts by lead with the month, so that a file (one month) is appended to one place of each, not spread over
 * every LSOA's entries of every month held; the pages seek each month of each LSOA. PostgreSQL keeps a partition a
 * month, in which the month is one already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop index crimes_area_month`.execute(db);
  await sql`create index crimes_area_month on crimes (month, lsoa_code, import_id, crime_type, location)`.execute(db);
  await sql`drop index crime_counts_area_month`.execute(db);
  await sql`create index crime_counts_area_month on crime_counts (month, lsoa_code, import_id, crime_type, crimes)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`drop index crimes_area_month`.execute(db);
  await sql`create index crimes_area_month on crimes (lsoa_code, month, import_id, crime_type, location)`.execute(db);
  await sql`drop index crime_counts_area_month`.execute(db);
  await sql`create index crime_counts_area_month on crime_counts (lsoa_code, month, import_id, crime_type, crimes)`.execute(db);
}

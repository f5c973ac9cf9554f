import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * The actions still to do, in due-date order: the daily reminders read every partnership's, due by a date, 500 at a
 * time in that order. PostgreSQL judges the status and the due date apart, so done actions long past their due date
 * look like candidates, and once the log's indexes carried the id as well (2026-12-11-06) reading the whole table
 * looked cheaper; an index of only those still to do, in the order read, is read instead. SQLite reads the
 * (partnership, status, due date) index for these already, and cannot match a partial index to a query whose
 * statuses are bound parameters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create index actions_still_to_do on actions (due_date, id)
    where status in ('open', 'in_progress', 'carried_forward')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`drop index actions_still_to_do`.execute(db);
}

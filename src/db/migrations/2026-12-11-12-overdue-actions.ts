import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * The action log's overdue actions (open or in progress, due before today), in the log's order, with the owner's
 * words: a page of them is read in order and stops at its last row, and their count (with the owner's words or
 * without) is read off this index alone, not from every action's row. Only a due date before a day implies the
 * index's condition, so a list of one status alone still reads that status's index. The statuses are written out in the query as
 * here, so that SQLite matches the index too. PostgreSQL also keeps statistics of the owner's words as the filter
 * reads them (in lower case): without them it takes any words to match almost nothing, and reads every overdue
 * action with its group, meeting and item before putting them in order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // In the log's order on each engine: PostgreSQL's puts no due date first only when told (SQLite's always does).
  const due = postgres ? sql`due_date nulls first` : sql`due_date`;
  await sql`create index actions_overdue on actions (partnership_id, ${due}, created_at, id, owner)
    where status in ('open', 'in_progress') and due_date is not null`.execute(db);
  if (!postgres) return;
  await sql`create statistics actions_owner_words on (lower(coalesce(owner, ''))) from actions`.execute(db);
  await sql`analyze actions`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop statistics actions_owner_words`.execute(db);
  await sql`drop index actions_overdue`.execute(db);
}

/**
 * Check-then-write rules (one membership of a person on a group at a time, one agenda position per item…)
 * hold on both engines when every writer first takes the lock of the record the rule is about.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** Tables whose rows stand for the records such rules are about. */
export type LockableTable = 'groups' | 'meetings' | 'indicators' | 'partnerships' | 'strategicAssessments' | 'priorities';

/**
 * Takes the write lock on one row by writing it unchanged, as the transaction's first write. PostgreSQL holds
 * the row lock to the end of the transaction, so a second writer of the same record waits here and then reads
 * what the first committed. SQLite has one writer per file: taken before the transaction reads anything, the
 * write lock is waited for (busy_timeout) rather than refused, so two processes on one file also go in turn.
 * Returns whether the row exists.
 */
export async function lockRow(db: Kysely<Database>, table: LockableTable, id: string): Promise<boolean> {
  const result = await sql`update ${sql.table(table)} set id = id where id = ${id}`.execute(db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

import type { Kysely, Selectable } from 'kysely';
import { type Engine, skippingLockedRows } from '../../db/dialect.ts';
import type { Database, JobsTable } from '../../db/schema.ts';

export type JobRow = Selectable<JobsTable>;

/** Adds a job; one whose uniqueKey is already in the table is left as it is. */
export async function insertJob(db: Kysely<Database>, row: JobRow): Promise<void> {
  await db
    .insertInto('jobs')
    .values(row)
    .onConflict((conflict) => conflict.column('uniqueKey').doNothing())
    .execute();
}

/** Claims up to `limit` due jobs for one worker until `leaseUntil`, counting the attempt. */
export async function claimDueJobs(
  db: Kysely<Database>,
  engine: Engine,
  claim: { workerId: string; now: string; leaseUntil: string; limit: number },
): Promise<JobRow[]> {
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('doneAt', 'is', null)
    .where('failedAt', 'is', null)
    .where('runAfter', '<=', claim.now)
    .where((eb) => eb.or([eb('lockedUntil', 'is', null), eb('lockedUntil', '<', claim.now)]))
    .orderBy('runAfter')
    .limit(claim.limit);
  return db
    .updateTable('jobs')
    .set((eb) => ({ lockedUntil: claim.leaseUntil, claimedBy: claim.workerId, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', skippingLockedRows(engine, due))
    .returningAll()
    .execute();
}

export async function markJobDone(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('jobs').set({ doneAt: at, lockedUntil: null }).where('id', '=', id).execute();
}

/** A failed attempt: tried again from `retryAt`, or given up (failedAt) when retryAt is null. */
export async function markJobFailed(
  db: Kysely<Database>,
  id: string,
  failure: { error: string; at: string; retryAt: string | null },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      lastError: failure.error,
      lockedUntil: null,
      ...(failure.retryAt ? { runAfter: failure.retryAt } : { failedAt: failure.at }),
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes jobs done or given up before the date; jobs still to run are kept. */
export async function deleteFinishedJobs(db: Kysely<Database>, before: string): Promise<void> {
  await db
    .deleteFrom('jobs')
    .where((eb) => eb.or([eb('doneAt', '<', before), eb('failedAt', '<', before)]))
    .execute();
}

export async function insertActionReminder(
  db: Kysely<Database>,
  row: { actionId: string; dueDate: string; sentAt: string },
): Promise<boolean> {
  const result = await db
    .insertInto('actionReminders')
    .values(row)
    .onConflict((conflict) => conflict.columns(['actionId', 'dueDate']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

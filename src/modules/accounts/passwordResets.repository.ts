import type { Kysely, Selectable } from 'kysely';
import type { Database, PasswordResetsTable } from '../../db/schema.ts';

export type PasswordResetRow = Selectable<PasswordResetsTable>;

export async function insertPasswordReset(db: Kysely<Database>, reset: PasswordResetRow): Promise<void> {
  await db.insertInto('passwordResets').values(reset).execute();
}

/** Spends every link of the account not yet spent (a newer one replaces them, or the password was set). */
export async function spendPasswordResetsOf(db: Kysely<Database>, userId: string, at: string): Promise<void> {
  await db.updateTable('passwordResets').set({ spentAt: at }).where('userId', '=', userId).where('spentAt', 'is', null).execute();
}

/** The account a link still works for: not spent and not expired at `now`. */
export async function findLivePasswordReset(db: Kysely<Database>, tokenHash: string, now: string): Promise<PasswordResetRow | undefined> {
  return db
    .selectFrom('passwordResets')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .where('spentAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

/**
 * Spends a live link and says whose it was, or undefined if it was not live. One conditional update: of any number
 * of redemptions at once, only one finds it unspent (SQLite writes one at a time; PostgreSQL re-checks the row it waited on).
 */
export async function spendLivePasswordReset(db: Kysely<Database>, tokenHash: string, now: string): Promise<string | undefined> {
  const row = await db
    .updateTable('passwordResets')
    .set({ spentAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('spentAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('userId')
    .executeTakeFirst();
  return row?.userId;
}

/** Links expired before `before` are forgotten, so the table holds only recent ones. */
export async function deletePasswordResetsExpiredBefore(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('passwordResets').where('expiresAt', '<', before).execute();
}

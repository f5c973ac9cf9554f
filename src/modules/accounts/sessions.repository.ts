import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../../db/schema.ts';

export async function upsertSession(db: Kysely<Database>, session: Selectable<SessionsTable>): Promise<void> {
  const { id: _id, ...changes } = session;
  await db
    .insertInto('sessions')
    .values(session)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(changes))
    .execute();
}

export async function findLiveSession(db: Kysely<Database>, id: string, now: string): Promise<string | undefined> {
  const row = await db.selectFrom('sessions').select('data').where('id', '=', id).where('expiresAt', '>', now).executeTakeFirst();
  return row?.data;
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteSessionsExpiredBy(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();
}

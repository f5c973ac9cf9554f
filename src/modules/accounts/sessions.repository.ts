import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export async function upsertSession(db: Kysely<Database>, id: string, data: string, expiresAt: string): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id, data, expiresAt })
    .onConflict((conflict) => conflict.column('id').doUpdateSet({ data, expiresAt }))
    .execute();
}

export async function findLiveSession(db: Kysely<Database>, id: string, now: string): Promise<string | undefined> {
  const row = await db.selectFrom('sessions').select('data').where('id', '=', id).where('expiresAt', '>', now).executeTakeFirst();
  return row?.data;
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsExpiredBy(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();
}

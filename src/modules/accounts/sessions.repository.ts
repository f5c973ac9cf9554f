import type { Kysely, Selectable } from 'kysely';
import { compiledOnce } from '../../db/compiledOnce.ts';
import type { Database, SessionsTable } from '../../db/schema.ts';

/** Writes a session read from its row back to it: a row deleted meanwhile (its session ended) stays deleted. */
export async function updateSession(db: Kysely<Database>, { id, ...changes }: Selectable<SessionsTable>): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id', '=', id).execute();
}

export async function upsertSession(db: Kysely<Database>, session: Selectable<SessionsTable>): Promise<void> {
  const { id: _id, ...changes } = session;
  await db
    .insertInto('sessions')
    .values(session)
    .onConflict((conflict) => conflict.column('id').doUpdateSet(changes))
    .execute();
}

/**
 * The session's data, and the access and page generations read in the same query: a signed-in request needs all
 * three. Compiled once, as every signed-in request makes it.
 */
const liveSession = compiledOnce((db, id: string, now: string) =>
  db
    .selectFrom('sessions')
    .select((eb) => [
      'data',
      'expiresAt',
      eb.selectFrom('accessGeneration').select('generation').where('id', '=', 1).as('accessGeneration'),
      eb.selectFrom('pageGeneration').select('generation').where('id', '=', 1).as('pageGeneration'),
    ])
    .where('id', '=', id)
    .where('expiresAt', '>', now),
);

export async function findLiveSession(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<
  { data: string; expiresAt: string; accessGeneration: string | number | null; pageGeneration: string | number | null } | undefined
> {
  const [session] = await liveSession(db, id, now);
  return session;
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

import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../core/clock.ts';
import type { Database } from '../db/schema.ts';

const dayInMs = 24 * 60 * 60 * 1000;

/** Sessions live in the database so any number of app processes can serve a user. */
export function databaseSessionStore(db: Kysely<Database>, clock: Clock, maxAgeMs: number): SessionStore {
  return {
    set(sessionId, session, callback) {
      const cookie = (session as { cookie?: { expires?: string | Date | null } }).cookie;
      const expiresAt = cookie?.expires ? new Date(cookie.expires) : new Date(clock.now().getTime() + maxAgeMs);
      const row = { id: sessionId, data: JSON.stringify(session), expiresAt: expiresAt.toISOString() };
      db.insertInto('sessions')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doUpdateSet({ data: row.data, expiresAt: row.expiresAt }))
        .execute()
        .then(() => callback(), callback);
    },
    get(sessionId, callback) {
      db.selectFrom('sessions')
        .select(['data', 'expiresAt'])
        .where('id', '=', sessionId)
        .executeTakeFirst()
        .then((row) => {
          if (!row || row.expiresAt <= clock.now().toISOString()) return callback(null, null);
          callback(null, JSON.parse(row.data) as Session);
        }, callback);
    },
    destroy(sessionId, callback) {
      db.deleteFrom('sessions')
        .where('id', '=', sessionId)
        .execute()
        .then(() => callback(), callback);
    },
  };
}

/** Expired sessions are removed now and then, not on every request. */
export async function deleteExpiredSessions(db: Kysely<Database>, clock: Clock): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<', clock.now().toISOString()).execute();
}

export const sessionMaxAgeMs = dayInMs / 3;

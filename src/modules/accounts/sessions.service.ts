import type { Kysely } from 'kysely';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { Database } from '../../db/schema.ts';
import {
  deleteSession,
  deleteSessionsExpiredBy,
  deleteSessionsOfUser,
  findLiveSession,
  updateSession,
  upsertSession,
} from './sessions.repository.ts';

/** Sessions live in the database so that any number of app processes can serve one user. */
export interface SessionRecords {
  save(id: string, data: unknown, expiresAt: Date): Promise<void>;
  /**
   * The session's data, or null when there is none or it has expired. Its `accessGeneration` and `pageGeneration`
   * are read with it, for what the web layer keeps (web/accessCache.ts), and are never saved; `stored` marks it as
   * read from its row, which saving it only updates.
   */
  load(id: string): Promise<unknown>;
  remove(id: string): Promise<void>;
  removeExpired(): Promise<void>;
  /** Signs a user out everywhere. */
  removeAllOf(userId: string): Promise<void>;
}

/** A count read with the session, as the web layer compares it: text, or null when its row is missing. */
const generation = (read: string | number | null) => (read === null ? null : String(read));

export function createSessionRecords(db: Kysely<Database>, clock: Clock): SessionRecords {
  return {
    save: (
      id,
      {
        accessGeneration: _access,
        pageGeneration: _page,
        stored,
        ...data
      }: { accessGeneration?: unknown; pageGeneration?: unknown; stored?: boolean },
      expiresAt,
    ) =>
      // A session read from its row is only ever written back to it: a request still running when the session was
      // ended (signed out everywhere by a password change, a deactivation) must not bring its row back.
      (stored ? updateSession : upsertSession)(db, {
        id,
        data: JSON.stringify(data),
        expiresAt: expiresAt.toISOString(),
        userId: (data as { userId?: string } | null)?.userId ?? null,
      }),
    async load(id) {
      const row = await findLiveSession(db, id, isoNow(clock));
      if (!row) return null;
      return {
        // A session saved before its end was kept in its data ends when its row says.
        endsAt: row.expiresAt,
        ...(JSON.parse(row.data) as object),
        accessGeneration: generation(row.accessGeneration),
        pageGeneration: generation(row.pageGeneration),
        stored: true,
      };
    },
    remove: (id) => deleteSession(db, id),
    removeExpired: () => deleteSessionsExpiredBy(db, isoNow(clock)),
    removeAllOf: (userId) => deleteSessionsOfUser(db, userId),
  };
}

import type { Kysely } from 'kysely';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { Database } from '../../db/schema.ts';
import { deleteSession, deleteSessionsExpiredBy, deleteSessionsOfUser, findLiveSession, upsertSession } from './sessions.repository.ts';

/** Sessions live in the database so that any number of app processes can serve one user. */
export interface SessionRecords {
  save(id: string, data: unknown, expiresAt: Date): Promise<void>;
  /**
   * The session's data, or null when there is none or it has expired. Its `accessGeneration` is read with it, for
   * the web layer's kept access (web/accessCache.ts), and is never saved.
   */
  load(id: string): Promise<unknown>;
  remove(id: string): Promise<void>;
  removeExpired(): Promise<void>;
  /** Signs a user out everywhere. */
  removeAllOf(userId: string): Promise<void>;
}

export function createSessionRecords(db: Kysely<Database>, clock: Clock): SessionRecords {
  return {
    save: (id, { accessGeneration: _read, ...data }: { accessGeneration?: unknown }, expiresAt) =>
      upsertSession(db, {
        id,
        data: JSON.stringify(data),
        expiresAt: expiresAt.toISOString(),
        userId: (data as { userId?: string } | null)?.userId ?? null,
      }),
    async load(id) {
      const row = await findLiveSession(db, id, isoNow(clock));
      if (!row) return null;
      const accessGeneration = row.accessGeneration === null ? null : String(row.accessGeneration);
      return { ...(JSON.parse(row.data) as object), accessGeneration };
    },
    remove: (id) => deleteSession(db, id),
    removeExpired: () => deleteSessionsExpiredBy(db, isoNow(clock)),
    removeAllOf: (userId) => deleteSessionsOfUser(db, userId),
  };
}

import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Clock } from '../platform/clock.ts';

export const sessionMaxAgeMs = 8 * 60 * 60 * 1000;

declare module 'fastify' {
  interface Session {
    /** When the session ends (ISO): set at its first save, sessionMaxAgeMs on, and kept however often it is saved. */
    endsAt?: string;
  }
}

/** What the store needs of the sessions the accounts module keeps in the database. */
export interface SessionRecords {
  save: (id: string, data: unknown, expiresAt: Date) => Promise<void>;
  /** The session's data, or null when there is none or it has expired. */
  load: (id: string) => Promise<unknown>;
  remove: (id: string) => Promise<void>;
}

/** Adapts the database-backed session records to @fastify/session's callback interface. */
export function databaseSessionStore(sessions: SessionRecords, clock: Clock): SessionStore {
  return {
    set(sessionId, session, callback) {
      // A session ends a fixed time after it began (signing in begins a new one), however often it is saved since.
      session.endsAt ??= new Date(clock.now().getTime() + sessionMaxAgeMs).toISOString();
      sessions.save(sessionId, session, new Date(session.endsAt)).then(() => callback(), callback);
    },
    get(sessionId, callback) {
      sessions.load(sessionId).then((data) => callback(null, data as Session | null), callback);
    },
    destroy(sessionId, callback) {
      sessions.remove(sessionId).then(() => callback(), callback);
    },
  };
}

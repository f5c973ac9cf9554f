/**
 * What every request asks before its page (decision 0053): who the principal is, the partnership or area in the
 * address, the partnerships for the switcher. Each request reads one number, the access generation, which triggers
 * move on any change to the tables those answers come from, in the change's own transaction; answers read since it
 * last moved are shared, in this process, with the requests after. A role taken away, a membership ended or a
 * partnership archived is seen by the very next request, in every process, as before.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Answers read at one generation, for one request. */
export interface KeptAccess {
  /**
   * The answer kept for `key` at this generation, or `read`'s, kept for the requests after if `keep` says so (an
   * address's id not found is not kept: anyone can type a million of them).
   */
  get<T>(key: string, read: () => Promise<T>, keep?: (answer: T) => boolean): Promise<T>;
}

export interface AccessCache {
  /**
   * The answers at the generation `read` in this request (with its session), or read now: everything read through
   * what it returns is at least as new as the generation.
   */
  current(read?: string | null): Promise<KeptAccess>;
}

/** Enough for every signed-in account of a large deployment; past it, the oldest answers go first. */
const keptAnswers = 10_000;

/**
 * The kept answers of one generation: `accessGeneration` for access (and what every request of a partnership reads
 * with it), `pageGeneration` for the partnerships' versions the kept pages are keyed by (decision 0061).
 */
export type Generation = 'accessGeneration' | 'pageGeneration';

export function createAccessCache(db: Kysely<Database>, counted: Generation = 'accessGeneration'): AccessCache {
  let generation: string | null = null;
  let answers = new Map<string, Promise<unknown>>();

  return {
    async current(read) {
      // No row only for a moment after it was deleted (it comes back at once: 2026-12-11-17): nothing read then is
      // kept, and nothing kept before is used again.
      const now = read === undefined ? await readGeneration(db, counted) : read;
      if (now === null) {
        generation = null;
        answers = new Map();
        return { get: (_key, read) => read() };
      }
      // Any other number, newer or (from a request that read it earlier and arrives late) older, starts afresh:
      // an answer is only ever shared among requests that read the same number before reading the answer.
      if (now !== generation) {
        generation = now;
        answers = new Map();
      }
      const kept = answers;
      return {
        get<T>(key: string, read: () => Promise<T>, keep: (answer: T) => boolean = () => true): Promise<T> {
          const known = kept.get(key) as Promise<T> | undefined;
          if (known) return known;
          const answer = read();
          kept.set(key, answer);
          // A failed read, or one not to keep, is forgotten: the next request reads again.
          const forget = () => kept.get(key) === answer && kept.delete(key);
          answer.then((value) => keep(value) || forget(), forget);
          if (kept.size > keptAnswers) kept.delete(kept.keys().next().value as string);
          return answer;
        },
      };
    },
  };
}

async function readGeneration(db: Kysely<Database>, counted: Generation): Promise<string | null> {
  const row = await db.selectFrom(counted).select('generation').where('id', '=', 1).executeTakeFirst();
  return row ? String(row.generation) : null;
}

import { createHash } from 'node:crypto';
import type { Principal } from './principal.ts';
/**
 * The results of pure work kept by a key that names everything the work depends on (a hash of its input), so a
 * result kept can never be out of date: when a figure changes, so does the key. Bounded, the one used longest ago
 * out first; a result is kept as its promise from the start, so requests arriving together for the same key share
 * one piece of work rather than each doing it. A failure is not kept.
 */
export type Kept<T> = ((key: string, work: () => Promise<T>) => Promise<T>) & {
  /** The result kept for `key`, if one is, doing no work: for an address that names a result by its key. */
  peek(key: string): Promise<T> | undefined;
};

export function kept<T>(atMost: number): Kept<T> {
  const results = new Map<string, Promise<T>>();
  const keep = (key: string, work: () => Promise<T>) => {
    const found = results.get(key);
    if (found) {
      // Used again: to the back of the queue (a Map keeps its keys in the order they were added).
      results.delete(key);
      results.set(key, found);
      return found;
    }
    const result = work();
    results.set(key, result);
    result.catch(() => {
      if (results.get(key) === result) results.delete(key);
    });
    if (results.size > atMost) results.delete(results.keys().next().value ?? '');
    return result;
  };
  return Object.assign(keep, { peek: (key: string) => results.get(key) });
}

/** A key for `kept`: a hash of everything the work depends on. */
export const keyOf = (input: unknown): string => createHash('sha256').update(JSON.stringify(input)).digest('base64url');

/**
 * A reader as part of a key: everything the policy decides from (the account, its roles in each partnership, the
 * areas it oversees), so that work done for one reader is never another's unless they may do and see the same.
 */
export const keyOfReader = (reader: Principal): unknown => [
  reader.userId,
  reader.isAdmin,
  [...reader.partnershipRoles].map(([partnershipId, roles]) => [partnershipId, [...roles].sort()]).sort(),
  [...reader.overseerAreaIds].sort(),
];

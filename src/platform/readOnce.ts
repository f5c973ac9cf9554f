/**
 * Reads made once per page: a page built from several services (the meeting page asks papers, attendance, minutes
 * and actions, each of which looks up the meeting) would otherwise read the same row once for each. Within a
 * `readingScope` — the web layer opens one around each GET, which changes nothing — a read named by the same key
 * is made once and its answer shared; outside one (a change, a job, a test calling a service) every read is made.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `work` with reads shared by key until it ends. Only for work that changes none of what it reads. */
export function readingScope<T>(work: () => T): T {
  return scope.run(new Map(), work);
}

/** The read's answer: made now, or shared with the same read made earlier in this scope. Each caller gets its own copy. */
export async function readOnce<T extends object>(key: string, read: () => Promise<T>): Promise<T> {
  const reads = scope.getStore();
  if (!reads) return read();
  let answer = reads.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    reads.set(key, answer);
  }
  return { ...(await answer) };
}

/**
 * Reads made once per page: a page built from several services (the meeting page asks papers, attendance, minutes
 * and actions, each of which looks up the meeting) would otherwise read the same row once for each. Within a
 * `readingScope` — the web layer opens one around each GET, which changes nothing — a read named by the same key
 * is made once and its answer shared; outside one (a change, a job, a test calling a service) every read is made.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Answers kept across requests while a generation stands still (web/accessCache.ts): the access generation (decision
 * 0053) or the page generation (0061), each moved by every change to the tables whose reads it keeps.
 */
export interface KeptReads {
  get<T>(key: string, read: () => Promise<T>): Promise<T>;
}

export type Generations = Partial<Record<'access' | 'pages', KeptReads>>;

interface Scope {
  reads: Map<string, Promise<unknown>>;
  kept: Generations;
}

const scope = new AsyncLocalStorage<Scope>();

/**
 * Runs `work` with reads shared by key until it ends, and those of `readKept` with the requests at the same
 * generation, where one is given. Only for work that changes none of what it reads.
 */
export function readingScope<T>(work: () => T, kept: Generations = {}): T {
  return scope.run({ reads: new Map(), kept }, work);
}

/** The read's answer: made now, or shared with the same read made earlier in this scope. Each caller gets its own copy. */
export async function readOnce<T extends object>(key: string, read: () => Promise<T>): Promise<T> {
  const reads = scope.getStore()?.reads;
  if (!reads) return read();
  let answer = reads.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    reads.set(key, answer);
  }
  return { ...(await answer) };
}

/**
 * As `readOnce`, and shared too with the requests after this one while the generation stands still: only for a read
 * of tables that move it on every change (each named in the migrations that watch them).
 */
export async function readKept<T extends object>(
  key: string,
  read: () => Promise<T>,
  generation: keyof Generations = 'access',
): Promise<T> {
  const kept = scope.getStore()?.kept[generation];
  if (!kept) return readOnce(key, read);
  return { ...(await kept.get(key, read)) };
}

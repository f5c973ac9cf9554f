/**
 * How failed sign-ins are throttled (see docs/decisions/0014-sign-in-throttling.md). By account: a few
 * failures are free, then each further attempt waits a short interval that doubles to a cap, so a guesser
 * is slowed to a crawl while the owner, with the right password, is only kept waiting a minute at most.
 * By address: a limit on the accounts it failed on in a window stops one address trying many accounts (password
 * spraying), while one person mistyping their own password counts once against their office's address.
 */

export const signInThrottle = {
  /** Failures on one account before attempts must wait. */
  freeFailures: 5,
  firstWaitSeconds: 2,
  longestWaitSeconds: 60,
  /** Failures on one account are forgotten after this long without another. */
  accountMemoryMinutes: 15,
  /** Accounts one address may fail on in a window, and the window, counted from its first failure. */
  addressFailures: 20,
  addressWindowMinutes: 15,
} as const;

export interface ThrottleState {
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
}

const minutes = (n: number) => n * 60_000;

/** The state still in force at `now` (null once forgotten). */
export function stillCounting(kind: 'account' | 'address', state: ThrottleState | null, now: Date): ThrottleState | null {
  if (!state) return null;
  const expires =
    kind === 'account'
      ? Date.parse(state.lastFailureAt) + minutes(signInThrottle.accountMemoryMinutes)
      : Date.parse(state.firstFailureAt) + minutes(signInThrottle.addressWindowMinutes);
  return expires > now.getTime() ? state : null;
}

/** How long an account must wait after this many failures in a row. */
export function waitAfter(failures: number): number {
  if (failures < signInThrottle.freeFailures) return 0;
  const doublings = failures - signInThrottle.freeFailures;
  return Math.min(signInThrottle.longestWaitSeconds, signInThrottle.firstWaitSeconds * 2 ** doublings) * 1000;
}

/** When the next attempt may be made, or null if it may be made now. */
export function tryAgainAt(kind: 'account' | 'address', state: ThrottleState | null, now: Date): Date | null {
  const current = stillCounting(kind, state, now);
  if (!current) return null;
  const at =
    kind === 'account'
      ? Date.parse(current.lastFailureAt) + waitAfter(current.failures)
      : current.failures >= signInThrottle.addressFailures
        ? Date.parse(current.firstFailureAt) + minutes(signInThrottle.addressWindowMinutes)
        : 0;
  return at > now.getTime() ? new Date(at) : null;
}

/** The state after one more failure at `now`. */
export function withFailure(kind: 'account' | 'address', state: ThrottleState | null, now: Date): ThrottleState {
  const current = stillCounting(kind, state, now);
  const at = now.toISOString();
  return current
    ? { ...current, failures: current.failures + 1, lastFailureAt: at }
    : { failures: 1, firstFailureAt: at, lastFailureAt: at };
}

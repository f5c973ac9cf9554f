import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signInThrottle, type ThrottleState, tryAgainAt, waitAfter, withFailure } from './signInThrottle.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 9, 0, seconds));

/** The state after failures at each of these seconds. */
function failures(kind: 'account' | 'address', seconds: number[]): ThrottleState | null {
  return seconds.reduce<ThrottleState | null>((state, second) => withFailure(kind, state, at(second)), null);
}

describe('sign-in throttling', () => {
  it('lets the first failures go without a wait, then doubles the wait up to a minute', () => {
    const waits = Array.from({ length: 12 }, (_, n) => waitAfter(n) / 1000);
    assert.deepEqual(waits, [0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('makes an account wait after its free failures, and lets it try once the wait is over', () => {
    const state = failures('account', [0, 1, 2, 3, 4]);
    assert.equal(state?.failures, signInThrottle.freeFailures);
    assert.deepEqual(tryAgainAt('account', state, at(5)), at(6));
    assert.equal(tryAgainAt('account', state, at(6)), null);
  });

  it('forgets an account’s failures a quarter of an hour after the last', () => {
    const state = failures('account', [0, 1, 2, 3, 4, 10, 20]);
    assert.ok(tryAgainAt('account', state, at(21)));
    const later = new Date(at(20).getTime() + 15 * 60_000);
    assert.equal(tryAgainAt('account', state, later), null);
    assert.equal(withFailure('account', state, later).failures, 1);
  });

  it('stops an address at its limit until a quarter of an hour after its first failure', () => {
    const seconds = Array.from({ length: signInThrottle.addressFailures }, (_, n) => n);
    assert.equal(tryAgainAt('address', failures('address', seconds.slice(1)), at(30)), null);
    const state = failures('address', seconds);
    assert.deepEqual(tryAgainAt('address', state, at(30)), new Date(at(0).getTime() + 15 * 60_000));
  });
});

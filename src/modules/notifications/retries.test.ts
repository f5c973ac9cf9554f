import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxAttempts, retryAt } from './retries.ts';

describe('retryAt', () => {
  const failedAt = new Date('2016-07-25T09:00:00Z');

  it('waits twice as long after each failure', () => {
    const waits = [1, 2, 3, 4].map((attempts) => ((retryAt(failedAt, attempts)?.getTime() ?? 0) - failedAt.getTime()) / 60_000);
    assert.deepEqual(waits, [1, 2, 4, 8]);
  });

  it('gives up after the last attempt', () => {
    assert.equal(retryAt(failedAt, maxAttempts), null);
  });
});

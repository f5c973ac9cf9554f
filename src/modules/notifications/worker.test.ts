import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startJobWorker } from './worker.ts';

/** Counts job runs; each takes a little while, as sending e-mail does. */
function countingRuns() {
  const runs = { started: 0, finished: 0 };
  const notifications = {
    async runDueJobs() {
      runs.started += 1;
      await delay(20);
      runs.finished += 1;
      return { done: 0, retried: 0, failed: 0 };
    },
  };
  return { runs, notifications };
}

describe('startJobWorker', () => {
  it('runs due jobs at once and then every interval, and on stop finishes the run in progress', async () => {
    const { runs, notifications } = countingRuns();
    const worker = startJobWorker(notifications, { intervalMs: 5, onError: (error) => assert.fail(String(error)) });
    while (runs.started < 3) await delay(5);
    await worker.stop();
    assert.equal(runs.finished, runs.started, 'no run left half done');
    const stoppedAt = runs.started;
    await delay(50);
    assert.equal(runs.started, stoppedAt, 'nothing runs after stop');
  });

  it('reports a failed run and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const notifications = {
      runDueJobs: () =>
        ++calls === 1 ? Promise.reject(new Error('database restarting')) : Promise.resolve({ done: 0, retried: 0, failed: 0 }),
    };
    const worker = startJobWorker(notifications, { intervalMs: 5, onError: (error) => errors.push(error) });
    while (calls < 2) await delay(5);
    await worker.stop();
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /database restarting/);
  });
});

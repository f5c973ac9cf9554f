import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readingScope, readOnce } from './readOnce.ts';

describe('reads made once per page', () => {
  const counting = () => {
    let reads = 0;
    return { read: () => Promise.resolve({ id: 'm1', reads: ++reads }), made: () => reads };
  };

  it('shares a read named by the same key within a scope, each caller with its own copy', async () => {
    const { read, made } = counting();
    const [a, b] = await readingScope(() => Promise.all([readOnce('meeting m1', read), readOnce('meeting m1', read)]));
    assert.equal(made(), 1);
    assert.deepEqual(a, b);
    assert.notEqual(a, b);
  });

  it('makes every read outside a scope, and in each scope afresh', async () => {
    const { read, made } = counting();
    await readOnce('meeting m1', read);
    await readOnce('meeting m1', read);
    await readingScope(() => readOnce('meeting m1', read));
    await readingScope(() => readOnce('meeting m1', read));
    assert.equal(made(), 4);
  });
});

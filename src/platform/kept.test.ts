import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyOf, kept } from './kept.ts';

describe('kept', () => {
  it('does the work once for a key, for callers arriving together and after', async () => {
    const results = kept<{ n: number }>(10);
    let done = 0;
    const work = () => Promise.resolve({ n: ++done });
    const [first, together] = await Promise.all([results('a', work), results('a', work)]);
    assert.equal(together, first);
    assert.equal(await results('a', work), first);
    assert.equal(done, 1);
    assert.deepEqual(await results('b', work), { n: 2 });
  });

  it('keeps at most as many as it is told, letting go of the one used longest ago', async () => {
    const results = kept<string>(2);
    let done = 0;
    const work = (key: string) => () => Promise.resolve(`${key}${++done}`);
    await results('a', work('a'));
    await results('b', work('b'));
    await results('a', work('a'));
    await results('c', work('c'));
    assert.equal(await results('a', work('a')), 'a1', 'used lately, so kept');
    assert.equal(await results('b', work('b')), 'b4', 'used longest ago, so drawn again');
  });

  it('does not keep a failure', async () => {
    const results = kept<string>(2);
    await assert.rejects(results('a', () => Promise.reject(new Error('no'))));
    assert.equal(await results('a', () => Promise.resolve('yes')), 'yes');
  });

  it('peeks at a result kept, doing no work, and finds none let go of', async () => {
    const results = kept<string>(1);
    assert.equal(results.peek('a'), undefined);
    await results('a', () => Promise.resolve('a1'));
    assert.equal(await results.peek('a'), 'a1');
    await results('b', () => Promise.resolve('b1'));
    assert.equal(results.peek('a'), undefined);
  });

  it('keys by everything in the input', () => {
    assert.equal(keyOf({ a: 1, b: [2] }), keyOf({ a: 1, b: [2] }));
    assert.notEqual(keyOf({ a: 1, b: [2] }), keyOf({ a: 1, b: [3] }));
  });
});

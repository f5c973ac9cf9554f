import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deferredForQuorum } from './outcomes.ts';

describe('deferredForQuorum', () => {
  it('defers the key decisions of an inquorate meeting', () => {
    assert.equal(deferredForQuorum('agreed', false), true);
    assert.equal(deferredForQuorum('supported', false), true);
  });
  it('does not defer noting, a quorate meeting, or one whose attendance is not recorded', () => {
    assert.equal(deferredForQuorum('noted', false), false);
    assert.equal(deferredForQuorum('agreed', true), false);
    assert.equal(deferredForQuorum('agreed', null), false);
  });
});

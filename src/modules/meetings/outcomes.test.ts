import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deferredForQuorum, outcomeOfVote } from './outcomes.ts';

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

describe('outcomeOfVote', () => {
  it('makes a vote not carried "not agreed", whatever was chosen', () => {
    assert.equal(outcomeOfVote('agreed', false), 'not_agreed');
    assert.equal(outcomeOfVote('supported', false), 'not_agreed');
  });
  it('keeps the outcome a carried vote was for, and never calls a carried vote "not agreed"', () => {
    assert.equal(outcomeOfVote('supported', true), 'supported');
    assert.equal(outcomeOfVote('not_agreed', true), 'agreed');
    assert.equal(outcomeOfVote('noted', true), 'agreed');
  });
});

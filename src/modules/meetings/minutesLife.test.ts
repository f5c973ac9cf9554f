import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canAmend, canMoveTo, isEditable } from './minutesLife.ts';

describe('the life of minutes', () => {
  it('goes draft, circulated, approved, signed', () => {
    assert.equal(canMoveTo('draft', 'circulated'), true);
    assert.equal(canMoveTo('circulated', 'approved'), true);
    assert.equal(canMoveTo('approved', 'signed'), true);
  });
  it('is never signed before it is approved, and never goes back', () => {
    assert.equal(canMoveTo('circulated', 'signed'), false);
    assert.equal(canMoveTo('approved', 'draft'), false);
    assert.equal(canMoveTo('signed', 'approved'), false);
  });
  it('can be written until approved, and not after', () => {
    assert.deepEqual((['draft', 'circulated', 'approved', 'signed'] as const).map(isEditable), [true, true, false, false]);
  });
  it('takes amendments once approved, and only then', () => {
    assert.deepEqual((['draft', 'circulated', 'approved', 'signed'] as const).map(canAmend), [false, false, true, true]);
  });
});

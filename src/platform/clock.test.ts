import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { todayInEngland } from './clock.ts';

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('todayInEngland', () => {
  it('is already tomorrow after midnight BST, while UTC is still today', () => {
    assert.equal(todayInEngland(at('2026-06-30T23:30:00Z')), '2026-07-01');
  });
  it('matches UTC in winter (GMT)', () => {
    assert.equal(todayInEngland(at('2026-12-31T23:30:00Z')), '2026-12-31');
  });
  it('changes at midnight in England, asked for a minute either side and back again', () => {
    assert.equal(todayInEngland(at('2026-06-30T22:59:59.999Z')), '2026-06-30');
    assert.equal(todayInEngland(at('2026-06-30T23:00:00Z')), '2026-07-01');
    assert.equal(todayInEngland(at('2026-06-30T23:00:59Z')), '2026-07-01');
    assert.equal(todayInEngland(at('2026-06-30T22:59:00Z')), '2026-06-30');
    assert.equal(todayInEngland(at('2027-01-01T00:00:00Z')), '2027-01-01');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lsoaLabel, lsoaLabeller } from './lsoaLabel.ts';

describe('lsoaLabel', () => {
  it('names an LSOA first and gives its code after, or the code alone when its name is not known', () => {
    assert.equal(lsoaLabel('E01025785', 'Charnwood 003A'), 'Charnwood 003A (E01025785)');
    assert.equal(lsoaLabel('E01025785', null), 'E01025785');
    assert.equal(lsoaLabel('E01025785', 'E01025785'), 'E01025785');
    const label = lsoaLabeller([{ code: 'E01025785', name: 'Charnwood 003A' }]);
    assert.deepEqual(['E01025785', 'E01000001'].map(label), ['Charnwood 003A (E01025785)', 'E01000001']);
  });
});

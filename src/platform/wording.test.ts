import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asSentence, withArticle } from './wording.ts';

describe('wording', () => {
  it('puts "an" before a vowel sound and "a" before any other', () => {
    assert.deepEqual(
      ['action', 'decision', 'declaration of interest', 'amendment', 'item', 'user', 'unit', 'umbrella', 'hour', 'one-off'].map(
        withArticle,
      ),
      [
        'an action',
        'a decision',
        'a declaration of interest',
        'an amendment',
        'an item',
        'a user',
        'a unit',
        'an umbrella',
        'an hour',
        'a one-off',
      ],
    );
  });

  it('ends a typed reason with one full stop', () => {
    assert.equal(asSentence('Wrong figures'), 'Wrong figures.');
    assert.equal(asSentence('Wrong figures. '), 'Wrong figures.');
    assert.equal(asSentence('Wrong figures!'), 'Wrong figures!');
    assert.equal(asSentence('Why?'), 'Why?');
    assert.equal(asSentence(''), '');
  });
});

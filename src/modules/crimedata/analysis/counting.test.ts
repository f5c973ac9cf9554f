import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busiestFirst, competitionRanking, roundToOneDecimal, tally } from './counting.ts';

describe('counting', () => {
  it('tallies, and lists the totals largest first with equal totals in alphabetical order', () => {
    const totals = new Map<string, number>();
    tally(totals, 'Shoplifting', 3);
    tally(totals, 'Burglary', 2);
    tally(totals, 'Shoplifting', 1);
    tally(totals, 'Arson', 2);
    assert.deepEqual(busiestFirst(totals), [
      ['Shoplifting', 4],
      ['Arson', 2],
      ['Burglary', 2],
    ]);
  });

  it('ranks by competition: equal values share a rank and the next rank skips', () => {
    const rank = competitionRanking([3, 10, 3, 1, 10, 3]);
    assert.deepEqual([10, 3, 1].map(rank), [1, 3, 6]);
    assert.equal(rank(5), 3, 'a value not ranked comes after the two greater');
  });

  it('rounds to one decimal place as a number', () => {
    assert.equal(roundToOneDecimal(10 / 3), 3.3);
    assert.equal(roundToOneDecimal(5 / 3), 1.7);
    assert.equal(roundToOneDecimal(6), 6);
  });
});

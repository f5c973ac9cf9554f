import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureOf, periodsCovered } from './policeUkFigures.ts';

describe('police.uk figures of an indicator', () => {
  const area = {
    partnershipId: 'p',
    name: 'P',
    heldMonths: ['2016-01', '2016-02', '2016-03'],
    byType: [
      { crimeType: 'Anti-social behaviour', count: 50 },
      { crimeType: 'Burglary', count: 7 },
      { crimeType: 'Shoplifting', count: 3 },
    ],
    population: 3_000,
  };

  it('counts a crime type, all crime with or without anti-social behaviour, and rates to one decimal', () => {
    const months = area.heldMonths;
    assert.equal(measureOf(area, months, { crimeType: 'Burglary', includesAsb: false, unit: 'count' }), 7);
    assert.equal(measureOf(area, months, { crimeType: null, includesAsb: true, unit: 'count' }), 60);
    assert.equal(measureOf(area, months, { crimeType: null, includesAsb: false, unit: 'count' }), 10);
    // 10 × 1,000 / 3,000 = 3.333…
    assert.equal(measureOf(area, months, { crimeType: null, includesAsb: false, unit: 'rate_per_1000' }), 3.3);
    assert.equal(measureOf({ ...area, population: null }, months, { crimeType: null, includesAsb: false, unit: 'rate_per_1000' }), null);
  });

  it('gives no figure for a period with a month not held', () => {
    assert.equal(measureOf(area, ['2016-03', '2016-04'], { crimeType: 'Burglary', includesAsb: false, unit: 'count' }), null);
  });

  it('finds the months, quarters and financial years every month of which is held', () => {
    const held = [
      '2015-03',
      '2015-04',
      '2015-05',
      '2015-06',
      '2015-07',
      '2015-08',
      '2015-09',
      '2015-10',
      '2015-11',
      '2015-12',
      '2016-01',
      '2016-02',
      '2016-03',
      '2016-04',
    ];
    assert.equal(periodsCovered(held, 'monthly').length, 14);
    assert.deepEqual(
      periodsCovered(held, 'quarterly').map((p) => p.period),
      ['2015-16 Q1', '2015-16 Q2', '2015-16 Q3', '2015-16 Q4'],
    );
    assert.deepEqual(periodsCovered(held, 'yearly'), [{ period: '2015-16', months: held.slice(1, 13) }]);
    assert.deepEqual(periodsCovered(held.slice(2), 'yearly'), []);
  });
});

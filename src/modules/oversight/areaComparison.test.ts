import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AreaFigures, Period } from '../crimedata/index.ts';
import { areaCrimeComparison } from './areaComparison.ts';
import { areaCsv, areaRows } from './areaComparisonPage.ts';
import { noFigures } from '../crimedata/index.ts';

const october: Period = { kind: 'month', from: '2022-10', to: '2022-10', label: 'October 2022' };
const earlier: Period = { kind: 'month', from: '2021-10', to: '2021-10', label: 'October 2021' };

const figures = (name: string, month: string, byType: [string, number][], population: number | null = 1000): AreaFigures => ({
  partnershipId: name,
  name,
  heldMonths: month ? [month] : [],
  byType: byType.map(([crimeType, count]) => ({ crimeType, count })),
  population,
  populationEdition: population === null ? null : 2021,
});

describe('an area’s partnerships side by side', () => {
  const now = [
    figures('A', '2022-10', [
      ['Burglary', 10],
      ['Anti-social behaviour', 10],
    ]),
    figures('B', '2022-10', [['Burglary', 40]], 2000),
    figures('C', '2022-10', [['Burglary', 60]]),
    figures('No area', '', []),
  ];
  const before = [figures('A', '2021-10', [['Burglary', 25]]), figures('B', '2021-10', [['Burglary', 40]]), figures('C', '', [])];
  const comparison = areaCrimeComparison(now, before, october, earlier);

  it('gives each partnership its crimes, those but anti-social behaviour, and its rate per 1,000', () => {
    assert.deepEqual(
      comparison.rows.map((row) => [row.name, row.crimes, row.crimesWithoutAsb, row.per1000]),
      [
        ['A', 20, 10, 20],
        ['B', 40, 40, 20],
        ['C', 60, 60, 60],
        ['No area', null, null, null],
      ],
    );
  });

  it('gives a change on a year earlier only when both periods are wholly held', () => {
    assert.deepEqual(
      comparison.rows.map((row) => [row.earlier, row.change, row.changePercent]),
      [
        [25, -5, -20],
        [40, 0, 0],
        [null, null, null],
        [null, null, null],
      ],
    );
  });

  it('places each rate against the mean of the rates ± one and two standard deviations', () => {
    // Rates 20, 20, 60: mean 33.3, population SD 18.86; 60 is above 52.2 and within 71.0.
    assert.equal(comparison.group.known, 3);
    assert.equal(comparison.group.average?.toFixed(3), '33.333');
    assert.deepEqual(
      comparison.rows.map((row) => [row.position, row.position2]),
      [
        ['within', 'within'],
        ['within', 'within'],
        ['above', 'within'],
        [null, null],
      ],
    );
  });

  it('totals the area over the partnerships with figures, with no change unless each has one', () => {
    assert.deepEqual(comparison.total, {
      crimes: 120,
      crimesWithoutAsb: 110,
      population: 4000,
      per1000: 30,
      earlier: null,
      change: null,
      changePercent: null,
    });
    const both = areaCrimeComparison(now.slice(0, 2), before.slice(0, 2), october, earlier);
    assert.deepEqual([both.total.earlier, both.total.change, both.total.changePercent], [65, -5, (-5 / 65) * 100]);
  });

  it('has no figures for the area, not noughts, when no partnership has figures, and says so', () => {
    const none = areaCrimeComparison([figures('No area', '', [])], [figures('No area', '', [])], october, earlier);
    assert.deepEqual(none.total, {
      crimes: null,
      crimesWithoutAsb: null,
      population: null,
      per1000: null,
      earlier: null,
      change: null,
      changePercent: null,
    });
    const words = areaRows(none);
    assert.deepEqual(
      [words.total.crimes, words.total.crimesWithoutAsb, words.total.per1000, words.total.earlier],
      [noFigures, noFigures, noFigures, noFigures],
    );
    assert.equal(words.average, 'No figures: no partnership of the area has figures for the whole period');
    assert.equal(areaRows(comparison).average, '33.3 crimes per 1,000 residents: the average of the 3 partnerships’ rates');
    assert.deepEqual(areaCsv(none).at(-4)?.slice(1, 5), ['The area', '', '', '']);
  });
});

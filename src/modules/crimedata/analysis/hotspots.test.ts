import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crimeTypesIn, emergingHotspots, emergingMethod, rankHotspots } from './hotspots.ts';
import { counts, crime, hillside, lsoas, publishedMonths, riverside, townCentre } from './threeLsoas.data.ts';

const area = { counts, lsoas, publishedMonths };

describe('LSOA hotspots of October 2024', () => {
  const rows = rankHotspots({ ...area, month: '2024-10', by: 'lsoa' });

  it('rank by count, equal counts sharing a rank and listed by name; crimes outside the area left out', () => {
    // Riverside 10 and Town Centre 10 share rank 1; Hillside's 1 is third. The outside LSOA's 50 are not there.
    assert.deepEqual(
      rows.map((row) => [row.key, row.name, row.count, row.rankByCount]),
      [
        [riverside, 'Riverside 001B', 10, 1],
        [townCentre, 'Town Centre 001A', 10, 1],
        [hillside, 'Hillside 001C', 1, 3],
      ],
    );
  });

  it('give the rate per 1,000 residents to one decimal, and rank by it where the population is known', () => {
    // Riverside 10 / 1,000 × 1,000 = 10.0; Town Centre 10 / 3,000 × 1,000 = 3.33… → 3.3; Hillside's population is not known.
    assert.deepEqual(
      rows.map((row) => [row.ratePer1000, row.rankByRate]),
      [
        [10, 1],
        [3.3, 2],
        [null, null],
      ],
    );
  });

  it('compare with last month, the same month last year and the predictive calendar', () => {
    // September 2024 and October 2023 were ordinary months; October 2023 is the only earlier October held.
    assert.deepEqual(
      rows.map((row) => [
        row.lastMonth,
        row.changeOnLastMonth,
        row.sameMonthLastYear,
        row.changeOnLastYear,
        row.expected,
        row.differenceFromExpected,
      ]),
      [
        [4, 6, 4, 6, 4, 6],
        [10, 0, 10, 0, 10, 0],
        [1, 0, 1, 0, 1, 0],
      ],
    );
  });

  it('give the mix of crime types, busiest first', () => {
    assert.deepEqual(rows[0]?.crimeTypes, [
      { crimeType: 'Burglary', count: 8 },
      { crimeType: 'Criminal damage and arson', count: 2 },
    ]);
    assert.deepEqual(rows[0]?.lsoaNames, []);
  });

  it('place each in the hotspot matrix', () => {
    // Riverside: Mill Lane holds 8 of 10 (a hotpoint). Town Centre: 3 + 3 + 2 of 10 at its busiest three places (clustered).
    // Over the 12 published months October 2023 to October 2024 (March left out) both are near even: diffused.
    // Hillside's 1 crime is too few to place.
    assert.deepEqual(
      rows.map((row) => row.matrix.label),
      ['Hotpoint, diffused', 'Clustered, diffused', 'Not enough data'],
    );
  });

  it('can be of one crime type, and cut to a number of rows after ranking', () => {
    const antisocial = rankHotspots({ ...area, month: '2024-10', by: 'lsoa', crimeType: 'Anti-social behaviour' });
    // Town Centre alone: 3 + 2 = 5; 5 / 3,000 × 1,000 = 1.67 → 1.7.
    assert.deepEqual(
      antisocial.map((row) => [row.key, row.count, row.ratePer1000]),
      [[townCentre, 5, 1.7]],
    );
    assert.deepEqual(
      rankHotspots({ ...area, month: '2024-10', by: 'lsoa', limit: 1 }).map((row) => row.key),
      [riverside],
    );
  });
});

describe('gaps in the hotspot comparisons', () => {
  it('leave last month null, not 0, when it was not published', () => {
    // April 2024 follows unpublished March.
    const [first] = rankHotspots({ ...area, month: '2024-04', by: 'lsoa' });
    assert.equal(first?.key, townCentre);
    assert.equal(first?.lastMonth, null);
    assert.equal(first?.changeOnLastMonth, null);
    assert.equal(first?.sameMonthLastYear, 10);
  });

  it('leave last year and the expected figure null before a year is held', () => {
    const [first] = rankHotspots({ ...area, month: '2023-10', by: 'lsoa' });
    assert.equal(first?.sameMonthLastYear, null);
    assert.equal(first?.changeOnLastYear, null);
    assert.equal(first?.expected, null);
    assert.equal(first?.differenceFromExpected, null);
  });

  it('give no hotspots for a month that was not published', () => {
    assert.deepEqual(rankHotspots({ ...area, month: '2024-03', by: 'lsoa' }), []);
  });
});

describe('street hotspots of October 2024', () => {
  const rows = rankHotspots({ ...area, month: '2024-10', by: 'street' });

  it('rank by count with competition ranks, and have no rate', () => {
    // High Street: Town Centre 3 + Hillside 1 = 4 (the outside LSOA's 50 left out). Three streets of 2 share rank 4.
    assert.deepEqual(
      rows.map((row) => [row.name, row.count, row.rankByCount, row.ratePer1000, row.rankByRate]),
      [
        ['On or near Mill Lane', 8, 1, null, null],
        ['On or near High Street', 4, 2, null, null],
        ['On or near Market Square', 3, 3, null, null],
        ['On or near Bridge Road', 2, 4, null, null],
        ['On or near Church Lane', 2, 4, null, null],
        ['On or near Station Road', 2, 4, null, null],
      ],
    );
  });

  it('take a street of one name in two LSOAs as one street, naming its LSOAs busiest first', () => {
    const highStreet = rows[1];
    assert.deepEqual(highStreet?.lsoaNames, ['Town Centre 001A', 'Hillside 001C']);
    assert.deepEqual(highStreet?.crimeTypes, [
      { crimeType: 'Shoplifting', count: 3 },
      { crimeType: 'Vehicle crime', count: 1 },
    ]);
    assert.equal(highStreet?.lastMonth, 4);
    // Hillside had no crime in February 2024: the High Street had 3 that month.
    assert.equal(rankHotspots({ ...area, month: '2024-02', by: 'street' })[1]?.count, 3);
  });
});

describe('crime types', () => {
  it('are listed once each, in alphabetical order', () => {
    assert.deepEqual(crimeTypesIn(counts), [
      'Anti-social behaviour',
      'Bicycle theft',
      'Burglary',
      'Criminal damage and arson',
      'Drugs',
      'Shoplifting',
      'Vehicle crime',
    ]);
  });
});

describe('emerging hotspots', () => {
  it('are LSOAs at least 25% above their expected figure with at least 5 crimes, saying so in words', () => {
    // Riverside: 10 against 4 expected. Town Centre: 10 against 10. Hillside: 1 crime is too few.
    assert.deepEqual(emergingHotspots({ ...area, month: '2024-10' }), [
      { key: riverside, name: 'Riverside 001B', count: 10, against: 4, basis: 'expected', reason: '10 crimes against 4 expected' },
    ]);
    assert.match(emergingMethod, /at least 5 crimes/);
  });

  it('fall back on last month with no earlier year, and come largest rise first', () => {
    // October 2023 has no earlier October. Town Centre 16 against 10 (+6), Riverside 5 against 4: exactly 25% up (+1).
    const extra = [
      crime('2023-10', townCentre, 'On or near High Street', 'Shoplifting', 6),
      crime('2023-10', riverside, 'On or near Mill Lane', 'Burglary', 1),
    ];
    assert.deepEqual(
      emergingHotspots({ ...area, counts: [...counts, ...extra], month: '2023-10' }).map((hotspot) => [hotspot.key, hotspot.reason]),
      [
        [townCentre, '16 crimes against 10 last month'],
        [riverside, '5 crimes against 4 last month'],
      ],
    );
    assert.deepEqual(emergingHotspots({ ...area, counts: [...counts, ...extra], month: '2023-10', limit: 1 }).length, 1);
  });
});

describe('LSOA hotspots across the 2021 boundary change', () => {
  // January 2023's file is coded in 2021 LSOAs, January 2022's in 2011 ones: E01035000 was made in 2021.
  const made2021 = 'E01035000';
  const crimesIn = (month: string, count: number) => ({
    month,
    lsoaCode: made2021,
    location: 'On or near High Street',
    crimeType: 'Burglary',
    count,
  });
  const query = {
    counts: [crimesIn('2022-12', 0), crimesIn('2023-01', 6)],
    lsoas: [{ code: made2021, name: 'Newtown 001E', population: 1500 }],
    publishedMonths: ['2022-01', '2022-12', '2023-01'],
    month: '2023-01',
    by: 'lsoa' as const,
  };

  it('compare an LSOA with a month of another edition as not published, never as 0', () => {
    const comparable = (code: string, month: string) => code !== made2021 || month >= '2023-01';
    const [row] = rankHotspots({ ...query, comparable });
    assert.deepEqual([row?.lastMonth, row?.sameMonthLastYear, row?.expected], [null, null, null]);
    // Left to itself, the 2011 months read as noughts: the figures the issue found wrong.
    const [unaware] = rankHotspots(query);
    assert.deepEqual([unaware?.lastMonth, unaware?.sameMonthLastYear, unaware?.expected], [0, 0, 0]);
  });
});

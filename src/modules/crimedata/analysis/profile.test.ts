import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodOf, yearEarlier } from './periods.ts';
import { allCrime, allCrimeWithoutAsb, crimeProfile, measuresOf, peerComparison } from './profile.ts';
import type { AreaFigures } from './types.ts';

const quarter = periodOf('quarter', '2025-12');
const figures = (name: string, heldMonths: string[], byType: [string, number][], population: number | null): AreaFigures => ({
  partnershipId: name,
  name,
  heldMonths,
  byType: byType.map(([crimeType, count]) => ({ crimeType, count })),
  population,
  populationEdition: population === null ? null : 2021,
});
const whole = ['2025-10', '2025-11', '2025-12'];
const earlierWhole = ['2024-10', '2024-11', '2024-12'];

describe('a crime profile', () => {
  const current = figures(
    'Melton',
    whole,
    [
      ['Anti-social behaviour', 30],
      ['Violence and sexual offences', 50],
      ['Burglary', 20],
    ],
    4000,
  );
  const earlier = figures(
    'Melton',
    earlierWhole,
    [
      ['Anti-social behaviour', 40],
      ['Violence and sexual offences', 50],
      ['Shoplifting', 5],
    ],
    4000,
  );

  it('gives all crime with and without ASB, each type busiest first, per 1,000 and the change on a year earlier', () => {
    const profile = crimeProfile(current, earlier, quarter, yearEarlier(quarter));
    assert.deepEqual(
      profile.rows.map((row) => [row.measure, row.count, row.per1000, row.earlier, row.change, row.changePercent]),
      [
        [allCrime, 100, 25, 95, 5, (5 / 95) * 100],
        [allCrimeWithoutAsb, 70, 17.5, 55, 15, (15 / 55) * 100],
        ['Violence and sexual offences', 50, 12.5, 50, 0, 0],
        ['Anti-social behaviour', 30, 7.5, 40, -10, -25],
        // None a year earlier: a change, but no percentage of nothing.
        ['Burglary', 20, 5, 0, 20, null],
        ['Shoplifting', 0, 0, 5, -5, -100],
      ],
    );
    assert.deepEqual(profile.monthsNotHeld, []);
  });

  it('gives no change when either period is not wholly held, and says which months are not', () => {
    const partEarlier = { ...earlier, heldMonths: ['2024-11', '2024-12'] };
    const profile = crimeProfile(current, partEarlier, quarter, yearEarlier(quarter));
    assert.deepEqual(profile.earlierMonthsNotHeld, ['2024-10']);
    assert.ok(profile.rows.every((row) => row.earlier === null && row.change === null && row.changePercent === null));
    const partNow = crimeProfile({ ...current, heldMonths: ['2025-10'] }, earlier, quarter, yearEarlier(quarter));
    assert.deepEqual(partNow.monthsNotHeld, ['2025-11', '2025-12']);
    assert.equal(partNow.rows[0]?.change, null);
  });

  it('labels the counts of a period not wholly held by the months held, and gives them no rate', () => {
    const partNow = crimeProfile({ ...current, heldMonths: ['2025-11', '2025-12'] }, earlier, quarter, yearEarlier(quarter));
    assert.equal(partNow.coverage, 'November to December 2025 only');
    assert.ok(partNow.rows.every((row) => row.per1000 === null));
    const none = crimeProfile({ ...current, heldMonths: [] }, earlier, quarter, yearEarlier(quarter));
    assert.equal(none.coverage, 'No month of October to December 2025');
    assert.equal(crimeProfile(current, earlier, quarter, yearEarlier(quarter)).coverage, 'October to December 2025');
  });

  it('has no rate without residents', () => {
    assert.equal(crimeProfile({ ...current, population: null }, earlier, quarter, yearEarlier(quarter)).rows[0]?.per1000, null);
  });
});

describe('a peer comparison', () => {
  const self = figures(
    'Melton',
    whole,
    [
      ['Burglary', 10],
      ['Anti-social behaviour', 10],
    ],
    1000,
  );
  const peers = [
    figures(
      'Blaby',
      whole,
      [
        ['Burglary', 30],
        ['Shoplifting', 10],
      ],
      2000,
    ),
    figures('Rutland', whole, [['Burglary', 5]], 1000),
    // Not wholly held: no figures, and no part in the average.
    figures('Harborough', ['2025-12'], [['Burglary', 1]], 1000),
  ];

  it('orders the measures by the partnership’s own, adding the types only peers have', () => {
    assert.deepEqual(measuresOf([self, ...peers]), [allCrime, allCrimeWithoutAsb, 'Anti-social behaviour', 'Burglary', 'Shoplifting']);
  });

  it('ranks the partnership per 1,000 among its peers with the average and limits of those with figures', () => {
    const rows = peerComparison(self, peers, quarter);
    const burglary = rows.find((row) => row.measure === 'Burglary')!.comparison;
    assert.deepEqual(
      burglary.members.map((member) => [member.name, member.value, member.rank, member.isSelf]),
      [
        ['Melton', 10, 2, true],
        ['Blaby', 15, 3, false],
        ['Rutland', 5, 1, false],
        ['Harborough', null, null, false],
      ],
    );
    assert.equal(burglary.rank, 2);
    assert.equal(burglary.known, 3);
    assert.equal(burglary.average, 10);
    const sd = Math.sqrt((0 + 25 + 25) / 3);
    assert.equal(burglary.standardDeviation, sd);
    assert.equal(burglary.upperLimit2, 10 + 2 * sd);
    assert.equal(burglary.position, 'within');
    const all = rows.find((row) => row.measure === allCrime)!.comparison;
    assert.deepEqual(
      all.members.map((member) => member.value),
      [20, 20, 5, null],
    );
    const withoutAsb = rows.find((row) => row.measure === allCrimeWithoutAsb)!.comparison;
    assert.equal(withoutAsb.members[0]?.value, 10);
    // A type the partnership had none of is 0 for it, not missing.
    assert.equal(rows.find((row) => row.measure === 'Shoplifting')!.comparison.members[0]?.value, 0);
  });
});

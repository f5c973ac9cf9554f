import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changeText,
  describeAccuracy,
  describeHotspot,
  expectedText,
  headlineRows,
  hotspotsCsv,
  hotspotsForAccuracy,
  hotspotsPage,
  notHeldWords,
  withoutStreetWords,
} from './hotspotsPage.ts';
import { counts, hillside, lsoas, publishedMonths, riverside, townCentre } from './analysis/threeLsoas.data.ts';
import { monthName } from '../../platform/dates.ts';

// The area's crimes, as the service counts them: the LSOA outside the area is not among them.
const area = { counts: counts.filter((count) => lsoas.some((lsoa) => lsoa.code === count.lsoaCode)), lsoas, publishedMonths };

describe('the hotspots page', () => {
  // October 2024: Town Centre 10, Riverside 10, Hillside 1. September 2024 and October 2023: 10, 4 and 1.
  const october = hotspotsPage({ ...area, month: '2024-10', by: 'lsoa', sort: 'count' });

  it('heads the page with the area’s crimes against last month, last year and the predictive calendar', () => {
    assert.deepEqual(october.headline, { ...october.headline, total: 21, lastMonth: 15, lastYear: 15, expected: 15, yearsUsed: 1 });
    assert.deepEqual(headlineRows(october.headline, '2024-10'), [
      { key: 'Crimes in October 2024', value: '21' },
      { key: 'Change on September 2024', value: '+6, up from 15' },
      { key: 'Change on October 2023', value: '+6, up from 15' },
      { key: 'Against the predictive calendar', value: '+6, above the 15 expected, from October of the year before' },
      // August to October 2024 (51) against May to July (45).
      { key: 'Trend', value: 'Rising: the latest 3 months held in Safer against the 3 before, +13%' },
    ]);
  });

  it('says when last month was not published, a month before the first held is not held in Safer, and there is no earlier year', () => {
    // March 2024 was not published; April 2023 is the first April held, with no April before it.
    const april = hotspotsPage({ ...area, month: '2024-04', by: 'lsoa', sort: 'count' });
    const rows = headlineRows(april.headline, '2024-04');
    assert.equal(rows[1]?.value, 'Not published');
    assert.equal(rows[3]?.value, 'As expected (15), from April of the year before');
    const first = headlineRows(hotspotsPage({ ...area, month: '2023-04', by: 'lsoa', sort: 'count' }).headline, '2023-04');
    // November 2022 is the first month held: April 2022 is not held, which is not the same as not published.
    assert.equal(first[2]?.value, 'Not held in Safer');
    assert.equal(first[3]?.value, 'No earlier April to compare with');
  });

  it('ranks by count, or by rate with the LSOAs of unknown population last', () => {
    const september = { ...area, month: '2024-09', by: 'lsoa' as const };
    // Town Centre 10 crimes in 3,000 residents (3.3 per 1,000); Riverside 4 in 1,000 (4.0); Hillside 1, population not known.
    assert.deepEqual(
      hotspotsPage({ ...september, sort: 'count' }).rows.map((row) => row.key),
      [townCentre, riverside, hillside],
    );
    assert.deepEqual(
      hotspotsPage({ ...september, sort: 'rate' }).rows.map((row) => row.key),
      [riverside, townCentre, hillside],
    );
  });

  it('writes a hotspot’s changes with their sign and in words', () => {
    const [first, , last] = october.rows.map((row) => describeHotspot(row, '2024-10', publishedMonths));
    assert.deepEqual(
      { ...first, matrix: undefined, matrixExplained: undefined },
      {
        rankByCount: '1',
        rankByRate: '1',
        name: 'Riverside 001B',
        detail: riverside,
        count: '10',
        rate: '10.0',
        changeOnLastMonth: '+6, up from 4',
        changeOnLastYear: '+6, up from 4',
        againstExpected: '+6, above the 4 expected',
        matrix: undefined,
        matrixExplained: undefined,
        crimeTypes: 'Burglary (8), Criminal damage and arson (2)',
      },
    );
    assert.equal(last?.rate, 'Not known');
    assert.equal(last?.rankByRate, 'Not ranked');
  });

  it('leaves crimes with no street named (“On or near ” alone) out of the street ranking, and counts them', () => {
    // 40 crimes at a blank location across two LSOAs: pooled, they would be the busiest "street" of the month.
    const blank = [townCentre, riverside].map((lsoaCode) => ({
      month: '2024-10',
      lsoaCode,
      location: 'On or near ',
      crimeType: 'Burglary',
      count: 20,
    }));
    const page = hotspotsPage({ ...area, counts: [...area.counts, ...blank], month: '2024-10', by: 'street', sort: 'count' });
    assert.ok(page.rows.length > 0);
    assert.ok(
      page.rows.every((row) => row.key.replace('On or near', '').trim() !== ''),
      'no blank location ranked',
    );
    assert.equal(page.withoutStreet, 40);
    assert.equal(
      withoutStreetWords(1040, '2024-10'),
      '1,040 crimes in October 2024 had no street named by police.uk (the location reads only “On or near”): they count in their LSOAs but are not ranked here.',
    );
    assert.equal(withoutStreetWords(0, '2024-10'), null);
    // By LSOA they count where they were.
    const byLsoa = hotspotsPage({ ...area, counts: [...area.counts, ...blank], month: '2024-10', by: 'lsoa', sort: 'count' });
    assert.equal(
      byLsoa.rows.find((row) => row.key === townCentre)?.count,
      (october.rows.find((row) => row.key === townCentre)?.count ?? 0) + 20,
    );
  });

  it('says a month outside the months held is not held in Safer, and a gap in them not published', () => {
    assert.equal(
      notHeldWords('2020-01', publishedMonths),
      'January 2020 is not held in Safer: it holds November 2022 to October 2024. Choose another month.',
    );
    assert.match(notHeldWords('2025-01', publishedMonths), /^January 2025 is not held in Safer/);
    assert.match(notHeldWords('2024-03', publishedMonths), /^police\.uk did not publish March 2024 for the force/);
  });

  it('says a hotspot’s month held on other census boundaries is not comparable, not unpublished', () => {
    // Riverside's code is of the other edition in September 2024 and October 2023, both held.
    const comparable = (code: string, month: string) => code !== riverside || (month !== '2024-09' && month !== '2023-10');
    const rows = hotspotsPage({ ...area, month: '2024-10', by: 'lsoa', sort: 'count', comparable }).rows;
    const row = rows.find((candidate) => candidate.key === riverside);
    assert.ok(row);
    const words = describeHotspot(row, '2024-10', publishedMonths);
    assert.equal(words.changeOnLastMonth, 'Not comparable');
    assert.equal(words.changeOnLastYear, 'Not comparable');
  });

  it('words changes and expected figures with signs, "up" and "down", and a true minus', () => {
    assert.equal(changeText(7, 5, 'none'), '+2, up from 5');
    assert.equal(changeText(3, 5, 'none'), '\u22122, down from 5');
    assert.equal(changeText(5, 5, 'none'), 'No change from 5');
    assert.equal(changeText(1204, null, 'No data for May 2024'), 'No data for May 2024');
    // The expected figure is an average: said in whole crimes, the difference from that whole number.
    assert.equal(expectedText(6, 4.5, 'none'), '+1, above the 5 expected');
    assert.equal(expectedText(15, 12.5, 'none'), '+2, above the 13 expected');
    assert.equal(expectedText(3, 4.25, 'none'), '\u22121, below the 4 expected');
    assert.equal(expectedText(4, 4.04, 'none'), 'As expected (4)');
    assert.equal(expectedText(4, 4.4, 'none'), 'As expected (4)');
    assert.equal(expectedText(4, null, 'No earlier year'), 'No earlier year');
    assert.equal(monthName('2025-12'), 'December 2025');
  });

  it('takes a tenth of the area’s LSOAs, at least one, as the hotspots whose foresight is measured', () => {
    assert.deepEqual([3, 6, 25, 100].map(hotspotsForAccuracy), [1, 1, 3, 10]);
    // September's busiest LSOA was Town Centre, which held 10 of October's 21 crimes, in a third of the area.
    const accuracy = describeAccuracy(october.accuracy, lsoas, '2024-10');
    assert.deepEqual(
      { ...accuracy, method: undefined },
      {
        hotspots: ['Town Centre 001A (E01000001)'],
        hitRate: '47.6% of the crimes of October 2024 (10 of 21)',
        areaShare: '33.3% of the area (1 of 3 LSOAs)',
        pai: '1.43',
        method: undefined,
      },
    );
    assert.match(accuracy?.method ?? '', /LSOA boundaries, and so their sizes, are not loaded/);
    assert.equal(describeAccuracy(hotspotsPage({ ...area, month: '2024-04', by: 'lsoa', sort: 'count' }).accuracy, lsoas, '2024-04'), null);
  });

  it('lists every hotspot for a spreadsheet, figures as plain numbers and the licences last', () => {
    const rows = hotspotsCsv(october, 'lsoa');
    assert.deepEqual(rows[0]?.slice(0, 4), ['Rank by count', 'Rank by rate', 'LSOA code', 'LSOA name']);
    assert.deepEqual(rows[1]?.slice(0, 12), ['1', '1', riverside, 'Riverside 001B', '10', '10', '4', '6', '4', '6', '4', '6']);
    assert.deepEqual(rows[3]?.slice(0, 6), ['3', '', hillside, 'Hillside 001C', '1', '']);
    assert.equal(rows[1]?.at(-1), 'Burglary: 8; Criminal damage and arson: 2');
    assert.deepEqual(rows.slice(-2), [
      ['Contains public sector information licensed under the Open Government Licence v3.0.'],
      ['Source: Office for National Statistics licensed under the Open Government Licence v3.0.'],
    ]);
    const streets = hotspotsCsv(hotspotsPage({ ...area, month: '2024-10', by: 'street', sort: 'count' }), 'street');
    assert.deepEqual(streets[0]?.slice(2, 4), ['Location', 'LSOAs']);
    assert.ok(streets.some((row) => row[2] === 'On or near High Street' && row[3] === 'Town Centre 001A; Hillside 001C'));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monthlySeries, trendMethod, trendOf } from './series.ts';
import { counts, hillside, publishedMonths, riverside } from './threeLsoas.data.ts';
import type { MonthCount } from './types.ts';

const inLsoa = (code: string) => (row: { lsoaCode: string }) => row.lsoaCode === code;

describe('a monthly series', () => {
  it('shows an unpublished month as null, never as 0', () => {
    assert.deepEqual(
      monthlySeries(counts, publishedMonths, '2024-01', '2024-05', inLsoa(riverside)).map((point) => point.count),
      [4, 4, null, 4, 4],
    );
  });

  it('shows a published month without crime as 0', () => {
    assert.deepEqual(monthlySeries(counts, publishedMonths, '2024-01', '2024-05', inLsoa(hillside)), [
      { month: '2024-01', count: 1 },
      { month: '2024-02', count: 0 },
      { month: '2024-03', count: null },
      { month: '2024-04', count: 1 },
      { month: '2024-05', count: 1 },
    ]);
  });

  it('shows months before the first published as null, and adds up what the filter keeps', () => {
    const series = monthlySeries(counts, publishedMonths, '2022-10', '2022-11', (row) => row.crimeType === 'Anti-social behaviour');
    assert.deepEqual(series, [
      { month: '2022-10', count: null },
      { month: '2022-11', count: 5 },
    ]);
  });

  it('shows a published month of another LSOA edition than the series’ as not comparable, never as 0', () => {
    const comparable = ['2024-01', '2024-04', '2024-05'];
    assert.deepEqual(monthlySeries(counts, publishedMonths, '2024-01', '2024-05', inLsoa(hillside), comparable), [
      { month: '2024-01', count: 1 },
      { month: '2024-02', count: null, notComparable: true },
      { month: '2024-03', count: null },
      { month: '2024-04', count: 1 },
      { month: '2024-05', count: 1 },
    ]);
  });
});

const series = (...values: (number | null)[]): MonthCount[] =>
  values.map((count, i) => ({ month: `2024-${String(i + 1).padStart(2, '0')}`, count }));

describe('the trend', () => {
  it('is rising at a rise of exactly 10% in the latest 3 months on the 3 before', () => {
    assert.deepEqual(trendOf(series(10, 10, 10, 11, 11, 11)), { direction: 'rising', changePercent: 10, method: trendMethod });
  });

  it('is falling at a fall of 10%, and steady between', () => {
    assert.equal(trendOf(series(10, 10, 10, 9, 9, 9)).direction, 'falling');
    const steady = trendOf(series(10, 10, 10, 10, 10, 12));
    assert.equal(steady.direction, 'steady');
    assert.equal(steady.changePercent, 200 / 30, '32 against 30');
  });

  it('skips unpublished months rather than counting them as no crime', () => {
    // Published: 10, 10, 10 then 12, 12, 12: up 20%. Read as 0, the gap would make the earlier months lower still.
    const trend = trendOf(series(50, null, 10, 10, 10, 12, 12, 12));
    assert.equal(trend.direction, 'rising');
    assert.equal(trend.changePercent, 20);
  });

  it('needs 6 published months', () => {
    assert.equal(trendOf(series(1, 2, null, 3, 4, 5)).direction, 'not enough data');
  });

  it('is rising from no crime to some, with no percentage', () => {
    assert.deepEqual(trendOf(series(0, 0, 0, 1, 0, 0)), { direction: 'rising', changePercent: null, method: trendMethod });
    assert.equal(trendOf(series(0, 0, 0, 0, 0, 0)).direction, 'steady');
  });

  it('of Riverside in 2024 is rising: 18 crimes in August to October against 12 in May to July', () => {
    const trend = trendOf(monthlySeries(counts, publishedMonths, '2024-01', '2024-10', inLsoa(riverside)));
    assert.equal(trend.direction, 'rising');
    assert.equal(trend.changePercent, 50);
  });
});

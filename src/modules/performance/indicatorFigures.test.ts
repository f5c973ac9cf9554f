import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeTarget, exceptionOnLastYear, type IndicatorDefinition, indicatorFigures } from './indicatorFigures.ts';

const monthly: IndicatorDefinition = {
  id: 'asb',
  name: 'Anti-social behaviour incidents',
  definition: '',
  unit: 'count',
  polarity: 'lower_better',
  frequency: 'monthly',
  source: 'Police',
  ownerGroupName: null,
  priorityTitle: null,
  baselinePeriod: null,
  baselineValue: null,
  targetKind: 'none',
  targetValue: null,
  redBeyondPercent: 5,
  stableWithinPercent: 1,
};
const confirmed = (period: string, value: number) => ({ period, value, status: 'confirmed' });
const figures = (indicator: IndicatorDefinition, measurements: { period: string; value: number; status: string }[], quarter: string) =>
  indicatorFigures({ indicator, measurements, quarter, population: 100_000, msgTables: [], commentary: '' });

describe('an indicator’s figures for a quarter', () => {
  it('adds up a count’s months for the quarter and the year to date, against the same months last year', () => {
    const result = figures(
      monthly,
      [
        ...['2015-04', '2015-05', '2015-06'].map((month) => confirmed(month, 100)),
        ...['2016-04', '2016-05', '2016-06'].map((month) => confirmed(month, 90)),
        ...['2016-07', '2016-08', '2016-09'].map((month) => confirmed(month, 80)),
        ...['2015-07', '2015-08'].map((month) => confirmed(month, 100)),
      ],
      '2016-17 Q2',
    );
    assert.equal(result.periodLabel, 'Quarter 2, 2016/17');
    assert.equal(result.period.current, 240);
    // September 2015 was not recorded: last year's quarter is a gap, not 200.
    assert.equal(result.period.previous, null);
    assert.equal(result.yearToDate?.current, 510);
    assert.equal(result.yearToDate?.previous, null);
    assert.equal(result.direction, null);
    assert.equal(result.series.find((point) => point.period === '2015-09')?.value, null);
    // 510 in the year to date per 1,000 of 100,000.
    assert.equal(result.ratePer1000, 5.1);
  });

  it('reports a monthly percentage by the quarter’s last month, which does not add up', () => {
    const rate = { ...monthly, unit: 'percentage', polarity: 'higher_better' } as const;
    const result = figures(rate, [confirmed('2016-01', 70), confirmed('2016-03', 75), confirmed('2015-03', 80)], '2015-16 Q4');
    assert.equal(result.periodLabel, 'March 2016');
    assert.deepEqual([result.period.current, result.period.previous], [75, 80]);
    assert.equal(result.yearToDate, null);
    assert.equal(result.ratePer1000, null);
    // Higher is better and it fell by more than the tolerance: under-performing against last year.
    assert.equal(result.exception, 'under');
  });

  it('holds a count’s year to date to its share of the yearly target', () => {
    const quarterly = {
      ...monthly,
      frequency: 'quarterly',
      baselinePeriod: '2015-16',
      baselineValue: 1000,
      targetKind: 'change',
      targetValue: -20,
    } as const;
    assert.equal(describeTarget(quarterly), '−20% on 2015/16 (1,000): 800 for the year');
    const result = figures(quarterly, [confirmed('2016-17 Q1', 198)], '2016-17 Q1');
    assert.equal(result.target?.value, 200);
    assert.equal(result.target?.text, '−20% on 2015/16 (1,000): 800 for the year, 200 for the year to date');
    assert.deepEqual([result.targetStatus, result.rag, result.exception], ['on_target', 'green', null]);
  });

  it('judges an indicator without a target against last year, and one monitored only never', () => {
    assert.equal(exceptionOnLastYear('upward', 'lower_better'), 'under');
    assert.equal(exceptionOnLastYear('downward', 'lower_better'), 'over');
    assert.equal(exceptionOnLastYear('upward', 'higher_better'), 'over');
    assert.equal(exceptionOnLastYear('stable', 'lower_better'), null);
    assert.equal(exceptionOnLastYear('upward', 'monitor'), null);
    assert.equal(exceptionOnLastYear(null, 'lower_better'), null);
  });
});

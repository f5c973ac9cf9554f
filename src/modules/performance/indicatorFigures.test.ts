import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from './figures.ts';
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

  it('judges an indicator without a target against last year: worse beyond its tolerance is an exception, better is not', () => {
    const rule = { stableWithinPercent: 1, redBeyondPercent: 5 };
    const change = (current: number, previous: number) => compare(current, previous);
    assert.equal(exceptionOnLastYear(change(102, 100), 'lower_better', rule), 'under');
    assert.equal(exceptionOnLastYear(change(98, 100), 'lower_better', rule), null, 'better than last year is no exception');
    assert.equal(exceptionOnLastYear(change(98, 100), 'higher_better', rule), 'under');
    assert.equal(exceptionOnLastYear(change(101, 100), 'lower_better', rule), null, 'within its tolerance');
    assert.equal(exceptionOnLastYear(change(1, 0), 'lower_better', rule), 'under', 'from zero, any rise');
    assert.equal(exceptionOnLastYear(compare(null, 100), 'lower_better', rule), null);
  });

  it('makes a monitored indicator an exception when it changes by more than its red tolerance, either way', () => {
    const rule = { stableWithinPercent: 1, redBeyondPercent: 5 };
    // The demo's domestic abuse incidents with children present: 742 to 1,832, +147%.
    assert.equal(exceptionOnLastYear(compare(1832, 742), 'monitor', rule), 'change');
    assert.equal(exceptionOnLastYear(compare(94, 100), 'monitor', rule), 'change');
    assert.equal(exceptionOnLastYear(compare(105, 100), 'monitor', rule), null, 'the tolerance itself is within');
  });
});

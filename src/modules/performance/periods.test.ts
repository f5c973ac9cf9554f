import { financialYearName } from '../../platform/dates.ts';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  financialYearOf,
  firstPeriodOfYear,
  frequencyOf,
  latestCompleteQuarter,
  monthsOfQuarter,
  parsePeriod,
  periodLabel,
  periodRange,
  periodsToDate,
  periodsWithinQuarter,
  previousPeriod,
  quarterContaining,
  quarterOfMonth,
  samePeriodLastYear,
  shortPeriodLabel,
} from './periods.ts';

describe('parsePeriod', () => {
  it('reads a financial year however it is typed', () => {
    for (const typed of ['2015-16', '2015/16', '2015/2016', '2015-2016', ' 2015 / 16 ']) {
      assert.equal(parsePeriod(typed, 'yearly'), '2015-16', typed);
    }
    assert.equal(parsePeriod('1999/2000', 'yearly'), '1999-00', 'the century turns');
    assert.equal(parsePeriod('1999-00', 'yearly'), '1999-00');
  });

  it('refuses a year whose second year is not the next one, or out of range', () => {
    for (const typed of ['2015-17', '2015/2017', '2015-15', '2015', '15-16', '1989-90', '2101-02', 'Q4 2015-16', '2016-03x']) {
      assert.equal(parsePeriod(typed, 'yearly'), null, typed);
    }
    assert.equal(parsePeriod('1990-91', 'yearly'), '1990-91', 'the first year allowed');
    assert.equal(parsePeriod('2100-01', 'yearly'), '2100-01', 'the last year allowed');
  });

  it('reads a quarter with the quarter before or after the year, in any case and spacing', () => {
    for (const typed of [
      '2015-16 Q4',
      '2015/16 Q4',
      'Q4 2015-16',
      'Q4 2015/16',
      'q4 2015/16',
      '  Q4   2015-16 ',
      '2015-16 q4',
      '2015/2016 Q4',
    ]) {
      assert.equal(parsePeriod(typed, 'quarterly'), '2015-16 Q4', typed);
    }
    assert.equal(parsePeriod('Q1 2016-17', 'quarterly'), '2016-17 Q1');
  });

  it('refuses quarters outside 1–4 and years that do not follow', () => {
    for (const typed of ['2015-16 Q0', '2015-16 Q5', 'Q4 2015-17', '2015-16', 'Quarter 4 2015-16', '2015-16 Q']) {
      assert.equal(parsePeriod(typed, 'quarterly'), null, typed);
    }
  });

  it('reads a month however it is typed', () => {
    for (const typed of ['2016-03', '2016-3', 'Mar 2016', 'March 2016', 'MARCH 2016', 'mar  2016', '03/2016', '3/2016']) {
      assert.equal(parsePeriod(typed, 'monthly'), '2016-03', typed);
    }
    assert.equal(parsePeriod('Sept 2015', 'monthly'), '2015-09');
    assert.equal(parsePeriod('Dec 2015', 'monthly'), '2015-12');
  });

  it('refuses months outside 1–12, unknown words and years out of range', () => {
    for (const typed of ['2016-13', '2016-00', '13/2016', '0/2016', 'Marc 2016', 'Foo 2016', '2016', 'Mar 1989', '2101-01', '2016/03']) {
      assert.equal(parsePeriod(typed, 'monthly'), null, typed);
    }
  });

  it('reads an ambiguous text as the frequency asked for', () => {
    assert.equal(parsePeriod('2011-12', 'yearly'), '2011-12');
    assert.equal(parsePeriod('2011-12', 'monthly'), '2011-12');
    assert.equal(parsePeriod('2011/12', 'monthly'), null, 'a slash after the year is a financial year, not a month');
  });
});

describe('labels', () => {
  it('words each frequency as the reports do', () => {
    assert.equal(periodLabel('2015-16'), '2015/16');
    assert.equal(periodLabel('2015-16 Q4'), 'Quarter 4, 2015/16');
    assert.equal(periodLabel('2016-03'), 'March 2016');
    assert.equal(periodLabel('1999-00'), '1999/00');
  });

  it('shortens for chart axes', () => {
    assert.equal(shortPeriodLabel('2015-16'), '2015/16');
    assert.equal(shortPeriodLabel('2015-16 Q4'), 'Q4 15/16');
    assert.equal(shortPeriodLabel('2016-03'), 'Mar 16');
    assert.equal(shortPeriodLabel('2009-09'), 'Sep 09');
  });

  it('words a financial year from the year it starts', () => {
    assert.equal(financialYearName(2015), '2015/16');
    assert.equal(financialYearName(2009), '2009/10');
    assert.equal(financialYearName(1999), '1999/00');
  });

  it('refuses a key that is not canonical', () => {
    assert.throws(() => periodLabel('2015/16'), /Not a period key/);
    assert.throws(() => periodLabel('2016-3'), /Not a period key/);
    assert.throws(() => periodLabel('Q4 2015-16'), /Not a period key/);
  });
});

describe('frequencyOf', () => {
  it('knows a key by its shape', () => {
    assert.equal(frequencyOf('2015-16'), 'yearly');
    assert.equal(frequencyOf('2015-16 Q4'), 'quarterly');
    assert.equal(frequencyOf('2016-03'), 'monthly');
    assert.equal(frequencyOf('2015-17'), null);
    assert.equal(frequencyOf('2015/16'), null);
    assert.equal(frequencyOf('2016-3'), null);
    assert.equal(frequencyOf('Mar 2016'), null);
  });

  it('reads the ambiguous keys as years, and a caller who knows says otherwise', () => {
    assert.equal(frequencyOf('2011-12'), 'yearly');
    assert.equal(periodLabel('2011-12'), '2011/12');
    assert.equal(periodLabel('2011-12', 'monthly'), 'December 2011');
    assert.equal(previousPeriod('2011-12', 'monthly'), '2011-11');
    assert.equal(previousPeriod('2011-12'), '2010-11');
  });
});

describe('financialYearOf', () => {
  it('is the year the financial year starts in', () => {
    assert.equal(financialYearOf('2016-03'), 2015, 'March belongs to the year that started the April before');
    assert.equal(financialYearOf('2016-04'), 2016);
    assert.equal(financialYearOf('2015-16 Q4'), 2015);
    assert.equal(financialYearOf('2015-16 Q1'), 2015);
    assert.equal(financialYearOf('2015-16'), 2015);
  });
});

describe('stepping through periods', () => {
  it('starts each financial year in April, Q1 or the year itself', () => {
    assert.equal(firstPeriodOfYear(2015, 'monthly'), '2015-04');
    assert.equal(firstPeriodOfYear(2015, 'quarterly'), '2015-16 Q1');
    assert.equal(firstPeriodOfYear(2015, 'yearly'), '2015-16');
  });

  it('goes back across year ends', () => {
    assert.equal(previousPeriod('2015-16'), '2014-15');
    assert.equal(previousPeriod('2016-17 Q1'), '2015-16 Q4');
    assert.equal(previousPeriod('2015-16 Q4'), '2015-16 Q3');
    assert.equal(previousPeriod('2016-01'), '2015-12');
    assert.equal(previousPeriod('2000-01'), '1999-00');
  });

  it('finds the same period last year', () => {
    assert.equal(samePeriodLastYear('2015-16'), '2014-15');
    assert.equal(samePeriodLastYear('2015-16 Q4'), '2014-15 Q4');
    assert.equal(samePeriodLastYear('2016-03'), '2015-03');
  });

  it('lists a range, both ends included', () => {
    assert.deepEqual(periodRange('2013-14', '2015-16'), ['2013-14', '2014-15', '2015-16']);
    assert.deepEqual(periodRange('2015-16 Q3', '2016-17 Q2'), ['2015-16 Q3', '2015-16 Q4', '2016-17 Q1', '2016-17 Q2']);
    assert.deepEqual(periodRange('2015-11', '2016-02'), ['2015-11', '2015-12', '2016-01', '2016-02']);
    assert.deepEqual(periodRange('2016-03', '2016-03'), ['2016-03']);
    assert.deepEqual(periodRange('2016-03', '2016-01'), [], 'backwards is empty');
  });

  it('takes an ambiguous end of a range as the frequency of the other end', () => {
    assert.deepEqual(periodRange('2011-10', '2011-12'), ['2011-10', '2011-11', '2011-12']);
    assert.deepEqual(periodRange('2011-12', '2012-02'), ['2011-12', '2012-01', '2012-02']);
    assert.deepEqual(periodRange('2010-11', '2012-13'), ['2010-11', '2011-12', '2012-13']);
  });

  it('refuses a range of two frequencies', () => {
    assert.throws(() => periodRange('2015-16', '2015-16 Q4'), /one frequency/);
    assert.throws(() => periodRange('2015-16 Q1', '2016-03'), /one frequency/);
  });

  it('lists the periods of the financial year to date', () => {
    assert.deepEqual(periodsToDate('2015-16'), ['2015-16']);
    assert.deepEqual(periodsToDate('2015-16 Q3'), ['2015-16 Q1', '2015-16 Q2', '2015-16 Q3']);
    assert.deepEqual(periodsToDate('2015-16 Q1'), ['2015-16 Q1']);
    assert.deepEqual(periodsToDate('2015-06'), ['2015-04', '2015-05', '2015-06']);
    assert.equal(periodsToDate('2016-03').length, 12);
    assert.equal(periodsToDate('2016-03')[0], '2015-04');
    assert.deepEqual(periodsToDate('2015-04'), ['2015-04']);
    assert.deepEqual(periodsToDate('2011-12', 'monthly').slice(0, 2), ['2011-04', '2011-05']);
  });
});

describe('months, quarters and years', () => {
  it('puts each month in its quarter', () => {
    assert.equal(quarterOfMonth('2015-04'), '2015-16 Q1');
    assert.equal(quarterOfMonth('2015-06'), '2015-16 Q1');
    assert.equal(quarterOfMonth('2015-07'), '2015-16 Q2');
    assert.equal(quarterOfMonth('2015-12'), '2015-16 Q3');
    assert.equal(quarterOfMonth('2016-01'), '2015-16 Q4');
    assert.equal(quarterOfMonth('2016-03'), '2015-16 Q4');
    assert.equal(quarterOfMonth('2011-12'), '2011-12 Q3', 'a month key is read as a month');
  });

  it('lists the months of a quarter', () => {
    assert.deepEqual(monthsOfQuarter('2015-16 Q1'), ['2015-04', '2015-05', '2015-06']);
    assert.deepEqual(monthsOfQuarter('2015-16 Q4'), ['2016-01', '2016-02', '2016-03']);
  });

  it('lists the periods of each frequency that a quarterly report covers', () => {
    assert.deepEqual(periodsWithinQuarter('2015-16 Q4', 'monthly'), ['2016-01', '2016-02', '2016-03']);
    assert.deepEqual(periodsWithinQuarter('2015-16 Q4', 'quarterly'), ['2015-16 Q4']);
    assert.deepEqual(periodsWithinQuarter('2015-16 Q4', 'yearly'), ['2015-16'], 'a yearly figure is reported at Q4');
    assert.deepEqual(periodsWithinQuarter('2015-16 Q3', 'yearly'), []);
    assert.deepEqual(periodsWithinQuarter('2015-16 Q1', 'yearly'), []);
  });
});

describe('quarters of dates', () => {
  it('finds the quarter a date falls in', () => {
    assert.equal(quarterContaining('2016-03-31'), '2015-16 Q4');
    assert.equal(quarterContaining('2016-04-01'), '2016-17 Q1');
    assert.equal(quarterContaining('2015-12-25'), '2015-16 Q3');
    assert.throws(() => quarterContaining('2016-13-01'), /Not a date/);
    assert.throws(() => quarterContaining('31/03/2016'), /Not a date/);
  });

  it('finds the last quarter that ended before today', () => {
    assert.equal(latestCompleteQuarter('2016-04-01'), '2015-16 Q4', 'Q4 ended the day before');
    assert.equal(latestCompleteQuarter('2016-03-31'), '2015-16 Q3', 'Q4 has not ended until the day is over');
    assert.equal(latestCompleteQuarter('2016-05-20'), '2015-16 Q4');
    assert.equal(latestCompleteQuarter('2015-04-15'), '2014-15 Q4');
    assert.equal(latestCompleteQuarter('2015-07-01'), '2015-16 Q1');
  });
});

describe('keys sort as text within a frequency', () => {
  it('puts a shuffled list of each frequency in time order', () => {
    const inOrder = [periodRange('1998-99', '2016-17'), periodRange('2014-15 Q1', '2016-17 Q4'), periodRange('2014-01', '2016-12')];
    for (const keys of inOrder) assert.deepEqual([...keys].reverse().sort(), keys);
  });
});

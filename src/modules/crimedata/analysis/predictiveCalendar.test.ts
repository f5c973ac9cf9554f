import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monthsBetween } from './months.ts';
import { predictiveCalendar, predictiveCalendarMethod } from './predictiveCalendar.ts';

// Published from October 2019, but not October 2020; October 2021 was published with no crime.
const published = monthsBetween('2019-10', '2023-10').filter((month) => month !== '2020-10');
const crimes = new Map([
  ['2019-10', 6],
  ['2022-03', 20],
  ['2022-10', 9],
  ['2023-10', 100],
]);
const countIn = (month: string): number => crimes.get(month) ?? 0;

describe('the predictive calendar', () => {
  it('expects the average of the same month in earlier published years', () => {
    // For October 2023: October 2019 (6), October 2021 (0) and October 2022 (9); October 2020 is a gap, not a 0.
    const asked: string[] = [];
    const expectation = predictiveCalendar('2023-10', published, (month) => {
      asked.push(month);
      return countIn(month);
    });
    assert.deepEqual(expectation, { expected: 5, yearsUsed: 3, method: predictiveCalendarMethod });
    assert.deepEqual(asked, ['2019-10', '2021-10', '2022-10'], 'nor the month itself, nor a later one, nor another month');
  });

  it('gives a fraction as it falls', () => {
    // For March 2023: March 2020, 2021 (0 each) and 2022 (20); March 2019 came before the first published month.
    assert.deepEqual(predictiveCalendar('2023-03', published, countIn), {
      expected: 20 / 3,
      yearsUsed: 3,
      method: predictiveCalendarMethod,
    });
  });

  it('expects nothing when no earlier year is published', () => {
    assert.deepEqual(predictiveCalendar('2019-10', published, countIn), { expected: null, yearsUsed: 0, method: predictiveCalendarMethod });
    assert.equal(predictiveCalendar('2021-10', ['2020-09', '2020-11', '2021-10'], countIn).expected, null);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMonths,
  gapsIn,
  lastPublishedMonths,
  missingMonthWords,
  monthOfYear,
  monthsBetween,
  previousMonth,
  sameMonthLastYear,
} from './months.ts';

describe('month arithmetic', () => {
  it('steps across year ends both ways', () => {
    assert.equal(addMonths('2024-11', 2), '2025-01');
    assert.equal(addMonths('2024-03', -27), '2021-12');
    assert.equal(addMonths('2024-03', 0), '2024-03');
    assert.equal(previousMonth('2024-01'), '2023-12');
    assert.equal(sameMonthLastYear('2024-02'), '2023-02');
    assert.equal(monthOfYear('2023-10'), 10);
  });

  it('lists the months between two, both included, and none when the second comes first', () => {
    assert.deepEqual(monthsBetween('2023-11', '2024-02'), ['2023-11', '2023-12', '2024-01', '2024-02']);
    assert.deepEqual(monthsBetween('2024-02', '2024-02'), ['2024-02']);
    assert.deepEqual(monthsBetween('2024-02', '2024-01'), []);
  });

  it('refuses what is not a YYYY-MM month', () => {
    for (const notAMonth of ['2024-13', '2024-00', '2024-1', '2024-01-01', 'October 2024']) {
      assert.throws(() => addMonths(notAMonth, 1), RangeError, notAMonth);
    }
  });
});

describe('gaps in the published months', () => {
  it('are the months between the first and the last that were not published', () => {
    assert.deepEqual(gapsIn(['2024-05', '2024-01', '2024-02', '2024-04']), ['2024-03']);
    assert.deepEqual(gapsIn(['2023-12', '2024-03']), ['2024-01', '2024-02']);
  });

  it('are none when nothing, one month or an unbroken run is published', () => {
    assert.deepEqual(gapsIn([]), []);
    assert.deepEqual(gapsIn(['2024-01']), []);
    assert.deepEqual(gapsIn(monthsBetween('2022-11', '2024-10')), []);
  });
});

describe('the last published months', () => {
  it('reach back past a gap to find as many as asked, oldest first', () => {
    const published = ['2024-01', '2024-02', '2024-04', '2024-05', '2024-06'];
    assert.deepEqual(lastPublishedMonths(published, '2024-05', 3), ['2024-02', '2024-04', '2024-05']);
    assert.deepEqual(lastPublishedMonths(published, '2024-02', 12), ['2024-01', '2024-02']);
  });
});

describe('a month without a figure', () => {
  const held = ['2021-11', '2021-12', '2022-02', '2022-03'];
  it('is not held in Safer outside the months held, and not published in a gap between them', () => {
    assert.equal(missingMonthWords('2021-10', held), 'not held in Safer');
    assert.equal(missingMonthWords('2022-01', held), 'not published');
    assert.equal(missingMonthWords('2022-04', held), 'not held in Safer');
    assert.equal(missingMonthWords('2022-03', []), 'not held in Safer');
  });
  it('is not comparable when the month is held: its file is on other census boundaries than the place', () => {
    assert.equal(missingMonthWords('2022-02', held), 'not comparable');
  });
});

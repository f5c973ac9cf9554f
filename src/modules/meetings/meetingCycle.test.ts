import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cycleDates, dateInMonth } from './meetingCycle.ts';
import { financialYearStart } from '../../platform/dates.ts';

const secondThursday = { ordinal: 2, weekday: 4 } as const;

describe('dateInMonth', () => {
  it('finds the second Thursday and the last Friday', () => {
    assert.equal(dateInMonth(2026, 4, secondThursday), '2026-04-09');
    assert.equal(dateInMonth(2026, 10, { ordinal: -1, weekday: 5 }), '2026-10-30');
    assert.equal(
      dateInMonth(2008, 2, { ordinal: 4, weekday: 4 }),
      '2008-02-28',
      "seed 000's rescheduled meeting fell on the fourth Thursday",
    );
  });
});

describe('cycleDates', () => {
  it('gives a quarterly board four meetings a year', () => {
    assert.deepEqual(cycleDates('quarterly', secondThursday, '2026-04-01'), ['2026-04-09', '2026-07-09', '2026-10-08', '2027-01-14']);
  });

  it('gives a monthly group twelve and a bi-monthly group six', () => {
    assert.equal(cycleDates('monthly', secondThursday, '2026-04-01').length, 12);
    assert.deepEqual(cycleDates('bi_monthly', secondThursday, '2026-04-01'), [
      '2026-04-09',
      '2026-06-11',
      '2026-08-13',
      '2026-10-08',
      '2026-12-10',
      '2027-02-11',
    ]);
  });

  it('starts from the date given, not before it', () => {
    assert.equal(cycleDates('monthly', secondThursday, '2026-04-10')[0], '2026-05-14');
    assert.equal(cycleDates('monthly', secondThursday, '2026-04-10').length, 12, 'April 2027 is within the year');
  });

  it('spaces six-weekly meetings six weeks apart on the weekday', () => {
    const dates = cycleDates('six_weekly', { ordinal: 1, weekday: 2 }, '2026-04-01');
    assert.equal(dates[0], '2026-04-07');
    assert.equal(dates[1], '2026-05-19');
    assert.equal(dates.length, 9);
  });
});

describe('financialYearStart', () => {
  it('is the 1 April on or before the day', () => {
    assert.equal(financialYearStart('2026-11-23'), '2026-04-01');
    assert.equal(financialYearStart('2027-03-31'), '2026-04-01');
    assert.equal(financialYearStart('2027-04-01'), '2027-04-01');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, isBankHoliday, isWorkingDay, shiftWorkingDays } from './workingDays.ts';

describe('England and Wales working days', () => {
  it('knows the bank holidays, substitute days included', () => {
    assert.equal(isBankHoliday('2020-05-08'), true, 'the early May bank holiday moved to Friday for VE Day');
    assert.equal(isBankHoliday('2020-05-04'), false);
    assert.equal(isBankHoliday('2020-12-28'), true, 'Boxing Day fell on a Saturday: substitute Monday');
    assert.equal(isBankHoliday('2021-12-27'), true, 'Christmas Day fell on a Saturday: substitute Monday');
    assert.equal(isBankHoliday('2021-12-28'), true, 'Boxing Day fell on a Sunday: substitute Tuesday');
    assert.equal(isBankHoliday('2026-04-03'), true, 'Good Friday 2026');
    assert.equal(isBankHoliday('2026-04-06'), true, 'Easter Monday 2026');
    assert.equal(isWorkingDay('2026-04-07'), true);
    assert.equal(isWorkingDay('2026-11-28'), false, 'a Saturday');
  });

  it('counts 5 working days back across Easter', () => {
    // A meeting on Thursday 9 April 2026: back past Easter Monday (6th) and Good Friday (3rd).
    assert.equal(shiftWorkingDays('2026-04-09', -5), '2026-03-31');
  });

  it('counts 5 working days back across Christmas and New Year', () => {
    // Thursday 7 January 2027: 6, 5, 4 January; 1 January is a bank holiday; 31 and 30 December.
    assert.equal(shiftWorkingDays('2027-01-07', -5), '2026-12-30');
  });

  it('finds the next working day after a Friday before the early May bank holiday', () => {
    assert.equal(shiftWorkingDays('2026-05-01', 1), '2026-05-05');
  });

  it('counts an ordinary week as five working days', () => {
    assert.equal(shiftWorkingDays('2026-11-26', -5), '2026-11-19');
    assert.equal(addDays('2026-11-26', 7), '2026-12-03');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { decimalNumber, enterThe, money, optionalMoney, optionalWholeNumber, wholeNumber } from './inputs.ts';
import { readNumber } from './numbers.ts';

/** The one message a schema gives for a value, or the value it reads. */
function read(schema: z.ZodType, value: unknown): unknown {
  const parsed = z.object({ field: schema }).safeParse(value === undefined ? {} : { field: value });
  return parsed.success ? parsed.data.field : parsed.error.issues.map((issue) => issue.message).join('; ');
}

describe('numbers typed into forms and CSV files', () => {
  it('says "Enter the …" for a required number left empty, not that it must be a number', () => {
    assert.equal(read(wholeNumber('The year', 1990, 2100), undefined), 'Enter the year');
    assert.equal(read(wholeNumber('Financial year starting', 1990, 2100), undefined), 'Enter the financial year starting');
    assert.equal(read(decimalNumber('The tolerance', 0, 100), undefined), 'Enter the tolerance');
    assert.equal(read(optionalWholeNumber('Votes for', 0, 200), undefined), null);
  });

  it('reads whole numbers as people type them, and nothing a programming language would read as one', () => {
    const votes = wholeNumber('Votes for', 0, 2000);
    assert.equal(read(votes, '12'), 12);
    assert.equal(read(votes, ' 1,200 '), 1200);
    for (const typed of ['0x10', '1e2', '12 5', 'twelve', '1,20', 'Infinity']) {
      assert.equal(read(votes, typed), 'Votes for must be a number', typed);
    }
    assert.equal(read(votes, '12.5'), 'Votes for must be a whole number');
    assert.equal(read(votes, '-1'), 'Votes for must be 0 or more');
  });

  it('has one reader for every typed number, which takes spaces around a number but not within it', () => {
    assert.deepEqual(readNumber(' -6'), { value: -6 });
    assert.deepEqual(readNumber('-1,234.5'), { value: -1234.5 });
    assert.deepEqual(readNumber('- 6'), { problem: '"- 6" is not a number' });
    assert.deepEqual(readNumber('6e3'), { problem: '"6e3" is not a number' });
  });
});

describe('the message for a field left empty', () => {
  it('says "the" where the label does not already say whose or which', () => {
    assert.equal(enterThe('Grant for the year'), 'Enter the grant for the year');
    assert.equal(enterThe('Amount'), 'Enter the amount');
    assert.equal(enterThe('Last year’s grant'), 'Enter last year’s grant');
    assert.equal(enterThe('The tolerance'), 'Enter the tolerance');
  });

  it('is what a money field says when left empty', () => {
    assert.equal(money('Amount').safeParse('').error?.issues[0]?.message, 'Enter the amount');
    assert.equal(optionalMoney('Last year’s grant').safeParse(undefined).data, null);
  });
});

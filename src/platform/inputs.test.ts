import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enterThe, money, optionalMoney } from './inputs.ts';

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

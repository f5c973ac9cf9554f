import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quarterHasEnded, reportMoves } from './reportLife.ts';

describe('the life of a performance report', () => {
  it('writes and approves a draft once its quarter has ended, and takes only an approved report to a meeting', () => {
    assert.deepEqual(reportMoves({ status: 'draft', period: '2016-17 Q1' }, '2016-07-01'), { write: true, approve: true, attach: false });
    assert.deepEqual(reportMoves({ status: 'approved', period: '2016-17 Q1' }, '2016-07-01'), {
      write: false,
      approve: false,
      attach: true,
    });
  });

  it('does not approve a quarter still under way', () => {
    assert.equal(quarterHasEnded('2016-17 Q1', '2016-06-30'), false);
    assert.deepEqual(reportMoves({ status: 'draft', period: '2016-17 Q1' }, '2016-06-30'), { write: true, approve: false, attach: false });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { monthsInWords, monthsNotHeld, monthsOf, periodOf, yearEarlier } from './periods.ts';

describe('periods of crime figures', () => {
  it('finds the month, quarter, 12 months and financial year a month names', () => {
    assert.deepEqual(periodOf('month', '2025-12'), { kind: 'month', from: '2025-12', to: '2025-12', label: 'December 2025' });
    assert.deepEqual(periodOf('quarter', '2025-11'), {
      kind: 'quarter',
      from: '2025-10',
      to: '2025-12',
      label: 'October to December 2025',
    });
    assert.deepEqual(periodOf('quarter', '2025-01'), { kind: 'quarter', from: '2025-01', to: '2025-03', label: 'January to March 2025' });
    assert.deepEqual(periodOf('year', '2025-03'), { kind: 'year', from: '2024-04', to: '2025-03', label: '12 months to March 2025' });
    assert.deepEqual(periodOf('financial-year', '2025-03'), {
      kind: 'financial-year',
      from: '2024-04',
      to: '2025-03',
      label: 'Financial year 2024/25',
    });
    assert.equal(periodOf('financial-year', '2025-04').from, '2025-04');
    assert.equal(periodOf('financial-year', '2025-12').to, '2026-03');
    assert.equal(monthsOf(periodOf('financial-year', '2025-12')).length, 12);
  });

  it('compares with the same period a year earlier', () => {
    assert.deepEqual(yearEarlier(periodOf('quarter', '2025-11')), periodOf('quarter', '2024-10'));
    assert.equal(yearEarlier(periodOf('year', '2025-12')).label, '12 months to December 2024');
    assert.equal(yearEarlier(periodOf('financial-year', '2025-05')).label, 'Financial year 2024/25');
  });

  it('says the months not held, in runs', () => {
    const period = periodOf('financial-year', '2025-12');
    const missing = monthsNotHeld(period, ['2025-04', '2025-05', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    assert.deepEqual(missing, ['2025-06', '2026-01', '2026-02', '2026-03']);
    assert.equal(monthsInWords(missing), 'June 2025 and January to March 2026');
    assert.equal(monthsInWords(['2024-12', '2025-01']), 'December 2024 to January 2025');
    assert.equal(monthsInWords([]), '');
  });
});

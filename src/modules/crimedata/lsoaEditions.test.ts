import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparability, comparableMonths, editionOfFile, editionOfMonth } from './lsoaEditions.ts';

describe('the LSOA edition of a police.uk file', () => {
  it('is the edition its codes of one edition only are of', () => {
    assert.equal(editionOfFile({ only2011: 12, only2021: 0 }, '2024-01'), 2011);
    assert.equal(editionOfFile({ only2011: 0, only2021: 28 }, '2022-10'), 2021);
    assert.equal(editionOfFile({ only2011: 3, only2021: 40 }, '2022-10'), 2021);
  });

  it('is taken by its month when every code is in both: 2011 before 2023', () => {
    assert.equal(editionOfFile({ only2011: 0, only2021: 0 }, '2022-12'), 2011);
    assert.equal(editionOfFile({ only2011: 0, only2021: 0 }, '2023-01'), 2021);
    assert.equal(editionOfMonth('2017-11'), 2011);
    assert.equal(editionOfMonth('2025-12'), 2021);
  });
});

describe('the months a series of LSOAs compares like with like', () => {
  const months = [
    { month: '2022-11', edition: 2011 as const },
    { month: '2022-12', edition: 2011 as const },
    { month: '2023-01', edition: 2021 as const },
  ];
  const editions = {
    months,
    lsoas: [
      { code: 'E01000001', edition: 2011 as const },
      { code: 'E01000001', edition: 2021 as const },
      { code: 'E01000002', edition: 2011 as const },
      { code: 'E01035000', edition: 2021 as const },
    ],
  };

  it('are every held month for a code unchanged in 2021', () => {
    assert.deepEqual(comparableMonths(editions, ['E01000001']), ['2022-11', '2022-12', '2023-01']);
  });

  it('are the months of its own edition for a code made or ended in 2021, and of both for a set of them', () => {
    assert.deepEqual(comparableMonths(editions, ['E01035000']), ['2023-01']);
    assert.deepEqual(comparableMonths(editions, ['E01000002']), ['2022-11', '2022-12']);
    assert.deepEqual(comparableMonths(editions, ['E01000001', 'E01000002']), ['2022-11', '2022-12']);
  });

  it('leave a month not held to the caller', () => {
    assert.equal(comparability(editions)('E01035000', '2021-06'), true);
    assert.equal(comparability(editions)('E01035000', '2022-12'), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainMatrixCell, matrixCell, spatialClass, temporalClass } from './matrix.ts';

describe('where: the spatial class', () => {
  it('is a hotpoint when one place holds at least half of the month', () => {
    assert.equal(spatialClass([5]), 'hotpoint');
    assert.equal(spatialClass([5, 3, 2]), 'hotpoint', 'exactly half');
  });

  it('is clustered when the busiest three places hold at least half', () => {
    assert.equal(spatialClass([3, 3, 2, 2]), 'clustered', '8 of 10');
    assert.equal(spatialClass([2, 2, 1, 1, 1, 1, 1, 1]), 'clustered', 'exactly half: 5 of 10');
  });

  it('is dispersed otherwise', () => {
    assert.equal(spatialClass([2, 1, 1, 1, 1, 1, 1, 1, 1]), 'dispersed', '4 of 10');
  });

  it('needs 5 crimes', () => {
    assert.equal(spatialClass([4]), 'not enough data');
    assert.equal(spatialClass([]), 'not enough data');
  });
});

const twelve = (...busiest: number[]): number[] => [...busiest, ...Array<number>(12 - busiest.length).fill(2)];

describe('when: the temporal class', () => {
  it('is acute when the busiest 2 of 12 months hold at least half', () => {
    assert.equal(temporalClass(twelve(10, 10)), 'acute', '20 of 40');
  });

  it('is focused when the busiest 3 hold at least 40%', () => {
    // 6 + 5 + 5 = 16 of 40, exactly 40%; the busiest 2 hold 11, short of half.
    assert.equal(temporalClass([6, 5, 5, 3, 3, 3, 3, 3, 3, 2, 2, 2]), 'focused');
  });

  it('is diffused when crime is spread through the year, and focused from exactly 40%', () => {
    assert.equal(temporalClass(twelve()), 'diffused', 'an even spread: the busiest 3 hold 25%');
    assert.equal(temporalClass(twelve(5, 4, 3)), 'focused', '12 of 30: exactly 40%');
    assert.equal(temporalClass(twelve(5, 4, 2)), 'diffused', '11 of 29: short of 40%');
  });

  it('raises the bar in proportion when fewer than 12 months are published', () => {
    // Of 6 months the busiest 2 must hold all of it to be acute, the busiest 3 four fifths to be focused.
    assert.equal(temporalClass([5, 5, 0, 0, 0, 0]), 'acute');
    assert.equal(temporalClass([5, 5, 2, 0, 0, 1]), 'focused', '12 of 13');
    assert.equal(temporalClass([3, 3, 3, 3, 3, 3]), 'diffused', 'half in 3 of 6 months would be focused over a year');
  });

  it('needs 6 published months and 5 crimes', () => {
    assert.equal(temporalClass([5, 5, 5, 5, 5]), 'not enough data');
    assert.equal(temporalClass([4, 0, 0, 0, 0, 0]), 'not enough data');
  });
});

describe('the matrix cell', () => {
  it('is labelled in sentence case, where then when', () => {
    assert.deepEqual(matrixCell([3, 3, 2, 2], [6, 5, 5, 3, 3, 3, 3, 3, 3, 2, 2, 2]), {
      spatial: 'clustered',
      temporal: 'focused',
      label: 'Clustered, focused',
    });
    assert.equal(matrixCell([9], twelve(10, 10)).label, 'Hotpoint, acute');
    assert.equal(matrixCell(Array<number>(10).fill(1), twelve()).label, 'Dispersed, diffused');
  });

  it('is not known when either part is not', () => {
    assert.deepEqual(matrixCell([1], twelve()), { spatial: 'not enough data', temporal: 'diffused', label: 'Not enough data' });
  });

  it('is explained where, then when', () => {
    assert.equal(
      explainMatrixCell({ spatial: 'hotpoint', temporal: 'diffused' }),
      "A hotpoint: at least 50% of this month's crimes were at one place. " +
        'Diffused: its crimes were spread through the past year, a chronic problem.',
    );
    assert.equal(
      explainMatrixCell({ spatial: 'not enough data', temporal: 'acute' }),
      'Too few crimes this month to say where they gather. Acute: its busiest 2 months of the past year held at least 50% of its crimes, a burst.',
    );
  });
});

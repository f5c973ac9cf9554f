import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWithGroup, type GroupMember } from './groupComparison.ts';

/** Table 1 of the Coventry Police & Crime Board's Quarter 4, 2015-16 report: total recorded crime per 1,000 population. */
const table1: GroupMember[] = [
  { name: 'West Midlands - Coventry', value: 62.176, isSelf: true },
  { name: 'Greater Manchester - Salford', value: 68.604, isSelf: false },
  { name: 'Devon & Cornwall - Plymouth', value: 70.729, isSelf: false },
  { name: 'Hertfordshire - Stevenage', value: null, isSelf: false },
  { name: 'Bedfordshire - Luton', value: null, isSelf: false },
  { name: 'Greater Manchester - Bolton', value: null, isSelf: false },
  { name: 'Thames Valley - Slough', value: 79.599, isSelf: false },
  { name: 'Essex - Harlow', value: 83.12, isSelf: false },
  { name: 'Leicestershire - Leicester', value: 83.239, isSelf: false },
  { name: 'West Yorkshire - Bradford', value: 85.079, isSelf: false },
  { name: 'Staffordshire - Stoke on Trent', value: null, isSelf: false },
  { name: 'Lincolnshire - Lincoln', value: 93.376, isSelf: false },
  { name: 'Avon & Somerset - Bristol', value: 100.711, isSelf: false },
  { name: 'Hampshire - Portsmouth', value: 103.039, isSelf: false },
  { name: 'Lancashire - Blackpool', value: 109.416, isSelf: false },
];
const publishedAverage = 83.482;

describe('compareWithGroup: Coventry in its Most Similar Group, 2015/16', () => {
  const group = compareWithGroup(table1, 'lower_better');

  it('ranks Coventry first of fifteen, eleven with a figure', () => {
    assert.equal(group.rank, 1);
    assert.equal(group.of, 15);
    assert.equal(group.known, 11);
  });

  it('averages the eleven known values, which is not the average the table published', () => {
    // 62.176 + 68.604 + 70.729 + 79.599 + 83.120 + 83.239 + 85.079 + 93.376 + 100.711 + 103.039 + 109.416 = 939.088
    const expected = 939.088 / 11; // 85.3716…
    assert.equal(group.average?.toFixed(3), '85.372');
    assert.ok(Math.abs((group.average ?? 0) - expected) < 1e-9);
    assert.notEqual(group.average?.toFixed(3), publishedAverage.toFixed(3), 'the published average covers members the table leaves blank');
  });

  it('uses the population standard deviation, and Coventry falls below the lower limit', () => {
    const values = table1.flatMap((member) => (member.value === null ? [] : [member.value]));
    const mean = 939.088 / 11;
    const populationSd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 11);
    const sampleSd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 10);
    assert.equal(group.standardDeviation?.toFixed(6), populationSd.toFixed(6));
    assert.notEqual(group.standardDeviation?.toFixed(6), sampleSd.toFixed(6), 'not the sample standard deviation');
    assert.equal(group.lowerLimit?.toFixed(6), (mean - populationSd).toFixed(6));
    assert.equal(group.upperLimit?.toFixed(6), (mean + populationSd).toFixed(6));
    assert.equal(group.position, 'below');
  });

  it('keeps the members in their given order with their ranks', () => {
    assert.deepEqual(
      group.members.map((member) => member.name),
      table1.map((member) => member.name),
    );
    assert.deepEqual(
      group.members.map((member) => member.rank),
      [1, 2, 3, null, null, null, 4, 5, 6, 7, null, 8, 9, 10, 11],
    );
    assert.equal(group.members[0]?.isSelf, true);
    assert.equal(group.members[14]?.value, 109.416);
  });
});

const member = (name: string, value: number | null, isSelf = false): GroupMember => ({ name, value, isSelf });

describe('compareWithGroup: the rules', () => {
  it('gives tied members the better rank and skips the ranks they fill (1, 2, 2, 4)', () => {
    const group = compareWithGroup([member('A', 10), member('B', 20, true), member('C', 20), member('D', 30)], 'lower_better');
    assert.deepEqual(
      group.members.map((m) => m.rank),
      [1, 2, 2, 4],
    );
    assert.equal(group.rank, 2);
  });

  it('ranks the highest first when higher is better', () => {
    const group = compareWithGroup([member('A', 10, true), member('B', 30), member('C', 20), member('D', 30)], 'higher_better');
    assert.deepEqual(
      group.members.map((m) => m.rank),
      [4, 1, 3, 1],
    );
    assert.equal(group.rank, 4);
  });

  it('ranks a monitored figure as lower is better', () => {
    const group = compareWithGroup([member('A', 30, true), member('B', 10)], 'monitor');
    assert.equal(group.rank, 2);
  });

  it('has no spread in a group with one known value, and that value is within its limits', () => {
    const group = compareWithGroup([member('A', 62.176, true), member('B', null), member('C', null)], 'lower_better');
    assert.equal(group.known, 1);
    assert.equal(group.of, 3);
    assert.equal(group.average, 62.176);
    assert.equal(group.standardDeviation, 0);
    assert.equal(group.lowerLimit, 62.176);
    assert.equal(group.upperLimit, 62.176);
    assert.equal(group.position, 'within');
    assert.equal(group.rank, 1);
  });

  it('places the partnership above the upper limit', () => {
    // Mean 20, population SD √(200/3) ≈ 8.165: 30 is above 28.165.
    const group = compareWithGroup([member('A', 10), member('B', 20), member('C', 30, true)], 'lower_better');
    assert.equal(group.standardDeviation?.toFixed(3), '8.165');
    assert.equal(group.position, 'above');
  });

  it('places the partnership against the two standard deviation limits as well', () => {
    // Mean 20 and population SD 10 over 10, 10, 30, 30: 30 is within both pairs of limits.
    const within2 = compareWithGroup([member('A', 10), member('B', 10), member('C', 30), member('D', 30, true)], 'lower_better');
    assert.deepEqual([within2.lowerLimit2, within2.upperLimit2, within2.position, within2.position2], [0, 40, 'within', 'within']);
    const far = compareWithGroup(
      [member('A', 10), member('B', 10), member('C', 10), member('D', 10), member('E', 10), member('Us', 100, true)],
      'lower_better',
    );
    // Mean 25, SD √((5 × 225 + 5,625) / 6) = √1,125 ≈ 33.54: 100 is above 25 + 2 × 33.54 = 92.08.
    assert.equal(far.upperLimit2?.toFixed(2), '92.08');
    assert.equal(far.position, 'above');
    assert.equal(far.position2, 'above');
    const between = compareWithGroup([member('A', 10), member('B', 20), member('C', 30, true)], 'lower_better');
    assert.equal(between.position, 'above');
    assert.equal(between.position2, 'within');
  });

  it('gives no rank or position to a partnership with no value, but still the group figures', () => {
    const group = compareWithGroup([member('A', 10), member('B', 20), member('Us', null, true)], 'lower_better');
    assert.equal(group.rank, null);
    assert.equal(group.position, null);
    assert.equal(group.members[2]?.rank, null);
    assert.equal(group.average, 15);
    assert.equal(group.standardDeviation, 5);
    assert.equal(group.known, 2);
    assert.equal(group.of, 3);
  });

  it('has no figures at all when nobody has a value', () => {
    const group = compareWithGroup([member('A', null, true), member('B', null)], 'lower_better');
    assert.deepEqual(
      [group.average, group.standardDeviation, group.lowerLimit, group.upperLimit, group.position, group.rank, group.known],
      [null, null, null, null, null, null, 0],
    );
  });
});

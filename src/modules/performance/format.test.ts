import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPercentChange } from '../../platform/numbers.ts';
import { compare } from './figures.ts';
import {
  directionNames,
  exceptionNames,
  formatChange,
  formatDifference,
  formatValue,
  frequencyNames,
  missingWords,
  polarityNames,
  ragNames,
  rankWords,
  targetStatusNames,
  unitNames,
} from './format.ts';

const minus = '\u2212';

describe('formatValue', () => {
  it('shows a missing value as words', () => {
    assert.equal(formatValue(null, 'count'), 'No figure');
  });

  it('shows counts whole with separators, and a part count to one place', () => {
    assert.equal(formatValue(1832, 'count'), '1,832');
    assert.equal(formatValue(22333, 'count'), '22,333');
    assert.equal(formatValue(0, 'count'), '0');
    assert.equal(formatValue(12.25, 'count'), '12.3');
    assert.equal(formatValue(-5, 'count'), `${minus}5`);
  });

  it('shows rates per 1,000 and percentages to one place, a rate below 1 to two', () => {
    assert.equal(formatValue(62.176, 'rate_per_1000'), '62.2');
    // police.uk's rates came out as "66.500".
    assert.equal(formatValue(66.5, 'rate_per_1000'), '66.5');
    assert.equal(formatValue(5, 'rate_per_1000'), '5.0');
    assert.equal(formatValue(0.04, 'rate_per_1000'), '0.04');
    assert.equal(formatValue(9.3, 'percentage'), '9.3%');
    assert.equal(formatValue(66, 'percentage'), '66.0%');
  });

  it('shows money held in pence as pounds, with pence only when there are some', () => {
    assert.equal(formatValue(481300, 'money'), '£4,813');
    assert.equal(formatValue(481350, 'money'), '£4,813.50');
    assert.equal(formatValue(5, 'money'), '£0.05');
    assert.equal(formatValue(-100000, 'money'), `${minus}£1,000`);
  });
});

describe('formatPercentChange', () => {
  it('rounds as the documents do: one place under 10%, whole from there, with a sign', () => {
    assert.equal(formatPercentChange(146.9), '+147%');
    assert.equal(formatPercentChange(-13.39), `${minus}13%`);
    assert.equal(formatPercentChange(16.45), '+16%');
    assert.equal(formatPercentChange(-0.9), `${minus}0.9%`);
    assert.equal(formatPercentChange(1.52), '+1.5%');
    assert.equal(formatPercentChange(-4.1), `${minus}4.1%`);
    assert.equal(formatPercentChange(1234.4), '+1,234%');
  });

  it('goes to whole numbers for a change that rounds to 10%', () => {
    assert.equal(formatPercentChange(9.94), '+9.9%');
    assert.equal(formatPercentChange(9.96), '+10%');
  });

  it('shows no change, or a change too small to show, as 0%', () => {
    assert.equal(formatPercentChange(0), '0%');
    assert.equal(formatPercentChange(-0.02), '0%');
    assert.equal(formatPercentChange(null), 'No comparison');
  });
});

describe('formatDifference', () => {
  it('signs a count', () => {
    assert.equal(formatDifference(1090, 'count'), '+1,090');
    assert.equal(formatDifference(-17, 'count'), `${minus}17`);
    assert.equal(formatDifference(-201, 'count'), `${minus}201`);
    assert.equal(formatDifference(0, 'count'), '0');
  });

  it('gives the change of a percentage in points', () => {
    assert.equal(formatDifference(-1.2, 'percentage'), `${minus}1.2 percentage points`);
    assert.equal(formatDifference(0.5, 'percentage'), '+0.5 percentage points');
    assert.equal(formatDifference(0.01, 'percentage'), '0 percentage points');
  });

  it('gives rates to one place and money in pounds', () => {
    assert.equal(formatDifference(-1.5, 'rate_per_1000'), `${minus}1.5`);
    assert.equal(formatDifference(100000, 'money'), '+£1,000');
    assert.equal(formatDifference(-250, 'money'), `${minus}£2.50`);
    assert.equal(formatDifference(0, 'money'), '£0');
  });

  it('has no difference to show with a figure missing', () => {
    assert.equal(formatDifference(null, 'count'), 'No comparison');
  });
});

describe('the documents’ own figures, from their inputs', () => {
  it('children present: 742 → 1,832 is +1,090 (+147%)', () => {
    assert.equal(formatChange(compare(1832, 742), 'count'), '+1,090 (+147%)');
  });

  it('SARC clients: Q4 127 → 110 is −17 (−13%); the year 383 → 446 is +63 (+16%)', () => {
    assert.equal(formatChange(compare(110, 127), 'count'), `${minus}17 (${minus}13%)`);
    assert.equal(formatChange(compare(446, 383), 'count'), '+63 (+16%)');
  });

  it('repeat victim rate: 10.5% → 9.3% is −1.2 percentage points, with no % of a %', () => {
    assert.equal(formatChange(compare(9.3, 10.5), 'percentage'), `${minus}1.2 percentage points`);
  });

  it('hate crime recorded by police: 460 → 467 is +7 (+1.5%)', () => {
    assert.equal(formatChange(compare(467, 460), 'count'), '+7 (+1.5%)');
  });

  it('says there is no comparison without last year, and gives only the difference from zero', () => {
    assert.equal(formatChange(compare(1832, null), 'count'), 'No comparison');
    assert.equal(formatChange(compare(5, 0), 'count'), '+5');
    assert.equal(formatChange(compare(150000, 50000), 'money'), '+£1,000 (+200%)');
  });
});

describe('names for display', () => {
  it('uses the documents’ words', () => {
    assert.equal(polarityNames.lower_better, 'Lower is better');
    assert.equal(polarityNames.higher_better, 'Higher is better');
    assert.equal(polarityNames.monitor, 'Monitor only');
    assert.deepEqual(Object.values(directionNames), ['Upward', 'Downward', 'Stable']);
    assert.deepEqual(Object.values(targetStatusNames), ['Ahead of target', 'On target', 'Not on target']);
    assert.deepEqual(Object.values(ragNames), ['Green', 'Amber', 'Red', 'Grey']);
    assert.equal(exceptionNames.under, 'Under-performing');
    assert.equal(exceptionNames.over, 'Over-performing');
    assert.equal(frequencyNames.quarterly, 'Quarterly');
    assert.equal(unitNames.rate_per_1000, 'Rate per 1,000 population');
  });
});

describe('rankWords and missingWords', () => {
  it('say the rank among the members with a figure and the group’s size, in plain words', () => {
    assert.equal(rankWords({ rank: 4, known: 4, of: 5 }), '4 of the 4 with a figure (5 in the group)');
    assert.equal(rankWords({ rank: 1, known: 15, of: 15 }), '1 of 15 in its group');
    assert.equal(rankWords({ rank: null, known: 4, of: 5 }), null);
    assert.equal(missingWords({ known: 4, of: 5 }), '1 of the 5 members has no figure');
    assert.equal(missingWords({ known: 11, of: 15 }), '4 of the 15 members have no figure');
    assert.equal(missingWords({ known: 5, of: 5 }), null);
  });
});

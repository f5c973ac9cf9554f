import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  additive,
  assessAgainstTarget,
  combine,
  compare,
  directionOfTravel,
  directionRuleText,
  ratePer1000,
  targetRuleText,
  targetValue,
} from './figures.ts';

describe('additive and combine', () => {
  it('adds counts and money but not rates or percentages', () => {
    assert.equal(additive('count'), true);
    assert.equal(additive('money'), true);
    assert.equal(additive('rate_per_1000'), false);
    assert.equal(additive('percentage'), false);
  });

  it('sums an additive unit, and never counts a gap as zero', () => {
    assert.equal(combine([294, 131, 38], 'count'), 463);
    assert.equal(combine([150000, 50], 'money'), 150050);
    assert.equal(combine([294, null, 38], 'count'), null);
    assert.equal(combine([], 'count'), null);
    assert.equal(combine([0, 0], 'count'), 0);
  });

  it('sums decimals without binary noise', () => {
    assert.equal(combine([0.1, 0.2], 'count'), 0.3);
  });

  it('lets a single rate or percentage stand, and refuses to combine several', () => {
    assert.equal(combine([9.3], 'percentage'), 9.3);
    assert.equal(combine([62.176], 'rate_per_1000'), 62.176);
    assert.equal(combine([9.3, 10.5], 'percentage'), null);
    assert.equal(combine([], 'rate_per_1000'), null);
    assert.equal(combine([null], 'percentage'), null);
  });
});

describe('compare', () => {
  it('gives the difference and the percentage of the earlier figure', () => {
    const children = compare(1832, 742);
    assert.equal(children.difference, 1090);
    assert.equal(children.percent?.toFixed(1), '146.9');
    const sarcClients = compare(110, 127);
    assert.equal(sarcClients.difference, -17);
    assert.equal(sarcClients.percent?.toFixed(3), '-13.386');
  });

  it('gives the change of a percentage in points, free of binary noise', () => {
    assert.equal(compare(9.3, 10.5).difference, -1.2);
  });

  it('has no percentage from zero, and no difference with a figure missing', () => {
    assert.deepEqual(compare(5, 0), { current: 5, previous: 0, difference: 5, percent: null });
    assert.deepEqual(compare(null, 10), { current: null, previous: 10, difference: null, percent: null });
    assert.deepEqual(compare(10, null), { current: 10, previous: null, difference: null, percent: null });
  });

  it('takes the percentage of the size of a negative earlier figure, so the sign follows the change', () => {
    assert.equal(compare(-50, -100).percent, 50);
  });
});

describe('directionOfTravel', () => {
  it('is stable within the given % of last year, boundary included', () => {
    assert.equal(directionOfTravel(compare(101, 100), 1), 'stable');
    assert.equal(directionOfTravel(compare(99, 100), 1), 'stable');
    assert.equal(directionOfTravel(compare(102, 100), 1), 'upward');
    assert.equal(directionOfTravel(compare(98, 100), 1), 'downward');
    assert.equal(directionOfTravel(compare(10.605, 10.5), 1), 'stable', 'exactly 1% in decimals');
  });

  it('reads the documents: hate crime +1.5% is upward at 1%, stable at 2%', () => {
    assert.equal(directionOfTravel(compare(467, 460), 1), 'upward');
    assert.equal(directionOfTravel(compare(467, 460), 2), 'stable');
  });

  it('moves from zero by the sign, and is stable at zero to zero', () => {
    assert.equal(directionOfTravel(compare(3, 0), 1), 'upward');
    assert.equal(directionOfTravel(compare(-3, 0), 1), 'downward');
    assert.equal(directionOfTravel(compare(0, 0), 1), 'stable');
  });

  it('has no direction with a figure missing', () => {
    assert.equal(directionOfTravel(compare(null, 100), 1), null);
    assert.equal(directionOfTravel(compare(100, null), 1), null);
  });
});

describe('targetValue', () => {
  it('takes a value target as it is', () => {
    assert.equal(targetValue({ kind: 'value', value: 22000 }, null), 22000);
  });

  it('applies a signed % change to the baseline', () => {
    assert.equal(targetValue({ kind: 'change', value: -20 }, 1234), 987.2);
    assert.equal(targetValue({ kind: 'change', value: 10 }, 500), 550);
    assert.equal(targetValue({ kind: 'change', value: -20 }, null), null, 'no baseline, no target');
  });

  it('has no target when there is none', () => {
    assert.equal(targetValue({ kind: 'none', value: 5 }, 100), null);
    assert.equal(targetValue({ kind: 'value', value: null }, 100), null);
  });
});

describe('assessAgainstTarget', () => {
  const rule = { redBeyondPercent: 5, stableWithinPercent: 1 };

  it('is grey with nothing to assess', () => {
    const grey = { status: null, rag: 'grey', exception: null, offByPercent: null };
    assert.deepEqual(assessAgainstTarget(null, 100, 'lower_better', rule), grey);
    assert.deepEqual(assessAgainstTarget(100, null, 'lower_better', rule), grey);
    assert.deepEqual(assessAgainstTarget(150, 100, 'monitor', rule), grey);
  });

  it('walks the bands when lower is better', () => {
    const at = (value: number) => assessAgainstTarget(value, 100, 'lower_better', rule);
    assert.deepEqual(at(90), { status: 'ahead', rag: 'green', exception: 'over', offByPercent: 10 });
    assert.deepEqual(at(99), { status: 'on_target', rag: 'green', exception: null, offByPercent: 1 }, '1% better is on target');
    assert.deepEqual(at(100), { status: 'on_target', rag: 'green', exception: null, offByPercent: 0 });
    assert.deepEqual(at(101), { status: 'on_target', rag: 'green', exception: null, offByPercent: -1 }, '1% worse is on target');
    assert.deepEqual(at(102), { status: 'not_on_target', rag: 'amber', exception: 'under', offByPercent: -2 });
    assert.deepEqual(at(105), { status: 'not_on_target', rag: 'amber', exception: 'under', offByPercent: -5 }, '5% worse is amber');
    assert.deepEqual(at(106), { status: 'not_on_target', rag: 'red', exception: 'under', offByPercent: -6 });
  });

  it('turns the sign round when higher is better', () => {
    const at = (value: number) => assessAgainstTarget(value, 200, 'higher_better', rule);
    assert.deepEqual(at(220), { status: 'ahead', rag: 'green', exception: 'over', offByPercent: 10 });
    assert.equal(at(198).status, 'on_target');
    assert.equal(at(190).rag, 'amber');
    assert.equal(at(180).rag, 'red');
    assert.equal(at(180).offByPercent, -10);
  });

  it('puts a decimal value exactly on a boundary in the band the rule says', () => {
    assert.equal(assessAgainstTarget(11.025, 10.5, 'lower_better', rule).rag, 'amber', '5% worse exactly');
    assert.equal(assessAgainstTarget(10.605, 10.5, 'lower_better', rule).status, 'on_target', '1% worse exactly');
  });

  it('judges a target of zero by the sign of the difference alone', () => {
    assert.deepEqual(assessAgainstTarget(0, 0, 'lower_better', rule), {
      status: 'on_target',
      rag: 'green',
      exception: null,
      offByPercent: null,
    });
    assert.deepEqual(assessAgainstTarget(1, 0, 'lower_better', rule), {
      status: 'not_on_target',
      rag: 'red',
      exception: 'under',
      offByPercent: null,
    });
    assert.deepEqual(assessAgainstTarget(1, 0, 'higher_better', rule), {
      status: 'ahead',
      rag: 'green',
      exception: 'over',
      offByPercent: null,
    });
  });

  it('takes the percentage of the size of a negative target', () => {
    assert.equal(assessAgainstTarget(-90, -100, 'higher_better', rule).offByPercent, 10);
  });
});

describe('ratePer1000', () => {
  it('is the count per 1,000 people', () => {
    assert.equal(ratePer1000(1832, 345000)?.toFixed(3), '5.310');
    assert.equal(ratePer1000(500, 250000), 2);
  });

  it('has no rate without a count or a population', () => {
    assert.equal(ratePer1000(null, 345000), null);
    assert.equal(ratePer1000(1832, null), null);
    assert.equal(ratePer1000(1832, 0), null);
  });
});

describe('the rules in words', () => {
  it('states the target rule with its own numbers', () => {
    assert.equal(
      targetRuleText({ redBeyondPercent: 5, stableWithinPercent: 1 }),
      'On target within 1% of the target; amber when up to 5% worse; red when more than 5% worse; ahead of target when more than 1% better.',
    );
    assert.match(targetRuleText({ redBeyondPercent: 10, stableWithinPercent: 2.5 }), /within 2\.5% .* up to 10% worse/);
  });

  it('states the direction rule', () => {
    assert.equal(directionRuleText(1), 'Stable means within 1% of last year.');
    assert.equal(directionRuleText(2), 'Stable means within 2% of last year.');
  });
});

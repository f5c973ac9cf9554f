import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AllocationFigures,
  type GrantFigures,
  type SpendEntry,
  changeOnLastYear,
  counts,
  fundingPosition,
  leftOrOverspent,
  moneyAvailable,
  spendBeyondAllocation,
  overAllocation,
  unspent,
} from './position.ts';

const pence = (pounds: number): number => pounds * 100;

// Coventry's Community Safety Fund for 2016/17, as its report's appendix 8 sets it out.
const coventry: GrantFigures = { amount: pence(409_728), previousAmount: pence(546_304), carryOver: pence(82_750) };

const partnership = 'Partnership Functions & Statutory Responsibilities';
const victims = 'Support for Victims & Vulnerable People';
const offenders = 'Management of Perpetrators & Offenders including gangs & OCGs';
const locations = 'Operational Activity for Locations';
const causes = 'Tackle causes and drivers of crime, nuisance and harm';

const rows: [theme: string, purpose: string, pounds: number][] = [
  [
    partnership,
    'Partnership Support, Development & Contract Monitoring Officer including administration & coordination of partnership meetings',
    39_000,
  ],
  [partnership, 'Analytical support and production of assessments and documents for Partnership meetings', 35_000],
  [victims, 'Coordination of work for High Risk DVA Victims via MARAC case management', 25_000],
  [victims, 'Work with women offenders and their families to prevent reoffending- Springboard', 25_000],
  [victims, 'Contribution towards domestic security within DVA services', 35_415],
  [offenders, 'DVA perpetrator mentoring programme', 55_000],
  [offenders, 'Youth Offending - Community resolution, reparation & out of court disposals', 85_000],
  [offenders, 'Civil Powers. Their use alongside and in conjunction with criminal powers', 33_750],
  [locations, 'Mediation for Neighbourhood disputes', 2_000],
  [locations, 'Community payback for priority locations (alley way clearances)', 5_000],
  [locations, 'Road Safety', 10_000],
  [locations, 'Target Hardening and Security to Public Spaces including deployment of CCTV', 10_000],
  [locations, 'CCTV Modernisation', 49_000],
  [locations, 'Disruption and Operational planning i.e. NTE & CSE activity', 10_000],
  [locations, 'Local initiative & contingency', 4_813],
  [locations, 'CCTV annual air time agreement costs', 6_500],
  [causes, 'Mental Health Triage', 30_000],
  [causes, 'Substance Misuse & early intervention services', 32_000],
];

/** The year's allocations, all released, with whatever spend returns the test gives them. */
const coventryAllocations = (spend: Record<number, SpendEntry[]> = {}): AllocationFigures[] =>
  rows.map(([theme, purpose, pounds], index) => ({
    id: `a${index + 1}`,
    reference: index + 1,
    theme,
    purpose,
    amount: pence(pounds),
    state: 'released',
    spend: spend[index + 1] ?? [],
  }));

/** One allocation, by default released with no returns. */
const allocation = (reference: number, amount: number, more: Partial<AllocationFigures> = {}): AllocationFigures => ({
  id: `a${reference}`,
  reference,
  theme: 'Road Safety',
  purpose: `Allocation ${reference}`,
  amount,
  state: 'released',
  spend: [],
  ...more,
});

const grant = (amount: number, carryOver = 0): GrantFigures => ({ amount, previousAmount: null, carryOver });

describe('the money available', () => {
  it('is the grant and the carry-over: £492,478 for Coventry in 2016/17', () => {
    assert.equal(moneyAvailable(coventry), pence(492_478));
  });

  it('compares the grant with last year’s: Coventry’s fell by £136,576, exactly 25%', () => {
    assert.deepEqual(changeOnLastYear(coventry.amount, coventry.previousAmount), { difference: -pence(136_576), percent: -25 });
    assert.deepEqual(changeOnLastYear(pence(100), pence(80)), { difference: pence(20), percent: 25 });
  });

  it('gives no comparison when last year is unknown, and no percentage of a grant of nought', () => {
    assert.equal(changeOnLastYear(coventry.amount, null), null);
    assert.deepEqual(changeOnLastYear(pence(1_000), 0), { difference: pence(1_000), percent: null });
  });

  it('leaves the percentage unrounded', () => {
    assert.equal(changeOnLastYear(200, 300)?.percent, (-100 * 100) / 300);
  });
});

describe('what counts against the money available', () => {
  it('is every allocation but a withdrawn one', () => {
    assert.deepEqual((['proposed', 'agreed', 'released', 'withdrawn'] as const).map(counts), [true, true, true, false]);
  });

  it('says how far an allocation would go past the money available', () => {
    assert.equal(overAllocation(pence(492_478), pence(492_478), pence(1)), pence(1));
    assert.equal(overAllocation(pence(492_478), pence(487_665), pence(4_813)), 0);
    assert.equal(overAllocation(pence(492_478), pence(487_665), pence(5_000)), pence(187));
    assert.equal(overAllocation(pence(1_000), pence(200), pence(300)), 0);
  });

  it('finds one more £1 allocation on Coventry’s fully allocated year £1 over', () => {
    const position = fundingPosition(coventry, coventryAllocations(), 4);
    assert.equal(overAllocation(position.available, position.allocated, pence(1)), pence(1));
  });

  it('leaves a withdrawn allocation out of the position altogether', () => {
    const position = fundingPosition(
      grant(pence(1_000)),
      [allocation(1, pence(600)), allocation(2, pence(300), { state: 'withdrawn' }), allocation(3, pence(100), { state: 'proposed' })],
      1,
    );
    assert.equal(position.allocated, pence(700));
    assert.equal(position.unallocated, pence(300));
    assert.deepEqual(
      position.allocations.map((line) => line.reference),
      [1, 3],
    );
    assert.deepEqual(
      position.themes.map((theme) => [theme.theme, theme.allocations, theme.allocated]),
      [['Road Safety', 2, pence(700)]],
    );
  });
});

describe('Coventry’s 2016/17 allocations', () => {
  const position = fundingPosition(coventry, coventryAllocations(), 1);

  it('allocate the whole £492,478 available, leaving nothing unallocated', () => {
    assert.equal(position.available, pence(492_478));
    assert.equal(position.allocated, pence(492_478));
    assert.equal(position.total.allocated, pence(492_478));
    assert.equal(position.unallocated, 0);
  });

  it('are listed by reference, with £4,813 for local initiative and contingency', () => {
    assert.equal(position.allocations.length, 18);
    assert.deepEqual(
      position.allocations.map((line) => line.reference),
      rows.map((_, index) => index + 1),
    );
    const contingency = position.allocations.find((line) => line.purpose === 'Local initiative & contingency');
    assert.equal(contingency?.allocated, pence(4_813));
    assert.equal(contingency?.theme, locations);
  });

  it('come under five themes, in the order the report gives them, adding up to the whole', () => {
    assert.deepEqual(
      position.themes.map((theme) => [theme.theme, theme.allocations, theme.allocated]),
      [
        [partnership, 2, pence(74_000)],
        [victims, 3, pence(85_415)],
        [offenders, 3, pence(173_750)],
        [locations, 8, pence(97_313)],
        [causes, 2, pence(62_000)],
      ],
    );
    assert.equal(
      position.themes.reduce((sum, theme) => sum + theme.allocated, 0),
      pence(492_478),
    );
  });

  it('have every return missing before any spend is in', () => {
    assert.deepEqual(position.total.missingReturns, [1]);
    assert.equal(position.total.spentToDate, 0);
    assert.equal(position.total.forecast, pence(492_478));
    assert.equal(position.total.variance, 0);
    assert.equal(position.total.underspend, pence(492_478));
  });
});

describe('a line of the position', () => {
  const line = (spend: SpendEntry[], throughQuarter: 1 | 2 | 3 | 4, state: AllocationFigures['state'] = 'released') =>
    fundingPosition(grant(pence(50_000)), [allocation(1, pence(10_000), { state, spend })], throughQuarter).allocations[0]!;

  it('adds up the spend of the quarters so far, and no later', () => {
    const spend: SpendEntry[] = [
      { quarter: 1, spent: pence(2_000), forecast: null },
      { quarter: 2, spent: pence(2_500), forecast: null },
      { quarter: 3, spent: pence(3_000), forecast: null },
    ];
    assert.equal(line(spend, 1).spentToDate, pence(2_000));
    assert.equal(line(spend, 2).spentToDate, pence(4_500));
    assert.equal(line(spend, 4).spentToDate, pence(7_500));
    assert.equal(line(spend, 2).underspend, pence(5_500));
  });

  it('forecasts the allocated amount until a return says otherwise', () => {
    assert.equal(line([], 2).forecast, pence(10_000));
    assert.equal(line([{ quarter: 1, spent: pence(1_000), forecast: null }], 2).forecast, pence(10_000));
    assert.equal(line([], 4, 'agreed').forecast, pence(10_000));
  });

  it('takes the forecast of the latest return so far that gives one', () => {
    const spend: SpendEntry[] = [
      { quarter: 3, spent: pence(2_000), forecast: null },
      { quarter: 1, spent: pence(2_000), forecast: pence(9_000) },
      { quarter: 2, spent: pence(2_000), forecast: pence(11_000) },
      { quarter: 4, spent: pence(2_000), forecast: pence(8_000) },
    ];
    assert.equal(line(spend, 1).forecast, pence(9_000));
    assert.equal(line(spend, 2).forecast, pence(11_000));
    assert.equal(line(spend, 3).forecast, pence(11_000));
    assert.equal(line(spend, 4).forecast, pence(8_000));
  });

  it('shows an expected underspend as a positive variance and an overspend as a negative one', () => {
    assert.equal(line([{ quarter: 1, spent: 0, forecast: pence(9_000) }], 1).variance, pence(1_000));
    assert.equal(line([{ quarter: 1, spent: 0, forecast: pence(10_500) }], 1).variance, -pence(500));
  });

  it('lists the quarters so far that a released allocation has no return for', () => {
    const spend: SpendEntry[] = [{ quarter: 2, spent: 0, forecast: null }];
    assert.deepEqual(line(spend, 1).missingReturns, [1]);
    assert.deepEqual(line(spend, 2).missingReturns, [1]);
    assert.deepEqual(line(spend, 4).missingReturns, [1, 3, 4]);
  });

  it('expects returns only from the quarter the chair released the money in', () => {
    const released = (releasedIn: 1 | 2 | 3 | 4) =>
      fundingPosition(grant(pence(50_000)), [allocation(1, pence(10_000), { state: 'released', spend: [], releasedIn })], 4)
        .allocations[0]!;
    assert.deepEqual(released(3).missingReturns, [3, 4]);
    assert.deepEqual(released(1).missingReturns, [1, 2, 3, 4]);
  });

  it('expects no returns from an allocation not released yet', () => {
    assert.deepEqual(line([], 4, 'proposed').missingReturns, []);
    assert.deepEqual(line([], 4, 'agreed').missingReturns, []);
  });
});

describe('themes and the total', () => {
  it('takes a theme however its case and spacing are typed, shown as first written', () => {
    const position = fundingPosition(
      grant(pence(1_000)),
      [
        allocation(3, pence(100), { theme: 'road safety' }),
        allocation(1, pence(200), { theme: 'Road  Safety ' }),
        allocation(2, pence(300), { theme: 'CCTV' }),
        allocation(4, pence(400), { theme: ' ROAD SAFETY' }),
      ],
      1,
    );
    assert.deepEqual(
      position.themes.map((theme) => [theme.theme, theme.allocations, theme.allocated]),
      [
        ['Road Safety', 3, pence(700)],
        ['CCTV', 1, pence(300)],
      ],
    );
  });

  it('adds up the lines, and misses a quarter when any released allocation misses it', () => {
    const position = fundingPosition(
      grant(pence(1_000)),
      [
        allocation(1, pence(500), {
          spend: [
            { quarter: 1, spent: pence(100), forecast: null },
            { quarter: 2, spent: pence(150), forecast: pence(450) },
          ],
        }),
        allocation(2, pence(300), { theme: 'CCTV', spend: [{ quarter: 2, spent: pence(200), forecast: pence(320) }] }),
        allocation(3, pence(100), { state: 'agreed' }),
      ],
      2,
    );
    assert.deepEqual(position.total, {
      allocated: pence(900),
      spentToDate: pence(450),
      forecast: pence(870),
      variance: pence(30),
      underspend: pence(450),
      missingReturns: [1],
    });
    assert.deepEqual(
      position.themes.map((theme) => [theme.theme, theme.spentToDate, theme.forecast, theme.missingReturns]),
      [
        ['Road Safety', pence(250), pence(550), []],
        ['CCTV', pence(200), pence(320), [1]],
      ],
    );
    assert.equal(position.unallocated, pence(100));
  });
});

describe('the year’s underspend', () => {
  it('is the money available that was not spent by the end of quarter 4, including what was never allocated', () => {
    const quarterly = (spent: number): SpendEntry[] =>
      ([1, 2, 3, 4] as const).map((quarter) => ({ quarter, spent: pence(spent), forecast: null }));
    const position = fundingPosition(
      grant(pence(900), pence(100)),
      [allocation(1, pence(600), { spend: quarterly(100) }), allocation(2, pence(300), { spend: quarterly(75) })],
      4,
    );
    assert.equal(position.total.spentToDate, pence(700));
    assert.equal(position.unallocated, pence(100));
    assert.equal(unspent(position), pence(300));
  });

  it('is nothing for Coventry’s year when every allocation is spent in full', () => {
    const spentInFull = Object.fromEntries(
      rows.map(([, , pounds], index) => [
        index + 1,
        [
          { quarter: 1, spent: pence(pounds), forecast: null },
          { quarter: 2, spent: 0, forecast: null },
          { quarter: 3, spent: 0, forecast: null },
          { quarter: 4, spent: 0, forecast: null },
        ] satisfies SpendEntry[],
      ]),
    );
    const position = fundingPosition(coventry, coventryAllocations(spentInFull), 4);
    assert.deepEqual(position.total.missingReturns, []);
    assert.equal(unspent(position), 0);
  });

  it('before quarter 4 is the money not spent so far', () => {
    const spend: SpendEntry[] = [{ quarter: 1, spent: pence(1_000), forecast: null }];
    const position = fundingPosition(
      coventry,
      coventryAllocations().map((a, i) => (i === 0 ? { ...a, spend } : a)),
      2,
    );
    assert.equal(unspent(position), pence(492_478 - 1_000));
  });
});

describe('spend beyond an allocation', () => {
  const mentoring: AllocationFigures = {
    id: 'mentoring',
    reference: 6,
    theme: offenders,
    purpose: 'DVA perpetrator mentoring programme',
    amount: pence(55_000),
    state: 'released',
    spend: [
      { quarter: 3, spent: pence(13_750), forecast: null },
      { quarter: 4, spent: pence(99_999_999), forecast: null },
    ],
  };

  it('counts what is spent in the forecast, so the variance shows the overspend rather than £0', () => {
    const line = fundingPosition(coventry, [mentoring], 4).allocations[0];
    assert.equal(line?.spentToDate, pence(100_013_749));
    assert.equal(line?.forecast, pence(100_013_749));
    assert.equal(line?.variance, -pence(99_958_749));
    assert.equal(leftOrOverspent(line?.variance ?? 0), '£99,958,749 overspent');
    // A forecast above what is spent still stands.
    const forecastHigher = { ...mentoring, spend: [{ quarter: 1 as const, spent: pence(10_000), forecast: pence(60_000) }] };
    assert.equal(fundingPosition(coventry, [forecastHigher], 1).allocations[0]?.variance, -pence(5_000));
  });

  it('says how far a quarter’s return takes the allocation past its amount, replacing that quarter’s return', () => {
    assert.deepEqual(spendBeyondAllocation(mentoring, 4, pence(99_999_999)), {
      reference: 6,
      amount: pence(55_000),
      spent: pence(100_013_749),
      beyond: pence(99_958_749),
    });
    assert.equal(spendBeyondAllocation(mentoring, 4, pence(41_250)), null, 'exactly the allocation is within it');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Sector } from './governance.names.ts';
import { assessQuorum, describeQuorumRule, fractionThreshold, isQuorate, type QuorumRule, type Seat } from './quorum.ts';

// The Coventry board's rule (seed 001, Appendix 1): "the attendance of all Responsible Authorities
// and 6 Community/Voluntary Representatives will be required".
const coventryRule: QuorumRule = { kind: 'responsible_authorities_and_community', communityMinimum: 6 };

function seat(organisationName: string, responsibleAuthority: boolean, voting = true, sector: Sector = 'community_voluntary'): Seat {
  return { organisationId: organisationName.toLowerCase(), organisationName, responsibleAuthority, sector, voting };
}

const responsibleAuthorities = [
  seat('Coventry City Council', true, true, 'statutory'),
  seat('West Midlands Police', true, true, 'statutory'),
  seat('West Midlands Fire Service', true, true, 'statutory'),
  seat('Staffordshire and West Midlands Probation', true, true, 'statutory'),
  seat('NHS Coventry and Rugby CCG', true, true, 'statutory'),
];
// Appendix 1's "Community / Voluntary" row: communities, the voluntary sector, social housing and business.
const community = [
  seat('Community Empowerment Network', false),
  seat('Multi-Faith Forum', false),
  seat('Coventry Ethnic Minority Action Partnership', false),
  seat('Federation of Small Businesses', false, true, 'business'),
  seat('Voluntary Action Coventry', false),
  seat('Whitefriars', false, true, 'other'),
  seat('Coventry Youth Council', false),
];
// Public bodies on the board that are not Responsible Authorities: not community or voluntary representatives.
const otherStatutory = [
  'University Hospitals Coventry and Warwickshire NHS Trust',
  'Coventry and Warwickshire Partnership Trust',
  'Coventry Magistrates Court',
  'West Midlands Office for Policing & Crime',
  'NHS Coventry',
  'West Midlands Ambulance Service',
].map((name) => seat(name, false, true, 'statutory'));
const board = [...responsibleAuthorities, ...community, seat('Communications Team', false, false)];

describe('isQuorate with the Coventry board rule', () => {
  it('is quorate with every Responsible Authority and 6 community representatives', () => {
    assert.equal(isQuorate(coventryRule, board, [...responsibleAuthorities, ...community.slice(0, 6)]), true);
  });

  it('does not count public bodies that are not Responsible Authorities as community representatives', () => {
    const members = [...board, ...otherStatutory];
    const result = assessQuorum(coventryRule, members, [...responsibleAuthorities, ...otherStatutory]);
    assert.equal(result.quorate, false);
    assert.deepEqual(result.shortfall, ['0 community or voluntary representatives are present; at least 6 are needed']);
    const withFive = assessQuorum(coventryRule, members, [...responsibleAuthorities, ...otherStatutory, ...community.slice(0, 5)]);
    assert.deepEqual(withFive.shortfall, ['5 community or voluntary representatives are present; at least 6 are needed']);
  });

  it('is not quorate with every Responsible Authority but only 5 community representatives', () => {
    const result = assessQuorum(coventryRule, board, [...responsibleAuthorities, ...community.slice(0, 5)]);
    assert.equal(result.quorate, false);
    assert.deepEqual(result.shortfall, ['5 community or voluntary representatives are present; at least 6 are needed']);
  });

  it('is not quorate when one Responsible Authority is missing, however many others attend', () => {
    const withoutProbation = responsibleAuthorities.filter((s) => !s.organisationName.includes('Probation'));
    const result = assessQuorum(coventryRule, board, [...withoutProbation, ...community]);
    assert.equal(result.quorate, false);
    assert.deepEqual(result.shortfall, ['Staffordshire and West Midlands Probation (Responsible Authority) is not present']);
  });

  it('does not count a non-voting attendee as a community representative', () => {
    const present = [...responsibleAuthorities, ...community.slice(0, 5), seat('Communications Team', false, false)];
    assert.equal(isQuorate(coventryRule, board, present), false);
  });

  it('counts a Responsible Authority as present when any one of its voting members attends', () => {
    const council = seat('Coventry City Council', true);
    const members = [council, council, council, ...responsibleAuthorities.slice(1), ...community];
    assert.equal(isQuorate(coventryRule, members, [...responsibleAuthorities, ...community.slice(0, 6)]), true);
  });
});

describe('isQuorate with a plain count', () => {
  const rule: QuorumRule = { kind: 'count', minimum: 4 };
  it('needs that many voting members', () => {
    assert.equal(isQuorate(rule, board, community.slice(0, 4)), true);
    assert.equal(isQuorate(rule, board, community.slice(0, 3)), false);
  });
});

describe('isQuorate with a fraction of voting members', () => {
  const rule: QuorumRule = { kind: 'fraction', numerator: 1, denominator: 3 };
  it('rounds the threshold up', () => {
    // 12 voting seats on the board: a third is exactly 4; 13 would need 5.
    assert.equal(fractionThreshold(12, 1, 3), 4);
    assert.equal(fractionThreshold(13, 1, 3), 5);
    assert.equal(isQuorate(rule, board, community.slice(0, 4)), true);
    assert.equal(isQuorate(rule, board, community.slice(0, 3)), false);
  });
});

describe('a group with no voting members', () => {
  it('is never quorate, whatever the rule', () => {
    const advisers = [seat('Communications Team', false, false)];
    for (const rule of [coventryRule, { kind: 'count', minimum: 1 }, { kind: 'fraction', numerator: 1, denominator: 3 }] as QuorumRule[]) {
      assert.equal(isQuorate(rule, advisers, advisers), false, rule.kind);
    }
  });
});

describe('describeQuorumRule', () => {
  it('says the Coventry rule in words', () => {
    assert.equal(
      describeQuorumRule(coventryRule),
      'Every Responsible Authority on the group present, and at least 6 community or voluntary representatives',
    );
  });
});

describe('the words of a quorum of one', () => {
  it('say "member" and "is" for one, as a person would', () => {
    assert.equal(describeQuorumRule({ kind: 'count', minimum: 1 }), 'At least 1 voting member present');
    const seat = {
      organisationId: 'o',
      organisationName: 'O',
      responsibleAuthority: false,
      sector: 'community_voluntary' as const,
      voting: true,
    };
    assert.deepEqual(assessQuorum({ kind: 'count', minimum: 1 }, [seat], []).shortfall, [
      '0 voting members are present; at least 1 is needed',
    ]);
  });
});

/** Quoracy: structured rules from terms of reference, and whether those present meet them. */
import { plural } from '../../platform/numbers.ts';
import type { Sector } from './governance.names.ts';

export type QuorumRule =
  /** Every Responsible Authority on the group present, and at least N community or voluntary representatives (Coventry's board). */
  | { kind: 'responsible_authorities_and_community'; communityMinimum: number }
  /** At least N voting members present. */
  | { kind: 'count'; minimum: number }
  /** At least this fraction of the voting members present. */
  | { kind: 'fraction'; numerator: number; denominator: number };

/** A voting or non-voting seat on a group, held through an organisation. */
export interface Seat {
  organisationId: string;
  organisationName: string;
  responsibleAuthority: boolean;
  sector: Sector;
  voting: boolean;
}

/**
 * Whether a seat is a community or voluntary representative's. Seed 001's appendix 1 sets its "Community /
 * Voluntary" seats against the statutory ones: communities, the voluntary sector, social housing and business.
 * Public bodies that are not Responsible Authorities (NHS trusts, courts, the commissioner's office) are not.
 */
export function isCommunityOrVoluntary(seat: Pick<Seat, 'responsibleAuthority' | 'sector'>): boolean {
  return !seat.responsibleAuthority && seat.sector !== 'statutory';
}

export interface QuorumAssessment {
  quorate: boolean;
  /** What is still needed, in words; empty when quorate. */
  shortfall: string[];
}

export function describeQuorumRule(rule: QuorumRule): string {
  switch (rule.kind) {
    case 'responsible_authorities_and_community':
      return `Every Responsible Authority on the group present, and at least ${plural(rule.communityMinimum, 'community or voluntary representative', 'community or voluntary representatives')}`;
    case 'count':
      return `At least ${plural(rule.minimum, 'voting member', 'voting members')} present`;
    case 'fraction':
      return `At least ${rule.numerator} in ${rule.denominator} of the voting members present`;
  }
}

/** The smallest number of voting members present that meets a fraction rule: never fewer than one. */
export function fractionThreshold(votingMembers: number, numerator: number, denominator: number): number {
  return Math.max(1, Math.ceil((votingMembers * numerator) / denominator));
}

/**
 * Judges quorum from the group's seats and those present. Only voting seats count:
 * specialists invited in a non-voting capacity do not make a meeting quorate.
 */
export function assessQuorum(rule: QuorumRule, members: readonly Seat[], present: readonly Seat[]): QuorumAssessment {
  const votingPresent = present.filter((seat) => seat.voting);
  switch (rule.kind) {
    case 'responsible_authorities_and_community': {
      const presentOrganisations = new Set(votingPresent.map((seat) => seat.organisationId));
      const missing = new Map<string, string>();
      for (const seat of members) {
        if (seat.voting && seat.responsibleAuthority && !presentOrganisations.has(seat.organisationId)) {
          missing.set(seat.organisationId, seat.organisationName);
        }
      }
      const community = votingPresent.filter(isCommunityOrVoluntary).length;
      const shortfall = [...missing.values()].map((name) => `${name} (Responsible Authority) is not present`);
      if (community < rule.communityMinimum) {
        shortfall.push(
          `${plural(community, 'community or voluntary representative is', 'community or voluntary representatives are')} present; at least ${rule.communityMinimum} ${rule.communityMinimum === 1 ? 'is' : 'are'} needed`,
        );
      }
      return { quorate: shortfall.length === 0, shortfall };
    }
    case 'count':
      return countAssessment(votingPresent.length, rule.minimum);
    case 'fraction': {
      const voting = members.filter((seat) => seat.voting).length;
      return countAssessment(votingPresent.length, fractionThreshold(voting, rule.numerator, rule.denominator));
    }
  }
}

function countAssessment(present: number, needed: number): QuorumAssessment {
  if (present >= needed) return { quorate: true, shortfall: [] };
  return {
    quorate: false,
    shortfall: [
      `${plural(present, 'voting member is', 'voting members are')} present; at least ${needed} ${needed === 1 ? 'is' : 'are'} needed`,
    ],
  };
}

export function isQuorate(rule: QuorumRule, members: readonly Seat[], present: readonly Seat[]): boolean {
  return assessQuorum(rule, members, present).quorate;
}

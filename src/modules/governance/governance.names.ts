/** The words for each of governance's fixed sets (the sets themselves are unions in db/schema.ts). */
import type {
  AppointmentRole,
  Cadence,
  InterestCategory,
  MembershipRole,
  OrganisationSector,
  OversightKind,
  VoteMajority,
} from '../../db/schema.ts';

export const sectorNames: Record<OrganisationSector, string> = {
  statutory: 'Statutory',
  community_voluntary: 'Community and voluntary',
  business: 'Business',
  other: 'Other',
};

export type Sector = OrganisationSector;

export type { Cadence, MembershipRole, VoteMajority };

export const cadenceNames: Record<Cadence, string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  six_weekly: 'Every six weeks',
  bi_monthly: 'Bi-monthly (every two months)',
  quarterly: 'Quarterly',
  six_monthly: 'Every six months',
  annually: 'Annually',
};

export const membershipRoleNames: Record<MembershipRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  secretary: 'Secretary',
  adviser: 'Adviser',
};

export const interestCategoryNames: Record<InterestCategory, string> = {
  employment: 'Employment, office or business',
  financial: 'Financial interest',
  membership: 'Membership of another body',
  gifts: 'Gifts or hospitality',
  other: 'Other',
};

export const oversightKindNames: Record<OversightKind, string> = {
  pcc: 'Police and Crime Commissioner',
  police_authority: 'Police Authority',
};

export const appointmentRoleNames: Record<AppointmentRole, string> = { chair: 'Chair', vice_chair: 'Vice-chair' };

export const quorumKindNames = {
  responsible_authorities_and_community: 'Every Responsible Authority, and a number of community or voluntary representatives',
  count: 'A number of voting members',
  fraction: 'A fraction of the voting members',
} as const;

/** The majority a vote needs. Where terms of reference say nothing, the usual rule: more for than against. */
export const voteMajorityNames: Record<VoteMajority, string> = {
  votes_cast: 'A simple majority of the votes cast (more for than against)',
  two_thirds_of_votes_cast: 'Two thirds of the votes cast',
  voting_members_present: 'More than half of the voting members present',
};

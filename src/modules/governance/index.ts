/** The governance module's public face: other modules import from here only. */
export {
  createGovernanceService,
  type GovernanceDependencies,
  type GovernanceService,
  isCurrentMembership,
  type TermsOfReference,
  termsInForce,
} from './governance.service.ts';
export {
  governanceAdminRoutes,
  type GovernanceRouteDependencies,
  governanceRoutes,
  type PartnershipGovernanceDependencies,
} from './governance.routes.ts';
export type { PeopleAccounts } from './accountLinks.routes.ts';
export { type HomeRouteDependencies, type HomeWork, homeRoutes, type WaitingFile } from './home.routes.ts';
export { type MyInterestsRouteDependencies, myInterestsRoutes } from './myInterests.routes.ts';
export { seedDemo } from './demo/governance.seed.ts';
export { assessQuorum, isQuorate, type QuorumRule, type Seat } from './quorum.ts';
export {
  type Cadence,
  cadenceNames,
  interestCategoryNames,
  type Sector,
  type VoteMajority,
  voteMajorityNames,
} from './governance.names.ts';
export type { HeldAppointment } from './governance.repository.ts';
export { governanceDataAbout, personIdsOfAccount } from './personalData.repository.ts';

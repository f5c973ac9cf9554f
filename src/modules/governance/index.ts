/** The governance module's public face: other modules import from here only. */
export {
  createGovernanceService,
  type GovernanceDependencies,
  type GovernanceService,
  isCurrentMembership,
  type TermsOfReference,
} from './governance.service.ts';
export { registerGovernanceRoutes } from './governance.routes.ts';
export { seedDemo } from './demo/governance.seed.ts';
export { assessQuorum, isQuorate, type QuorumRule, type Seat } from './quorum.ts';
export { type Cadence, cadenceNames, type Sector, type VoteMajority, voteMajorityNames } from './governance.schemas.ts';
// The life of an editable record (create, change, archive, each audited), for other modules' records too.
export type { HeldAppointment } from './governance.repository.ts';

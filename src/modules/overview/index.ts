/** The overview module's public face: other modules import from here only. */
export {
  createOverviewService,
  type OverviewDependencies,
  type OverviewService,
  type PartnershipOverview,
  type TaskingLink,
} from './overview.service.ts';
export { type OverviewRouteDependencies, overviewRoutes } from './overview.routes.ts';

/** The funding module's public face: other modules import from here only. */
export { createFundingService, type FundingService } from './funding.service.ts';
export type { MoneyLeft } from './grants.service.ts';
export type { FundingDependencies, PriorityChoice, RecordedDecision } from './fundingYears.ts';
export { type FundingRouteDependencies, fundingRoutes } from './funding.routes.ts';
export { type AreaFundingRouteDependencies, areaFundingRoutes } from './area.routes.ts';
export { seedDemoFunding } from './demo/funding.seed.ts';

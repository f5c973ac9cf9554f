/** The funding module's public face: other modules import from here only. */
export { createFundingService, type FundingService } from './funding.service.ts';
export { registerFundingRoutes } from './funding.routes.ts';
export { seedDemoFunding } from './demo/funding.seed.ts';

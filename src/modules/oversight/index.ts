/** The oversight module's public face: what an area's overseers see across its partnerships. */
export { createOversightService, type OversightDependencies, type OversightService } from './oversight.service.ts';
export { type OversightRouteDependencies, oversightRoutes } from './oversight.routes.ts';

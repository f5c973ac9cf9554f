/** The performance module's public face: other modules import from here only. */
export { createPerformanceService, type PerformanceService, type PriorityIndicator } from './performance.service.ts';
export { registerPerformanceRoutes } from './performance.routes.ts';
export { seedDemoPerformance } from './performance.seed.ts';

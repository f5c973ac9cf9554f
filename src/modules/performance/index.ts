/** The performance module's public face: other modules import from here only. */
export { createPerformanceService, type PerformanceDependencies, type PerformanceService } from './performance.service.ts';
export { type PerformanceRouteDependencies, performanceRoutes, quarterSlug } from './performance.routes.ts';
export { publicPerformanceRoutes } from './publicReports.routes.ts';
export { createPerformanceFinding, type PerformanceFinding, type PublishedReport, type ReportLink } from './finding.ts';
export { seedDemoPerformance } from './demo/performance.seed.ts';
export { renderTrendChart, type TrendChart, type TrendChartInput } from './trendChart.ts';

/** The strategy module's public face: other modules import from here only. */
export {
  type AssessmentRow,
  createStrategyService,
  type ObjectiveView,
  type PlanGroup,
  type PriorityView,
  type StrategyDependencies,
  type StrategyService,
} from './strategy.service.ts';
export { type PriorityIndicator, type StrategyRouteDependencies, strategyRoutes } from './strategy.routes.ts';
export { seedDemoStrategy } from './demo/strategy.seed.ts';

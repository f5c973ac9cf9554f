/** The tasking module's public face: priority locations, the monthly tasking document and tasking actions. */
export { createTaskingService } from './tasking.service.ts';
export type {
  PriorityLocation,
  TaskingActionLog,
  TaskingActionView,
  TaskingCrimeData,
  TaskingDependencies,
  TaskingDocument,
  TaskingService,
} from './tasking.types.ts';
export { agreedAtTasking, type TaskingRouteDependencies, taskingRoutes } from './tasking.routes.ts';
export { seedDemoTasking } from './demo/tasking.seed.ts';

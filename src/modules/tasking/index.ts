/** The tasking module's public face: priority locations, the monthly tasking document and tasking actions. */
export { createTaskingService, type TaskingActionLog, type TaskingCrimeData, type TaskingDependencies } from './tasking.service.ts';
export type { PriorityLocation, TaskingActionView, TaskingDocument, TaskingService } from './tasking.types.ts';
export { type TaskingRouteDependencies, taskingRoutes } from './tasking.routes.ts';
export { seedDemoTasking } from './demo/tasking.seed.ts';

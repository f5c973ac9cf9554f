/** The tasking module's public face: priority locations, the monthly tasking document and tasking actions. */
export { createTaskingService } from './tasking.service.ts';
export type { PriorityLocation, TaskingActionView, TaskingDocument, TaskingService } from './tasking.types.ts';
export { registerTaskingRoutes } from './tasking.routes.ts';
export { seedDemoTasking } from './tasking.seed.ts';

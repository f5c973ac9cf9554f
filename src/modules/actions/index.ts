/** The actions module's public face: other modules import from here only. */
export { actionStatuses, actionStatusNames, type ActionStatus, answersFor, mayUpdate, stillToDoStatuses } from './actionStatus.ts';
export { actionFields } from './actions.forms.ts';
export { type ActionInput, actionSchema } from './actions.inputs.ts';
export { type ActionRouteDependencies, actionRoutes } from './actions.routes.ts';
export {
  type ActionLogFilter,
  type ActionsDependencies,
  type ActionsService,
  createActionsService,
  type LoggedAction,
} from './actions.service.ts';

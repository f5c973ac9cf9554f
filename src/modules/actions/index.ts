/** The actions module's public face: other modules import from here only. */
export { actionStatusNames, type ActionStatus, stillToDoStatuses } from './actionStatus.ts';
export {
  type ActionLogFilter,
  type ActionsService,
  createActionsService,
  type LoggedAction,
  type PartTwoReaders,
} from './actions.service.ts';
export { registerActionRoutes } from './actions.routes.ts';
export { actionFields, type ActionInput, actionSchema } from './actions.schemas.ts';

/** The actions module's public face: other modules import from here only. */
export { actionStatuses, actionStatusNames, type ActionStatus, answersFor, mayUpdate, stillToDoStatuses } from './actionStatus.ts';
export { actionFields, ownerFields, ownerOptions } from './actions.forms.ts';
export { type ActionOwner, type OwnerChoice, ownerKindOf, ownerNamed, type OwnerRecords, ownerSchema } from './owners.ts';
export { type ActionInput, actionSchema, type OwnedActionInput } from './actions.inputs.ts';
export { type ActionRouteDependencies, actionRoutes } from './actions.routes.ts';
export {
  type ActionLogFilter,
  type ActionsDependencies,
  type ActionsService,
  createActionsService,
  type LoggedAction,
} from './actions.service.ts';
export { actionsDataAbout } from './personalData.repository.ts';
export { stillToDoDueBy } from './actions.repository.ts';

/** The accounts module's public face: other modules import from here only. */
export {
  type AccountsDependencies,
  type AccountsService,
  type ChairAppointmentHeld,
  type ChairAppointments,
  createAccountsService,
  normaliseEmail,
  type PlaceNames,
  type RoleGrantView,
} from './accounts.service.ts';
export { signInThrottle } from './signInThrottle.ts';
export type { PublicUser } from './userChanges.ts';
export { type OwnAccountRouteDependencies, ownAccountRoutes, type PersonOfAccountView } from './ownAccount.routes.ts';
export { type AccountRouteDependencies, accountRoutes, type SignInRouteDependencies, signInRoutes } from './accounts.routes.ts';
export type { NewUser } from './accounts.inputs.ts';
export { passwordProblem } from './passwordRule.ts';
export type { SessionRecords } from './sessions.service.ts';
export { passwordResetJob, type PasswordService } from './passwords.service.ts';

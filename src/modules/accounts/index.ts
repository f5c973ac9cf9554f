/** The accounts module's public face: other modules import from here only. */
export {
  type AccountsDependencies,
  type AccountsService,
  type ChairAppointmentHeld,
  type ChairAppointments,
  createAccountsService,
  normaliseEmail,
  type PlaceNames,
  type PublicUser,
  type RoleGrantView,
} from './accounts.service.ts';
export { signInThrottle } from './signInThrottle.ts';
export { type AccountRouteDependencies, accountRoutes, type SignInRouteDependencies, signInRoutes } from './accounts.routes.ts';
export { type TwoStepRouteDependencies, twoStepRoutes } from './twoStep.routes.ts';
export { type TwoStepSignInDependencies, twoStepSignInRoutes } from './twoStepSignIn.routes.ts';
export type { TwoStepService, TwoStepStatus, TwoStepStep } from './twoStep.service.ts';
export { mustUseTwoStep } from './twoStepCodes.ts';
export { minimumPasswordLength, type NewUser } from './accounts.inputs.ts';
export type { SessionRecords } from './sessions.service.ts';

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
  type SeatHeld,
} from './accounts.service.ts';
export type { AccountOfPerson } from './accountsForPeople.ts';
export { signInThrottle } from './signInThrottle.ts';
export type { PublicUser } from './userChanges.ts';
export { type OwnAccountRouteDependencies, ownAccountRoutes, type PersonOfAccountView } from './ownAccount.routes.ts';
export { createSignInProvidersService, type SignInProvidersService } from './signInProviders.service.ts';
export { createSingleSignOnService, type SingleSignOnService } from './singleSignOn.service.ts';
export { signInProviderRoutes, singleSignOnRoutes } from './signInProviders.routes.ts';
export { type AccountRouteDependencies, accountRoutes, type SignInRouteDependencies, signInRoutes } from './accounts.routes.ts';
export { type TwoStepRouteDependencies, twoStepRoutes } from './twoStep.routes.ts';
export { type TwoStepSignInDependencies, twoStepSignInRoutes } from './twoStepSignIn.routes.ts';
export type { TwoStepService, TwoStepStatus, TwoStepStep } from './twoStep.service.ts';
export { mustUseTwoStep } from './twoStepCodes.ts';
export type { NewUser } from './accounts.inputs.ts';
export { minimumPasswordLength } from './passwordRule.ts';
export { passwordProblem } from './passwordRule.ts';
export type { SessionRecords } from './sessions.service.ts';
export { passwordResetJob, type PasswordService, resetLinkLifetimeMinutes } from './passwords.service.ts';
export { accountDataAbout } from './personalData.repository.ts';

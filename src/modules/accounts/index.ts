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
export { createSignInProvidersService, type SignInProvidersService } from './signInProviders.service.ts';
export { createSingleSignOnService, type SingleSignOnService } from './singleSignOn.service.ts';
export { signInProviderRoutes, singleSignOnRoutes } from './signInProviders.routes.ts';
export { type AccountRouteDependencies, accountRoutes, type SignInRouteDependencies, signInRoutes } from './accounts.routes.ts';
export { minimumPasswordLength, type NewUser } from './accounts.inputs.ts';
export type { SessionRecords } from './sessions.service.ts';

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
  type SeatHeld,
} from './accounts.service.ts';
export type { AccountOfPerson } from './accountsForPeople.ts';
export { signInThrottle } from './signInThrottle.ts';
export { type AccountRouteDependencies, accountRoutes, type SignInRouteDependencies, signInRoutes } from './accounts.routes.ts';
export { minimumPasswordLength, type NewUser } from './accounts.inputs.ts';
export type { SessionRecords } from './sessions.service.ts';

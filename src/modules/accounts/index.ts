export {
  type AccountsDependencies,
  type AccountsService,
  type ChairAppointmentHeld,
  type ChairAppointments,
  createAccountsService,
  normaliseEmail,
  type NewUser,
  type PublicUser,
} from './accounts.service.ts';
export { signInThrottle } from './signInThrottle.ts';
export type { RoleGrantView } from './accounts.repository.ts';
export { type AccountRouteDependencies, accountRoutes, type SignInRouteDependencies, signInRoutes } from './accounts.routes.ts';
export { minimumPasswordLength } from './accounts.schemas.ts';
export type { SessionRecords } from './sessions.service.ts';

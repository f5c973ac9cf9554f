/** The audit module's public face: other modules import from here only. */
export { type AuditDependencies, type AuditTrail, createAuditTrail } from './audit.service.ts';
export type { AuditFilter, AuditRow, SignInEntry } from './audit.repository.ts';
export { type AuditRouteDependencies, auditRoutes } from './audit.routes.ts';
export { auditDataAbout } from './personalData.repository.ts';

export { type AuditDependencies, type AuditTrail, createAuditTrail } from './audit.service.ts';
export type { AuditFilter, AuditRow } from './audit.repository.ts';
export { registerAuditRoutes } from './audit.routes.ts';

/** The privacy module's public face: the statement, notice and cookies pages, and the subject access export. */
export { type PrivacyRouteDependencies, privacyRoutes } from './privacy.routes.ts';
export {
  createSubjectAccessService,
  type GovernanceData,
  type SubjectAccessDependencies,
  type SubjectAccessFile,
  type SubjectAccessService,
} from './subjectAccess.service.ts';

/** The meetings module's public face: other modules import from here only. */
export { type AgendaDependencies, type AgendaService, createAgendaService } from './agenda.service.ts';
export { type AttendanceDependencies, type AttendanceService, createAttendanceService } from './attendance.service.ts';
export {
  type Audience,
  type Confidentiality,
  type ConfidentialityDependencies,
  createConfidentiality,
  type ReadingOptions,
} from './confidentiality.ts';
export {
  createMeetingsFinding,
  type MeetingLink,
  type MeetingsFinding,
  type MeetingsFindingDependencies,
  type MeetingsOverview,
} from './finding.service.ts';
export { type GovernanceReads, governanceReads } from './governance.reads.ts';
export { createMemberWork, type GroupChange, type MemberWork, type MemberWorkReader } from './memberWork.ts';
export type { MeetingView } from './meetings.repository.ts';
export { createMeetingsService, type MeetingsDependencies, type MeetingsService } from './meetings.service.ts';
export { createMemberActsService, type MemberActsDependencies, type MemberActsService } from './memberActs.service.ts';
export { createMinutesService, type MinutesDependencies, type MinutesService } from './minutes.service.ts';
export {
  type AgendaPublished,
  type AgendaWithdrawn,
  createPapersService,
  type PapersDependencies,
  type PapersService,
  type ReportPaper,
} from './papers.service.ts';
export { createWorkProgrammeService, type WorkProgrammeDependencies, type WorkProgrammeService } from './workProgramme.service.ts';
export { agendaRoutes } from './agenda.routes.ts';
export { attendanceRoutes } from './attendance.routes.ts';
export { type MeetingRouteDependencies } from './meetings.pages.ts';
export { meetingRoutes } from './meetings.routes.ts';
export { meetingStepRoutes } from './meetingSteps.routes.ts';
export { memberActRoutes } from './memberActs.routes.ts';
export { minutesRoutes } from './minutes.routes.ts';
export { papersRoutes } from './papers.routes.ts';
export { publicationRoutes } from './publication.routes.ts';
export { workProgrammeRoutes } from './workProgramme.routes.ts';
export { seedDemoMeetings } from './demo/meetings.seed.ts';
export { seedCoventry2007Group, seedCoventry2007Meeting } from './demo/coventry2007.seed.ts';
export { meetingsDataAbout } from './personalData.repository.ts';

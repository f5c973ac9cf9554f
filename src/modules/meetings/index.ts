/** The meetings module's public face: other modules import from here only. */
export { type AgendaService, createAgendaService } from './agenda.service.ts';
export { type AttendanceService, createAttendanceService } from './attendance.service.ts';
export { type Audience, type Confidentiality, createConfidentiality, type ReadingOptions } from './confidentiality.ts';
export { createMeetingsService, type MeetingsService } from './meetings.service.ts';
export { createMinutesService, type MinutesService } from './minutes.service.ts';
export { type AgendaPublished, createPapersService, type PapersService } from './papers.service.ts';
export { createWorkProgrammeService, type WorkProgrammeService } from './workProgramme.service.ts';
export { registerMeetingRoutes } from './meetings.routes.ts';
export { registerPublicationRoutes } from './publication.routes.ts';
export { registerWorkProgrammeRoutes } from './workProgramme.routes.ts';
export { seedDemoMeetings } from './meetings.seed.ts';
export { seedCoventry2007Group, seedCoventry2007Meeting } from './coventry2007.seed.ts';
export { addDays, shiftWorkingDays } from './workingDays.ts';
// Which files may be a paper, by their content: any other module's documents are held to the same rule.
export { classifyPaper, kindOfContentType, maxPaperBytes, maxPaperSizeText, paperKinds } from './papers.ts';

/** Composition root: the one place that builds services from their dependencies. */
import type { Config } from './config.ts';
import { type Clock, systemClock } from './core/clock.ts';
import { createDb, type DatabaseHandle } from './db/createDb.ts';
import { type AccountsService, createAccountsService } from './modules/accounts/index.ts';
import { type AuditTrail, createAuditTrail } from './modules/audit/index.ts';
import { createGovernanceService, type GovernanceService } from './modules/governance/index.ts';
import {
  type AgendaService,
  type AttendanceService,
  createAgendaService,
  createAttendanceService,
  createMeetingsService,
  createMinutesService,
  createPapersService,
  type MeetingsService,
  type MinutesService,
  type PapersService,
  createWorkProgrammeService,
  type WorkProgrammeService,
} from './modules/meetings/index.ts';

export interface Container {
  config: Config;
  clock: Clock;
  database: DatabaseHandle;
  audit: AuditTrail;
  accounts: AccountsService;
  governance: GovernanceService;
  meetings: MeetingsService;
  agenda: AgendaService;
  attendance: AttendanceService;
  minutes: MinutesService;
  papers: PapersService;
  workProgramme: WorkProgrammeService;
}

export function createContainer(config: Config, clock: Clock = systemClock, database?: DatabaseHandle): Container {
  const handle = database ?? createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const audit = createAuditTrail(handle.db, clock);
  const governance = createGovernanceService(handle.db, audit, clock);
  const agenda = createAgendaService(handle.db, audit, clock);
  const attendance = createAttendanceService(handle.db, audit, clock, governance);
  const meetings = createMeetingsService(handle.db, audit, clock, governance);
  return {
    config,
    clock,
    database: handle,
    audit,
    accounts: createAccountsService(handle.db, audit, clock),
    governance,
    meetings,
    agenda,
    attendance,
    minutes: createMinutesService(handle.db, audit, clock, agenda, attendance, governance),
    papers: createPapersService({ db: handle.db, audit, clock, meetings, agenda }),
    workProgramme: createWorkProgrammeService(handle.db, audit, clock, governance, meetings, agenda),
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { GovernanceReads } from './governance.reads.ts';
import type { AgendaService } from './agenda.service.ts';
import type { WorkProgrammeInput } from './meetings.inputs.ts';
import type { MeetingsService } from './meetings.service.ts';
import { insertWorkProgrammeItem, linkToAgenda, listWorkProgramme, type WorkProgrammeView } from './workProgramme.repository.ts';

export interface WorkProgrammeService {
  list(partnershipId: string, groupId: string): Promise<WorkProgrammeView[]>;
  add(actor: Actor, partnershipId: string, groupId: string, input: WorkProgrammeInput): Promise<string>;
  /** Puts a planned item on the agenda of the meeting it is planned for, and links the two. */
  place(actor: Actor, partnershipId: string, groupId: string, itemId: string): Promise<void>;
}

export interface WorkProgrammeDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  governance: Pick<GovernanceReads, 'group'>;
  meetings: MeetingsService;
  agenda: AgendaService;
}

export function createWorkProgrammeService({
  db,
  audit,
  clock,
  governance,
  meetings,
  agenda,
}: WorkProgrammeDependencies): WorkProgrammeService {
  async function futureMeeting(partnershipId: string, groupId: string, meetingId: string) {
    const meeting = (await meetings.toCome(partnershipId, { groupId })).find((m) => m.id === meetingId);
    if (!meeting) throw new FieldValidationError('plannedMeetingId', 'Select a future meeting of this group');
    return meeting;
  }

  return {
    async list(partnershipId, groupId) {
      await governance.group(partnershipId, groupId);
      return listWorkProgramme(db, partnershipId, groupId);
    },

    async add(actor, partnershipId, groupId, input) {
      await governance.group(partnershipId, groupId);
      if (input.plannedMeetingId) await futureMeeting(partnershipId, groupId, input.plannedMeetingId);
      const row = { id: randomUUID(), partnershipId, groupId, ...input, agendaItemId: null, createdAt: isoNow(clock) };
      await db.transaction().execute(async (trx) => {
        await insertWorkProgrammeItem(trx, row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'work_programme_item',
          entityId: row.id,
          partnershipId,
          summary: `Planned "${input.title}" in the work programme`,
          before: null,
          after: row,
        });
      });
      return row.id;
    },

    async place(actor, partnershipId, groupId, itemId) {
      const item = (await listWorkProgramme(db, partnershipId, groupId)).find((candidate) => candidate.id === itemId);
      if (!item) throw new NotFoundError('work programme item');
      if (item.agendaItemId) throw new FieldValidationError('form', `"${item.title}" is already on an agenda`);
      if (!item.plannedMeetingId) throw new FieldValidationError('form', `Plan "${item.title}" for a meeting first`);
      await futureMeeting(partnershipId, groupId, item.plannedMeetingId);
      const input = {
        title: item.title,
        section: 'decision' as const,
        presenter: null,
        purpose: item.notes,
        confidential: false,
        confidentialReason: null,
      };
      await agenda.addItem(actor, partnershipId, item.plannedMeetingId, input, async (trx, agendaItemId) => {
        if (!(await linkToAgenda(trx, itemId, agendaItemId)))
          throw new FieldValidationError('form', `"${item.title}" is already on an agenda`);
      });
    },
  };
}

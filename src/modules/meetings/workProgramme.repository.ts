import type { Kysely, Selectable } from 'kysely';
import type { Database, WorkProgrammeItemsTable } from '../../db/schema.ts';

export type WorkProgrammeRow = Selectable<WorkProgrammeItemsTable>;
export type WorkProgrammeView = WorkProgrammeRow & { plannedMeetingDate: string | null; agendaMeetingId: string | null };

export async function listWorkProgramme(db: Kysely<Database>, partnershipId: string, groupId: string): Promise<WorkProgrammeView[]> {
  return db
    .selectFrom('workProgrammeItems')
    .leftJoin('meetings', 'meetings.id', 'workProgrammeItems.plannedMeetingId')
    .leftJoin('agendaItems', 'agendaItems.id', 'workProgrammeItems.agendaItemId')
    .selectAll('workProgrammeItems')
    .select(['meetings.meetingDate as plannedMeetingDate', 'agendaItems.meetingId as agendaMeetingId'])
    .where('workProgrammeItems.partnershipId', '=', partnershipId)
    .where('workProgrammeItems.groupId', '=', groupId)
    .orderBy('meetings.meetingDate')
    .orderBy('workProgrammeItems.createdAt')
    .execute();
}

export async function insertWorkProgrammeItem(db: Kysely<Database>, row: WorkProgrammeRow): Promise<void> {
  await db.insertInto('workProgrammeItems').values(row).execute();
}

/** Links a planned item to the agenda item made from it, once: false when it was already placed. */
export async function linkToAgenda(db: Kysely<Database>, id: string, agendaItemId: string): Promise<boolean> {
  const result = await db
    .updateTable('workProgrammeItems')
    .set({ agendaItemId })
    .where('id', '=', id)
    .where('agendaItemId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

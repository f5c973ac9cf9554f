/** What members do for themselves about a meeting: their apologies, interests declared beforehand, comments on draft minutes. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, ItemInterestsTable, MeetingApologiesTable, MinutesCommentsTable } from '../../db/schema.ts';

export type ApologyRow = Selectable<MeetingApologiesTable>;
export type ApologyView = ApologyRow & { personName: string; substituteName: string | null; organisationName: string | null };

export async function listApologies(db: Kysely<Database>, meetingId: string): Promise<ApologyView[]> {
  return db
    .selectFrom('meetingApologies')
    .innerJoin('people as member', 'member.id', 'meetingApologies.personId')
    .leftJoin('organisations', 'organisations.id', 'member.organisationId')
    .leftJoin('people as substitute', 'substitute.id', 'meetingApologies.substitutePersonId')
    .selectAll('meetingApologies')
    .select(['member.name as personName', 'substitute.name as substituteName', 'organisations.name as organisationName'])
    .where('meetingApologies.meetingId', '=', meetingId)
    .orderBy('member.name')
    .execute();
}

export async function insertApology(db: Kysely<Database>, row: ApologyRow): Promise<void> {
  await db.insertInto('meetingApologies').values(row).execute();
}

export async function updateApology(
  db: Kysely<Database>,
  id: string,
  changes: Pick<ApologyRow, 'substitutePersonId' | 'note' | 'sentAt' | 'sentBy'>,
): Promise<void> {
  await db.updateTable('meetingApologies').set(changes).where('id', '=', id).execute();
}

export async function deleteApology(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('meetingApologies').where('id', '=', id).execute();
}

export type ItemInterestRow = Selectable<ItemInterestsTable>;
export type ItemInterestView = ItemInterestRow & { personName: string; itemTitle: string; confidential: boolean; groupId: string };

export async function listItemInterests(
  db: Kysely<Database>,
  meetingId: string,
  filter: { agendaItemId?: string; id?: string } = {},
): Promise<ItemInterestView[]> {
  let query = db
    .selectFrom('itemInterests')
    .innerJoin('people', 'people.id', 'itemInterests.personId')
    .innerJoin('agendaItems', 'agendaItems.id', 'itemInterests.agendaItemId')
    .innerJoin('meetings', 'meetings.id', 'itemInterests.meetingId')
    .selectAll('itemInterests')
    .select(['people.name as personName', 'agendaItems.title as itemTitle', 'agendaItems.confidential', 'meetings.groupId'])
    .where('itemInterests.meetingId', '=', meetingId)
    // An item taken off the agenda takes its declarations with it.
    .where('agendaItems.archivedAt', 'is', null)
    .orderBy('itemInterests.declaredAt');
  if (filter.agendaItemId) query = query.where('itemInterests.agendaItemId', '=', filter.agendaItemId);
  if (filter.id) query = query.where('itemInterests.id', '=', filter.id);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, confidential: Boolean(row.confidential) }));
}

export async function insertItemInterest(db: Kysely<Database>, row: ItemInterestRow): Promise<void> {
  await db.insertInto('itemInterests').values(row).execute();
}

/** Marks a declared interest recorded in the minutes, once: false if it already was. */
export async function markInterestRecorded(
  db: Kysely<Database>,
  id: string,
  recordedAt: string,
  recordedBy: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('itemInterests')
    .set({ recordedAt, recordedBy })
    .where('id', '=', id)
    .where('recordedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives back the claim of a declared interest whose recording in the minutes failed. */
export async function releaseInterestRecorded(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('itemInterests').set({ recordedAt: null, recordedBy: null }).where('id', '=', id).execute();
}

export type CommentRow = Selectable<MinutesCommentsTable>;
export type CommentView = CommentRow & {
  personName: string;
  itemTitle: string | null;
  confidential: boolean;
  groupId: string;
};

export async function listComments(db: Kysely<Database>, meetingId: string, filter: { id?: string } = {}): Promise<CommentView[]> {
  let query = db
    .selectFrom('minutesComments')
    .innerJoin('people', 'people.id', 'minutesComments.personId')
    .innerJoin('meetings', 'meetings.id', 'minutesComments.meetingId')
    .leftJoin('agendaItems', 'agendaItems.id', 'minutesComments.agendaItemId')
    .selectAll('minutesComments')
    .select(['people.name as personName', 'agendaItems.title as itemTitle', 'agendaItems.confidential', 'meetings.groupId'])
    .where('minutesComments.meetingId', '=', meetingId)
    .orderBy('minutesComments.madeAt');
  if (filter.id) query = query.where('minutesComments.id', '=', filter.id);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, confidential: Boolean(row.confidential) }));
}

export async function insertComment(db: Kysely<Database>, row: CommentRow): Promise<void> {
  await db.insertInto('minutesComments').values(row).execute();
}

/** Resolves a comment once: false if someone resolved it first. */
export async function resolveComment(
  db: Kysely<Database>,
  id: string,
  resolution: Pick<CommentRow, 'resolution' | 'resolutionNote' | 'resolvedAt' | 'resolvedBy'>,
): Promise<boolean> {
  const result = await db
    .updateTable('minutesComments')
    .set(resolution)
    .where('id', '=', id)
    .where('resolution', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

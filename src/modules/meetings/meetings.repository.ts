import type { Kysely, Selectable } from 'kysely';
import { NotFoundError } from '../../platform/errors.ts';
import { readOnce } from '../../platform/readOnce.ts';
import { versionOf } from '../../db/versions.ts';
import type { Database, MeetingChangesTable, MeetingsTable } from '../../db/schema.ts';

export type MeetingRow = Selectable<MeetingsTable>;
export type MeetingView = MeetingRow & { groupName: string };
export type MeetingChangeRow = Selectable<MeetingChangesTable>;

export interface MeetingFilter {
  id?: string;
  groupId?: string;
  /** Inclusive YYYY-MM-DD bounds on the meeting date. */
  from?: string;
  to?: string;
}

/** The count of changes to what a partnership's meeting pages and overview are read from (decision 0057). */
export function partnershipVersion(db: Kysely<Database>, partnershipId: string): Promise<string> {
  return versionOf(db, 'partnershipVersions', partnershipId);
}

export async function listMeetings(db: Kysely<Database>, partnershipId: string, filter: MeetingFilter = {}): Promise<MeetingView[]> {
  let query = db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .selectAll('meetings')
    .select('groups.name as groupName')
    .where('meetings.partnershipId', '=', partnershipId)
    .where('meetings.archivedAt', 'is', null)
    .orderBy('meetings.meetingDate')
    .orderBy('meetings.startTime');
  if (filter.id) query = query.where('meetings.id', '=', filter.id);
  if (filter.groupId) query = query.where('meetings.groupId', '=', filter.groupId);
  if (filter.from) query = query.where('meetings.meetingDate', '>=', filter.from);
  if (filter.to) query = query.where('meetings.meetingDate', '<=', filter.to);
  return query.execute();
}

/**
 * A page of the meetings before a date, latest first, with how many there are: read from
 * meetings_partnership_date_time backwards, and counted as the partnership's (or group's) meetings, kept in
 * meeting_counts, less those on or after the date, which are few when the date is today.
 */
export async function listEarlierMeetings(
  db: Kysely<Database>,
  partnershipId: string,
  { before, groupId }: { before: string; groupId?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ meetings: MeetingView[]; total: number }> {
  let meetings = db.selectFrom('meetings').where('meetings.partnershipId', '=', partnershipId).where('meetings.archivedAt', 'is', null);
  if (groupId) meetings = meetings.where('meetings.groupId', '=', groupId);
  const earlier = meetings.where('meetings.meetingDate', '<', before);
  let all = db.selectFrom('meetingCounts').where('partnershipId', '=', partnershipId);
  if (groupId) all = all.where('groupId', '=', groupId);
  const [listed, kept, later] = await Promise.all([
    earlier
      .innerJoin('groups', 'groups.id', 'meetings.groupId')
      .selectAll('meetings')
      .select('groups.name as groupName')
      .orderBy('meetings.meetingDate', 'desc')
      .orderBy('meetings.startTime', 'desc')
      .orderBy('meetings.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    all.select((eb) => eb.fn.sum<number | null>('total').as('total')).executeTakeFirstOrThrow(),
    meetings
      .where('meetings.meetingDate', '>=', before)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { meetings: listed, total: Number(kept.total ?? 0) - Number(later.total) };
}

/** One meeting of the partnership, or NotFoundError: a meeting reached through another partnership's address is not found. */
export async function requireMeeting(db: Kysely<Database>, partnershipId: string, id: string): Promise<MeetingView> {
  // Read once for a page, which asks for its meeting through several services.
  return readOnce(`meeting ${partnershipId} ${id}`, async () => {
    const [meeting] = await listMeetings(db, partnershipId, { id });
    if (!meeting) throw new NotFoundError('meeting');
    return meeting;
  });
}

export async function insertMeeting(db: Kysely<Database>, meeting: Omit<MeetingRow, 'version'>): Promise<void> {
  await db.insertInto('meetings').values(meeting).execute();
}

export async function insertMeetingChange(db: Kysely<Database>, change: MeetingChangeRow): Promise<void> {
  await db.insertInto('meetingChanges').values(change).execute();
}

export async function listMeetingChanges(db: Kysely<Database>, meetingId: string): Promise<MeetingChangeRow[]> {
  return db.selectFrom('meetingChanges').selectAll().where('meetingId', '=', meetingId).orderBy('changedAt').execute();
}

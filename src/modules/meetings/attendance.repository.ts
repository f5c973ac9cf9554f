import { type Kysely, type Selectable, sql } from 'kysely';
import type { AttendanceTable, Database } from '../../db/schema.ts';

export type AttendanceRow = Selectable<AttendanceTable>;

export async function listAttendance(db: Kysely<Database>, meetingId: string): Promise<AttendanceRow[]> {
  return db.selectFrom('attendance').selectAll().where('meetingId', '=', meetingId).orderBy('attendeeName').execute();
}

/** Which of the meetings have their attendance recorded: one query, however many meetings. */
export async function meetingsWithAttendance(db: Kysely<Database>, meetingIds: readonly string[]): Promise<Set<string>> {
  if (meetingIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('attendance')
    .select('meetingId')
    .distinct()
    .where('meetingId', 'in', [...meetingIds])
    .execute();
  return new Set(rows.map((row) => row.meetingId));
}

/** The attendance of a meeting is saved as a whole: what was there is replaced. */
export async function replaceAttendance(db: Kysely<Database>, meetingId: string, rows: AttendanceRow[]): Promise<void> {
  await db.deleteFrom('attendance').where('meetingId', '=', meetingId).execute();
  if (rows.length) await db.insertInto('attendance').values(rows).execute();
}

/** The dates of the group's meetings (not cancelled) that have their attendance recorded, latest first. */
export async function attendanceDates(db: Kysely<Database>, partnershipId: string, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('meetings')
    .innerJoin('attendance', 'attendance.meetingId', 'meetings.id')
    .select('meetings.meetingDate')
    .distinct()
    .where('meetings.partnershipId', '=', partnershipId)
    .where('meetings.groupId', '=', groupId)
    .where('meetings.status', '!=', 'cancelled')
    .orderBy('meetings.meetingDate', 'desc')
    .execute();
  return rows.map((row) => row.meetingDate);
}

/** The most votes cast on any one decision at the meeting (0 when none was put to a vote). */
export async function largestVote(db: Kysely<Database>, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('decisions')
    .select(sql<number>`max(coalesce(votes_for, 0) + coalesce(votes_against, 0) + coalesce(votes_abstaining, 0))`.as('votes'))
    .where('meetingId', '=', meetingId)
    .executeTakeFirst();
  return Number(row?.votes ?? 0);
}

/** How many of these seats are recorded present at the meeting, in person or by a substitute. */
export async function countPresent(db: Kysely<Database>, meetingId: string, membershipIds: readonly string[]): Promise<number> {
  if (membershipIds.length === 0) return 0;
  const row = await db
    .selectFrom('attendance')
    .select((eb) => eb.fn.countAll<number>().as('present'))
    .where('meetingId', '=', meetingId)
    .where('membershipId', 'in', [...membershipIds])
    .where('status', 'in', ['present', 'substitute'])
    .executeTakeFirst();
  return Number(row?.present ?? 0);
}

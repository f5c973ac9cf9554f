import type { Kysely, Selectable } from 'kysely';
import type { AttendanceTable, Database } from '../../db/schema.ts';

export type AttendanceRow = Selectable<AttendanceTable>;

export async function listAttendance(db: Kysely<Database>, meetingId: string): Promise<AttendanceRow[]> {
  return db.selectFrom('attendance').selectAll().where('meetingId', '=', meetingId).orderBy('attendeeName').execute();
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

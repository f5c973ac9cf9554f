import type { Kysely, Selectable } from 'kysely';
import type { AttendanceTable, Database } from '../../db/schema.ts';

export type AttendanceRow = Selectable<AttendanceTable>;
export type AttendanceView = AttendanceRow & { substituteName: string | null };

export async function listAttendance(db: Kysely<Database>, meetingId: string): Promise<AttendanceView[]> {
  return db
    .selectFrom('attendance')
    .leftJoin('people', 'people.id', 'attendance.substitutePersonId')
    .selectAll('attendance')
    .select('people.name as substituteName')
    .where('attendance.meetingId', '=', meetingId)
    .orderBy('attendance.attendeeName')
    .execute();
}

/** The attendance of a meeting is saved as a whole: what was there is replaced. */
export async function replaceAttendance(db: Kysely<Database>, meetingId: string, rows: AttendanceRow[]): Promise<void> {
  await db.deleteFrom('attendance').where('meetingId', '=', meetingId).execute();
  if (rows.length) await db.insertInto('attendance').values(rows).execute();
}

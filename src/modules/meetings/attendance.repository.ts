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

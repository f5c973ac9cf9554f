import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataSubject, PersonalData } from '../../platform/personalData.ts';

/** The notices a person chose, the ones they turned off, and those held for their weekly digest. */
export async function noticesDataAbout(db: Kysely<Database>, { personIds }: DataSubject): Promise<PersonalData> {
  if (personIds.length === 0) return { noticePreferences: [], noticeOptOuts: [], heldNotices: [] };
  const [noticePreferences, noticeOptOuts, heldNotices] = await Promise.all([
    db.selectFrom('noticePreferences').selectAll().where('personId', 'in', personIds).execute(),
    db.selectFrom('noticeOptOuts').selectAll().where('personId', 'in', personIds).orderBy('createdAt').execute(),
    db.selectFrom('heldNotices').selectAll().where('personId', 'in', personIds).orderBy('heldAt').execute(),
  ]);
  return { noticePreferences, noticeOptOuts, heldNotices };
}

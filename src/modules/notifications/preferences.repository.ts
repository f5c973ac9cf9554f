import type { Kysely, Selectable } from 'kysely';
import type { Database, HeldNoticesTable } from '../../db/schema.ts';
import { defaultPreferences, type GroupNoticeKind, type NoticePreferences, optOutKey } from './noticeAudience.ts';

export type HeldNotice = Selectable<HeldNoticesTable>;

/** The preferences of each person asked about; those who never chose get the defaults. */
export async function selectPreferences(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, NoticePreferences>> {
  const result = new Map<string, NoticePreferences>();
  if (personIds.length === 0) return result;
  const [rows, optOuts] = await Promise.all([
    db.selectFrom('noticePreferences').selectAll().where('personId', 'in', personIds).execute(),
    db.selectFrom('noticeOptOuts').select(['personId', 'groupId', 'kind']).where('personId', 'in', personIds).execute(),
  ]);
  for (const id of personIds) {
    const row = rows.find((r) => r.personId === id);
    const turnedOff = new Set(optOuts.filter((o) => o.personId === id).map((o) => optOutKey(o.kind, o.groupId)));
    result.set(id, row ? { reminders: row.reminders === 1, digest: row.digest === 1, turnedOff } : { ...defaultPreferences, turnedOff });
  }
  return result;
}

/** Sets the person's own choices, on both engines as one upsert (two saves at once leave the later one). */
export async function upsertPersonChoices(
  db: Kysely<Database>,
  row: { personId: string; reminders: boolean; digest: boolean; updatedAt: string },
): Promise<void> {
  const values = { reminders: row.reminders ? 1 : 0, digest: row.digest ? 1 : 0, updatedAt: row.updatedAt };
  await db
    .insertInto('noticePreferences')
    .values({ personId: row.personId, ...values })
    .onConflict((conflict) => conflict.column('personId').doUpdateSet(values))
    .execute();
}

export async function insertOptOut(
  db: Kysely<Database>,
  row: { personId: string; groupId: string; kind: GroupNoticeKind; createdAt: string },
): Promise<void> {
  await db
    .insertInto('noticeOptOuts')
    .values(row)
    .onConflict((conflict) => conflict.columns(['personId', 'groupId', 'kind']).doNothing())
    .execute();
}

export async function deleteOptOut(db: Kysely<Database>, row: { personId: string; groupId: string; kind: GroupNoticeKind }): Promise<void> {
  await db
    .deleteFrom('noticeOptOuts')
    .where('personId', '=', row.personId)
    .where('groupId', '=', row.groupId)
    .where('kind', '=', row.kind)
    .execute();
}

export async function insertHeldNotice(db: Kysely<Database>, row: HeldNotice): Promise<void> {
  await db.insertInto('heldNotices').values(row).execute();
}

export async function selectHeldNotices(db: Kysely<Database>): Promise<HeldNotice[]> {
  return db.selectFrom('heldNotices').selectAll().orderBy('personId').orderBy('heldAt').orderBy('id').execute();
}

export async function deleteHeldNotices(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.deleteFrom('heldNotices').where('id', 'in', ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

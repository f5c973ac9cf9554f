import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataSubject, PersonalData } from '../../platform/personalData.ts';

/** The audit log's entries made by the account and those about the account or its people records, with its sign-ins. */
export async function auditDataAbout(db: Kysely<Database>, { userId, personIds }: DataSubject): Promise<PersonalData> {
  const about = [...(userId ? [userId] : []), ...personIds];
  const entries = (by: 'userId' | 'entityId', ids: readonly string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('auditLog').selectAll().where(by, 'in', ids).orderBy('at').orderBy('id').execute();
  const [byThem, aboutThem] = await Promise.all([entries('userId', userId ? [userId] : []), entries('entityId', about)]);
  const signIns = aboutThem
    .filter(({ entityType, action }) => entityType === 'user' && (action === 'sign-in' || action === 'sign-in-failed'))
    .map(({ at, action, afterJson }) => ({ at, action, detail: afterJson === null ? null : (JSON.parse(afterJson) as unknown) }));
  const parsed = (rows: typeof byThem) =>
    rows.map(({ beforeJson, afterJson, ...row }) => ({
      ...row,
      before: beforeJson === null ? null : (JSON.parse(beforeJson) as unknown),
      after: afterJson === null ? null : (JSON.parse(afterJson) as unknown),
    }));
  return {
    auditEntriesByThem: parsed(byThem),
    auditEntriesAboutThem: parsed(aboutThem.filter(({ action }) => action !== 'sign-in' && action !== 'sign-in-failed')),
    signInHistory: signIns,
  };
}

import type { Kysely, Selectable } from 'kysely';
import type { AgendaItemsTable, Database } from '../../db/schema.ts';

/** An agenda item as the app sees it: `confidential` is stored as 0 or 1. */
export type AgendaItemRow = Omit<Selectable<AgendaItemsTable>, 'confidential'> & { confidential: boolean };

export async function listAgendaItems(db: Kysely<Database>, meetingId: string): Promise<AgendaItemRow[]> {
  const rows = await db
    .selectFrom('agendaItems')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .where('archivedAt', 'is', null)
    .orderBy('section')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ ...row, confidential: row.confidential === 1 }));
}

/** Which of these decisions an agenda item already carries forward, including items since taken off an agenda. */
export async function carriedDecisionIds(db: Kysely<Database>, decisionIds: readonly string[]): Promise<Set<string>> {
  if (decisionIds.length === 0) return new Set();
  const rows = await db.selectFrom('agendaItems').select('deferredDecisionId').where('deferredDecisionId', 'in', decisionIds).execute();
  return new Set(rows.map((row) => row.deferredDecisionId ?? ''));
}

/** A new item: only one that carries a deferred decision forward names it. */
export type NewAgendaItem = Omit<AgendaItemRow, 'version' | 'deferredDecisionId'> & Partial<Pick<AgendaItemRow, 'deferredDecisionId'>>;

export async function insertAgendaItem(db: Kysely<Database>, item: NewAgendaItem): Promise<void> {
  await db
    .insertInto('agendaItems')
    .values({ ...item, confidential: Number(item.confidential) })
    .execute();
}

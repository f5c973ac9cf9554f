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

export async function insertAgendaItem(db: Kysely<Database>, item: Omit<AgendaItemRow, 'version'>): Promise<void> {
  await db
    .insertInto('agendaItems')
    .values({ ...item, confidential: Number(item.confidential) })
    .execute();
}

/** Changes an item only if it is still the version the user saw. */
export async function updateAgendaItem(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<AgendaItemRow, 'id' | 'version'>>,
): Promise<boolean> {
  const { confidential, ...rest } = changes;
  const result = await db
    .updateTable('agendaItems')
    .set((eb) => ({
      ...rest,
      ...(confidential === undefined ? {} : { confidential: Number(confidential) }),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

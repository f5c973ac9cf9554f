/** The tasking tables: queries only, no rules. */
import type { Kysely, Selectable } from 'kysely';
import type { ActionStatus, Database, PriorityLocationsTable, TaskingActionsTable, TaskingDocumentsTable } from '../../db/schema.ts';

export type LocationRow = Selectable<PriorityLocationsTable> & { places: string[] };
export type TaskingDocumentRow = Omit<Selectable<TaskingDocumentsTable>, 'pdf'> & { issuedByName: string | null };
export type TaskingActionRow = Selectable<TaskingActionsTable> & {
  organisationName: string;
  actionStatus: ActionStatus;
  groupId: string;
  resultReportedByName: string | null;
};

export async function listLocations(
  db: Kysely<Database>,
  partnershipId: string,
  filter: { id?: string; includeArchived?: boolean } = {},
): Promise<LocationRow[]> {
  let query = db.selectFrom('priorityLocations').selectAll().where('partnershipId', '=', partnershipId).orderBy('name');
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  if (!filter.includeArchived) query = query.where('archivedAt', 'is', null);
  const locations = await query.execute();
  if (locations.length === 0) return [];
  const places = await db
    .selectFrom('priorityLocationPlaces')
    .selectAll()
    .where(
      'locationId',
      'in',
      locations.map((location) => location.id),
    )
    .orderBy('place')
    .execute();
  return locations.map((location) => ({
    ...location,
    places: places.filter((place) => place.locationId === location.id).map((place) => place.place),
  }));
}

export async function insertLocation(db: Kysely<Database>, row: Omit<LocationRow, 'version'>): Promise<void> {
  const { places, ...location } = row;
  await db.insertInto('priorityLocations').values(location).execute();
  await replacePlaces(db, row.id, places);
}

export async function replacePlaces(db: Kysely<Database>, locationId: string, places: readonly string[]): Promise<void> {
  await db.deleteFrom('priorityLocationPlaces').where('locationId', '=', locationId).execute();
  if (places.length > 0)
    await db
      .insertInto('priorityLocationPlaces')
      .values(places.map((place) => ({ locationId, place })))
      .execute();
}

export async function findDocument(
  db: Kysely<Database>,
  key: { partnershipId: string; groupId: string; month: string },
): Promise<TaskingDocumentRow | undefined> {
  return db
    .selectFrom('taskingDocuments')
    .leftJoin('users', 'users.id', 'taskingDocuments.issuedBy')
    .select([
      'taskingDocuments.id',
      'taskingDocuments.partnershipId',
      'taskingDocuments.groupId',
      'taskingDocuments.month',
      'taskingDocuments.meetingId',
      'taskingDocuments.issuedAt',
      'taskingDocuments.issuedBy',
      'taskingDocuments.agendaItemId',
      'users.name as issuedByName',
    ])
    .where('taskingDocuments.partnershipId', '=', key.partnershipId)
    .where('taskingDocuments.groupId', '=', key.groupId)
    .where('taskingDocuments.month', '=', key.month)
    .executeTakeFirst();
}

export async function findDocumentPdf(db: Kysely<Database>, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('taskingDocuments').select('pdf').where('id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.pdf) : undefined;
}

export async function insertDocument(db: Kysely<Database>, row: Selectable<TaskingDocumentsTable>): Promise<void> {
  await db.insertInto('taskingDocuments').values(row).execute();
}

/** Notes the agenda item a document went to, unless it already has one; returns whether it did. */
export async function setDocumentAgendaItem(db: Kysely<Database>, id: string, meetingId: string, agendaItemId: string): Promise<boolean> {
  const result = await db
    .updateTable('taskingDocuments')
    .set({ meetingId, agendaItemId })
    .where('id', '=', id)
    .where('agendaItemId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listTaskingActions(
  db: Kysely<Database>,
  partnershipId: string,
  filter: { id?: string; month?: string; groupId?: string; actionIds?: readonly string[] },
): Promise<TaskingActionRow[]> {
  let query = db
    .selectFrom('taskingActions')
    .innerJoin('actions', 'actions.id', 'taskingActions.actionId')
    .innerJoin('organisations', 'organisations.id', 'taskingActions.organisationId')
    .leftJoin('users', 'users.id', 'taskingActions.resultReportedBy')
    .selectAll('taskingActions')
    .select([
      'organisations.name as organisationName',
      'actions.status as actionStatus',
      'actions.groupId',
      'users.name as resultReportedByName',
    ])
    .where('taskingActions.partnershipId', '=', partnershipId)
    .orderBy('taskingActions.month', 'desc')
    .orderBy('taskingActions.startsOn')
    .orderBy('taskingActions.createdAt');
  if (filter.id !== undefined) query = query.where('taskingActions.id', '=', filter.id);
  if (filter.month !== undefined) query = query.where('taskingActions.month', '=', filter.month);
  if (filter.groupId !== undefined) query = query.where('actions.groupId', '=', filter.groupId);
  if (filter.actionIds !== undefined) {
    if (filter.actionIds.length === 0) return [];
    query = query.where('taskingActions.actionId', 'in', filter.actionIds);
  }
  return query.execute();
}

/** The groups that have had a tasking document issued or a tasking action recorded, with the latest month of either. */
export async function listTaskingGroups(db: Kysely<Database>, partnershipId: string): Promise<{ groupId: string; month: string }[]> {
  const [documents, actions] = await Promise.all([
    db
      .selectFrom('taskingDocuments')
      .select(['groupId', (eb) => eb.fn.max('month').as('month')])
      .where('partnershipId', '=', partnershipId)
      .groupBy('groupId')
      .execute(),
    db
      .selectFrom('taskingActions')
      .innerJoin('actions', 'actions.id', 'taskingActions.actionId')
      .select(['actions.groupId', (eb) => eb.fn.max('taskingActions.month').as('month')])
      .where('taskingActions.partnershipId', '=', partnershipId)
      .groupBy('actions.groupId')
      .execute(),
  ]);
  return [...documents, ...actions].map((row) => ({ groupId: row.groupId, month: String(row.month) }));
}

export async function insertTaskingAction(db: Kysely<Database>, row: Omit<Selectable<TaskingActionsTable>, 'version'>): Promise<void> {
  await db.insertInto('taskingActions').values(row).execute();
}

/** The partnership's most recently issued tasking document, by month, with its group's name. */
export async function latestIssuedDocument(db: Kysely<Database>, partnershipId: string) {
  return db
    .selectFrom('taskingDocuments')
    .innerJoin('groups', 'groups.id', 'taskingDocuments.groupId')
    .select(['taskingDocuments.groupId', 'groups.name as groupName', 'taskingDocuments.month', 'taskingDocuments.issuedAt'])
    .where('taskingDocuments.partnershipId', '=', partnershipId)
    .orderBy('taskingDocuments.month', 'desc')
    .orderBy('taskingDocuments.issuedAt', 'desc')
    .executeTakeFirst();
}

/** The action log's SQL: actions with the meeting, group and item they were agreed at, and their updates. */
import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { distinctValues } from '../../db/distinct.ts';
import type { PartTwoReadership } from '../../platform/policy.ts';
import { seenBy } from '../../db/partTwo.ts';
import type { ActionsTable, ActionUpdatesTable, Database } from '../../db/schema.ts';
import type { PageRead, PageSeek } from '../../db/pageRead.ts';
import { containsEveryWord, containsText } from '../../db/text.ts';
import { type ActionStatus, overdueStatuses, stillToDoStatuses } from './actionStatus.ts';

export type ActionRow = Selectable<ActionsTable>;
export type ActionUpdateRow = Selectable<ActionUpdatesTable>;
/** An action with where it was agreed: its group, and the meeting and item when it was agreed at one. */
export type ActionView = ActionRow & {
  meetingDate: string | null;
  groupName: string;
  itemTitle: string | null;
  /** Agreed under a Part II (confidential) item. */
  confidential: boolean;
};

export interface ActionFilter {
  id?: string | undefined;
  /** Only these actions (e.g. those of one objective of the plan). */
  ids?: readonly string[] | undefined;
  meetingId?: string | undefined;
  agendaItemId?: string | undefined;
  groupId?: string | undefined;
  status?: ActionStatus | undefined;
  /** Part of the owner's name, in any case: "sara" finds "Sara Roach". */
  owner?: string | undefined;
  /** Words in the description, in any case; LIKE's wildcards match themselves. */
  words?: string | undefined;
  /** Only actions overdue on this date. */
  overdueOn?: string | undefined;
  /** Only actions still to do from meetings before this date: the matters arising. */
  stillToDoBefore?: string | undefined;
  /** Only actions this reader may see: those of Part II items only for the groups it allows. */
  seenBy?: PartTwoReadership | undefined;
  /** Only actions given to this person or to their organisation (by the owner columns, never by name). */
  ownedBy?: ActionOwnedBy | undefined;
}

export interface ActionOwnedBy {
  personId: string;
  organisationId: string | null;
}

/** The filter's conditions on the actions' own columns: those a count can apply with no join. */
function ownConditions(eb: ExpressionBuilder<Database, 'actions'>, partnershipId: string, filter: ActionFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('actions.partnershipId', '=', partnershipId)];
  if (filter.id) conditions.push(eb('actions.id', '=', filter.id));
  if (filter.meetingId) conditions.push(eb('actions.meetingId', '=', filter.meetingId));
  if (filter.agendaItemId) conditions.push(eb('actions.agendaItemId', '=', filter.agendaItemId));
  if (filter.groupId) conditions.push(eb('actions.groupId', '=', filter.groupId));
  if (filter.ids) conditions.push(eb('actions.id', 'in', filter.ids.length ? filter.ids : ['']));
  if (filter.status) conditions.push(eb('actions.status', '=', filter.status));
  if (filter.owner) conditions.push(containsText('actions.owner', filter.owner));
  if (filter.words) conditions.push(containsEveryWord(['actions.description'], filter.words));
  // The statuses written out, as actions_overdue's are, for SQLite to match that index (migration 2026-12-11-12).
  const overdue = overdueStatuses.map((status) => sql.lit(status));
  if (filter.overdueOn) conditions.push(eb('actions.status', 'in', overdue), eb('actions.dueDate', '<', filter.overdueOn));
  const ownedBy = filter.ownedBy;
  if (ownedBy) {
    conditions.push(
      eb.or([
        eb('actions.ownerPersonId', '=', ownedBy.personId),
        ...(ownedBy.organisationId ? [eb('actions.ownerOrganisationId', '=', ownedBy.organisationId)] : []),
      ]),
    );
  }
  return eb.and(conditions);
}

/** Whether the filter reads the item or the meeting an action was agreed at (a reader who may not see every Part II item). */
const needsJoins = (filter: ActionFilter) => Boolean(filter.stillToDoBefore) || (filter.seenBy !== undefined && !filter.seenBy.everyGroup);

function actionsQuery(db: Kysely<Database>, partnershipId: string, filter: ActionFilter) {
  let query = db
    .selectFrom('actions')
    .innerJoin('groups', 'groups.id', 'actions.groupId')
    // An action of the community safety plan was agreed outside a meeting.
    .leftJoin('meetings', 'meetings.id', 'actions.meetingId')
    .leftJoin('agendaItems', 'agendaItems.id', 'actions.agendaItemId')
    .where((eb) => ownConditions(eb, partnershipId, filter));
  if (filter.seenBy) query = query.where(seenBy(filter.seenBy, 'actions.groupId'));
  if (filter.stillToDoBefore) {
    query = query.where('actions.status', 'in', stillToDoStatuses).where('meetings.meetingDate', '<', filter.stillToDoBefore);
  }
  return query;
}

/** An action's place in the log's order: undated first, then soonest due, then as created, then by id. */
export const actionKeyOf = (action: ActionRow): (string | null)[] => [action.dueDate, action.createdAt, action.id];

type ActionsSelect = ReturnType<typeof selectActions>;

const selectActions = (db: Kysely<Database>, partnershipId: string, filter: ActionFilter) =>
  actionsQuery(db, partnershipId, filter)
    .select(['meetings.meetingDate', 'groups.name as groupName', 'agendaItems.title as itemTitle', 'agendaItems.confidential'])
    .selectAll('actions');

/** In the log's order, or backwards; both engines read it from an index ending (due date, created, id). */
const inLogOrder = (query: ActionsSelect, backwards = false) =>
  query
    .orderBy('actions.dueDate', (ob) => (backwards ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
    .orderBy('actions.createdAt', backwards ? 'desc' : 'asc')
    .orderBy('actions.id', backwards ? 'desc' : 'asc');

/**
 * The stretches of the log after (or before) a key, in the order they are read: as a missing due date sorts first
 * and compares with nothing, the undated actions and the dated ones are each one range of the index.
 */
function stretchesFrom(direction: 'after' | 'before', [due, created, id]: [string | null, string, string]) {
  const after = direction === 'after';
  const past = after ? '>' : '<';
  const undated = (eb: ExpressionBuilder<Database, 'actions'>) => eb('actions.dueDate', 'is', null);
  const dated = (eb: ExpressionBuilder<Database, 'actions'>) => eb('actions.dueDate', 'is not', null);
  const beyond = (eb: ExpressionBuilder<Database, 'actions'>) =>
    due === null
      ? eb.and([undated(eb), eb(eb.refTuple('actions.createdAt', 'actions.id'), past, eb.tuple(created, id))])
      : eb(eb.refTuple('actions.dueDate', 'actions.createdAt', 'actions.id'), past, eb.tuple(due, created, id));
  // Past the key's own stretch: the dated actions after the undated, the undated before the dated.
  const next = due === null ? (after ? dated : null) : after ? null : undated;
  return next ? [beyond, next] : [beyond];
}

const seekKey = (key: (string | null)[]): [string | null, string, string] | null => {
  const [due, created, id] = key;
  return key.length === 3 && due !== undefined && typeof created === 'string' && typeof id === 'string' ? [due, created, id] : null;
};

/**
 * The rows a seek reads, in the order read: on from its key stretch by stretch, or back from the end of the log,
 * with the rows it passes over (at most a page) read and dropped, as a stretch may hold fewer.
 */
async function seekRows(query: ActionsSelect, seek: PageSeek, limit: number) {
  const backwards = seek.direction === 'before';
  const key = seek.key && seekKey(seek.key);
  if (seek.key && !key) return [];
  const skip = seek.skip ?? 0;
  const wanted = skip + limit;
  const rows: Awaited<ReturnType<ActionsSelect['execute']>> = [];
  for (const stretch of key ? stretchesFrom(seek.direction, key) : [null]) {
    if (rows.length === wanted) break;
    const read = inLogOrder(stretch ? query.where(stretch) : query, backwards);
    rows.push(...(await read.limit(wanted - rows.length).execute()));
  }
  const page = rows.slice(skip);
  return backwards ? page.reverse() : page;
}

/**
 * The actions that match in the log's order (read in that order from actions_partnership_due or the filter's
 * index); a page of them when `page` is given, read on from a key or back from the end when it seeks, so any page
 * a link leads to costs the first's.
 */
export async function listActions(
  db: Kysely<Database>,
  partnershipId: string,
  filter: ActionFilter = {},
  page?: PageRead,
): Promise<ActionView[]> {
  const query = selectActions(db, partnershipId, filter);
  let rows = page?.seek ? await seekRows(query, page.seek, page.limit) : [];
  // A key past every row (those after it since removed) is read as the page number asks.
  if (!rows.length) {
    const ordered = inLogOrder(query);
    rows = await (page ? ordered.limit(page.limit).offset(page.offset) : ordered).execute();
  }
  return rows.map((row) => ({ ...row, confidential: Boolean(row.confidential) }));
}

/**
 * The query of the actions of these partnerships still to do and due by a date, with where each was agreed, for
 * another module to narrow and run (the reminders: those not yet reminded of). The actions_partnership_status_due index
 * (partnership, status, due date) serves it, so the history of done and cancelled actions is never read.
 */
export function stillToDoDueBy(db: Kysely<Database>, partnershipIds: readonly string[], until: string) {
  return db
    .selectFrom('actions')
    .innerJoin('groups', 'groups.id', 'actions.groupId')
    .leftJoin('meetings', 'meetings.id', 'actions.meetingId')
    .leftJoin('agendaItems', 'agendaItems.id', 'actions.agendaItemId')
    .select([
      'actions.id',
      'actions.partnershipId',
      'actions.groupId',
      'actions.description',
      'actions.owner',
      'actions.ownerPersonId',
      'actions.ownerOrganisationId',
      'actions.dueDate',
      'groups.name as groupName',
      'meetings.meetingDate',
      'agendaItems.title as itemTitle',
    ])
    .where('actions.status', 'in', stillToDoStatuses)
    .where('actions.dueDate', '<=', until)
    .where('actions.partnershipId', 'in', partnershipIds.length ? partnershipIds : [''])
    .$narrowType<{ dueDate: string }>();
}

/** Filters a count kept in action_counts answers: by group and status, for a reader who sees every action. */
const keptFilters = new Set(['groupId', 'status', 'seenBy']);

/**
 * How many match: from the counts kept by group and status (migration 2026-12-11-06) when the filter is one of
 * those; else off one range of an index of actions, joining nothing unless the filter reads the item or meeting.
 */
export async function countActions(db: Kysely<Database>, partnershipId: string, filter: ActionFilter): Promise<number> {
  if (!needsJoins(filter) && Object.entries(filter).every(([name, value]) => value === undefined || keptFilters.has(name))) {
    let kept = db.selectFrom('actionCounts').where('partnershipId', '=', partnershipId);
    if (filter.groupId) kept = kept.where('groupId', '=', filter.groupId);
    if (filter.status) kept = kept.where('status', '=', filter.status);
    const row = await kept.select((eb) => eb.fn.sum<number | null>('total').as('total')).executeTakeFirstOrThrow();
    return Number(row.total ?? 0);
  }
  const query = needsJoins(filter)
    ? actionsQuery(db, partnershipId, filter)
    : db.selectFrom('actions').where((eb) => ownConditions(eb, partnershipId, filter));
  const row = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertAction(db: Kysely<Database>, row: Omit<ActionRow, 'version'>): Promise<void> {
  await db.insertInto('actions').values(row).execute();
}

/** An action agreed under an agenda item, as the minutes of that item find it. */
export async function findItemAction(db: Kysely<Database>, agendaItemId: string, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('actions').selectAll().where('id', '=', id).where('agendaItemId', '=', agendaItemId).executeTakeFirst();
}

/** Changes an action only from the version the user saw; false when someone else changed it first. */
export async function changeAction(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: Pick<ActionRow, 'description' | 'owner' | 'ownerPersonId' | 'ownerOrganisationId' | 'dueDate' | 'updatedAt'>,
): Promise<boolean> {
  const result = await db
    .updateTable('actions')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes an action only at the version the user saw; false when someone else changed it first. */
export async function deleteAction(db: Kysely<Database>, id: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('actions').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function insertActionUpdate(db: Kysely<Database>, row: ActionUpdateRow): Promise<void> {
  await db.insertInto('actionUpdates').values(row).execute();
}

export async function listActionUpdates(db: Kysely<Database>, actionId: string): Promise<ActionUpdateRow[]> {
  return db.selectFrom('actionUpdates').selectAll().where('actionId', '=', actionId).orderBy('updatedAt').execute();
}

/** Each owner named only in words (neither a person nor an organisation of the partnership), with how many actions name it. */
export async function listOwnersInWords(db: Kysely<Database>, partnershipId: string): Promise<{ owner: string; actions: number }[]> {
  const rows = await db
    .selectFrom('actions')
    .select((eb) => ['owner', eb.fn.countAll<number>().as('actions')])
    .where('partnershipId', '=', partnershipId)
    .where('ownerPersonId', 'is', null)
    .where('ownerOrganisationId', 'is', null)
    .groupBy('owner')
    .orderBy('owner')
    .execute();
  return rows.map((row) => ({ owner: row.owner, actions: Number(row.actions) }));
}

/** How many owners are named only in words: read owner by owner from actions_owners_in_words, not action by action. */
export async function countOwnersInWords(db: Kysely<Database>, partnershipId: string): Promise<number> {
  const inWords = sql`partnership_id = ${partnershipId} and owner_person_id is null and owner_organisation_id is null`;
  return (await distinctValues(db, 'actions', 'owner', inWords)).length;
}

/** The actions whose owner is exactly these words, still unlinked. */
export async function listActionsOwnedInWords(db: Kysely<Database>, partnershipId: string, owner: string): Promise<ActionRow[]> {
  return db
    .selectFrom('actions')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('owner', '=', owner)
    .where('ownerPersonId', 'is', null)
    .where('ownerOrganisationId', 'is', null)
    .orderBy('createdAt')
    .execute();
}

/** Gives an action named in words its owner's record, only while it is still unlinked at that version. */
export async function linkActionOwner(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: Pick<ActionRow, 'owner' | 'ownerPersonId' | 'ownerOrganisationId' | 'updatedAt'>,
): Promise<boolean> {
  const result = await db
    .updateTable('actions')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('ownerPersonId', 'is', null)
    .where('ownerOrganisationId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type {
  Database,
  DecisionsTable,
  DeclarationsTable,
  ItemMinutesTable,
  MeetingMinutesTable,
  MinutesAmendmentsTable,
} from '../../db/schema.ts';
import type { PartTwoReadership } from '../../platform/policy.ts';
import { seenBy } from '../../db/partTwo.ts';
import { containsText, matchesEveryWord } from '../../db/text.ts';
import { updateRecord } from '../../platform/records.ts';
import { outcomeNames, outcomes } from './outcomes.ts';

export type ItemMinutesRow = Selectable<ItemMinutesTable>;
export type DecisionRow = Selectable<DecisionsTable>;

/** Where a decision or action was made: the meeting, its group and the item. */
export interface Origin {
  meetingDate: string;
  groupId: string;
  groupName: string;
  itemTitle: string;
  /** 1 when the item is Part II business. */
  itemConfidential: number;
}
export type DecisionView = DecisionRow & Origin;

export async function findItemMinutes(db: Kysely<Database>, agendaItemId: string): Promise<ItemMinutesRow | undefined> {
  return db.selectFrom('itemMinutes').selectAll().where('agendaItemId', '=', agendaItemId).executeTakeFirst();
}

export async function insertItemMinutes(db: Kysely<Database>, row: Omit<ItemMinutesRow, 'version'>): Promise<void> {
  await db.insertInto('itemMinutes').values(row).execute();
}

const originColumns = [
  'meetings.meetingDate',
  'groups.id as groupId',
  'groups.name as groupName',
  'agendaItems.title as itemTitle',
  'agendaItems.confidential as itemConfidential',
] as const;

export interface DecisionFilter {
  meetingId?: string | undefined;
  agendaItemId?: string | undefined;
  /** Words in the decision, its item, its group or the body it was recommended to, or an outcome's name. */
  search?: string | undefined;
  /** Only decisions this reader may see: those of Part II items only for the groups it allows. */
  seenBy?: PartTwoReadership | undefined;
}

/** The filter's conditions on the decisions' own columns: those a count can apply with no join. */
function ownConditions(eb: ExpressionBuilder<Database, 'decisions'>, filter: DecisionFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.meetingId) conditions.push(eb('decisions.meetingId', '=', filter.meetingId));
  if (filter.agendaItemId) conditions.push(eb('decisions.agendaItemId', '=', filter.agendaItemId));
  return eb.and(conditions);
}

function decisionsQuery(db: Kysely<Database>, partnershipId: string, filter: DecisionFilter) {
  let query = db
    .selectFrom('decisions')
    .innerJoin('meetings', 'meetings.id', 'decisions.meetingId')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .innerJoin('agendaItems', 'agendaItems.id', 'decisions.agendaItemId')
    // A decision is of its meeting's partnership: asked of the meeting, the meetings' index leads (see listDecisions).
    .where('meetings.partnershipId', '=', partnershipId)
    .where((eb) => ownConditions(eb, filter));
  if (filter.seenBy) query = query.where(seenBy(filter.seenBy, 'meetings.groupId'));
  const search = filter.search;
  if (search) {
    query = query.where((eb) =>
      matchesEveryWord(search, (word) => {
        const named = outcomes.filter((outcome) => outcomeNames[outcome].toLowerCase().includes(word));
        return [
          ...['decisions.wording', 'decisions.recommendedTo', 'agendaItems.title', 'groups.name'].map((column) =>
            containsText(column, word),
          ),
          ...(named.length ? [eb('decisions.outcome', 'in', named)] : []),
        ];
      }),
    );
  }
  return query;
}

/**
 * The decisions that match, newest meeting first, each meeting's in the order they were made; a page of them when
 * `page` is given. The partnership's meetings are walked newest first (meetings_partnership_date_time) and each
 * meeting's decisions read by decisions_meeting, so a page reads only its own rows and sorts one meeting's at a time.
 */
export async function listDecisions(
  db: Kysely<Database>,
  partnershipId: string,
  filter: DecisionFilter = {},
  page?: { limit: number; offset: number },
): Promise<DecisionView[]> {
  let query = decisionsQuery(db, partnershipId, filter)
    .select(originColumns)
    .selectAll('decisions')
    .orderBy('meetings.meetingDate', 'desc')
    .orderBy('meetings.startTime', 'desc')
    .orderBy('meetings.id', 'desc')
    .orderBy('decisions.createdAt');
  if (page) query = query.limit(page.limit).offset(page.offset);
  return query.execute();
}

/** How many match: off one range of decisions_partnership, joining nothing unless a search or a reader's Part II limits need it. */
export async function countDecisions(db: Kysely<Database>, partnershipId: string, filter: DecisionFilter): Promise<number> {
  const joined = Boolean(filter.search) || (filter.seenBy !== undefined && !filter.seenBy.everyGroup);
  const query = joined
    ? decisionsQuery(db, partnershipId, filter)
    : db
        .selectFrom('decisions')
        .where('decisions.partnershipId', '=', partnershipId)
        .where((eb) => ownConditions(eb, filter));
  const row = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertDecision(db: Kysely<Database>, row: Omit<DecisionRow, 'version'>): Promise<void> {
  await db.insertInto('decisions').values(row).execute();
}

/** A decision or declaration is found, changed and removed under the agenda item it was recorded on. */
export async function findDecision(db: Kysely<Database>, agendaItemId: string, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).where('agendaItemId', '=', agendaItemId).executeTakeFirst();
}

export async function findDeclaration(db: Kysely<Database>, agendaItemId: string, id: string): Promise<DeclarationRow | undefined> {
  return db.selectFrom('declarations').selectAll().where('id', '=', id).where('agendaItemId', '=', agendaItemId).executeTakeFirst();
}

/** Changes a decision only from the version the user saw; false when someone else changed it first. */
export async function updateDecision(db: Kysely<Database>, id: string, version: number, changes: Partial<DecisionRow>): Promise<boolean> {
  return updateRecord(db, 'decisions', id, version, changes);
}

export async function updateDeclaration(
  db: Kysely<Database>,
  id: string,
  version: number,
  changes: Partial<DeclarationRow>,
): Promise<boolean> {
  return updateRecord(db, 'declarations', id, version, changes);
}

/** Removes one at the version the user saw; false when someone else changed it first. */
export async function deleteOfItem(
  db: Kysely<Database>,
  table: 'decisions' | 'declarations',
  id: string,
  version: number,
): Promise<boolean> {
  const result = await db.deleteFrom(table).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export type MeetingMinutesRow = Selectable<MeetingMinutesTable>;
export type AmendmentRow = Selectable<MinutesAmendmentsTable>;

export async function findMeetingMinutes(db: Kysely<Database>, meetingId: string): Promise<MeetingMinutesRow | undefined> {
  return db.selectFrom('meetingMinutes').selectAll().where('meetingId', '=', meetingId).executeTakeFirst();
}

/** Whether minutes of any meeting were approved at this one. */
export async function approvesMinutes(db: Kysely<Database>, meetingId: string): Promise<boolean> {
  const row = await db.selectFrom('meetingMinutes').select('meetingId').where('approvedAtMeetingId', '=', meetingId).executeTakeFirst();
  return row !== undefined;
}

/** Every meeting's minutes start as a draft; the row is made the first time anything changes it. */
export async function ensureMeetingMinutes(db: Kysely<Database>, meetingId: string, partnershipId: string): Promise<MeetingMinutesRow> {
  const existing = await findMeetingMinutes(db, meetingId);
  if (existing) return existing;
  await db
    .insertInto('meetingMinutes')
    .values({
      meetingId,
      partnershipId,
      status: 'draft',
      circulatedAt: null,
      approvedAtMeetingId: null,
      approvedAt: null,
      signedAt: null,
      signedBy: null,
    })
    .onConflict((conflict) => conflict.column('meetingId').doNothing())
    .execute();
  const created = await findMeetingMinutes(db, meetingId);
  if (!created) throw new Error('meeting minutes not created');
  return created;
}

export async function insertAmendment(db: Kysely<Database>, row: AmendmentRow): Promise<void> {
  await db.insertInto('minutesAmendments').values(row).execute();
}

export async function listAmendments(db: Kysely<Database>, meetingId: string): Promise<AmendmentRow[]> {
  return db.selectFrom('minutesAmendments').selectAll().where('meetingId', '=', meetingId).orderBy('madeAt').execute();
}

export type DeclarationRow = Selectable<DeclarationsTable>;
export type DeclarationView = DeclarationRow & { personName: string; interest: string | null };

export async function listDeclarations(db: Kysely<Database>, agendaItemId: string): Promise<DeclarationView[]> {
  return db
    .selectFrom('declarations')
    .innerJoin('people', 'people.id', 'declarations.personId')
    .leftJoin('interests', 'interests.id', 'declarations.interestId')
    .selectAll('declarations')
    .select(['people.name as personName', 'interests.description as interest'])
    .where('declarations.agendaItemId', '=', agendaItemId)
    .orderBy('declarations.madeAt')
    .execute();
}

export async function insertDeclaration(db: Kysely<Database>, row: Omit<DeclarationRow, 'version'>): Promise<void> {
  await db.insertInto('declarations').values(row).execute();
}

/** The strategy's SQL: assessments and their documents, the priorities they set, the plan's objectives and its actions. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ListOptions } from '../../platform/records.ts';
import type {
  AssessmentDocumentsTable,
  Database,
  ObjectivesTable,
  PlanActionsTable,
  PrioritiesTable,
  StrategicAssessmentsTable,
} from '../../db/schema.ts';
import { withListOptions } from '../../platform/records.ts';

export type AssessmentRow = Selectable<StrategicAssessmentsTable>;

export async function listAssessments(db: Kysely<Database>, partnershipId: string, options: ListOptions = {}): Promise<AssessmentRow[]> {
  const query = db
    .selectFrom('strategicAssessments')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .orderBy('yearStarting', 'desc');
  return withListOptions(query, 'strategicAssessments', options).execute();
}

/** A year has one assessment, archived or not. */
export async function findAssessmentOfYear(
  db: Kysely<Database>,
  partnershipId: string,
  yearStarting: number,
): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom('strategicAssessments')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('yearStarting', '=', yearStarting)
    .executeTakeFirst();
}

/** A priority with the year of its assessment and the name of the group that owns it (none: cross-cutting). */
export type PriorityView = Selectable<PrioritiesTable> & { yearStarting: number; ownerGroupName: string | null };

export async function listPriorities(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions & { assessmentId?: string } = {},
): Promise<PriorityView[]> {
  let query = db
    .selectFrom('priorities')
    .innerJoin('strategicAssessments', 'strategicAssessments.id', 'priorities.assessmentId')
    .leftJoin('groups', 'groups.id', 'priorities.ownerGroupId')
    .selectAll('priorities')
    .select(['strategicAssessments.yearStarting', 'groups.name as ownerGroupName'])
    .where('priorities.partnershipId', '=', partnershipId)
    .orderBy('strategicAssessments.yearStarting', 'desc')
    .orderBy('priorities.position')
    .orderBy('priorities.createdAt');
  if (options.assessmentId) query = query.where('priorities.assessmentId', '=', options.assessmentId);
  return withListOptions(query, 'priorities', options).execute();
}

/** An objective with its priority, and that priority's year and owner. */
export type ObjectiveView = Selectable<ObjectivesTable> & {
  priorityTitle: string;
  priorityArchivedAt: string | null;
  assessmentId: string;
  yearStarting: number;
  ownerGroupId: string | null;
  ownerGroupName: string | null;
};

export async function listObjectives(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions & { priorityId?: string; assessmentId?: string } = {},
): Promise<ObjectiveView[]> {
  let query = db
    .selectFrom('objectives')
    .innerJoin('priorities', 'priorities.id', 'objectives.priorityId')
    .innerJoin('strategicAssessments', 'strategicAssessments.id', 'priorities.assessmentId')
    .leftJoin('groups', 'groups.id', 'priorities.ownerGroupId')
    .selectAll('objectives')
    .select([
      'priorities.title as priorityTitle',
      'priorities.archivedAt as priorityArchivedAt',
      'priorities.assessmentId',
      'priorities.ownerGroupId',
      'strategicAssessments.yearStarting',
      'groups.name as ownerGroupName',
    ])
    .where('objectives.partnershipId', '=', partnershipId)
    .orderBy('strategicAssessments.yearStarting', 'desc')
    .orderBy('priorities.position')
    .orderBy('objectives.position')
    .orderBy('objectives.createdAt');
  if (options.priorityId) query = query.where('objectives.priorityId', '=', options.priorityId);
  if (options.assessmentId) query = query.where('priorities.assessmentId', '=', options.assessmentId);
  return withListOptions(query, 'objectives', options).execute();
}

const parentColumn = { priorities: 'assessmentId', objectives: 'priorityId' } as const;

/** The place after the last priority of an assessment, or the last objective of a priority. */
export async function nextPosition(db: Kysely<Database>, table: keyof typeof parentColumn, parentId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number | null>`max(position)`.as('last'))
    .where(sql.ref(parentColumn[table]), '=', parentId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export type DocumentRow = Omit<Selectable<AssessmentDocumentsTable>, 'content'>;

/** An assessment's documents in the order they were added, without their bytes. */
export async function listDocuments(db: Kysely<Database>, partnershipId: string, assessmentId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('assessmentDocuments')
    .select([
      'id',
      'version',
      'partnershipId',
      'assessmentId',
      'title',
      'fileName',
      'contentType',
      'sizeBytes',
      'uploadedBy',
      'createdAt',
      'updatedAt',
      'archivedAt',
    ])
    .where('partnershipId', '=', partnershipId)
    .where('assessmentId', '=', assessmentId)
    .where('archivedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function insertDocument(db: Kysely<Database>, document: Omit<DocumentRow, 'version'>, content: Buffer): Promise<void> {
  await db
    .insertInto('assessmentDocuments')
    .values({ ...document, content })
    .execute();
}

export async function documentContent(db: Kysely<Database>, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('assessmentDocuments').select('content').where('id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.content) : null;
}

export type PlanActionRow = Selectable<PlanActionsTable>;

export async function insertPlanAction(db: Kysely<Database>, row: PlanActionRow): Promise<void> {
  await db.insertInto('planActions').values(row).execute();
}

/** Which actions of the action log deliver which objectives: of one objective, one priority or one assessment. */
export async function listPlanActions(
  db: Kysely<Database>,
  partnershipId: string,
  filter: { objectiveId?: string; priorityId?: string; assessmentId?: string },
): Promise<PlanActionRow[]> {
  let query = db
    .selectFrom('planActions')
    .innerJoin('objectives', 'objectives.id', 'planActions.objectiveId')
    .innerJoin('priorities', 'priorities.id', 'objectives.priorityId')
    .selectAll('planActions')
    .where('planActions.partnershipId', '=', partnershipId);
  if (filter.objectiveId) query = query.where('planActions.objectiveId', '=', filter.objectiveId);
  if (filter.priorityId) query = query.where('objectives.priorityId', '=', filter.priorityId);
  if (filter.assessmentId) query = query.where('priorities.assessmentId', '=', filter.assessmentId);
  return query.execute();
}

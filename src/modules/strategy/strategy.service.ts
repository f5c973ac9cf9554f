/**
 * The partnership's strategy: the yearly strategic assessment and its documents, the priorities it
 * sets (each owned by a sub-group, or cross-cutting and owned collectively), and the community safety
 * plan that turns them into objectives and actions. The plan's actions live in the action log, in the
 * log of the group that owns their priority.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { financialYearName, financialYearStart } from '../../platform/dates.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { RecordService } from '../../platform/records.ts';
import { refusingDuplicates } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { type ActionInput, type ActionsService, type LoggedAction, type OwnedActionInput, stillToDoStatuses } from '../actions/index.ts';
import type { AuditEntry, AuditWriter } from '../../platform/audit.ts';
import { defineRecordService, references } from '../../platform/recordService.ts';
import { updateVersioned } from '../../platform/records.ts';
import { classifyPaper, kindOfContentType, paperKinds } from '../../platform/documentFiles.ts';
import { actionOwnerOf } from './ownership.ts';
import {
  type AssessmentRow,
  documentContent,
  type DocumentRow,
  findAssessmentOfYear,
  insertDocument,
  insertPlanAction,
  listAssessments,
  listDocuments,
  listObjectives,
  listPlanActions,
  listPriorities,
  nextPosition,
  type ObjectiveView,
  type PriorityView,
} from './strategy.repository.ts';
import type { AssessmentInput, ObjectiveInput, PriorityInput } from './strategy.inputs.ts';

export type { AssessmentRow, ObjectiveView, PriorityView };

/** An objective with the actions of the plan that deliver it. */
export type PlannedObjective = ObjectiveView & { actions: LoggedAction[] };

export type DocumentView = DocumentRow & { kindName: string };

export interface DocumentUpload {
  fileName: string;
  bytes: Buffer;
  title: string | null;
}

/** The group whose action log keeps a priority's actions. */
export interface ActionOwner {
  id: string;
  name: string;
}

export interface StrategyService {
  assessments: RecordService<AssessmentRow, AssessmentInput>;
  priorities: RecordService<PriorityView, PriorityInput>;
  objectives: RecordService<ObjectiveView, ObjectiveInput>;
  /**
   * The strategy home: every assessment, newest year first, and the current one — the newest whose year
   * has begun (or, before any has, the first to come) — with its priorities.
   */
  overview(partnershipId: string): Promise<{ assessments: AssessmentRow[]; current: AssessmentRow | null; priorities: PriorityView[] }>;
  assessment(
    partnershipId: string,
    id: string,
  ): Promise<{ assessment: AssessmentRow; documents: DocumentView[]; priorities: PriorityView[] }>;
  /** A priority with its objectives and their actions, and those of its actions still to be completed or accounted for. */
  priority(
    partnershipId: string,
    id: string,
  ): Promise<{ priority: PriorityView; actionOwner: ActionOwner | null; objectives: PlannedObjective[]; openActions: LoggedAction[] }>;
  objective(partnershipId: string, id: string): Promise<{ objective: PlannedObjective; actionOwner: ActionOwner | null }>;
  /** The community safety plan of an assessment's year: its priorities, their objectives and the actions that deliver them. */
  plan(
    partnershipId: string,
    assessmentId: string,
  ): Promise<{
    assessment: AssessmentRow;
    priorities: (PriorityView & { actionOwner: ActionOwner | null; objectives: PlannedObjective[] })[];
  }>;
  /**
   * Adds an action to an objective of the plan: it goes into the action log of the group that owns the
   * priority (the board's, for a cross-cutting priority), linked to the objective, in one transaction.
   */
  addPlanAction(
    actor: Actor,
    partnershipId: string,
    objectiveId: string,
    input: ActionInput,
  ): Promise<{ actionId: string; owner: ActionOwner }>;
  attachDocument(actor: Actor, partnershipId: string, assessmentId: string, upload: DocumentUpload): Promise<string>;
  document(partnershipId: string, assessmentId: string, documentId: string): Promise<{ document: DocumentView; content: Buffer }>;
  /** Takes a document off the assessment; the file is kept with the record. */
  removeDocument(actor: Actor, partnershipId: string, assessmentId: string, documentId: string, version: number): Promise<void>;
}

export interface StrategyDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  /** Every group of the partnership, archived ones too: a priority keeps the owner it had (from the governance module). */
  groups: (partnershipId: string) => Promise<PlanGroup[]>;
  /** These actions of the action log, as anyone may see them: the plan's were agreed outside meetings, so none is Part II. */
  plannedActions: (partnershipId: string, ids: readonly string[]) => Promise<LoggedAction[]>;
  /**
   * Writes an action agreed outside a meeting into a group's action log, with its audit entry, in the caller's
   * transaction; `agreedFor` ends the audit summary. Returns its id (from the actions module).
   */
  recordAction: (
    trx: Kysely<Database>,
    actor: Actor,
    action: OwnedActionInput & { partnershipId: string; groupId: string },
    agreedFor: string,
  ) => Promise<string>;
  /** The owner chosen, found in the partnership's records (from the actions module). */
  actionOwner: ActionsService['ownerOf'];
}

/** A group as the plan needs it: which one keeps a priority's actions. */
export interface PlanGroup {
  id: string;
  name: string;
  parentId: string | null;
  archivedAt: string | null;
}

const partnershipOf = (scopeId: string | null): string => {
  if (scopeId === null) throw new Error('A partnership is needed');
  return scopeId;
};

const alreadyAssessed = (yearStarting: number) => `There is already a strategic assessment for ${financialYearName(yearStarting)}`;
const yearTaken = (yearStarting: number) => new FieldValidationError('yearStarting', alreadyAssessed(yearStarting));

const stillToDo = (action: LoggedAction) => (stillToDoStatuses as readonly string[]).includes(action.status);

export function createStrategyService({
  db,
  audit,
  clock,
  groups: groupsOf,
  plannedActions,
  recordAction,
  actionOwner,
}: StrategyDependencies): StrategyService {
  const dependencies = { db, audit, clock };

  const assessmentRecords = defineRecordService(dependencies, {
    table: 'strategicAssessments',
    entityType: 'strategic_assessment',
    partnershipScoped: true,
    list: (trx, scopeId, options) => listAssessments(trx, partnershipOf(scopeId), options),
    toColumns: ({ yearStarting, title, summary, findings, surveyResults }: AssessmentInput) => ({
      yearStarting,
      title,
      summary,
      findings,
      surveyResults,
    }),
    title: (assessment) => assessment.title,
    // One assessment a year: a partnership's assessments are written one at a time.
    lockedBy: (scopeId) => (scopeId ? { table: 'partnerships', id: scopeId } : null),
    async check(trx, scopeId, input, existing) {
      const sameYear = await findAssessmentOfYear(trx, partnershipOf(scopeId), input.yearStarting);
      if (sameYear && sameYear.id !== existing?.id) {
        const archived = sameYear.archivedAt ? ', archived: restore it rather than add another' : '';
        throw new FieldValidationError('yearStarting', `${alreadyAssessed(input.yearStarting)}${archived}`);
      }
    },
  });
  // One assessment a year is a unique index too: a parallel save of the same year gets the check's message.
  const assessments: typeof assessmentRecords = {
    ...assessmentRecords,
    create: (actor, scopeId, input) =>
      refusingDuplicates(() => assessmentRecords.create(actor, scopeId, input), yearTaken(input.yearStarting)),
    update: (actor, scopeId, id, version, input) =>
      refusingDuplicates(() => assessmentRecords.update(actor, scopeId, id, version, input), yearTaken(input.yearStarting)),
  };

  const priorities = defineRecordService(dependencies, {
    table: 'priorities',
    entityType: 'priority',
    partnershipScoped: true,
    list: (trx, scopeId, options) => listPriorities(trx, partnershipOf(scopeId), options),
    toColumns: ({ assessmentId, title, description, ownerGroupId }: PriorityInput) => ({ assessmentId, title, description, ownerGroupId }),
    // Numbered after the last one: an assessment's priorities are added one at a time.
    lockedBy: (_scopeId, input) => ({ table: 'strategicAssessments', id: input.assessmentId }),
    columnsWhenAdded: async (trx, _scopeId, input) => ({ position: await nextPosition(trx, 'priorities', input.assessmentId) }),
    title: (priority) => `${priority.title} (${financialYearName(priority.yearStarting)})`,
    async check(trx, scopeId, input, existing) {
      const belongs = references(trx, partnershipOf(scopeId), existing);
      await belongs('strategicAssessments', 'assessmentId', input.assessmentId, 'Select a strategic assessment of this partnership');
      await belongs('groups', 'ownerGroupId', input.ownerGroupId, 'Select a group of this partnership');
    },
  });

  const objectives = defineRecordService(dependencies, {
    table: 'objectives',
    entityType: 'objective',
    partnershipScoped: true,
    list: (trx, scopeId, options) => listObjectives(trx, partnershipOf(scopeId), options),
    toColumns: ({ priorityId, title, description }: ObjectiveInput) => ({ priorityId, title, description }),
    lockedBy: (_scopeId, input) => ({ table: 'priorities', id: input.priorityId }),
    columnsWhenAdded: async (trx, _scopeId, input) => ({ position: await nextPosition(trx, 'objectives', input.priorityId) }),
    title: (objective) => objective.title,
    check: (trx, scopeId, input, existing) =>
      references(trx, partnershipOf(scopeId), existing)(
        'priorities',
        'priorityId',
        input.priorityId,
        'Select a priority of this partnership',
      ),
  });

  /** The plan's actions, by the objective they deliver, of one objective, priority or assessment. */
  async function actionsByObjective(
    partnershipId: string,
    filter: { objectiveId?: string; priorityId?: string; assessmentId?: string },
  ): Promise<Map<string, LoggedAction[]>> {
    const links = await listPlanActions(db, partnershipId, filter);
    const logged = await plannedActions(
      partnershipId,
      links.map((link) => link.actionId),
    );
    const objectiveOf = new Map(links.map((link) => [link.actionId, link.objectiveId]));
    const byObjective = new Map<string, LoggedAction[]>();
    for (const action of logged) {
      const objectiveId = objectiveOf.get(action.id) ?? '';
      byObjective.set(objectiveId, [...(byObjective.get(objectiveId) ?? []), action]);
    }
    return byObjective;
  }

  const planned = (objective: ObjectiveView, byObjective: Map<string, LoggedAction[]>): PlannedObjective => ({
    ...objective,
    actions: byObjective.get(objective.id) ?? [],
  });

  const ownerOf = (priority: { ownerGroupId: string | null }, groups: readonly PlanGroup[]): ActionOwner | null => {
    const group = actionOwnerOf(priority, groups);
    return group ? { id: group.id, name: group.name } : null;
  };

  function documentView(document: DocumentRow): DocumentView {
    const kind = kindOfContentType(document.contentType);
    return { ...document, kindName: kind ? paperKinds[kind].name : document.contentType };
  }

  async function findDocument(
    trx: Kysely<Database>,
    partnershipId: string,
    assessmentId: string,
    documentId: string,
  ): Promise<DocumentRow> {
    const document = (await listDocuments(trx, partnershipId, assessmentId)).find((candidate) => candidate.id === documentId);
    if (!document) throw new NotFoundError('document');
    return document;
  }

  function documentEntry(assessment: AssessmentRow, document: DocumentRow, removed: boolean): AuditEntry {
    const { title, fileName } = document;
    const year = financialYearName(assessment.yearStarting);
    return {
      action: removed ? 'archive' : 'create',
      entityType: 'assessment_document',
      entityId: document.id,
      partnershipId: assessment.partnershipId,
      summary: `${removed ? 'Removed' : 'Added'} the document "${title}" (${fileName}) ${removed ? 'from' : 'to'} the strategic assessment ${year}`,
      before: removed ? document : null,
      after: removed ? null : document,
    };
  }

  /** The assessment a document goes with, read in the transaction that changes it. */
  async function assessmentIn(trx: Kysely<Database>, partnershipId: string, assessmentId: string): Promise<AssessmentRow> {
    const [assessment] = await listAssessments(trx, partnershipId, { id: assessmentId });
    if (!assessment) throw new NotFoundError('strategic assessment');
    return assessment;
  }

  return {
    assessments,
    priorities,
    objectives,

    async overview(partnershipId) {
      const all = await assessments.list(partnershipId);
      const thisYear = Number(financialYearStart(todayInEngland(clock)).slice(0, 4));
      const current = all.find((assessment) => assessment.yearStarting <= thisYear) ?? all.at(-1) ?? null;
      return {
        assessments: all,
        current,
        priorities: current ? await listPriorities(db, partnershipId, { assessmentId: current.id }) : [],
      };
    },

    async assessment(partnershipId, id) {
      const assessment = await assessments.get(partnershipId, id);
      const [documents, set] = await Promise.all([
        listDocuments(db, partnershipId, id),
        listPriorities(db, partnershipId, { assessmentId: id }),
      ]);
      return { assessment, documents: documents.map(documentView), priorities: set };
    },

    async priority(partnershipId, id) {
      const priority = await priorities.get(partnershipId, id);
      const [list, byObjective, groups] = await Promise.all([
        listObjectives(db, partnershipId, { priorityId: id }),
        actionsByObjective(partnershipId, { priorityId: id }),
        groupsOf(partnershipId),
      ]);
      const plannedObjectives = list.map((objective) => planned(objective, byObjective));
      return {
        priority,
        actionOwner: ownerOf(priority, groups),
        objectives: plannedObjectives,
        openActions: plannedObjectives.flatMap((objective) => objective.actions.filter(stillToDo)),
      };
    },

    async objective(partnershipId, id) {
      const objective = await objectives.get(partnershipId, id);
      const [byObjective, groups] = await Promise.all([actionsByObjective(partnershipId, { objectiveId: id }), groupsOf(partnershipId)]);
      return { objective: planned(objective, byObjective), actionOwner: ownerOf(objective, groups) };
    },

    async plan(partnershipId, assessmentId) {
      const assessment = await assessments.get(partnershipId, assessmentId);
      const [set, list, byObjective, groups] = await Promise.all([
        listPriorities(db, partnershipId, { assessmentId }),
        listObjectives(db, partnershipId, { assessmentId }),
        actionsByObjective(partnershipId, { assessmentId }),
        groupsOf(partnershipId),
      ]);
      return {
        assessment,
        priorities: set.map((priority) => ({
          ...priority,
          actionOwner: ownerOf(priority, groups),
          objectives: list.filter((objective) => objective.priorityId === priority.id).map((objective) => planned(objective, byObjective)),
        })),
      };
    },

    async addPlanAction(actor, partnershipId, objectiveId, input) {
      const [groups, chosen] = await Promise.all([groupsOf(partnershipId), actionOwner(partnershipId, input.owner)]);
      return db.transaction().execute(async (trx) => {
        const [objective] = await listObjectives(trx, partnershipId, { id: objectiveId });
        if (!objective) throw new NotFoundError('objective');
        if (objective.archivedAt || objective.priorityArchivedAt) {
          throw new FieldValidationError('form', 'This objective or its priority has been archived, so no actions can be added to it');
        }
        const owner = ownerOf(objective, groups);
        if (!owner) throw new FieldValidationError('form', 'The partnership has no board to keep the actions of a cross-cutting priority');
        const actionId = await recordAction(
          trx,
          actor,
          { partnershipId, groupId: owner.id, ...input, ...chosen },
          `for the objective "${objective.title}" of the community safety plan ${financialYearName(objective.yearStarting)}`,
        );
        await insertPlanAction(trx, { actionId, objectiveId, partnershipId });
        return { actionId, owner };
      });
    },

    async attachDocument(actor, partnershipId, assessmentId, upload) {
      const classified = await classifyPaper(upload.bytes, upload.fileName);
      if ('refused' in classified) throw new FieldValidationError('file', classified.refused);
      const id = randomUUID();
      await db.transaction().execute(async (trx) => {
        const assessment = await assessmentIn(trx, partnershipId, assessmentId);
        if (assessment.archivedAt) throw new FieldValidationError('file', 'This strategic assessment has been archived');
        const now = isoNow(clock);
        const document = {
          id,
          partnershipId,
          assessmentId,
          title: upload.title ?? upload.fileName.replace(/\.[^.]*$/, '').slice(0, 200),
          fileName: upload.fileName,
          contentType: paperKinds[classified.kind].contentType,
          sizeBytes: upload.bytes.length,
          uploadedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertDocument(trx, document, upload.bytes);
        await audit.record(trx, actor, documentEntry(assessment, { ...document, version: 1 }, false));
      });
      return id;
    },

    async document(partnershipId, assessmentId, documentId) {
      const document = await findDocument(db, partnershipId, assessmentId, documentId);
      const content = await documentContent(db, document.id);
      if (!content) throw new NotFoundError('document');
      return { document: documentView(document), content };
    },

    async removeDocument(actor, partnershipId, assessmentId, documentId, version) {
      await db.transaction().execute(async (trx) => {
        const assessment = await assessmentIn(trx, partnershipId, assessmentId);
        const document = await findDocument(trx, partnershipId, assessmentId, documentId);
        // The file is kept with the record, which is archived only if it is still the version the user saw.
        const at = isoNow(clock);
        await updateVersioned(trx, audit, actor, {
          table: 'assessmentDocuments',
          id: documentId,
          partnershipId,
          version,
          changes: { archivedAt: at, updatedAt: at },
          what: 'document',
          entry: () => documentEntry(assessment, document, true),
        });
      });
    },
  };
}

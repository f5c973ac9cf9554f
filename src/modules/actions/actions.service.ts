/**
 * The action log: every action agreed at the partnership's meetings, with its history of updates, so
 * that all are "completed or accounted for". Actions are written into the minutes by the meetings
 * module (through `recordInMinutes`, inside its transaction); from then on they live here.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, maySee, type PartTwoReadership, type Viewer } from '../../core/actor.ts';
import { type Clock, isoNow, todayInEngland } from '../../core/clock.ts';
import { ConflictError, NotFoundError, NotPermittedError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditTrail } from '../audit/index.ts';
import type { GovernanceService } from '../governance/index.ts';
import { answersFor, isOverdue } from './actionStatus.ts';
import {
  type ActionFilter,
  type ActionRow,
  type ActionUpdateRow,
  type ActionView,
  countActions,
  insertAction,
  insertActionUpdate,
  listActions,
  listActionUpdates,
  updateActionStatus,
} from './actions.repository.ts';
import type { ActionInput, ActionUpdateInput } from './actions.schemas.ts';

export type LoggedAction = ActionView & { overdue: boolean };

export interface ActionLogFilter {
  groupId?: string | undefined;
  status?: string | undefined;
  /** Part of the owner's name. */
  owner?: string | undefined;
  overdue?: boolean | undefined;
  /** Only these actions (e.g. those of one objective of the community safety plan). */
  ids?: readonly string[] | undefined;
}

export interface ActionsService {
  /** Writes an action agreed in the minutes, in the minutes' own transaction (which checks they are not yet approved). */
  recordInMinutes(trx: Kysely<Database>, row: Omit<ActionRow, 'version'>): Promise<void>;
  /**
   * Writes an action agreed outside a meeting (one of the community safety plan) into the action log of a
   * group, with its audit entry, in the caller's transaction so that whatever links to it commits with it.
   * `agreedFor` ends the audit summary, e.g. 'for the objective "…" of the community safety plan'. Returns its id.
   */
  recordOutsideMeeting(
    trx: Kysely<Database>,
    actor: Actor,
    action: ActionInput & { partnershipId: string; groupId: string },
    agreedFor: string,
  ): Promise<string>;
  /** The actions agreed under one agenda item (its reader is checked by the minutes, which show them). */
  forItem(partnershipId: string, agendaItemId: string): Promise<LoggedAction[]>;
  /**
   * The action log as this viewer may see it (an action of a Part II item only for those who may read the
   * item): every matching action, or one page of them with the count of all.
   */
  actionLog(partnershipId: string, viewer: Viewer, filter?: ActionLogFilter): Promise<LoggedAction[]>;
  actionLogPage(
    partnershipId: string,
    viewer: Viewer,
    filter: ActionLogFilter,
    page: { limit: number; offset: number },
  ): Promise<{ actions: LoggedAction[]; total: number }>;
  /**
   * Matters arising: every action of the group's earlier meetings still to be completed or accounted for
   * (open, in progress or carried forward), as this viewer may see them.
   */
  mattersArising(partnershipId: string, meeting: { groupId: string; meetingDate: string }, viewer: Viewer): Promise<LoggedAction[]>;
  /**
   * One action with its updates: one of a Part II item only for those who may read the item (its owner is
   * reminded of it by e-mail, but reads it here only if on the group).
   */
  action(partnershipId: string, id: string, viewer: Viewer): Promise<{ action: LoggedAction; updates: ActionUpdateRow[] }>;
  /** Officers update any action; anyone else the actions they answer for (found by their account's e-mail address). */
  mayUpdateAction(partnershipId: string, action: ActionView, by: Viewer): Promise<boolean>;
  /** `alongside` runs in the same transaction, e.g. to record the result where the action came from. */
  updateAction(
    actor: Actor,
    partnershipId: string,
    id: string,
    version: number,
    input: ActionUpdateInput,
    by: Viewer,
    alongside?: (trx: Kysely<Database>) => Promise<void>,
  ): Promise<void>;
}

/** Whose Part II business a viewer may read: the meetings module's rule (its Confidentiality), passed in. */
export interface PartTwoReaders {
  readership(partnershipId: string, viewer: Viewer): Promise<PartTwoReadership>;
}

export function createActionsService(
  db: Kysely<Database>,
  audit: AuditTrail,
  clock: Clock,
  governance: GovernanceService,
  readers: PartTwoReaders,
): ActionsService {
  const logged = (actions: ActionView[]): LoggedAction[] => {
    const today = todayInEngland(clock);
    return actions.map((a) => ({ ...a, overdue: isOverdue(a, today) }));
  };

  const actionFilter = ({ overdue, ...filter }: ActionLogFilter): ActionFilter => ({
    ...filter,
    overdueOn: overdue ? todayInEngland(clock) : undefined,
  });

  async function mayUpdateAction(partnershipId: string, action: ActionView, by: Viewer): Promise<boolean> {
    if (by.officer) return true;
    return (await governance.peopleByEmail(partnershipId, by.email)).some((person) => answersFor(action.owner, person));
  }

  /** An action this viewer may see; one they may not is not found, so as to say nothing about it. */
  async function visibleAction(partnershipId: string, id: string, viewer: Viewer): Promise<ActionView> {
    const [action] = await listActions(db, partnershipId, { id });
    if (!action || !maySee(await readers.readership(partnershipId, viewer), action)) throw new NotFoundError('action');
    return action;
  }

  return {
    recordInMinutes: insertAction,

    async recordOutsideMeeting(trx, actor, action, agreedFor) {
      const now = isoNow(clock);
      const { partnershipId, groupId, description, owner, dueDate } = action;
      const row = {
        id: randomUUID(),
        partnershipId,
        groupId,
        meetingId: null,
        agendaItemId: null,
        description,
        owner,
        dueDate,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      await insertAction(trx, row);
      await audit.record(trx, actor, {
        action: 'create',
        entityType: 'action',
        entityId: row.id,
        partnershipId,
        summary: `Recorded an action for ${owner} ${agreedFor}`,
        before: null,
        after: row,
      });
      return row.id;
    },

    forItem: async (partnershipId, agendaItemId) => logged(await listActions(db, partnershipId, { agendaItemId })),

    actionLog: async (partnershipId, viewer, filter = {}) =>
      logged(await listActions(db, partnershipId, { ...actionFilter(filter), seenBy: await readers.readership(partnershipId, viewer) })),

    async actionLogPage(partnershipId, viewer, filter, page) {
      const seen = { ...actionFilter(filter), seenBy: await readers.readership(partnershipId, viewer) };
      const [actions, total] = await Promise.all([listActions(db, partnershipId, seen, page), countActions(db, partnershipId, seen)]);
      return { actions: logged(actions), total };
    },

    mattersArising: async (partnershipId, meeting, viewer) =>
      logged(
        await listActions(db, partnershipId, {
          groupId: meeting.groupId,
          stillToDoBefore: meeting.meetingDate,
          seenBy: await readers.readership(partnershipId, viewer),
        }),
      ),

    async action(partnershipId, id, viewer) {
      const action = await visibleAction(partnershipId, id, viewer);
      return { action: logged([action])[0] ?? { ...action, overdue: false }, updates: await listActionUpdates(db, id) };
    },

    mayUpdateAction,

    async updateAction(actor, partnershipId, id, version, input, by, alongside) {
      const before = await visibleAction(partnershipId, id, by);
      if (!(await mayUpdateAction(partnershipId, before, by))) {
        throw new NotPermittedError('Only the action’s owner or a partnership officer can add an update');
      }
      await db.transaction().execute(async (trx) => {
        const now = isoNow(clock);
        if (!(await updateActionStatus(trx, id, version, input.status, now))) throw new ConflictError(before.version);
        await insertActionUpdate(trx, {
          id: randomUUID(),
          actionId: id,
          status: input.status,
          note: input.note,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'action',
          entityId: id,
          partnershipId,
          summary: `Updated the action for ${before.owner}: ${input.note.slice(0, 80)}`,
          before: { status: before.status },
          after: { status: input.status, note: input.note },
        });
        await alongside?.(trx);
      });
    },
  };
}

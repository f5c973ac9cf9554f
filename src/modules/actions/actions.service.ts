/**
 * The action log: every action agreed at the partnership's meetings, with its history of updates, so
 * that all are "completed or accounted for". Actions are written into the minutes by the meetings
 * module (through `recordInMinutes`, inside its transaction); from then on they live here.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow, type RecordedOn, takenAt, todayInEngland } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError, NotPermittedError } from '../../platform/errors.ts';
import type { Found } from '../../platform/finding.ts';
import { formatDate } from '../../platform/dates.ts';
import { maySee, type Policy } from '../../platform/policy.ts';
import type { Actor, Principal } from '../../platform/principal.ts';
import { updateVersioned } from '../../platform/records.ts';
import { type ActionStatus, isOverdue, mayUpdate } from './actionStatus.ts';
import {
  type ActionFilter,
  type ActionOwnedBy,
  type ActionRow,
  type ActionUpdateRow,
  type ActionView,
  changeAction,
  countActions,
  countOwnersInWords,
  deleteAction,
  findItemAction,
  insertAction,
  insertActionUpdate,
  linkActionOwner,
  listActions,
  listActionsOwnedInWords,
  listActionUpdates,
  listOwnersInWords,
} from './actions.repository.ts';
import { type PageRead, readPage } from '../../db/pageRead.ts';

export { actionKeyOf } from './actions.repository.ts';
import type { OwnedActionInput, ActionUpdateInput } from './actions.inputs.ts';
import { type ActionOwner, type OwnerChoice, ownerOf, type OwnerRecords } from './owners.ts';

export type LoggedAction = ActionView & { overdue: boolean };

export interface ActionLogFilter {
  groupId?: string | undefined;
  status?: ActionStatus | undefined;
  /** Part of the owner's name. */
  owner?: string | undefined;
  /** Words in the action's description, in any case. */
  words?: string | undefined;
  overdue?: boolean | undefined;
  /** Only these actions (e.g. those of one objective of the community safety plan). */
  ids?: readonly string[] | undefined;
  /** Only those given to this person or their organisation: "my actions". */
  ownedBy?: ActionOwnedBy | undefined;
}

export interface ActionsService {
  /** Writes an action agreed in the minutes, in the minutes' own transaction (which checks they are not yet approved). */
  recordInMinutes(trx: Kysely<Database>, row: Omit<ActionRow, 'version'>): Promise<void>;
  /** An action of an agenda item's minutes, read in the minutes' transaction. */
  findInMinutes(trx: Kysely<Database>, agendaItemId: string, id: string): Promise<ActionRow | undefined>;
  /**
   * Puts right an action in draft minutes, in their transaction (which checks they are not yet approved), from the
   * version the user saw: false when someone else changed it first.
   */
  changeInMinutes(trx: Kysely<Database>, id: string, version: number, input: OwnedActionInput): Promise<boolean>;
  /** Removes an action from draft minutes at that version, likewise; one with updates or reminders is refused by its foreign keys. */
  removeFromMinutes(trx: Kysely<Database>, id: string, version: number): Promise<boolean>;
  /**
   * Writes an action agreed outside a meeting (one of the community safety plan) into the action log of a
   * group, with its audit entry, in the caller's transaction so that whatever links to it commits with it.
   * `agreedFor` ends the audit summary, e.g. 'for the objective "…" of the community safety plan'. Returns its id.
   */
  recordOutsideMeeting(
    trx: Kysely<Database>,
    actor: Actor,
    action: OwnedActionInput & { partnershipId: string; groupId: string },
    agreedFor: string,
  ): Promise<string>;
  /** The partnership's current people and organisations, to choose an action's owner from. */
  ownerRecords(partnershipId: string): Promise<OwnerRecords>;
  /**
   * The owner chosen, as an action stores it (before the writing transaction): a person or organisation of
   * another partnership is refused next to its field.
   */
  ownerOf(partnershipId: string, chosen: OwnerChoice): Promise<ActionOwner>;
  /** Owners still named only in words, each with how many actions name it: for an officer to resolve. */
  ownersToResolve(partnershipId: string): Promise<{ owner: string; actions: number }[]>;
  /** How many owners are still named only in words (without counting their actions, which grow with the log). */
  countOwnersToResolve(partnershipId: string): Promise<number>;
  /**
   * Makes every action owned in exactly these words owned by the person or organisation chosen, each with its
   * audit entry, in one transaction. Returns how many actions it changed.
   */
  resolveOwner(actor: Actor, partnershipId: string, words: string, chosen: OwnerChoice): Promise<number>;
  /** The actions agreed under one agenda item (its reader is checked by the minutes, which show them). */
  forItem(partnershipId: string, agendaItemId: string): Promise<LoggedAction[]>;
  /**
   * The action log as this reader may see it (an action of a Part II item only for those who may read the
   * item): every matching action, or one page of them with the count of all.
   */
  actionLog(partnershipId: string, reader: Principal, filter?: ActionLogFilter): Promise<LoggedAction[]>;
  actionLogPage(
    partnershipId: string,
    reader: Principal,
    filter: ActionLogFilter,
    page: PageRead,
  ): Promise<{ actions: LoggedAction[]; total: number }>;
  /** The actions whose description holds the words, as this reader may see them, soonest due first. */
  find(reader: Principal, partnershipId: string, words: string, limit: number): Promise<Found[]>;
  /**
   * Matters arising: every action of the group's earlier meetings still to be completed or accounted for
   * (open, in progress or carried forward), as this reader may see them.
   */
  mattersArising(partnershipId: string, meeting: { groupId: string; meetingDate: string }, reader: Principal): Promise<LoggedAction[]>;
  /**
   * One action with its updates: one of a Part II item only for those who may read the item (its owner is
   * reminded of it by e-mail, but reads it here only if on the group).
   */
  action(partnershipId: string, id: string, reader: Principal): Promise<{ action: LoggedAction; updates: ActionUpdateRow[] }>;
  /** Whether the principal may add an update to the action (the policy's `mayUpdate` rule). */
  mayUpdateAction(partnershipId: string, action: ActionView, by: Principal): Promise<boolean>;
  /**
   * `alongside` runs in the same transaction, e.g. to record the result where the action came from; `on`, for an
   * update recorded after the event, is when it was made.
   */
  updateAction(
    by: Principal,
    partnershipId: string,
    id: string,
    version: number,
    input: ActionUpdateInput,
    alongside?: (trx: Kysely<Database>) => Promise<void>,
    on?: RecordedOn,
  ): Promise<void>;
}

export interface ActionsDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  policy: Policy;
  /** The partnership's current people and organisations (from the governance module). */
  ownerRecords: (partnershipId: string) => Promise<OwnerRecords>;
}

export function createActionsService({ db, audit, clock, policy, ownerRecords }: ActionsDependencies): ActionsService {
  const logged = (actions: ActionView[]): LoggedAction[] => {
    const today = todayInEngland(clock);
    return actions.map((a) => ({ ...a, overdue: isOverdue(a, today) }));
  };

  const actionFilter = ({ overdue, ...filter }: ActionLogFilter): ActionFilter => ({
    ...filter,
    overdueOn: overdue ? todayInEngland(clock) : undefined,
  });

  const mayUpdateAction = (partnershipId: string, action: ActionView, by: Principal) =>
    policy.can(by, mayUpdate, { ...action, partnershipId });

  /** An action this reader may see; one they may not is not found, so as to say nothing about it. */
  async function visibleAction(partnershipId: string, id: string, reader: Principal): Promise<ActionView> {
    const [action] = await listActions(db, partnershipId, { id });
    if (!action || !maySee(await policy.partTwoReadership(reader, partnershipId), action)) throw new NotFoundError('action');
    return action;
  }

  return {
    recordInMinutes: insertAction,
    findInMinutes: findItemAction,
    changeInMinutes: (trx, id, version, input) => changeAction(trx, id, version, { ...input, updatedAt: isoNow(clock) }),
    removeFromMinutes: deleteAction,

    async recordOutsideMeeting(trx, actor, action, agreedFor) {
      const now = isoNow(clock);
      const { partnershipId, groupId, description, owner, ownerPersonId, ownerOrganisationId, dueDate } = action;
      const row: Omit<ActionRow, 'version'> = {
        id: randomUUID(),
        partnershipId,
        groupId,
        meetingId: null,
        agendaItemId: null,
        description,
        owner,
        ownerPersonId,
        ownerOrganisationId,
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

    ownerRecords,

    async ownerOf(partnershipId, chosen) {
      const found = ownerOf(chosen, await ownerRecords(partnershipId));
      if ('field' in found) throw new FieldValidationError(found.field, found.message);
      return found;
    },

    ownersToResolve: (partnershipId) => listOwnersInWords(db, partnershipId),
    countOwnersToResolve: (partnershipId) => countOwnersInWords(db, partnershipId),

    async resolveOwner(actor, partnershipId, words, chosen) {
      if (chosen.kind === 'other') throw new FieldValidationError('ownerKind', 'Select a person or an organisation');
      const owner = ownerOf(chosen, await ownerRecords(partnershipId));
      if ('field' in owner) throw new FieldValidationError(owner.field, owner.message);
      return db.transaction().execute(async (trx) => {
        const named = await listActionsOwnedInWords(trx, partnershipId, words);
        const updatedAt = isoNow(clock);
        let changed = 0;
        for (const action of named) {
          // Another officer resolving the same words first leaves nothing here to change.
          if (!(await linkActionOwner(trx, action.id, action.version, { ...owner, updatedAt }))) continue;
          await audit.record(trx, actor, {
            action: 'update',
            entityType: 'action',
            entityId: action.id,
            partnershipId,
            summary: `Resolved the owner "${words}" of an action as ${owner.owner}`,
            before: { owner: words, ownerPersonId: null, ownerOrganisationId: null },
            after: owner,
          });
          changed += 1;
        }
        return changed;
      });
    },

    forItem: async (partnershipId, agendaItemId) => logged(await listActions(db, partnershipId, { agendaItemId })),

    actionLog: async (partnershipId, reader, filter = {}) =>
      logged(
        await listActions(db, partnershipId, { ...actionFilter(filter), seenBy: await policy.partTwoReadership(reader, partnershipId) }),
      ),

    async actionLogPage(partnershipId, reader, filter, page) {
      const seen = { ...actionFilter(filter), seenBy: await policy.partTwoReadership(reader, partnershipId) };
      const { rows, total } = await readPage(
        page,
        () => countActions(db, partnershipId, seen),
        (place) => listActions(db, partnershipId, seen, place),
      );
      return { actions: logged(rows), total };
    },

    async find(reader, partnershipId, words, limit) {
      const seenBy = await policy.partTwoReadership(reader, partnershipId);
      const found = await listActions(db, partnershipId, { words, seenBy }, { limit, offset: 0 });
      return found.map((action) => ({
        kind: 'action' as const,
        title: action.description,
        detail: [action.groupName, action.owner, action.dueDate ? `due ${formatDate(action.dueDate)}` : null].filter(Boolean).join(', '),
        href: `/partnerships/${partnershipId}/actions/${action.id}`,
      }));
    },

    mattersArising: async (partnershipId, meeting, reader) =>
      logged(
        await listActions(db, partnershipId, {
          groupId: meeting.groupId,
          stillToDoBefore: meeting.meetingDate,
          seenBy: await policy.partTwoReadership(reader, partnershipId),
        }),
      ),

    async action(partnershipId, id, reader) {
      const action = await visibleAction(partnershipId, id, reader);
      return { action: logged([action])[0] ?? { ...action, overdue: false }, updates: await listActionUpdates(db, id) };
    },

    mayUpdateAction,

    async updateAction(by, partnershipId, id, version, input, alongside, on) {
      const before = await visibleAction(partnershipId, id, by);
      if (!(await mayUpdateAction(partnershipId, before, by))) {
        throw new NotPermittedError('Only the action’s owner or a partnership officer can add an update');
      }
      await db.transaction().execute(async (trx) => {
        const now = takenAt(clock, on);
        await updateVersioned(trx, audit, by, {
          table: 'actions',
          id,
          partnershipId,
          version,
          changes: { status: input.status, updatedAt: now },
          what: 'action',
          entry: () => ({
            action: 'update',
            entityType: 'action',
            partnershipId,
            summary: `Updated the action for ${before.owner}: ${input.note.slice(0, 80)}`,
            before: { status: before.status },
            after: { status: input.status, note: input.note },
          }),
        });
        await insertActionUpdate(trx, {
          id: randomUUID(),
          actionId: id,
          status: input.status,
          note: input.note,
          updatedAt: now,
          updatedBy: by.userId,
        });
        await alongside?.(trx);
      });
    },
  };
}

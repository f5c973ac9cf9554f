/**
 * Putting right what draft minutes record beside the narrative (a decision, a declaration of interest, an action):
 * each change or removal only from the version the user saw, never of a decision's outcome that other records
 * rest on, and audited with before and after.
 */
import type { Kysely } from 'kysely';
import { refusingReferenced } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import { withArticle } from '../../platform/wording.ts';
import type { ActionInput, ActionsService } from '../actions/index.ts';
import { carriedDecisionIds } from './agenda.repository.ts';
import type { DecisionInput, DeclarationInput } from './meetings.inputs.ts';
import { deleteOfItem, findDecision, findDeclaration } from './minutes.repository.ts';

/** What can be put right on draft minutes: a decision, a declaration of interest or an action. */
export type EntryKind = 'decision' | 'declaration' | 'action';
export type EntryChange =
  { kind: 'decision'; input: DecisionInput } | { kind: 'declaration'; input: DeclarationInput } | { kind: 'action'; input: ActionInput };

const entryNames = { decision: 'decision', declaration: 'declaration of interest', action: 'action' } as const satisfies Record<
  EntryKind,
  string
>;

/** Why a removal that other records still refer to is refused. */
const stillReferred = {
  decision: 'This decision cannot be removed: an allocation of funding or a later agenda item refers to it. Change its wording instead.',
  declaration: 'This declaration cannot be removed: another record refers to it',
  action:
    'This action cannot be removed: it already has updates or reminders in the action log. Change it, or cancel it in the action log.',
} as const satisfies Record<EntryKind, string>;

/** One entry to put right: where it is (`place`, for the audit summary), and the version the user saw. */
export interface EntryTarget {
  partnershipId: string;
  meetingId: string;
  itemId: string;
  place: string;
  kind: EntryKind;
  id: string;
  version: number;
}

export interface EntryCorrectionDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  actions: Pick<ActionsService, 'findInMinutes' | 'removeFromMinutes'>;
  /** What of funding rests on a decision, in words, or null; read in the writing transaction. */
  decisionReliedOn: (trx: Kysely<Database>, partnershipId: string, decisionId: string) => Promise<string | null>;
  /** Refuses once the meeting's minutes are approved; locks them for the writing transaction. */
  assertEditable: (trx: Kysely<Database>, meetingId: string) => Promise<void>;
}

export function createEntryCorrections({ db, audit, actions, decisionReliedOn, assertEditable }: EntryCorrectionDependencies) {
  /**
   * An entry of an item's minutes, as the writing transaction reads and removes it; the removal only at the
   * version the user saw (false when someone changed it since).
   */
  function entryStore(kind: EntryKind, itemId: string) {
    switch (kind) {
      case 'decision':
        return {
          find: (trx: Kysely<Database>, id: string) => findDecision(trx, itemId, id),
          remove: (trx: Kysely<Database>, id: string, version: number) => deleteOfItem(trx, 'decisions', id, version),
        };
      case 'declaration':
        return {
          find: (trx: Kysely<Database>, id: string) => findDeclaration(trx, itemId, id),
          remove: (trx: Kysely<Database>, id: string, version: number) => deleteOfItem(trx, 'declarations', id, version),
        };
      case 'action':
        return {
          find: (trx: Kysely<Database>, id: string) => actions.findInMinutes(trx, itemId, id),
          remove: (trx: Kysely<Database>, id: string, version: number) => actions.removeFromMinutes(trx, id, version),
        };
    }
  }

  /**
   * A decision that other records rest on keeps its outcome: allocations of funding agreed by it, or a later
   * agenda item carrying it forward, would otherwise stand on an outcome it no longer has.
   */
  async function assertOutcomeFree(trx: Kysely<Database>, partnershipId: string, decisionId: string): Promise<void> {
    const funding = await decisionReliedOn(trx, partnershipId, decisionId);
    const carried = (await carriedDecisionIds(trx, [decisionId])).has(decisionId) ? 'a later agenda item carries it forward' : null;
    const reasons = [funding, carried].filter((reason) => reason !== null);
    if (reasons.length === 0) return;
    throw new FieldValidationError(
      'outcome',
      `The outcome cannot change: ${reasons.join('; ')}. Change its wording, or record a correction once the minutes are approved.`,
    );
  }

  /**
   * Changes (`write`, false when the row moved on from `version`) or removes one entry of draft minutes, only
   * from the version the user saw, with the audit entry of before and after.
   */
  async function correct(
    actor: Actor,
    target: EntryTarget,
    write: ((trx: Kysely<Database>) => Promise<boolean>) | 'remove',
  ): Promise<void> {
    const { partnershipId, meetingId, itemId, place, kind, id, version } = target;
    const store = entryStore(kind, itemId);
    const change = write === 'remove' ? 'Removed' : 'Changed';
    await refusingReferenced(
      () =>
        db.transaction().execute(async (trx) => {
          await assertEditable(trx, meetingId);
          const before = await store.find(trx, id);
          if (!before) throw new NotFoundError(entryNames[kind]);
          if (before.version !== version) throw new ConflictError(before.version);
          if (!(await (write === 'remove' ? store.remove(trx, id, version) : write(trx)))) {
            const now = await store.find(trx, id);
            if (!now) throw new NotFoundError(entryNames[kind]);
            throw new ConflictError(now.version);
          }
          const after = write === 'remove' ? null : ((await store.find(trx, id)) ?? null);
          await audit.record(trx, actor, {
            action: write === 'remove' ? 'delete' : 'update',
            entityType: kind,
            entityId: id,
            partnershipId,
            summary: `${change} ${withArticle(entryNames[kind])} on ${place}`,
            before,
            after,
          });
        }),
      new FieldValidationError('form', stillReferred[kind]),
    );
  }

  return { correct, assertOutcomeFree };
}

/**
 * The life of an allocation: proposed by an officer, agreed by a board decision and released by the chair, or
 * withdrawn while proposed; each move checked against allocationLife.ts and written with its event and audit entry.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { isoNow, type RecordedOn, takenAt } from '../../platform/clock.ts';
import { financialYearName as year } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { formatMoney, plural } from '../../platform/numbers.ts';
import type { Database } from '../../db/schema.ts';
import { references } from '../../platform/recordService.ts';
import { type Row, updateVersioned, type Writable } from '../../platform/records.ts';
import { type AllocationMove, allocationRefusal, listRefusal } from './allocationLife.ts';
import {
  type AllocationRow,
  countAllocationsByDecision,
  type GrantRow,
  insertAllocation,
  insertEvent,
  listAllocations,
  listEvents,
  nextReference,
} from './funding.repository.ts';
import type { AllocationInput } from './funding.inputs.ts';
import type { AllocationEvent, AllocationState, AllocationView, DecisionLink, GrantView } from './funding.types.ts';
import { decisionLink, type FundingDependencies, type FundingYears, refuse } from './fundingYears.ts';

// The outcomes by which a board agrees to spend money: noting, deferring or recommending to another body do not.
const agreeingOutcomes = new Set(['agreed', 'resolved', 'supported']);

export interface AllocationsService {
  allocation(
    partnershipId: string,
    yearStarting: number,
    id: string,
  ): Promise<{ allocation: AllocationView; events: AllocationEvent[]; grant: GrantView }>;
  propose(actor: Actor, partnershipId: string, yearStarting: number, input: AllocationInput, on?: RecordedOn): Promise<string>;
  /** Only while proposed: once the board has agreed it, a change is a new proposal. */
  changeAllocation(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    id: string,
    version: number,
    input: AllocationInput,
  ): Promise<void>;
  /** A proposed allocation no longer wanted: its money is free again. */
  withdraw(actor: Actor, partnershipId: string, yearStarting: number, id: string, version: number): Promise<void>;
  /** The decisions an allocation may be agreed by: the board's own, agreeing something, not deferred for want of a quorum. */
  boardDecisions(partnershipId: string): Promise<DecisionLink[]>;
  /** Records the board's decision agreeing these proposed allocations; returns how many. */
  agree(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    decisionId: string,
    allocationIds: string[],
    on?: RecordedOn,
  ): Promise<number>;
  /** The chair releases agreed allocations; returns how many. */
  release(actor: Actor, partnershipId: string, yearStarting: number, allocationIds: string[], on?: RecordedOn): Promise<number>;
  /**
   * What of funding rests on a decision ("18 allocations of funding rest on this decision"), or null: read in the
   * caller's transaction, so the minutes can refuse to change its outcome.
   */
  decisionReliedOn(trx: Kysely<Database>, partnershipId: string, decisionId: string): Promise<string | null>;
}

export function createAllocationsService(
  { db, audit, clock, groups, decisions }: FundingDependencies,
  years: FundingYears,
): AllocationsService {
  const { grantRow, grantView, decisionsById, allocationViews, openGrant, assertFits } = years;
  async function recordEvent(
    trx: Kysely<Database>,
    actor: Actor,
    allocation: AllocationRow,
    state: AllocationState,
    decisionId: string | null,
    on?: RecordedOn,
  ) {
    await insertEvent(trx, {
      id: randomUUID(),
      allocationId: allocation.id,
      partnershipId: allocation.partnershipId,
      state,
      decisionId,
      at: takenAt(clock, on),
      byUserId: actor.userId,
    });
  }

  async function allocationRow(trx: Kysely<Database>, partnershipId: string, grant: GrantRow, id: string): Promise<AllocationRow> {
    if (!id) throw new NotFoundError('allocation');
    const [row] = await listAllocations(trx, partnershipId, { grantId: grant.id, id });
    if (!row) throw new NotFoundError('allocation');
    return row;
  }

  /** An allocation, in a grant locked for the change, at the version the change was made from and in a state that allows the move. */
  async function movableAllocation(
    trx: Kysely<Database>,
    partnershipId: string,
    yearStarting: number,
    id: string,
    version: number,
    moving: AllocationMove,
  ): Promise<{ grant: GrantRow; before: AllocationRow }> {
    const { grant, situation } = await openGrant(trx, partnershipId, yearStarting, moving, 'form');
    const row = await allocationRow(trx, partnershipId, grant, id);
    if (row.version !== version) throw new ConflictError(row.version);
    refuse(allocationRefusal(moving, row.state, situation), 'form');
    return { grant, before: row };
  }

  /** Checks the priority chosen is one of this partnership's; kept if it was already linked, even if archived since. */
  async function checkPriority(trx: Kysely<Database>, partnershipId: string, input: AllocationInput, existing: AllocationRow | null) {
    await references(trx, partnershipId, existing)('priorities', 'priorityId', input.priorityId, 'Select a priority of this partnership');
  }

  /** A version-checked change to an allocation, at the version it was read at. */
  const allocationChange = (partnershipId: string, row: AllocationRow, changes: Partial<Writable<Row<'allocations'>>>) => ({
    table: 'allocations' as const,
    id: row.id,
    partnershipId,
    version: row.version,
    changes,
    what: 'allocation',
  });

  const allocationColumns = (input: AllocationInput) => ({
    theme: input.theme,
    purpose: input.purpose,
    granteeKind: input.granteeKind,
    grantee: input.grantee,
    amountPence: input.amount,
    priorityId: input.priorityId,
  });

  /** Moves each chosen allocation from one state to the next, with its event and audit entry, in one transaction. */
  async function move(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    allocationIds: string[],
    moving: 'agree' | 'release',
    to: AllocationState,
    decisionId: string | null,
    verb: string,
    on?: RecordedOn,
  ): Promise<number> {
    const chosen = new Set(allocationIds);
    if (chosen.size === 0) throw new FieldValidationError('allocationIds', `Select the allocations ${verb.toLowerCase()}`);
    return db.transaction().execute(async (trx) => {
      const { grant, situation } = await openGrant(trx, partnershipId, yearStarting, moving, 'allocationIds');
      const rows = (await listAllocations(trx, partnershipId, { grantId: grant.id })).filter((a) => chosen.has(a.id));
      if (rows.length !== chosen.size) refuse(listRefusal(moving), 'allocationIds');
      for (const row of rows) refuse(allocationRefusal(moving, row.state, situation), 'allocationIds');
      const now = isoNow(clock);
      for (const row of rows) {
        const changes = { state: to, updatedAt: now, ...(decisionId ? { decisionId } : {}) };
        await updateVersioned(trx, audit, actor, {
          ...allocationChange(partnershipId, row, changes),
          entry: () => ({
            action: 'update',
            entityType: 'allocation',
            partnershipId,
            summary: `${verb} allocation ${row.reference} of ${year(yearStarting)} (${formatMoney(row.amountPence)}): ${row.purpose}`,
            before: { state: row.state },
            after: changes,
          }),
        });
        await recordEvent(trx, actor, row, to, decisionId, on);
      }
      return rows.length;
    });
  }

  /** The board's own decisions (its group has no parent) that agree something, and were not deferred for want of a quorum. */
  async function boardDecisions(partnershipId: string): Promise<DecisionLink[]> {
    const [all, listed] = await Promise.all([decisions(partnershipId), groups(partnershipId)]);
    const boards = new Set(listed.filter((g) => g.parentId === null).map((g) => g.id));
    return all
      .filter((d) => boards.has(d.groupId) && agreeingOutcomes.has(d.outcome) && !d.deferredForQuorum)
      .sort((a, b) => b.meetingDate.localeCompare(a.meetingDate))
      .map((d) => decisionLink(partnershipId, d));
  }

  return {
    async decisionReliedOn(trx, partnershipId, decisionId) {
      const count = await countAllocationsByDecision(trx, partnershipId, decisionId);
      if (count === 0) return null;
      return `${plural(count, 'allocation of funding rests', 'allocations of funding rest')} on this decision`;
    },

    async allocation(partnershipId, yearStarting, id) {
      const grantRecord = await grantRow(partnershipId, yearStarting);
      const row = await allocationRow(db, partnershipId, grantRecord, id);
      const [[allocation], events, grant, byId] = await Promise.all([
        allocationViews(partnershipId, yearStarting, [row]),
        listEvents(db, id),
        grantView(db, grantRecord),
        decisionsById(partnershipId),
      ]);
      if (!allocation) throw new NotFoundError('allocation');
      return {
        allocation,
        grant,
        events: events.map((e) => {
          const decision = e.decisionId ? byId.get(e.decisionId) : undefined;
          return {
            state: e.state,
            at: e.at,
            byName: e.byName,
            decision: decision ? decisionLink(partnershipId, decision) : null,
          };
        }),
      };
    },

    async propose(actor, partnershipId, yearStarting, input, on) {
      return db.transaction().execute(async (trx) => {
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'propose', 'amount');
        await checkPriority(trx, partnershipId, input, null);
        await assertFits(trx, grant, input.amount, null);
        const now = isoNow(clock);
        const row = {
          id: randomUUID(),
          partnershipId,
          grantId: grant.id,
          reference: await nextReference(trx, grant.id),
          ...allocationColumns(input),
          state: 'proposed' as const,
          decisionId: null,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertAllocation(trx, row);
        await recordEvent(trx, actor, { ...row, version: 1 }, 'proposed', null, on);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'allocation',
          entityId: row.id,
          partnershipId,
          summary: `Proposed allocation ${row.reference} of ${year(yearStarting)} (${formatMoney(input.amount)}): ${input.purpose}`,
          before: null,
          after: row,
        });
        return row.id;
      });
    },

    async changeAllocation(actor, partnershipId, yearStarting, id, version, input) {
      await db.transaction().execute(async (trx) => {
        const { grant, before } = await movableAllocation(trx, partnershipId, yearStarting, id, version, 'change');
        await checkPriority(trx, partnershipId, input, before);
        await assertFits(trx, grant, input.amount, id);
        const changes = { ...allocationColumns(input), updatedAt: isoNow(clock) };
        await updateVersioned(trx, audit, actor, {
          ...allocationChange(partnershipId, before, changes),
          entry: () => ({
            action: 'update',
            entityType: 'allocation',
            partnershipId,
            summary: `Changed allocation ${before.reference} of ${year(yearStarting)}: ${input.purpose}`,
            before,
            after: changes,
          }),
        });
      });
    },

    async withdraw(actor, partnershipId, yearStarting, id, version) {
      await db.transaction().execute(async (trx) => {
        const { before } = await movableAllocation(trx, partnershipId, yearStarting, id, version, 'withdraw');
        await updateVersioned(trx, audit, actor, {
          ...allocationChange(partnershipId, before, { state: 'withdrawn', updatedAt: isoNow(clock) }),
          entry: () => ({
            action: 'update',
            entityType: 'allocation',
            partnershipId,
            summary: `Withdrew allocation ${before.reference} of ${year(yearStarting)}: ${before.purpose}`,
            before: { state: before.state },
            after: { state: 'withdrawn' },
          }),
        });
        await recordEvent(trx, actor, before, 'withdrawn', null);
      });
    },

    boardDecisions,

    async agree(actor, partnershipId, yearStarting, decisionId, allocationIds, on) {
      // Read before the transaction: the minutes are read through their own service.
      const allowed = await boardDecisions(partnershipId);
      if (!allowed.some((d) => d.id === decisionId)) {
        throw new FieldValidationError('decisionId', 'Select a decision of the board that agreed the funding');
      }
      return move(actor, partnershipId, yearStarting, allocationIds, 'agree', 'agreed', decisionId, 'Agreed', on);
    },

    release: (actor, partnershipId, yearStarting, allocationIds, on) =>
      move(actor, partnershipId, yearStarting, allocationIds, 'release', 'released', null, 'Released', on),
  };
}

/**
 * A year's grant: recorded once a year, changed while the year is open. Its carry-over is what the funder
 * agreed out of last year's underspend, and less money must still cover what is allocated.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { isoNow, todayInEngland } from '../../platform/clock.ts';
import { financialYearName as year, financialYearStart } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { refusingDuplicates } from '../../db/dialect.ts';
import { updateVersioned } from '../../platform/records.ts';
import type { Database } from '../../db/schema.ts';
import { findCarryOver, findGrant, insertGrant, listGrants } from './funding.repository.ts';
import type { GrantInput } from './funding.inputs.ts';
import type { FundingYear, GrantView } from './funding.types.ts';
import type { FundingDependencies, FundingYears } from './fundingYears.ts';

export interface MoneyLeft {
  yearName: string;
  /** Null when no grant is recorded for the year. */
  unallocated: string | null;
  available: string | null;
  href: string;
}

export interface GrantsService {
  /** Every year with a grant, newest first. */
  grants(partnershipId: string): Promise<GrantView[]>;
  year(partnershipId: string, yearStarting: number): Promise<FundingYear>;
  /** This financial year's money still to allocate, for the partnership's overview; null before its grant is recorded. */
  leftToAllocate(partnershipId: string): Promise<MoneyLeft>;
  /** The carry-over the funder agreed from the year before, which a new grant for this year must take. */
  agreedCarryOverInto(partnershipId: string, yearStarting: number): Promise<number | null>;
  recordGrant(actor: Actor, partnershipId: string, input: GrantInput): Promise<void>;
  changeGrant(actor: Actor, partnershipId: string, yearStarting: number, version: number, input: GrantInput): Promise<void>;
}

export function createGrantsService({ db, audit, clock }: FundingDependencies, years: FundingYears): GrantsService {
  const { agreedFromBefore, grantView, loadYear, openGrant, assertFits } = years;
  return {
    grants: async (partnershipId) => Promise.all((await listGrants(db, partnershipId)).map((row) => grantView(db, row))),

    year: loadYear,

    async leftToAllocate(partnershipId) {
      const yearStarting = Number(financialYearStart(todayInEngland(clock)).slice(0, 4));
      // The year's page: 2026/27 is /funding/2026-27.
      const href = `/partnerships/${partnershipId}/funding/${year(yearStarting).replace('/', '-')}`;
      if (!(await findGrant(db, partnershipId, yearStarting)))
        return { yearName: year(yearStarting), unallocated: null, available: null, href };
      const { position } = await loadYear(partnershipId, yearStarting);
      return {
        yearName: year(yearStarting),
        unallocated: formatMoney(position.unallocated),
        available: formatMoney(position.available),
        href,
      };
    },

    async agreedCarryOverInto(partnershipId, yearStarting) {
      return (await agreedFromBefore(db, partnershipId, yearStarting))?.agreedPence ?? null;
    },

    async recordGrant(actor, partnershipId, input) {
      const already = new FieldValidationError(
        'yearStarting',
        `There is already a grant for ${year(input.yearStarting)}: change it instead`,
      );
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            if (await findGrant(trx, partnershipId, input.yearStarting)) throw already;
            await checkCarryOver(trx, partnershipId, input);
            const now = isoNow(clock);
            const row = {
              id: randomUUID(),
              partnershipId,
              yearStarting: input.yearStarting,
              funder: input.funder,
              amountPence: input.amount,
              previousAmountPence: input.previousAmount,
              carryOverPence: input.carryOver,
              notes: input.notes,
              createdAt: now,
              updatedAt: now,
              archivedAt: null,
            };
            await insertGrant(trx, row);
            await audit.record(trx, actor, {
              action: 'create',
              entityType: 'grant',
              entityId: row.id,
              partnershipId,
              summary: `Recorded the ${year(input.yearStarting)} grant from ${input.funder}: ${formatMoney(input.amount)}`,
              before: null,
              after: row,
            });
          }),
        already,
      );
    },

    async changeGrant(actor, partnershipId, yearStarting, version, input) {
      await db.transaction().execute(async (trx) => {
        const { grant: before } = await openGrant(trx, partnershipId, yearStarting, 'changeGrant', 'amount');
        if (before.version !== version) throw new ConflictError(before.version);
        if (input.yearStarting !== yearStarting) {
          throw new FieldValidationError(
            'yearStarting',
            `This is the grant for ${year(yearStarting)}: record another year's grant on its own`,
          );
        }
        await checkCarryOver(trx, partnershipId, input);
        // Less money must still cover what is allocated.
        await assertFits(trx, { ...before, amountPence: input.amount, carryOverPence: input.carryOver }, 0, null).catch(
          (error: unknown) => {
            if (!(error instanceof FieldValidationError)) throw error;
            throw new FieldValidationError(
              'amount',
              'The grant and carry-over must cover the allocations already made: withdraw some first',
            );
          },
        );
        const changes = {
          funder: input.funder,
          amountPence: input.amount,
          previousAmountPence: input.previousAmount,
          carryOverPence: input.carryOver,
          notes: input.notes,
          updatedAt: isoNow(clock),
        };
        await updateVersioned(trx, audit, actor, {
          table: 'grants',
          id: before.id,
          partnershipId,
          version,
          changes,
          what: 'grant',
          entry: () => ({
            action: 'update',
            entityType: 'grant',
            partnershipId,
            summary: `Changed the ${year(yearStarting)} grant`,
            before,
            after: changes,
          }),
        });
      });
    },
  };

  /**
   * Where last year is recorded here, a grant's carry-over is what the funder agreed out of it, or £0 until it
   * agrees one: the money available never counts on a carry-over the funder has not agreed.
   */
  async function checkCarryOver(trx: Kysely<Database>, partnershipId: string, input: GrantInput): Promise<void> {
    const before = await findGrant(trx, partnershipId, input.yearStarting - 1);
    if (!before) return;
    const request = await findCarryOver(trx, before.id);
    const agreed = request?.state === 'agreed' ? (request.agreedPence ?? 0) : 0;
    if (input.carryOver === agreed) return;
    const last = year(input.yearStarting - 1);
    const why =
      request?.state === 'agreed'
        ? `The funder agreed a carry-over of ${formatMoney(agreed)} from ${last}: enter that`
        : request?.state === 'requested'
          ? `The carry-over from ${last} is waiting for the funder’s decision: enter 0 for now. It is added here when the funder agrees it`
          : request?.state === 'declined'
            ? `The funder declined the carry-over from ${last}: enter 0`
            : `No carry-over from ${last} has been agreed: enter 0. Ask for one from ${last}’s year end page`;
    throw new FieldValidationError('carryOver', why);
  }
}

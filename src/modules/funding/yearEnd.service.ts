/**
 * The year end: a carry-over of the underspend asked of the funder once every return is in (which closes the
 * year), and the funder's decision, which becomes next year's carry-over when it agrees.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/principal.ts';
import { isoNow } from '../../platform/clock.ts';
import { financialYearName as year } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { updateVersioned } from '../../platform/records.ts';
import { yearRefusal } from './allocationLife.ts';
import { findCarryOver, findGrant, insertCarryOver } from './funding.repository.ts';
import type { CarryOverDecisionInput, CarryOverInput } from './funding.inputs.ts';
import { type FundingDependencies, type FundingYears, refuse } from './fundingYears.ts';
import { unspent } from './position.ts';

export interface YearEndService {
  requestCarryOver(actor: Actor, partnershipId: string, yearStarting: number, input: CarryOverInput): Promise<void>;
  /** The funder's decision; an agreed carry-over becomes next year's, on its grant if it is recorded already. */
  decideCarryOver(actor: Actor, partnershipId: string, yearStarting: number, version: number, input: CarryOverDecisionInput): Promise<void>;
}

export function createYearEndService({ db, audit, clock }: FundingDependencies, years: FundingYears): YearEndService {
  const { positionIn, lockedGrant, situationOf, openGrant, assertFits } = years;
  return {
    async requestCarryOver(actor, partnershipId, yearStarting, input) {
      await db.transaction().execute(async (trx) => {
        // Locked and read in the transaction: no spend can be returned between the check and the request.
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'requestCarryOver', 'amount');
        if (input.amount === 0) throw new FieldValidationError('amount', 'Enter a carry-over of more than £0');
        const position = await positionIn(trx, grant, 4);
        // A missing return is not £0 spent: the underspend is known only once every return is in.
        const owing = position.allocations.filter((line) => line.missingReturns.length > 0);
        if (owing.length > 0) {
          const named = owing.map((line) => `${line.reference} (${line.missingReturns.map((q) => `Q${q}`).join(', ')})`).join('; ');
          throw new FieldValidationError(
            'amount',
            `Enter every spend return of ${year(yearStarting)} before asking for a carry-over: ${owing.length === 1 ? 'allocation' : 'allocations'} ${named} ${owing.length === 1 ? 'has' : 'have'} none`,
          );
        }
        const underspend = unspent(position);
        if (input.amount > underspend) {
          throw new FieldValidationError(
            'amount',
            `The carry-over cannot be more than the year’s underspend of ${formatMoney(underspend)}`,
          );
        }
        const row = {
          id: randomUUID(),
          partnershipId,
          grantId: grant.id,
          requestedPence: input.amount,
          reason: input.reason,
          requestedAt: isoNow(clock),
          requestedBy: actor.userId,
          state: 'requested' as const,
          agreedPence: null,
          decidedAt: null,
          decidedBy: null,
          funderNote: null,
        };
        await insertCarryOver(trx, row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'carry_over_request',
          entityId: row.id,
          partnershipId,
          summary: `Requested a carry-over of ${formatMoney(input.amount)} from ${year(yearStarting)}`,
          before: null,
          after: row,
        });
      });
    },

    async decideCarryOver(actor, partnershipId, yearStarting, version, input) {
      await db.transaction().execute(async (trx) => {
        const grant = await lockedGrant(trx, partnershipId, yearStarting);
        const request = await findCarryOver(trx, grant.id);
        if (!request) throw new NotFoundError('carry-over request');
        if (request.version !== version) throw new ConflictError(request.version);
        refuse(yearRefusal('decideCarryOver', await situationOf(trx, grant)), 'decision');
        const agreed = input.decision === 'agreed' ? input.amount : null;
        if (agreed !== null && agreed > request.requestedPence) {
          throw new FieldValidationError(
            'amount',
            `The carry-over agreed cannot be more than the ${formatMoney(request.requestedPence)} requested`,
          );
        }
        if (agreed === 0) throw new FieldValidationError('amount', 'Enter the carry-over agreed, or choose Declined');
        const changes = {
          state: input.decision,
          agreedPence: agreed,
          decidedAt: isoNow(clock),
          decidedBy: actor.userId,
          funderNote: input.note,
        };
        await updateVersioned(trx, audit, actor, {
          table: 'carryOverRequests',
          id: request.id,
          partnershipId,
          version,
          changes,
          what: 'carry-over request',
          entry: () => ({
            action: 'update',
            entityType: 'carry_over_request',
            partnershipId,
            summary:
              agreed === null
                ? `The funder declined the carry-over from ${year(yearStarting)}`
                : `The funder agreed a carry-over of ${formatMoney(agreed)} from ${year(yearStarting)} into ${year(yearStarting + 1)}`,
            before: { state: request.state },
            after: changes,
          }),
        });
        // Next year's grant, if recorded already, takes the carry-over agreed (until now it could only be £0).
        const recorded = await findGrant(trx, partnershipId, yearStarting + 1);
        if (recorded && agreed !== null) {
          const next = await lockedGrant(trx, partnershipId, yearStarting + 1);
          await assertFits(trx, { ...next, carryOverPence: agreed }, 0, null).catch((error: unknown) => {
            if (!(error instanceof FieldValidationError)) throw error;
            throw new FieldValidationError(
              'amount',
              `${year(yearStarting + 1)}’s allocations need more than this: agree at least what they need, or withdraw some first`,
            );
          });
          const grantChanges = { carryOverPence: agreed, updatedAt: isoNow(clock) };
          await updateVersioned(trx, audit, actor, {
            table: 'grants',
            id: next.id,
            partnershipId,
            version: next.version,
            changes: grantChanges,
            what: 'grant',
            entry: () => ({
              action: 'update',
              entityType: 'grant',
              partnershipId,
              summary: `Carry-over of ${formatMoney(agreed)} from ${year(yearStarting)} added to the ${year(yearStarting + 1)} grant`,
              before: { carryOverPence: next.carryOverPence },
              after: grantChanges,
            }),
          });
        }
      });
    },
  };
}

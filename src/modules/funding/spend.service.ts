/**
 * The quarterly spend returns against released funding: typed in on the form, or imported from a CSV file
 * (nothing is imported from a file with problems unless asked), and the CSV to fill in for a quarter.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { isoNow } from '../../platform/clock.ts';
import { financialYearName as year } from '../../platform/dates.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import type { Database } from '../../db/schema.ts';
import { allocationRefusal, listRefusal, yearRefusal } from './allocationLife.ts';
import { type GrantRow, listAllocations, listSpend, saveSpendRow } from './funding.repository.ts';
import type { Quarter } from './funding.types.ts';
import { type FundingDependencies, type FundingYears, refuse } from './fundingYears.ts';
import { beyondWords, type SpendBeyond, spendBeyondAllocation } from './position.ts';
import { parseSpendCsv, spendCsvTemplate } from './spendCsv.ts';

export interface SpendInput {
  allocationId: string;
  spent: number;
  forecast: number | null;
}

export interface SpendImportResult {
  imported: number;
  /** Each bad row's line and what is wrong with it; nothing is imported while there are any, unless asked. */
  problems: { line: number; message: string }[];
  fileProblem: string | null;
}

interface SpendWrite extends SpendInput {
  quarter: Quarter;
}

/** The form field that carries the reason for spending beyond an allocation (with its confirmation). */
export const beyondReasonField = 'beyondAllocationReason';

export interface SpendService {
  /**
   * A quarter's spend return for the released allocations, as entered on the form (a blank row is left alone).
   * A return that takes an allocation's spend past its amount is refused unless the reason for it is given.
   */
  saveSpend(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    quarter: Quarter,
    entries: SpendInput[],
    beyondAllocationReason?: string | null,
  ): Promise<void>;
  importSpend(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    text: string,
    importValidRows: boolean,
  ): Promise<SpendImportResult>;
  /** The rows of a CSV to fill in for a quarter: the released allocations. */
  spendTemplate(partnershipId: string, yearStarting: number, quarter: Quarter): Promise<string[][]>;
}

export function createSpendService({ db, audit, clock }: FundingDependencies, years: FundingYears): SpendService {
  const { grantRow, begun, lockedGrant, situationOf, openGrant, assertBegun, assertReportable } = years;
  /**
   * The returns checked against the allocations and their spend, read under the grant's lock so that what a return
   * is added to is what is there when it commits; with each return that takes an allocation past its amount.
   */
  async function checkSpend(trx: Kysely<Database>, partnershipId: string, grant: GrantRow, rows: SpendWrite[]) {
    const situation = await situationOf(trx, grant);
    const allocations = new Map((await listAllocations(trx, partnershipId, { grantId: grant.id })).map((a) => [a.id, a]));
    // Each allocation's returns as they will stand, row by row, so a later row for it is checked with the earlier ones.
    const spend = new Map<string, { quarter: Quarter; spent: number }[]>();
    for (const entry of await listSpend(trx, [...allocations.keys()])) {
      spend.set(entry.allocationId, [...(spend.get(entry.allocationId) ?? []), { quarter: entry.quarter, spent: entry.spentPence }]);
    }
    const beyond: SpendBeyond[] = [];
    const checked = rows.map((row) => {
      const allocation = allocations.get(row.allocationId);
      const field = `spent-${row.allocationId}`;
      if (!allocation) throw new FieldValidationError(field, listRefusal('returnSpend'));
      refuse(allocationRefusal('returnSpend', allocation.state, situation), field);
      const returns = spend.get(row.allocationId) ?? [];
      const over = spendBeyondAllocation(
        { reference: allocation.reference, amount: allocation.amountPence, spend: returns },
        row.quarter,
        row.spent,
      );
      if (over) beyond.push(over);
      spend.set(row.allocationId, [
        ...returns.filter((entry) => entry.quarter !== row.quarter),
        { quarter: row.quarter, spent: row.spent },
      ]);
      return { row, allocation, beyond: over !== null };
    });
    return { checked, beyond };
  }

  /** Writes a quarter's returns with an audit entry for each one that changed; spend beyond an allocation only with its reason. */
  async function writeSpend(
    trx: Kysely<Database>,
    actor: Actor,
    partnershipId: string,
    grant: GrantRow,
    rows: SpendWrite[],
    beyondAllocationReason: string | null,
  ) {
    const { checked, beyond } = await checkSpend(trx, partnershipId, grant, rows);
    if (beyond.length > 0 && !beyondAllocationReason) {
      throw new FieldValidationError(
        beyondReasonField,
        `This return takes ${beyondWords(beyond)}: give the reason for spending beyond the allocation, and confirm it`,
      );
    }
    const now = isoNow(clock);
    for (const { row, allocation, beyond: past } of checked) {
      const reason = past ? beyondAllocationReason : null;
      const before = await saveSpendRow(trx, {
        allocationId: row.allocationId,
        partnershipId,
        quarter: row.quarter,
        spentPence: row.spent,
        forecastPence: row.forecast,
        beyondAllocationReason: reason,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      const unchanged =
        before && before.spentPence === row.spent && before.forecastPence === row.forecast && before.beyondAllocationReason === reason;
      if (unchanged) continue;
      await audit.record(trx, actor, {
        action: before ? 'update' : 'create',
        entityType: 'spend_return',
        entityId: row.allocationId,
        partnershipId,
        summary:
          `Spend for Q${row.quarter} ${year(grant.yearStarting)} on allocation ${allocation.reference}: ${formatMoney(row.spent)}` +
          (reason ? `, beyond its allocation of ${formatMoney(allocation.amountPence)}, because: ${reason}` : ''),
        before: before
          ? { spent: before.spentPence, forecast: before.forecastPence, beyondAllocationReason: before.beyondAllocationReason }
          : null,
        after: { quarter: row.quarter, spent: row.spent, forecast: row.forecast, beyondAllocationReason: reason },
      });
    }
  }

  return {
    async saveSpend(actor, partnershipId, yearStarting, quarter, entries, beyondAllocationReason = null) {
      assertBegun(yearStarting, quarter, 'form');
      await db.transaction().execute(async (trx) => {
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'returnSpend', 'form');
        await writeSpend(
          trx,
          actor,
          partnershipId,
          grant,
          entries.map((e) => ({ ...e, quarter })),
          beyondAllocationReason,
        );
      });
    },

    async importSpend(actor, partnershipId, yearStarting, text, importValidRows) {
      return db.transaction().execute(async (trx) => {
        const grant = await lockedGrant(trx, partnershipId, yearStarting);
        const closed = yearRefusal('returnSpend', await situationOf(trx, grant));
        if (closed) return { imported: 0, problems: [], fileProblem: closed };
        const allocations = await listAllocations(trx, partnershipId, { grantId: grant.id });
        const parsed = parseSpendCsv(
          text,
          allocations.map((a) => ({ id: a.id, reference: a.reference, purpose: a.purpose, state: a.state })),
          yearStarting,
          Math.max(0, ...begun(yearStarting)) as Quarter | 0,
        );
        const blocked = parsed.fileProblem !== null || (parsed.problems.length > 0 && !importValidRows);
        if (blocked) return { imported: 0, problems: parsed.problems, fileProblem: parsed.fileProblem };
        // A file has no place for the reason: spend beyond an allocation is entered on the quarter's form, with it.
        const { beyond } = await checkSpend(trx, partnershipId, grant, parsed.rows);
        if (beyond.length > 0) {
          const fileProblem = `The file takes ${beyondWords(beyond)}, so nothing was imported. Enter spend beyond an allocation on the quarter’s form, where you can give the reason for it`;
          return { imported: 0, problems: parsed.problems, fileProblem };
        }
        await writeSpend(trx, actor, partnershipId, grant, parsed.rows, null);
        return { imported: parsed.rows.length, problems: parsed.problems, fileProblem: null };
      });
    },

    async spendTemplate(partnershipId, yearStarting, quarter) {
      assertReportable(yearStarting, quarter);
      const grant = await grantRow(partnershipId, yearStarting);
      const allocations = await listAllocations(db, partnershipId, { grantId: grant.id });
      return spendCsvTemplate(
        allocations.map((a) => ({ id: a.id, reference: a.reference, purpose: a.purpose, state: a.state })),
        quarter,
        yearStarting,
      );
    },
  };
}

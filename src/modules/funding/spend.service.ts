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
import { type GrantRow, listAllocations, saveSpendRow } from './funding.repository.ts';
import type { Quarter } from './funding.types.ts';
import { type FundingDependencies, type FundingYears, refuse } from './fundingYears.ts';
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

export interface SpendService {
  /** A quarter's spend return for the released allocations, as entered on the form (a blank row is left alone). */
  saveSpend(actor: Actor, partnershipId: string, yearStarting: number, quarter: Quarter, entries: SpendInput[]): Promise<void>;
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
  /** Writes a quarter's returns with an audit entry for each one that changed. */
  async function writeSpend(trx: Kysely<Database>, actor: Actor, partnershipId: string, grant: GrantRow, rows: SpendWrite[]) {
    const situation = await situationOf(trx, grant);
    const allocations = new Map((await listAllocations(trx, partnershipId, { grantId: grant.id })).map((a) => [a.id, a]));
    const now = isoNow(clock);
    for (const row of rows) {
      const allocation = allocations.get(row.allocationId);
      const field = `spent-${row.allocationId}`;
      if (!allocation) throw new FieldValidationError(field, listRefusal('returnSpend'));
      refuse(allocationRefusal('returnSpend', allocation.state, situation), field);
      const before = await saveSpendRow(trx, {
        allocationId: row.allocationId,
        partnershipId,
        quarter: row.quarter,
        spentPence: row.spent,
        forecastPence: row.forecast,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      if (before && before.spentPence === row.spent && before.forecastPence === row.forecast) continue;
      await audit.record(trx, actor, {
        action: before ? 'update' : 'create',
        entityType: 'spend_return',
        entityId: row.allocationId,
        partnershipId,
        summary: `Spend for Q${row.quarter} ${year(grant.yearStarting)} on allocation ${allocation.reference}: ${formatMoney(row.spent)}`,
        before: before ? { spent: before.spentPence, forecast: before.forecastPence } : null,
        after: { quarter: row.quarter, spent: row.spent, forecast: row.forecast },
      });
    }
  }

  return {
    async saveSpend(actor, partnershipId, yearStarting, quarter, entries) {
      assertBegun(yearStarting, quarter, 'form');
      await db.transaction().execute(async (trx) => {
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'returnSpend', 'form');
        await writeSpend(
          trx,
          actor,
          partnershipId,
          grant,
          entries.map((e) => ({ ...e, quarter })),
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
        if (!blocked) await writeSpend(trx, actor, partnershipId, grant, parsed.rows);
        return { imported: blocked ? 0 : parsed.rows.length, problems: parsed.problems, fileProblem: parsed.fileProblem };
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

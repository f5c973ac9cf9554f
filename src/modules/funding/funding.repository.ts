/** The funding tables: queries only, no rules. Sums of money are added up in code: a SQL sum of bigints is not a number on PostgreSQL. */
import type { Kysely, Selectable } from 'kysely';
import type {
  AllocationEventsTable,
  AllocationsTable,
  CarryOverRequestsTable,
  Database,
  GrantsTable,
  SpendReturnsTable,
} from '../../db/schema.ts';

export type GrantRow = Selectable<GrantsTable>;
export type AllocationRow = Selectable<AllocationsTable>;
export type SpendRow = Selectable<SpendReturnsTable>;
export type CarryOverRow = Selectable<CarryOverRequestsTable> & { requestedByName: string | null; decidedByName: string | null };

export async function listGrants(db: Kysely<Database>, partnershipId: string): Promise<GrantRow[]> {
  return db
    .selectFrom('grants')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('archivedAt', 'is', null)
    .orderBy('yearStarting', 'desc')
    .execute();
}

export async function findGrantById(db: Kysely<Database>, id: string): Promise<GrantRow | undefined> {
  return db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findGrant(db: Kysely<Database>, partnershipId: string, yearStarting: number): Promise<GrantRow | undefined> {
  return db
    .selectFrom('grants')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('yearStarting', '=', yearStarting)
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
}

export async function insertGrant(db: Kysely<Database>, row: Omit<GrantRow, 'version'>): Promise<void> {
  await db.insertInto('grants').values(row).execute();
}

/**
 * Writes to the grant's row without changing it, so that on PostgreSQL two allocations of the same grant
 * are checked against the money available one after the other (SQLite writes one at a time anyway).
 */
export async function lockGrant(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable('grants')
    .set((eb) => ({ updatedAt: eb.ref('updatedAt') }))
    .where('id', '=', id)
    .execute();
}

export async function listAllocations(
  db: Kysely<Database>,
  partnershipId: string,
  filter: { grantId?: string; grantIds?: string[]; id?: string } = {},
): Promise<AllocationRow[]> {
  let query = db.selectFrom('allocations').selectAll().where('partnershipId', '=', partnershipId).where('archivedAt', 'is', null);
  if (filter.grantId) query = query.where('grantId', '=', filter.grantId);
  if (filter.grantIds) {
    if (filter.grantIds.length === 0) return [];
    query = query.where('grantId', 'in', filter.grantIds);
  }
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  return query.orderBy('reference').execute();
}

export async function nextReference(db: Kysely<Database>, grantId: string): Promise<number> {
  const row = await db
    .selectFrom('allocations')
    .select((eb) => eb.fn.max('reference').as('highest'))
    .where('grantId', '=', grantId)
    .executeTakeFirst();
  return Number(row?.highest ?? 0) + 1;
}

export async function insertAllocation(db: Kysely<Database>, row: Omit<Selectable<AllocationsTable>, 'version'>): Promise<void> {
  await db.insertInto('allocations').values(row).execute();
}

export async function insertEvent(db: Kysely<Database>, row: Selectable<AllocationEventsTable>): Promise<void> {
  await db.insertInto('allocationEvents').values(row).execute();
}

/** How many allocations a decision agreed or moved on (archived ones too: their history still names it). */
export async function countAllocationsByDecision(db: Kysely<Database>, partnershipId: string, decisionId: string): Promise<number> {
  const row = await db
    .selectFrom('allocations')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('partnershipId', '=', partnershipId)
    .where((eb) =>
      eb.or([
        eb('decisionId', '=', decisionId),
        eb('id', 'in', eb.selectFrom('allocationEvents').select('allocationId').where('decisionId', '=', decisionId)),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

// An allocation's states follow one another in this order, which settles events of the same moment.
const stateOrder = ['proposed', 'agreed', 'released', 'withdrawn'];

export async function listEvents(db: Kysely<Database>, allocationId: string) {
  const events = await db
    .selectFrom('allocationEvents as e')
    .leftJoin('users as u', 'u.id', 'e.byUserId')
    .select(['e.state', 'e.at', 'e.decisionId', 'u.name as byName'])
    .where('e.allocationId', '=', allocationId)
    .execute();
  return events.sort((a, b) => a.at.localeCompare(b.at) || stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state));
}

export async function listSpend(db: Kysely<Database>, allocationIds: string[]): Promise<SpendRow[]> {
  if (allocationIds.length === 0) return [];
  return db.selectFrom('spendReturns').selectAll().where('allocationId', 'in', allocationIds).orderBy('quarter').execute();
}

/** Saves a return (one per allocation and quarter, written over if sent again); returns the one it replaced. */
export async function saveSpendRow(db: Kysely<Database>, row: SpendRow): Promise<SpendRow | undefined> {
  const before = await db
    .selectFrom('spendReturns')
    .selectAll()
    .where('allocationId', '=', row.allocationId)
    .where('quarter', '=', row.quarter)
    .executeTakeFirst();
  await db
    .insertInto('spendReturns')
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(['allocationId', 'quarter']).doUpdateSet({
        spentPence: row.spentPence,
        forecastPence: row.forecastPence,
        beyondAllocationReason: row.beyondAllocationReason,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy,
      }),
    )
    .execute();
  return before;
}

/** When each allocation was released, for the quarter it owes returns from. */
export async function listReleases(db: Kysely<Database>, allocationIds: string[]): Promise<{ allocationId: string; at: string }[]> {
  if (allocationIds.length === 0) return [];
  return db
    .selectFrom('allocationEvents')
    .select(['allocationId', 'at'])
    .where('allocationId', 'in', allocationIds)
    .where('state', '=', 'released')
    .execute();
}

export async function findCarryOver(db: Kysely<Database>, grantId: string): Promise<CarryOverRow | undefined> {
  return db
    .selectFrom('carryOverRequests as c')
    .leftJoin('users as r', 'r.id', 'c.requestedBy')
    .leftJoin('users as d', 'd.id', 'c.decidedBy')
    .selectAll('c')
    .select(['r.name as requestedByName', 'd.name as decidedByName'])
    .where('c.grantId', '=', grantId)
    .executeTakeFirst();
}

export async function listCarryOvers(db: Kysely<Database>, grantIds: string[]): Promise<Selectable<CarryOverRequestsTable>[]> {
  if (grantIds.length === 0) return [];
  return db.selectFrom('carryOverRequests').selectAll().where('grantId', 'in', grantIds).execute();
}

export async function insertCarryOver(db: Kysely<Database>, row: Omit<Selectable<CarryOverRequestsTable>, 'version'>): Promise<void> {
  await db.insertInto('carryOverRequests').values(row).execute();
}

/** The grants of these partnerships for a year. */
export async function listGrantsOfYear(db: Kysely<Database>, partnershipIds: string[], yearStarting: number): Promise<GrantRow[]> {
  if (partnershipIds.length === 0) return [];
  return db
    .selectFrom('grants')
    .selectAll()
    .where('partnershipId', 'in', partnershipIds)
    .where('yearStarting', '=', yearStarting)
    .where('archivedAt', 'is', null)
    .execute();
}

/** Every year any of these partnerships has a grant for, newest first. */
export async function listGrantYears(db: Kysely<Database>, partnershipIds: string[]): Promise<number[]> {
  if (partnershipIds.length === 0) return [];
  const rows = await db
    .selectFrom('grants')
    .select('yearStarting')
    .distinct()
    .where('partnershipId', 'in', partnershipIds)
    .where('archivedAt', 'is', null)
    .orderBy('yearStarting', 'desc')
    .execute();
  return rows.map((row) => row.yearStarting);
}

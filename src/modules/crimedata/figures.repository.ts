/** The queries of a partnership's crime figures and its peer set: SQL only. Counts are read as numbers (strings on PostgreSQL). */
import type { Kysely } from 'kysely';
import { type Engine, lockingRows } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { areaCounts, monthsBetween } from './crimedata.repository.ts';
import type { Month } from './analysis/types.ts';

/** The area's crimes over whole months (inclusive), by police.uk crime type: from its monthly counts. */
export async function countAreaCrimesByType(
  db: Kysely<Database>,
  cspCode: string,
  months: { from: Month; to: Month },
): Promise<{ crimeType: string; count: number }[]> {
  const rows = await areaCounts(db, cspCode)
    .where('crimeCounts.month', 'in', monthsBetween(months.from, months.to))
    .select((eb) => ['crimeCounts.crimeType', eb.fn.sum<number | string>('crimeCounts.crimes').as('count')])
    .groupBy('crimeCounts.crimeType')
    .execute();
  return rows.map((row) => ({ crimeType: row.crimeType, count: Number(row.count) }));
}

/**
 * The rows without a location in the force's complete files of the months (inclusive): they count for no partnership.
 * With the force as its files name it ("City of London Police"); null when none of its files are held.
 */
export async function countForceCrimesWithoutLocation(
  db: Kysely<Database>,
  forceCode: string,
  months: { from: Month; to: Month },
): Promise<{ fallsWithin: string | null; crimes: number }> {
  const row = await db
    .selectFrom('crimeImports')
    .select((eb) => [eb.fn.sum<number | string | null>('withoutLocation').as('crimes'), eb.fn.max('fallsWithin').as('fallsWithin')])
    .where('status', '=', 'complete')
    .where('forceCode', '=', forceCode)
    .where('month', '>=', months.from)
    .where('month', '<=', months.to)
    .executeTakeFirst();
  return { fallsWithin: row?.fallsWithin ?? null, crimes: Number(row?.crimes ?? 0) };
}

/** The partnerships whose crime area is set. */
export async function listPartnershipsWithCrimeAreas(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('crimeAreas').select('partnershipId').execute()).map((row) => row.partnershipId);
}

/** The peers the partnership's analyst chose; none when they have not chosen. */
export async function listChosenPeers(db: Kysely<Database>, partnershipId: string): Promise<string[]> {
  const rows = await db.selectFrom('crimePeers').select('peerId').where('partnershipId', '=', partnershipId).execute();
  return rows.map((row) => row.peerId);
}

/**
 * The partnership's crime area row, locked until the transaction ends on PostgreSQL, so that two choices of its
 * peers run one after the other (SQLite's single writer already does); undefined when its area is not set.
 */
export async function lockCrimeArea(
  trx: Kysely<Database>,
  engine: Engine,
  partnershipId: string,
): Promise<{ cspCode: string } | undefined> {
  return lockingRows(engine, trx.selectFrom('crimeAreas').select('cspCode').where('partnershipId', '=', partnershipId)).executeTakeFirst();
}

/** Replaces the partnership's peer set; in the caller's transaction, after lockCrimeArea. */
export async function replacePeers(
  trx: Kysely<Database>,
  partnershipId: string,
  peerIds: readonly string[],
  chosenAt: string,
): Promise<void> {
  await trx.deleteFrom('crimePeers').where('partnershipId', '=', partnershipId).execute();
  if (peerIds.length === 0) return;
  await trx
    .insertInto('crimePeers')
    .values(peerIds.map((peerId) => ({ partnershipId, peerId, chosenAt })))
    .execute();
}

/** The performance module's SQL: indicators, measurements, Most Similar Group tables, populations and reports. */
import type { Kysely, Selectable } from 'kysely';
import type {
  Database,
  IndicatorsTable,
  MeasurementsTable,
  MsgComparisonsTable,
  MsgMembersTable,
  PerformanceReportsTable,
} from '../../db/schema.ts';
import type { ListOptions } from '../../platform/records.ts';
import { withListOptions } from '../../platform/records.ts';
import { versionOf } from '../../db/versions.ts';

export type IndicatorView = Selectable<IndicatorsTable> & { ownerGroupName: string | null; priorityTitle: string | null };
export type MeasurementRow = Selectable<MeasurementsTable>;
export type MsgComparisonRow = Selectable<MsgComparisonsTable>;
export type MsgMemberRow = Selectable<MsgMembersTable>;
export type ReportRow = Selectable<PerformanceReportsTable>;

export async function listIndicators(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions & { priorityId?: string } = {},
): Promise<IndicatorView[]> {
  let query = db
    .selectFrom('indicators')
    .leftJoin('groups', 'groups.id', 'indicators.ownerGroupId')
    .leftJoin('priorities', 'priorities.id', 'indicators.priorityId')
    .selectAll('indicators')
    .select(['groups.name as ownerGroupName', 'priorities.title as priorityTitle'])
    .where('indicators.partnershipId', '=', partnershipId)
    .orderBy('indicators.createdAt')
    .orderBy('indicators.name');
  if (options.priorityId) query = query.where('indicators.priorityId', '=', options.priorityId);
  return withListOptions(query, 'indicators', options).execute();
}

/** Every measurement of these indicators, in period order. */
export async function listMeasurements(
  db: Kysely<Database>,
  partnershipId: string,
  indicatorIds: readonly string[],
): Promise<MeasurementRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('measurements')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('indicatorId', 'in', indicatorIds)
    .orderBy('indicatorId')
    .orderBy('period')
    .execute();
}

/**
 * The figures a report reads, of these indicators, with periods from `from` and before `before` (compared as text,
 * which orders every frequency's keys by the year they begin in): one query however many indicators, and only
 * the years the report looks at, however long the history.
 */
export async function listReportFigures(
  db: Kysely<Database>,
  partnershipId: string,
  indicatorIds: readonly string[],
  { from, before }: { from: string; before: string },
): Promise<Pick<MeasurementRow, 'indicatorId' | 'period' | 'value' | 'status'>[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('measurements')
    .select(['indicatorId', 'period', 'value', 'status'])
    .where('partnershipId', '=', partnershipId)
    .where('indicatorId', 'in', indicatorIds)
    .where('period', '>=', from)
    .where('period', '<', before)
    .execute();
}

/** Each period that has a figure, with the frequency of its indicator. */
export async function listMeasuredPeriods(db: Kysely<Database>, partnershipId: string): Promise<{ period: string; frequency: string }[]> {
  return db
    .selectFrom('measurements')
    .innerJoin('indicators', 'indicators.id', 'measurements.indicatorId')
    .select(['measurements.period', 'indicators.frequency'])
    .distinct()
    .where('measurements.partnershipId', '=', partnershipId)
    .where('indicators.archivedAt', 'is', null)
    .execute();
}

export async function countMeasurements(db: Kysely<Database>, indicatorId: string): Promise<number> {
  const row = await db
    .selectFrom('measurements')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('indicatorId', '=', indicatorId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findMeasurement(db: Kysely<Database>, indicatorId: string, period: string): Promise<MeasurementRow | undefined> {
  return db.selectFrom('measurements').selectAll().where('indicatorId', '=', indicatorId).where('period', '=', period).executeTakeFirst();
}

export async function insertMeasurement(db: Kysely<Database>, row: Omit<MeasurementRow, 'version'>): Promise<void> {
  await db.insertInto('measurements').values(row).execute();
}

/** A police.uk figure's update: the data's figure, and the figure itself unless it is confirmed; its version moves on. */
export async function updatePoliceUkFigure(
  db: Kysely<Database>,
  id: string,
  changes: { value: number; policeUkValue: number; updatedAt: string; updatedBy: string | null },
): Promise<void> {
  await db
    .updateTable('measurements')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** A police.uk indicator's baseline figure, worked out from the data like its other figures. */
export async function setBaselineValue(db: Kysely<Database>, id: string, baselineValue: number | null): Promise<void> {
  await db.updateTable('indicators').set({ baselineValue }).where('id', '=', id).execute();
}

export async function listMsgComparisons(
  db: Kysely<Database>,
  partnershipId: string,
  indicatorIds: readonly string[],
): Promise<(MsgComparisonRow & { members: MsgMemberRow[] })[]> {
  if (indicatorIds.length === 0) return [];
  const comparisons = await db
    .selectFrom('msgComparisons')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('indicatorId', 'in', indicatorIds)
    .orderBy('period')
    .execute();
  if (comparisons.length === 0) return [];
  const members = await db
    .selectFrom('msgMembers')
    .selectAll()
    .where(
      'comparisonId',
      'in',
      comparisons.map((c) => c.id),
    )
    .orderBy('position')
    .execute();
  return comparisons.map((comparison) => ({ ...comparison, members: members.filter((m) => m.comparisonId === comparison.id) }));
}

/** Replaces the group table of one indicator and period. */
export async function replaceMsgComparison(
  db: Kysely<Database>,
  comparison: Omit<MsgComparisonRow, 'version'>,
  members: Omit<MsgMemberRow, 'comparisonId'>[],
): Promise<void> {
  const existing = await db
    .selectFrom('msgComparisons')
    .select('id')
    .where('indicatorId', '=', comparison.indicatorId)
    .where('period', '=', comparison.period)
    .executeTakeFirst();
  if (existing) {
    await db.deleteFrom('msgMembers').where('comparisonId', '=', existing.id).execute();
    await db.deleteFrom('msgComparisons').where('id', '=', existing.id).execute();
  }
  await db.insertInto('msgComparisons').values(comparison).execute();
  if (members.length) {
    await db
      .insertInto('msgMembers')
      .values(members.map((member) => ({ ...member, comparisonId: comparison.id })))
      .execute();
  }
}

export async function populationFor(db: Kysely<Database>, partnershipId: string, yearStarting: number) {
  return db
    .selectFrom('populations')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('yearStarting', '=', yearStarting)
    .executeTakeFirst();
}

export async function listPopulations(db: Kysely<Database>, partnershipId: string) {
  return db.selectFrom('populations').selectAll().where('partnershipId', '=', partnershipId).orderBy('yearStarting', 'desc').execute();
}

/** Records a year's population, replacing the one recorded before for that year. */
export async function savePopulation(
  db: Kysely<Database>,
  row: { partnershipId: string; yearStarting: number; population: number; source: string },
): Promise<void> {
  await db.deleteFrom('populations').where('partnershipId', '=', row.partnershipId).where('yearStarting', '=', row.yearStarting).execute();
  await db.insertInto('populations').values(row).execute();
}

export async function listReports(db: Kysely<Database>, partnershipId: string, options: { approvedOnly?: boolean } = {}) {
  let query = db.selectFrom('performanceReports').selectAll().where('partnershipId', '=', partnershipId).orderBy('period', 'desc');
  if (options.approvedOnly) query = query.where('status', '=', 'approved');
  return query.execute();
}

export async function findReport(db: Kysely<Database>, partnershipId: string, period: string): Promise<ReportRow | undefined> {
  return db
    .selectFrom('performanceReports')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function insertReport(db: Kysely<Database>, row: Omit<ReportRow, 'version'>): Promise<void> {
  await db.insertInto('performanceReports').values(row).execute();
}

export async function listCommentary(db: Kysely<Database>, reportId: string) {
  return db.selectFrom('reportCommentary').selectAll().where('reportId', '=', reportId).execute();
}

export async function saveCommentary(
  db: Kysely<Database>,
  row: { reportId: string; indicatorId: string; commentary: string; updatedAt: string; updatedBy: string | null },
): Promise<void> {
  const updated = await db
    .updateTable('reportCommentary')
    .set({ commentary: row.commentary, updatedAt: row.updatedAt, updatedBy: row.updatedBy })
    .where('reportId', '=', row.reportId)
    .where('indicatorId', '=', row.indicatorId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('reportCommentary').values(row).execute();
}

/** The count of changes to what the partnership's report is read from (decision 0054). */
export function performanceVersion(db: Kysely<Database>, partnershipId: string): Promise<string> {
  return versionOf(db, 'performanceVersions', partnershipId);
}

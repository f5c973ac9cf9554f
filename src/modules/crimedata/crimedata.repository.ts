/** The crime data tables: queries only, no rules. Counts are read as numbers in code: a SQL count is a string on PostgreSQL. */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { CrimeCspsTable, CrimeImportStatus, CrimeImportsTable, CrimeLsoasTable, Database, LsoaEdition } from '../../db/schema.ts';
import { compiledOnce } from '../../db/compiledOnce.ts';
import { type Engine, ensurePartition } from '../../db/dialect.ts';
import type { CrimeCount } from './analysis/types.ts';
import type { BulkTable } from '../../db/bulkRows.ts';
import type { LsoaPlace, LsoaTypeCount } from './fileTally.ts';

export type ImportRow = Selectable<CrimeImportsTable>;
export type CspRow = Selectable<CrimeCspsTable>;
export type LsoaRow = Selectable<CrimeLsoasTable>;

export async function findReferenceEdition(db: Kysely<Database>, name: string): Promise<string | undefined> {
  return (await db.selectFrom('crimeReference').select('edition').where('name', '=', name).executeTakeFirst())?.edition;
}

/**
 * Rows given as one JSON list of lists, read by the engine as a query's rows of these types: thousands of rows in
 * one statement of one parameter, with no query built for each.
 */
function rowsOfList(engine: Engine, rows: readonly (readonly (string | number | null)[])[], types: readonly ('text' | 'integer')[]) {
  const list = JSON.stringify(rows);
  const values = sql.join(
    types.map((type, index) => sql.raw(engine === 'sqlite' ? `value ->> ${index}` : `(value ->> ${index})::${type}`)),
  );
  return engine === 'sqlite'
    ? sql`select ${values} from json_each(${list})`
    : sql`select ${values} from json_array_elements(${list}::json) as value`;
}

/**
 * Takes the lock of a reference's row, made first if there is none, as its transaction's first write: a second process
 * loading the same reference waits here, then finds it loaded (lockRow's way, for a row that may not exist yet).
 */
export async function lockReference(trx: Kysely<Database>, name: string): Promise<void> {
  await trx
    .insertInto('crimeReference')
    .values({ name, edition: '', loadedAt: '' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  await sql`update crime_reference set name = name where name = ${name}`.execute(trx);
}

/** Replaces the reference tables' contents; run in a transaction so that readers see the old or the new. */
export async function replaceReference(
  trx: Kysely<Database>,
  engine: Engine,
  reference: { name: string; edition: string; loadedAt: string; csps: CspRow[]; lsoas: Iterable<LsoaRow[]> },
): Promise<void> {
  await trx.deleteFrom('crimeLsoas').execute();
  await trx.deleteFrom('crimeCsps').execute();
  await trx.insertInto('crimeCsps').values(reference.csps).execute();
  for (const batch of reference.lsoas) {
    const rows = batch.map((row) => [row.code, row.edition, row.name, row.cspCode, row.population]);
    await sql`insert into crime_lsoas (code, edition, name, csp_code, population)
      ${rowsOfList(engine, rows, ['text', 'integer', 'text', 'text', 'integer'])}`.execute(trx);
  }
  await trx
    .insertInto('crimeReference')
    .values({ name: reference.name, edition: reference.edition, loadedAt: reference.loadedAt })
    .onConflict((oc) => oc.column('name').doUpdateSet({ edition: reference.edition, loadedAt: reference.loadedAt }))
    .execute();
}

export async function listCsps(db: Kysely<Database>): Promise<CspRow[]> {
  return db.selectFrom('crimeCsps').selectAll().orderBy('name').execute();
}

export async function findCsp(db: Kysely<Database>, code: string): Promise<CspRow | undefined> {
  return db.selectFrom('crimeCsps').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The partnership area's LSOAs of one census edition. */
export async function listCspLsoas(db: Kysely<Database>, cspCode: string, edition: LsoaEdition): Promise<LsoaRow[]> {
  return db.selectFrom('crimeLsoas').selectAll().where('cspCode', '=', cspCode).where('edition', '=', edition).orderBy('name').execute();
}

/** The partnership area's LSOA codes, each with the editions it is of. */
export async function listCspLsoaEditions(db: Kysely<Database>, cspCode: string): Promise<{ code: string; edition: LsoaEdition }[]> {
  return db.selectFrom('crimeLsoas').select(['code', 'edition']).where('cspCode', '=', cspCode).execute();
}

export async function insertImport(
  db: Kysely<Database>,
  row: Omit<
    ImportRow,
    'linesDone' | 'bytesDone' | 'crimes' | 'withoutLocation' | 'outsideForce' | 'unknownLsoa' | 'decidedBy' | 'lsoaEdition'
  >,
): Promise<void> {
  await db.insertInto('crimeImports').values(row).execute();
}

export async function findImport(db: Kysely<Database>, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('crimeImports').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The import of this content that counts: a complete one, one waiting for the overseer, or else one still to
 * finish. A file that was replaced, refused, rejected or given up on does not: it may come back.
 */
export async function findImportOfContent(db: Kysely<Database>, sha256: string): Promise<ImportRow | undefined> {
  return db
    .selectFrom('crimeImports')
    .selectAll()
    .where('sha256', '=', sha256)
    .where('status', 'in', ['complete', 'held', 'importing', 'waiting'])
    .orderBy(sql`case status when 'complete' then 0 when 'held' then 1 else 2 end`)
    .orderBy('createdAt')
    .executeTakeFirst();
}

export async function updateImport(db: Kysely<Database>, id: string, changes: Partial<Omit<ImportRow, 'id'>>): Promise<void> {
  await db.updateTable('crimeImports').set(changes).where('id', '=', id).execute();
}

export type NamedImportRow = ImportRow & { uploadedByName: string | null; decidedByName: string | null };

/** Imports with the names of who uploaded and who decided. */
const namedImports = (db: Kysely<Database>) =>
  db
    .selectFrom('crimeImports')
    .leftJoin('users as uploader', 'uploader.id', 'crimeImports.importedBy')
    .leftJoin('users as decider', 'decider.id', 'crimeImports.decidedBy')
    .selectAll('crimeImports')
    .select(['uploader.name as uploadedByName', 'decider.name as decidedByName']);

/** Imports (one, or those of an upload, a status and a force), oldest first. */
export async function listNamedImports(
  db: Kysely<Database>,
  filter: { id?: string; batchId?: string; status?: CrimeImportStatus; forceCode?: string },
): Promise<NamedImportRow[]> {
  let query = namedImports(db).orderBy('crimeImports.createdAt').orderBy('crimeImports.fileName');
  if (filter.id) query = query.where('crimeImports.id', '=', filter.id);
  if (filter.batchId) query = query.where('crimeImports.batchId', '=', filter.batchId);
  if (filter.status) query = query.where('crimeImports.status', '=', filter.status);
  if (filter.forceCode) query = query.where('crimeImports.forceCode', '=', filter.forceCode);
  return query.execute();
}

/**
 * Moves an import on from one of the given statuses (and, given a runner, only while that runner holds it); false
 * when it was no longer so (another request or runner moved it).
 */
export async function moveImport(
  db: Kysely<Database>,
  id: string,
  from: readonly CrimeImportStatus[],
  changes: Partial<Omit<ImportRow, 'id'>>,
  runner?: string,
): Promise<boolean> {
  let query = db
    .updateTable('crimeImports')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', [...from]);
  if (runner !== undefined) query = query.where('runner', '=', runner);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Imports, latest first (all of them, or the latest `limit`): an upload's files, or a partnership's uploads (of a status). */
export async function listImports(
  db: Kysely<Database>,
  filter: { batchId?: string; partnershipId?: string; status?: CrimeImportStatus; limit?: number },
): Promise<NamedImportRow[]> {
  let query = namedImports(db).orderBy('crimeImports.createdAt', 'desc').orderBy('crimeImports.fileName');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  if (filter.batchId) query = query.where('crimeImports.batchId', '=', filter.batchId);
  if (filter.partnershipId) query = query.where('crimeImports.partnershipId', '=', filter.partnershipId);
  if (filter.status) query = query.where('crimeImports.status', '=', filter.status);
  return query.execute();
}

/**
 * The crimes table for a bulk writer (src/db/bulkRows.ts), a row's values in the order of these columns; keyed by
 * import and line, so that a batch written again after an interruption adds nothing.
 */
export const crimesTable: BulkTable = {
  name: 'crimes',
  columns: ['import_id', 'line', 'month', 'crime_id', 'longitude', 'latitude', 'location', 'lsoa_code', 'crime_type', 'outcome'],
  key: ['import_id', 'line'],
};

/** An import's crimes and their counts, gone. */
export async function deleteCrimes(trx: Kysely<Database>, importId: string): Promise<void> {
  await trx.deleteFrom('crimeCounts').where('importId', '=', importId).execute();
  await trx.deleteFrom('crimes').where('importId', '=', importId).execute();
}

/**
 * On PostgreSQL, the month's partition of crimes, its rows moved out of the default partition: in a transaction of
 * its own, before the one that makes an import count, so that that one holds no lock the partition's making waits
 * for (two imports completing one new month then wait for each other in turn rather than deadlock).
 */
export async function makeMonthPartition(db: Kysely<Database>, engine: Engine, month: string): Promise<void> {
  await ensurePartition(db, engine, 'crimes', month);
}

/**
 * An import's crimes counted by month, LSOA and type from its rows (any counts it had replaced): once its rows are in,
 * in the transaction that makes it count (writeMonthlyCounts when the counts are known already).
 */
export async function addMonthlyCounts(trx: Kysely<Database>, importId: string): Promise<void> {
  await trx.deleteFrom('crimeCounts').where('importId', '=', importId).execute();
  await trx
    .insertInto('crimeCounts')
    .columns(['importId', 'month', 'lsoaCode', 'crimeType', 'crimes'])
    .expression(
      trx
        .selectFrom('crimes')
        .select((eb) => [
          'importId',
          'month',
          eb.fn.coalesce('lsoaCode', sql.lit('')).as('lsoaCode'),
          'crimeType',
          eb.fn.countAll<number>().as('crimes'),
        ])
        .where('importId', '=', importId)
        .where('lsoaCode', 'is not', null)
        .groupBy(['importId', 'month', 'lsoaCode', 'crimeType']),
    )
    .execute();
}

/** An import's monthly counts as the import counted them while reading its file (any it had replaced), in one statement. */
export async function writeMonthlyCounts(
  trx: Kysely<Database>,
  engine: Engine,
  imported: { id: string; month: string },
  counts: readonly LsoaTypeCount[],
): Promise<void> {
  await trx.deleteFrom('crimeCounts').where('importId', '=', imported.id).execute();
  if (counts.length === 0) return;
  const rows = counts.map((count) => [imported.id, imported.month, count.lsoaCode, count.crimeType, count.crimes]);
  await sql`insert into crime_counts (import_id, month, lsoa_code, crime_type, crimes)
    ${rowsOfList(engine, rows, ['text', 'text', 'text', 'text', 'integer'])}`.execute(trx);
}

/**
 * Other complete imports of the same force and month, by the force the file was placed in (not the spelling of
 * its "Falls within"): a newer file of them replaces them.
 */
export async function listSupersededImports(
  db: Kysely<Database>,
  imported: { id: string; forceCode: string; month: string },
): Promise<Pick<ImportRow, 'id' | 'fileName' | 'sha256' | 'crimes'>[]> {
  return db
    .selectFrom('crimeImports')
    .select(['id', 'fileName', 'sha256', 'crimes'])
    .where('status', '=', 'complete')
    .where('forceCode', '=', imported.forceCode)
    .where('month', '=', imported.month)
    .where('id', '!=', imported.id)
    .execute();
}

/**
 * Claims an import for a runner: one waiting, or one whose runner is `from` (a runner that has stopped). False
 * when another runner holds it.
 */
export async function claimImport(
  db: Kysely<Database>,
  id: string,
  claim: { runner: string; from: string | null | undefined; claimedUntil: string },
): Promise<boolean> {
  if (claim.from === undefined) return false;
  const result = await db
    .updateTable('crimeImports')
    .set({ status: 'importing', runner: claim.runner, claimedUntil: claim.claimedUntil })
    .where('id', '=', id)
    .where('status', 'in', ['waiting', 'importing'])
    .where('runner', claim.from === null ? 'is' : '=', claim.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Writes the import's progress if the runner still holds it; false when another has taken it over. */
export function checkpoint(db: Kysely<Database>, id: string, runner: string, changes: Partial<Omit<ImportRow, 'id'>>): Promise<boolean> {
  return moveImport(db, id, ['importing'], changes, runner);
}

export async function insertUploadChunk(db: Kysely<Database>, importId: string, seq: number, content: Buffer): Promise<void> {
  await db.insertInto('crimeUploadChunks').values({ importId, seq, content }).execute();
}

/** The files of an uploaded zip that were not imported, and why, in the zip's order. */
export async function insertUploadSkips(db: Kysely<Database>, batchId: string, skips: readonly { fileName: string; reason: string }[]) {
  if (skips.length === 0) return;
  await db
    .insertInto('crimeUploadSkips')
    .values(skips.map((skip, seq) => ({ batchId, seq, fileName: skip.fileName, reason: skip.reason })))
    .execute();
}

export async function listUploadSkips(db: Kysely<Database>, batchId: string): Promise<{ fileName: string; reason: string }[]> {
  return db.selectFrom('crimeUploadSkips').select(['fileName', 'reason']).where('batchId', '=', batchId).orderBy('seq').execute();
}

export async function findUploadChunk(db: Kysely<Database>, importId: string, seq: number): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('crimeUploadChunks')
    .select('content')
    .where('importId', '=', importId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? Buffer.from(row.content) : undefined;
}

/** An upload refused part way: its files' imports, their content kept so far and its skipped entries, all gone. */
export async function deleteBatch(db: Kysely<Database>, batchId: string): Promise<void> {
  const ofBatch = db.selectFrom('crimeImports').select('id').where('batchId', '=', batchId);
  await db.deleteFrom('crimeUploadChunks').where('importId', 'in', ofBatch).execute();
  await db.deleteFrom('crimeUploadSkips').where('batchId', '=', batchId).execute();
  await db.deleteFrom('crimeImports').where('batchId', '=', batchId).execute();
}

export async function deleteUpload(db: Kysely<Database>, importId: string): Promise<void> {
  await db.deleteFrom('crimeUploadChunks').where('importId', '=', importId).execute();
}

/** Where each of some LSOA codes is, in each census edition it is of (a code of neither: none). */
export async function listLsoaPlaces(db: Kysely<Database>, codes: readonly string[]): Promise<LsoaPlace[]> {
  const places: LsoaPlace[] = [];
  // In lists of a few hundred, each a seek of the key: a force's file names a few thousand LSOAs at most.
  for (let start = 0; start < codes.length; start += 500) {
    places.push(
      ...(await db
        .selectFrom('crimeLsoas')
        .leftJoin('crimeCsps', 'crimeCsps.code', 'crimeLsoas.cspCode')
        .select(['crimeLsoas.code', 'crimeLsoas.edition', 'crimeCsps.forceCode'])
        .where('crimeLsoas.code', 'in', codes.slice(start, start + 500))
        .execute()),
    );
  }
  return places;
}

export async function findCrimeArea(db: Kysely<Database>, partnershipId: string): Promise<CspRow | undefined> {
  return db
    .selectFrom('crimeAreas')
    .innerJoin('crimeCsps', 'crimeCsps.code', 'crimeAreas.cspCode')
    .selectAll('crimeCsps')
    .where('crimeAreas.partnershipId', '=', partnershipId)
    .executeTakeFirst();
}

export interface HeldMonth {
  month: string;
  edition: LsoaEdition | null;
  importId: string;
}

// Every crime data page reads its partnership's area and the months its force holds: one query, compiled once.
const areaWithHeldMonths = compiledOnce((db, partnershipId: string) =>
  db
    .selectFrom('crimeAreas')
    .innerJoin('crimeCsps', 'crimeCsps.code', 'crimeAreas.cspCode')
    .leftJoin('crimeImports', (join) =>
      join.onRef('crimeImports.forceCode', '=', 'crimeCsps.forceCode').on('crimeImports.status', '=', 'complete'),
    )
    .selectAll('crimeCsps')
    .select(['crimeImports.month', 'crimeImports.lsoaEdition', 'crimeImports.id as importId'])
    .where('crimeAreas.partnershipId', '=', partnershipId)
    .orderBy('crimeImports.month'),
);

/** The partnership's area, and the months its force has a complete file for (as `listHeldMonths` gives them). */
export async function findCrimeAreaWithHeldMonths(
  db: Kysely<Database>,
  partnershipId: string,
): Promise<{ area: CspRow; held: HeldMonth[] } | undefined> {
  const rows = await areaWithHeldMonths(db, partnershipId);
  const first = rows[0];
  if (!first) return undefined;
  const area = { code: first.code, name: first.name, forceCode: first.forceCode, forceName: first.forceName };
  return { area, held: heldOf(rows) };
}

const heldOf = (rows: readonly { month: string | null; lsoaEdition: LsoaEdition | null; importId: string | null }[]): HeldMonth[] =>
  rows.flatMap((row) => (row.month && row.importId ? [{ month: row.month, edition: row.lsoaEdition, importId: row.importId }] : []));

export async function saveCrimeArea(
  db: Kysely<Database>,
  row: { partnershipId: string; cspCode: string; updatedAt: string },
): Promise<void> {
  await db
    .insertInto('crimeAreas')
    .values(row)
    .onConflict((oc) => oc.column('partnershipId').doUpdateSet({ cspCode: row.cspCode, updatedAt: row.updatedAt }))
    .execute();
}

/** The partnerships whose crime area is in the force's area, with their Community Safety Partnership. */
export async function listForcePartnerships(
  db: Kysely<Database>,
  forceCode: string,
): Promise<{ partnershipId: string; cspCode: string; cspName: string }[]> {
  return db
    .selectFrom('crimeAreas')
    .innerJoin('crimeCsps', 'crimeCsps.code', 'crimeAreas.cspCode')
    .select(['crimeAreas.partnershipId', 'crimeCsps.code as cspCode', 'crimeCsps.name as cspName'])
    .where('crimeCsps.forceCode', '=', forceCode)
    .execute();
}

/**
 * The crimes of some imports in the LSOAs of some Community Safety Partnerships, by import, partnership area, LSOA
 * and crime type: a file may keep an area's total and still move its crimes.
 */
export async function countCrimesByCsp(
  db: Kysely<Database>,
  importIds: readonly string[],
  cspCodes: readonly string[],
): Promise<{ importId: string; cspCode: string; lsoaCode: string; location: string; crimeType: string; crimes: number }[]> {
  if (importIds.length === 0 || cspCodes.length === 0) return [];
  const rows = await db
    .selectFrom('crimes')
    .innerJoin('crimeImports', 'crimeImports.id', 'crimes.importId')
    .innerJoin('crimeLsoas', (join) =>
      join.onRef('crimeLsoas.code', '=', 'crimes.lsoaCode').onRef('crimeLsoas.edition', '=', 'crimeImports.lsoaEdition'),
    )
    .where('crimes.importId', 'in', [...importIds])
    .where('crimeLsoas.cspCode', 'in', [...cspCodes])
    .select((eb) => [
      'crimes.importId',
      'crimeLsoas.cspCode',
      'crimeLsoas.code as lsoaCode',
      'crimes.location',
      'crimes.crimeType',
      eb.fn.countAll().as('crimes'),
    ])
    .groupBy(['crimes.importId', 'crimeLsoas.cspCode', 'crimeLsoas.code', 'crimes.location', 'crimes.crimeType'])
    .execute();
  return rows.map((row) => ({
    importId: row.importId,
    cspCode: row.cspCode ?? '',
    lsoaCode: row.lsoaCode,
    location: row.location,
    crimeType: row.crimeType,
    crimes: Number(row.crimes),
  }));
}

/**
 * The months a force published, by its complete imports (one a month), each with the LSOA edition its file is coded
 * in and the import it is (a complete import's crimes never change: a month replaced is another import).
 */
export async function listHeldMonths(db: Kysely<Database>, forceCode: string): Promise<HeldMonth[]> {
  const rows = await db
    .selectFrom('crimeImports')
    .select(['month', 'lsoaEdition', 'id as importId'])
    .where('forceCode', '=', forceCode)
    .where('status', '=', 'complete')
    .orderBy('month')
    .execute();
  return heldOf(rows);
}

/** The codes of a partnership's LSOAs, of either edition, as a list to seek an index led by month by. */
const lsoasOf = (db: Kysely<Database>, cspCode: string) =>
  db.selectFrom('crimeLsoas as own').select('own.code').where('own.cspCode', '=', cspCode);

/**
 * A partnership's crimes: those in its LSOAs from complete files of its own force, each LSOA as the census edition
 * its file is coded in has it (its name and population are that edition's). Another force's file counts only for
 * its own partnerships, whatever LSOAs its rows name, so one force's file cannot change another's figures.
 */
export function areaCrimes(db: Kysely<Database>, cspCode: string) {
  return (
    db
      .selectFrom('crimes')
      .innerJoin('crimeImports', 'crimeImports.id', 'crimes.importId')
      .innerJoin('crimeLsoas', (join) =>
        join.onRef('crimeLsoas.code', '=', 'crimes.lsoaCode').onRef('crimeLsoas.edition', '=', 'crimeImports.lsoaEdition'),
      )
      .innerJoin('crimeCsps', 'crimeCsps.code', 'crimeLsoas.cspCode')
      .where('crimeImports.status', '=', 'complete')
      .where('crimeLsoas.cspCode', '=', cspCode)
      .whereRef('crimeImports.forceCode', '=', 'crimeCsps.forceCode')
      // The partnership's LSOAs again, as a list: SQLite then seeks each month's crimes of each by crimes_area_month
      // (month, LSOA), where it would otherwise read every crime of the force's files.
      .where('crimes.lsoaCode', 'in', lsoasOf(db, cspCode))
  );
}

/**
 * Every month from one to another, both included (YYYY-MM), to ask for one by one (each a seek of an index led by
 * month); none (an empty text, which no month is, as SQL has no empty list) when the first is after the last.
 */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1; ; index += 1) {
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    if (month > to) return months.length > 0 ? months : [''];
    months.push(month);
  }
}

/**
 * The partnership's crimes counted by month, LSOA and type: its rows of the counts table, by areaCrimes' rule (the
 * joins are written again because Kysely types a query by its table: the counts table stands in for crimes).
 */
export function areaCounts(db: Kysely<Database>, cspCode: string) {
  return db
    .selectFrom('crimeCounts')
    .innerJoin('crimeImports', 'crimeImports.id', 'crimeCounts.importId')
    .innerJoin('crimeLsoas', (join) =>
      join.onRef('crimeLsoas.code', '=', 'crimeCounts.lsoaCode').onRef('crimeLsoas.edition', '=', 'crimeImports.lsoaEdition'),
    )
    .innerJoin('crimeCsps', 'crimeCsps.code', 'crimeLsoas.cspCode')
    .where('crimeImports.status', '=', 'complete')
    .where('crimeLsoas.cspCode', '=', cspCode)
    .whereRef('crimeImports.forceCode', '=', 'crimeCsps.forceCode')
    .where('crimeCounts.lsoaCode', 'in', lsoasOf(db, cspCode));
}

/** Crimes in the partnership's LSOAs, counted by month, LSOA, location and type. */
export async function countAreaCrimes(db: Kysely<Database>, cspCode: string, months: { from: string; to: string }): Promise<CrimeCount[]> {
  const rows = await areaCrimes(db, cspCode)
    .where('crimes.month', 'in', monthsBetween(months.from, months.to))
    .select((eb) => ['crimes.month', 'crimes.lsoaCode', 'crimes.location', 'crimes.crimeType', eb.fn.countAll().as('count')])
    .groupBy(['crimes.month', 'crimes.lsoaCode', 'crimes.location', 'crimes.crimeType'])
    .execute();
  return rows.map((row) => ({ ...row, lsoaCode: row.lsoaCode ?? '', count: Number(row.count) }));
}

/** The crimes of a month in some of the partnership's LSOAs (or at some locations), where each was. */
export async function listAreaPoints(
  db: Kysely<Database>,
  cspCode: string,
  where: { month: string; lsoaCodes?: readonly string[]; locations?: readonly string[] },
): Promise<{ longitude: number; latitude: number; crimeType: string; location: string; lsoaCode: string }[]> {
  let query = areaCrimes(db, cspCode)
    .where('crimes.month', '=', where.month)
    .where('crimes.longitude', 'is not', null)
    .select(['crimes.longitude', 'crimes.latitude', 'crimes.crimeType', 'crimes.location', 'crimes.lsoaCode'])
    .orderBy('crimes.importId')
    .orderBy('crimes.line');
  if (where.lsoaCodes) query = query.where('crimes.lsoaCode', 'in', where.lsoaCodes.length > 0 ? [...where.lsoaCodes] : ['']);
  if (where.locations) query = query.where('crimes.location', 'in', where.locations.length > 0 ? [...where.locations] : ['']);
  const rows = await query.execute();
  return rows.map((row) => ({
    longitude: Number(row.longitude),
    latitude: Number(row.latitude),
    crimeType: row.crimeType,
    location: row.location,
    lsoaCode: row.lsoaCode ?? '',
  }));
}

/**
 * Crime data: police.uk street-level files imported a batch of rows at a time, each batch committed with
 * the line it reached, so that an import stopped at any point (even killed) leaves only whole batches
 * and, run again, carries on after them. A file's crimes count only once its import is complete; a file
 * imported again (the same content) changes nothing, and a newer file for the same force and month
 * replaces the older in the same transaction. The ONS reference that places each LSOA in its partnership
 * and force area is shipped with the project and loaded into the database the first time it is needed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { parse as parseText } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { type Clock, isoNow } from '../../core/clock.ts';
import { FieldValidationError, NotFoundError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditTrail } from '../audit/index.ts';
import type { AreaLsoa, CrimeCount } from './analysis/types.ts';
import {
  countAreaCrimes,
  countImportedCrimes,
  type CspRow,
  deleteCrimes,
  findCrimeArea,
  findCsp,
  findImport,
  findImportOfContent,
  findReferenceEdition,
  type ImportRow,
  insertCrimes,
  insertImport,
  listAreaPoints,
  listCspLsoas,
  listCsps,
  listImports,
  listPublishedMonths,
  listSupersededImports,
  type LsoaRow,
  replaceReference,
  saveCrimeArea,
  updateImport,
} from './crimedata.repository.ts';
import { forceAreaOf } from './forces.ts';
import { MalformedRowError, NotAStreetFileError, readStreetFile, type StreetCrime } from './policeUkFile.ts';

export type { CspRow, ImportRow } from './crimedata.repository.ts';

/** How an import is going, for a progress bar or page. */
export interface ImportProgress {
  fileName: string;
  bytes: number;
  bytesDone: number;
}

export interface CrimePoint {
  longitude: number;
  latitude: number;
  crimeType: string;
  location: string;
  lsoaCode: string;
}

export interface CrimeDataService {
  /** Loads the shipped ONS reference into the database when it holds another edition, or none. */
  ensureReference(): Promise<void>;
  csps(): Promise<CspRow[]>;
  /** The Community Safety Partnership area whose crimes are the partnership's, or null when not yet chosen. */
  area(partnershipId: string): Promise<CspRow | null>;
  setArea(actor: Actor, partnershipId: string, cspCode: string): Promise<void>;
  /** Imports a file from disk (the command line). A file imported before is recognised by its content. */
  importFile(
    actor: Actor,
    path: string,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ imported: ImportRow; before: boolean }>;
  /** Keeps an uploaded file in the database and queues its import; returns the import. */
  receiveUpload(actor: Actor, upload: { partnershipId: string; batchId: string; fileName: string; content: Readable }): Promise<ImportRow>;
  /** Runs a queued (uploaded) import: the job. */
  runQueuedImport(importId: string): Promise<ImportRow>;
  /** Imports, latest first: an upload's files, or a partnership's uploads. */
  imports(filter: { batchId?: string; partnershipId?: string; limit?: number }): Promise<ImportRow[]>;
  /** The months the area's force published, in order: a month between them that is missing is a gap. */
  publishedMonths(partnershipId: string): Promise<string[]>;
  /** The area's LSOAs in the census edition its crimes of the month are coded in. */
  areaLsoas(partnershipId: string, month: string): Promise<AreaLsoa[]>;
  crimeCounts(partnershipId: string, months: { from: string; to: string }): Promise<CrimeCount[]>;
  points(
    partnershipId: string,
    where: { month: string; lsoaCodes?: readonly string[]; locations?: readonly string[] },
  ): Promise<CrimePoint[]>;
}

export interface CrimeDataDeps {
  db: Kysely<Database>;
  audit: AuditTrail;
  clock: Clock;
  /** Queues the job that runs an uploaded file's import, in the transaction that records the upload. */
  queueImport: (trx: Kysely<Database>, importId: string) => Promise<void>;
}

const referenceDirectory = join(import.meta.dirname, 'reference');
// Rows committed together with their checkpoint: few enough commits to be quick, and little to redo after a crash.
const batchSize = 5000;
const uploadChunkBytes = 1024 * 1024;

async function* gunzippedLsoas(): AsyncGenerator<LsoaRow[]> {
  const rows = createReadStream(join(referenceDirectory, 'lsoas.csv.gz'))
    .pipe(createGunzip())
    .pipe(parse({ columns: true }));
  let batch: LsoaRow[] = [];
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    batch.push({
      code: row.code ?? '',
      name: row.name ?? '',
      in2011: Number(row.in2011),
      in2021: Number(row.in2021),
      cspCode: row.csp_code || null,
      population: row.population ? Number(row.population) : null,
    });
    if (batch.length === 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function sha256Of(content: AsyncIterable<Buffer>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of content) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function crimeRow(importId: string, crime: StreetCrime) {
  return {
    importId,
    line: crime.line,
    month: crime.month,
    crimeId: crime.crimeId,
    longitude: crime.longitude,
    latitude: crime.latitude,
    location: crime.location,
    lsoaCode: crime.lsoaCode,
    crimeType: crime.crimeType,
    outcome: crime.outcome,
  };
}

export function createCrimeDataService(deps: CrimeDataDeps): CrimeDataService {
  const { db, audit, clock } = deps;
  let referenceLoaded: Promise<void> | undefined;

  async function loadReference(): Promise<void> {
    const [lsoas, csps] = await Promise.all([
      readFile(join(referenceDirectory, 'lsoas.csv.gz')),
      readFile(join(referenceDirectory, 'csps.csv'), 'utf8'),
    ]);
    const edition = createHash('sha256').update(lsoas).update(csps).digest('hex');
    if ((await findReferenceEdition(db, 'ons')) === edition) return;
    const cspRows = parseText<Record<string, string>>(csps, { columns: true });
    await db.transaction().execute((trx) =>
      replaceReference(trx, {
        name: 'ons',
        edition,
        loadedAt: isoNow(clock),
        csps: cspRows.map((row) => ({ code: row.code!, name: row.name!, forceCode: row.force_code!, forceName: row.force_name! })),
        lsoas: gunzippedLsoas(),
      }),
    );
  }

  async function ensureReference(): Promise<void> {
    referenceLoaded ??= loadReference().catch((error: unknown) => {
      referenceLoaded = undefined;
      throw error;
    });
    return referenceLoaded;
  }

  async function requireArea(partnershipId: string): Promise<CspRow | null> {
    return (await findCrimeArea(db, partnershipId)) ?? null;
  }

  async function refuse(imported: ImportRow, problem: string): Promise<ImportRow> {
    await db.transaction().execute(async (trx) => {
      await deleteCrimes(trx, imported.id);
      await trx.deleteFrom('crimeUploadChunks').where('importId', '=', imported.id).execute();
      await updateImport(trx, imported.id, { status: 'refused', problem, finishedAt: isoNow(clock) });
    });
    return (await findImport(db, imported.id))!;
  }

  /** Completes an import: its crimes counted, any older file of its force and month replaced, its upload gone. */
  async function complete(imported: ImportRow): Promise<void> {
    const counts = await countImportedCrimes(db, imported.id, imported.forceCode);
    await db.transaction().execute(async (trx) => {
      const month = imported.month ?? '';
      for (const older of await listSupersededImports(trx, { id: imported.id, fallsWithin: imported.fallsWithin ?? '', month })) {
        await deleteCrimes(trx, older);
        await updateImport(trx, older, { status: 'replaced' });
      }
      await trx.deleteFrom('crimeUploadChunks').where('importId', '=', imported.id).execute();
      await updateImport(trx, imported.id, { ...counts, status: 'complete', bytesDone: imported.bytes, finishedAt: isoNow(clock) });
      await audit.record(
        trx,
        { userId: imported.importedBy },
        {
          action: 'create',
          entityType: 'crime-import',
          entityId: imported.id,
          partnershipId: imported.partnershipId,
          summary: `Imported ${counts.crimes} crimes from ${imported.fileName} (${imported.fallsWithin}, ${month})`,
          before: null,
          after: { fileName: imported.fileName, sha256: imported.sha256, month, fallsWithin: imported.fallsWithin, ...counts },
        },
      );
    });
  }

  async function run(
    importId: string,
    content: () => AsyncIterable<Buffer>,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportRow> {
    await ensureReference();
    const found = await findImport(db, importId);
    if (!found) throw new NotFoundError('Crime import');
    let imported: ImportRow = found;
    if (imported.status !== 'waiting' && imported.status !== 'importing') return imported;
    const same = await findImportOfContent(db, imported.sha256);
    if (same && same.id !== imported.id && same.status === 'complete') {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('crimeUploadChunks').where('importId', '=', importId).execute();
        await updateImport(trx, importId, {
          status: 'unchanged',
          finishedAt: isoNow(clock),
          month: same.month,
          fallsWithin: same.fallsWithin,
        });
      });
      return (await findImport(db, importId))!;
    }
    await updateImport(db, importId, { status: 'importing' });
    const forceAreas = await listCsps(db);
    const progress = { bytesRead: 0 };
    try {
      for await (const batch of readStreetFile(content(), { afterLine: imported.linesDone, batchSize, progress })) {
        const first = batch[0]!;
        const last = batch.at(-1)!;
        const header: Partial<ImportRow> =
          imported.month === null
            ? { month: first.month, fallsWithin: first.fallsWithin, forceCode: forceAreaOf(first.fallsWithin, forceAreas) }
            : {};
        await db.transaction().execute(async (trx) => {
          await insertCrimes(
            trx,
            batch.map((crime) => crimeRow(importId, crime)),
          );
          await updateImport(trx, importId, { ...header, linesDone: last.line, bytesDone: progress.bytesRead });
        });
        imported = { ...imported, ...header, linesDone: last.line };
        onProgress?.({ fileName: imported.fileName, bytes: imported.bytes, bytesDone: progress.bytesRead });
      }
    } catch (error) {
      if (error instanceof NotAStreetFileError || error instanceof MalformedRowError) return refuse(imported, error.message);
      throw error;
    }
    if (imported.month === null)
      return refuse(imported, 'The file has its headings but no crimes. Choose the file police.uk published for the month.');
    await complete(imported);
    onProgress?.({ fileName: imported.fileName, bytes: imported.bytes, bytesDone: imported.bytes });
    return (await findImport(db, importId))!;
  }

  async function* uploadedContent(importId: string): AsyncGenerator<Buffer> {
    // One piece at a time, so the file is never all in memory.
    for (let seq = 0; ; seq += 1) {
      const chunk = await db
        .selectFrom('crimeUploadChunks')
        .select('content')
        .where('importId', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      if (!chunk) return;
      yield Buffer.from(chunk.content);
    }
  }

  return {
    ensureReference,

    async csps() {
      await ensureReference();
      return listCsps(db);
    },

    area: requireArea,

    async setArea(actor, partnershipId, cspCode) {
      await ensureReference();
      const csp = await findCsp(db, cspCode);
      if (!csp) throw new FieldValidationError('cspCode', 'Select the Community Safety Partnership area');
      const before = await findCrimeArea(db, partnershipId);
      await db.transaction().execute(async (trx) => {
        await saveCrimeArea(trx, { partnershipId, cspCode, updatedAt: isoNow(clock) });
        await audit.record(trx, actor, {
          action: before ? 'update' : 'create',
          entityType: 'crime-area',
          entityId: partnershipId,
          partnershipId,
          summary: `Crime data area set to ${csp.name} (${csp.forceName})`,
          before: before ? { cspCode: before.code } : null,
          after: { cspCode },
        });
      });
    },

    async importFile(actor, path, onProgress) {
      await ensureReference();
      const { size } = await stat(path);
      const { sha256, bytes } = await sha256Of(createReadStream(path));
      if (bytes !== size) throw new Error(`${path} changed while it was read`);
      const existing = await findImportOfContent(db, sha256);
      if (existing?.status === 'complete') return { imported: existing, before: true };
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        await insertImport(db, {
          id,
          fileName: basename(path),
          sha256,
          bytes,
          status: 'importing',
          fallsWithin: null,
          forceCode: null,
          month: null,
          problem: null,
          batchId: null,
          partnershipId: null,
          importedBy: actor.userId,
          createdAt: isoNow(clock),
          finishedAt: null,
        });
      }
      const imported = await run(id, () => createReadStream(path), onProgress);
      return { imported, before: false };
    },

    async receiveUpload(actor, upload) {
      const id = randomUUID();
      const hash = createHash('sha256');
      let bytes = 0;
      await insertImport(db, {
        id,
        fileName: upload.fileName,
        sha256: '',
        bytes: 0,
        status: 'receiving',
        fallsWithin: null,
        forceCode: null,
        month: null,
        problem: null,
        batchId: upload.batchId,
        partnershipId: upload.partnershipId,
        importedBy: actor.userId,
        createdAt: isoNow(clock),
        finishedAt: null,
      });
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let seq = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        await db
          .insertInto('crimeUploadChunks')
          .values({ importId: id, seq, content: Buffer.concat(pending) })
          .execute();
        seq += 1;
        pending = [];
        pendingBytes = 0;
      };
      for await (const chunk of upload.content as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= uploadChunkBytes) await flush();
      }
      await flush();
      await db.transaction().execute(async (trx) => {
        await updateImport(trx, id, { sha256: hash.digest('hex'), bytes, status: 'waiting' });
        await deps.queueImport(trx, id);
      });
      return (await findImport(db, id))!;
    },

    runQueuedImport: (importId) => run(importId, () => uploadedContent(importId)),

    imports: (filter) => listImports(db, { ...filter, limit: filter.limit ?? 50 }),

    async publishedMonths(partnershipId) {
      const area = await requireArea(partnershipId);
      return area ? listPublishedMonths(db, area.forceCode) : [];
    },

    async areaLsoas(partnershipId, month) {
      const area = await requireArea(partnershipId);
      if (!area) return [];
      const lsoas = await listCspLsoas(db, area.code);
      const seen = new Set((await countAreaCrimes(db, area.code, { from: month, to: month })).map((count) => count.lsoaCode));
      const only2021 = lsoas.some((lsoa) => lsoa.in2011 === 0 && seen.has(lsoa.code));
      const only2011 = lsoas.some((lsoa) => lsoa.in2021 === 0 && seen.has(lsoa.code));
      // The files seen code October 2022 by 2011 LSOAs and January 2024 by 2021 ones; a month whose codes
      // are all in both editions is taken to be in the 2021 one from 2023.
      const edition = only2021 || (!only2011 && month >= '2023-01') ? 'in2021' : 'in2011';
      return lsoas.filter((lsoa) => lsoa[edition] === 1).map(({ code, name, population }) => ({ code, name, population }));
    },

    async crimeCounts(partnershipId, months) {
      const area = await requireArea(partnershipId);
      return area ? countAreaCrimes(db, area.code, months) : [];
    },

    async points(partnershipId, where) {
      const area = await requireArea(partnershipId);
      return area ? listAreaPoints(db, area.code, where) : [];
    },
  };
}

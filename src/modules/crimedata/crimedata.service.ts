/**
 * Crime data: police.uk street-level files imported a batch of rows at a time, each batch committed with
 * the line it reached, so that an import stopped at any point (even killed) leaves only whole batches
 * and, run again, carries on after them. A file's crimes count only once its import is complete; a file
 * imported again (the same content) changes nothing. A partnership imports its own force's files only, once its
 * crime area (set by an administrator or the area's overseer, within its force) is known; an upload that would
 * replace a month already held is held until the area's overseer, having seen the change for each partnership
 * of the force, confirms it (then it replaces the older in one transaction) or rejects it. The operator's command
 * line replaces directly. The ONS reference that places each LSOA in its partnership and force area is shipped
 * with the project and loaded into the database the first time it is needed.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import type { Engine } from '../../db/dialect.ts';
import type { CrimeImportStatus, Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { AreaLsoa, CrimeCount } from './analysis/types.ts';
import type { HeldDecision } from './crimedata.inputs.ts';
import {
  countAreaCrimes,
  type CspRow,
  deleteUpload,
  findCrimeArea,
  findCrimeAreaWithHeldMonths,
  type HeldMonth,
  findCsp,
  findImport,
  findUploadChunk,
  type ImportRow,
  type NamedImportRow,
  insertImport,
  insertUploadChunk,
  listAreaPoints,
  listCspLsoas,
  listCsps,
  listImports,
  listHeldMonths,
  listCspLsoaEditions,
  saveCrimeArea,
  updateImport,
} from './crimedata.repository.ts';
import { forceAreaOf } from './forces.ts';
import { checkedStreetFile, MalformedRowError, NotAStreetFileError, type StreetFileOf } from './policeUkFile.ts';
import { createHeldImports, type HeldEffect, type HeldFile, type WaitingFile } from './heldImports.ts';
import { type AreaFiguresService, createAreaFigures } from './figures.ts';
import type { PartnershipChange } from './replacement.ts';
import { createZipImports, type ZipImports } from './zipImports.ts';
import { createReferenceLoader } from './reference.ts';
import { keyOf, kept } from '../../platform/kept.ts';
import { readKept } from '../../platform/readOnce.ts';
import { areaFirst, createImporter, type ImportProgress } from './importer.ts';
import { type AreaEditions, editionOfMonth, type LsoaEdition } from './lsoaEditions.ts';

export type { CspRow, ImportRow, NamedImportRow } from './crimedata.repository.ts';
export type { ImportProgress } from './importer.ts';
export type { PartnershipChange } from './replacement.ts';
export type { AreaFigures, Peer, PeerChoice } from './figures.ts';

export interface CrimePoint {
  longitude: number;
  latitude: number;
  crimeType: string;
  location: string;
  lsoaCode: string;
}

export interface CrimeDataService extends AreaFiguresService, ZipImports {
  /** Loads the shipped ONS reference into the database when it holds another edition, or none. */
  ensureReference(): Promise<void>;
  csps(): Promise<CspRow[]>;
  /**
   * The areas the partnership may choose: its own police force area's (every one when its force names none of the
   * lookup's, so that choosing says why).
   */
  areaChoices(partnershipId: string): Promise<CspRow[]>;
  /** The Community Safety Partnership area whose crimes are the partnership's, or null when not yet chosen. */
  area(partnershipId: string): Promise<CspRow | null>;
  /** Sets the area (one of the partnership's own police force area: else a problem with cspCode). Who may is the route's rule. */
  setArea(actor: Actor, partnershipId: string, cspCode: string): Promise<void>;
  /**
   * Imports a file from disk: the operator's command line, which replaces a month held directly and returns the
   * change it made to each partnership of the force. A file imported before is recognised by its content.
   */
  importFile(
    actor: Actor,
    path: string,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ imported: ImportRow; before: boolean; changes: PartnershipChange[] }>;
  /**
   * Keeps an uploaded file in the database and queues its import; returns the import. Refused (a problem with
   * `files`) until the partnership's crime area is set.
   */
  receiveUpload(actor: Actor, upload: { partnershipId: string; batchId: string; fileName: string; content: Readable }): Promise<ImportRow>;
  /** Runs a queued (uploaded) import: the job. */
  runQueuedImport(importId: string): Promise<ImportRow>;
  /** Marks a queued import the job queue gave up on as failed, with the reason, in the queue's transaction. */
  failQueuedImport(trx: Kysely<Database>, importId: string, reason: string): Promise<void>;
  /** Queues a failed import of the partnership again: it carries on from the last batch it committed. */
  retryImport(actor: Actor, partnershipId: string, importId: string): Promise<ImportRow>;
  /** A held import of the partnership and the change it would make to each partnership of its force, or what became of it. */
  heldImport(partnershipId: string, importId: string): Promise<HeldFile>;
  /** Files waiting for the overseer: those of the partnership's force, or (with no partnership) every one. */
  waitingFiles(partnershipId?: string): Promise<WaitingFile[]>;
  /** The files of one upload (or one file) still waiting for the overseer: what the notice to the overseers lists. */
  heldFiles(of: { batchId?: string; importId?: string }): Promise<WaitingFile[]>;
  /** The overseer's decision on a held import: confirmed, it replaces the month held; rejected, nothing changes. */
  decideHeldImport(actor: Actor, partnershipId: string, importId: string, decision: HeldDecision): Promise<ImportRow>;
  /** Imports, latest first: every file of an upload, or a partnership's latest uploads (of a status); a held one says whether it replaces a month. */
  imports(filter: {
    batchId?: string;
    partnershipId?: string;
    status?: CrimeImportStatus;
    limit?: number;
  }): Promise<(NamedImportRow & HeldEffect)[]>;
  /**
   * The months the area's force published that Safer holds, in order: a month between them that is missing is a
   * gap the force did not publish; one before the first is not held in Safer.
   */
  publishedMonths(partnershipId: string): Promise<string[]>;
  /**
   * The area's LSOAs in the census edition the force's file for the month is coded in, with that edition's names
   * and populations (the edition of the month's date when Safer holds no file for it).
   */
  areaLsoas(partnershipId: string, month: string): Promise<AreaLsoa[]>;
  /**
   * The census edition of each held month's file and of each of the area's LSOAs: a code's months of another edition
   * than its own are not comparable (never 0).
   */
  areaEditions(partnershipId: string): Promise<AreaEditions>;
  /** The area's crimes of the months counted by month, LSOA, location and type (shared: never to be changed). */
  crimeCounts(partnershipId: string, months: { from: string; to: string }): Promise<readonly CrimeCount[]>;
  /**
   * The same counts with a key naming all they rest on (the area, the months, the force's complete files and their
   * editions): the same key, the same counts, the area's LSOAs and editions; work done from them can be kept by it.
   */
  keptCrimeCounts(partnershipId: string, months: { from: string; to: string }): Promise<{ key: string; counts: readonly CrimeCount[] }>;
  points(
    partnershipId: string,
    where: { month: string; lsoaCodes?: readonly string[]; locations?: readonly string[] },
  ): Promise<CrimePoint[]>;
}

export interface CrimeDataDependencies {
  db: Kysely<Database>;
  engine: Engine;
  audit: AuditWriter;
  clock: Clock;
  /** Queues the job that runs an uploaded file's import, in the transaction that records the upload. */
  queueImport: (trx: Kysely<Database>, importId: string) => Promise<void>;
  /** The partnership's name, its area and the police force its area names (governance's records). */
  partnership: (partnershipId: string) => Promise<{ name: string; forceName: string; areaId: string }>;
  /** The partnerships held in Safer, with their area: the peers a partnership may compare its crime figures with. */
  partnerships: () => Promise<{ id: string; name: string; areaId: string }[]>;
  /**
   * Queues the notice to the area's overseers that files of an upload wait for them, in the transaction that holds
   * one: once an upload, however many of its files are held (the notice lists them all when it goes).
   */
  onHeld?: (trx: Kysely<Database>, held: { batchId: string }) => Promise<void>;
}

const uploadChunkBytes = 1024 * 1024;
/**
 * Areas' counts kept at once: a page over two years of a busy area is some thousands of rows, and the hotspot page of
 * each month asks for its own range.
 */
const countsKept = 24;

export function createCrimeDataService(deps: CrimeDataDependencies): CrimeDataService {
  const { db, audit, clock } = deps;
  const { changesOf, takePlace, monthPartition, withEffect, decisions } = createHeldImports(deps);
  const ensureReference = createReferenceLoader(db, deps.engine, clock);
  // Counted once for each version of the files they come from: a page's biggest read, the same until an import completes.
  const keptCounts = kept<readonly CrimeCount[]>(countsKept);

  const withEditions = (held: readonly HeldMonth[]) => held.map((row) => ({ ...row, edition: row.edition ?? editionOfMonth(row.month) }));

  /**
   * The partnership's area and the months its force has a complete file for, in one query, with the reference its
   * crimes are placed by loaded (a new edition of it, after an upgrade). Read once for a page, which asks for them
   * from each of its parts, and kept for the pages after while the access generation stands still: every change to
   * the tables it is read from moves it (migration 2026-12-11-16, decision 0061).
   */
  async function areaRead(partnershipId: string): Promise<{ area: CspRow | null; held: HeldMonth[] }> {
    await ensureReference();
    return readKept(`crime area ${partnershipId}`, async () => {
      const found = await findCrimeAreaWithHeldMonths(db, partnershipId);
      return { area: found?.area ?? null, held: found?.held ?? [] };
    });
  }

  const requireArea = async (partnershipId: string): Promise<CspRow | null> => (await areaRead(partnershipId)).area;

  /** The months a force has a complete file for, each with the LSOA edition the file is coded in (kept as `areaRead` is). */
  async function forceHeldMonths(forceCode: string): Promise<{ month: string; edition: LsoaEdition; importId: string }[]> {
    const { months } = await readKept(`held months ${forceCode}`, async () => ({ months: await listHeldMonths(db, forceCode) }));
    return withEditions(months);
  }

  /** The months the area's force has a complete file for, each with its LSOA edition and its import. */
  async function heldMonths(partnershipId: string): Promise<{ month: string; edition: LsoaEdition; importId: string }[]> {
    return withEditions((await areaRead(partnershipId)).held);
  }

  async function unknownForce(partnershipId: string): Promise<string> {
    const { name, forceName } = await deps.partnership(partnershipId);
    return `The police force of ${name}’s area, “${forceName}”, is not one of the police force areas of the ONS lookup: an administrator can correct it on the area’s page.`;
  }

  /** The police force area the partnership's area names, as the ONS reference has it; null when it names none. */
  async function ownForce(partnershipId: string, csps: readonly CspRow[]): Promise<{ code: string; name: string } | null> {
    const code = forceAreaOf((await deps.partnership(partnershipId)).forceName, csps);
    const csp = csps.find((row) => row.forceCode === code);
    return code && csp ? { code, name: csp.forceName } : null;
  }

  const importer = createImporter({ ...deps, ensureReference, held: { changesOf, takePlace, monthPartition }, ownForce, unknownForce });

  async function* uploadedContent(importId: string): AsyncGenerator<Buffer> {
    // One piece at a time, so the file is never all in memory.
    for (let seq = 0; ; seq += 1) {
      const chunk = await findUploadChunk(db, importId, seq);
      if (!chunk) return;
      yield chunk;
    }
  }

  /**
   * Keeps an uploaded file in the database, its import left receiving (not queued). Checked, each line is checked as
   * a street file's as it is kept: at the first bad one nothing more is read, what was kept is deleted, and the
   * problem thrown. Returns the import and, checked, the file's month and force.
   */
  async function receive(
    actor: Actor,
    upload: { partnershipId: string; batchId: string; fileName: string; content: Readable },
    checked: boolean,
  ): Promise<{ imported: ImportRow; of: StreetFileOf | null }> {
    if (!(await findCrimeArea(db, upload.partnershipId))) throw new FieldValidationError('files', areaFirst);
    const id = randomUUID();
    const hash = createHash('sha256');
    let bytes = 0;
    let of: StreetFileOf | null = null;
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
      runner: null,
      claimedUntil: null,
      createdAt: isoNow(clock),
      finishedAt: null,
    });
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await insertUploadChunk(db, id, seq, Buffer.concat(pending));
      seq += 1;
      pending = [];
      pendingBytes = 0;
    };
    const content = upload.content as AsyncIterable<Buffer>;
    try {
      for await (const chunk of checked ? checkedStreetFile(content, (file) => (of = file)) : content) {
        hash.update(chunk);
        bytes += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= uploadChunkBytes) await flush();
      }
      await flush();
      await updateImport(db, id, { sha256: hash.digest('hex'), bytes });
    } catch (error) {
      const problem =
        error instanceof NotAStreetFileError || error instanceof MalformedRowError
          ? error.message
          : 'The file did not finish uploading. Upload it again.';
      // Not left "uploading" for ever: the page says why, and nothing of it is kept.
      await db.transaction().execute(async (trx) => {
        await deleteUpload(trx, id);
        await updateImport(trx, id, { status: 'refused', problem, finishedAt: isoNow(clock) });
      });
      throw error;
    }
    return { imported: (await findImport(db, id))!, of };
  }

  const service: Omit<CrimeDataService, keyof AreaFiguresService | keyof ZipImports> = {
    ensureReference,

    async csps() {
      await ensureReference();
      return listCsps(db);
    },

    async areaChoices(partnershipId) {
      await ensureReference();
      const csps = await listCsps(db);
      const force = await ownForce(partnershipId, csps);
      return force ? csps.filter((csp) => csp.forceCode === force.code) : csps;
    },

    area: requireArea,

    importFile: (actor, path, onProgress) => importer.importFile(actor, path, onProgress),

    async setArea(actor, partnershipId, cspCode) {
      await ensureReference();
      const csp = await findCsp(db, cspCode);
      if (!csp) throw new FieldValidationError('cspCode', 'Select the Community Safety Partnership area');
      // Its crimes, and the files it may import, are its force's: an area of another force is not its to choose.
      const force = await ownForce(partnershipId, await listCsps(db));
      if (!force) throw new FieldValidationError('cspCode', await unknownForce(partnershipId));
      if (csp.forceCode !== force.code) {
        const { name } = await deps.partnership(partnershipId);
        throw new FieldValidationError(
          'cspCode',
          `${csp.name} is in the ${csp.forceName} police force area, and ${name} is in ${force.name}’s: select one of ${force.name}’s Community Safety Partnership areas`,
        );
      }
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

    async receiveUpload(actor, upload) {
      const { imported } = await receive(actor, upload, false);
      await db.transaction().execute(async (trx) => {
        await updateImport(trx, imported.id, { status: 'waiting' });
        await deps.queueImport(trx, imported.id);
      });
      return (await findImport(db, imported.id))!;
    },

    async runQueuedImport(importId) {
      const { imported } = await importer.run(importId, () => uploadedContent(importId), 'when confirmed');
      // Its job is done only when the import is: one another runner holds is tried again later (or given up on).
      if (imported.status === 'waiting' || imported.status === 'importing') {
        throw new Error(`${imported.fileName} is being imported by another runner`);
      }
      return imported;
    },

    ...decisions,

    // An upload's files all (a batch is bounded by the form); a partnership's latest 50 unless asked otherwise.
    imports: async (filter) => withEffect(await listImports(db, { ...filter, limit: filter.limit ?? (filter.batchId ? undefined : 50) })),

    publishedMonths: async (partnershipId) => (await heldMonths(partnershipId)).map(({ month }) => month),

    async areaLsoas(partnershipId, month) {
      const area = await requireArea(partnershipId);
      if (!area) return [];
      const held = (await heldMonths(partnershipId)).find((row) => row.month === month);
      const lsoas = await listCspLsoas(db, area.code, held?.edition ?? editionOfMonth(month));
      return lsoas.map(({ code, name, population }) => ({ code, name, population }));
    },

    async areaEditions(partnershipId) {
      const area = await requireArea(partnershipId);
      if (!area) return { months: [], lsoas: [] };
      const [months, lsoas] = await Promise.all([heldMonths(partnershipId), listCspLsoaEditions(db, area.code)]);
      return { months, lsoas };
    },

    crimeCounts: async (partnershipId, months) => (await service.keptCrimeCounts(partnershipId, months)).counts,

    async keptCrimeCounts(partnershipId, months) {
      const area = await requireArea(partnershipId);
      if (!area) return { key: keyOf({ area: null }), counts: [] };
      const key = keyOf({ area: area.code, months, held: await heldMonths(partnershipId) });
      return { key, counts: await keptCounts(key, async () => Object.freeze(await countAreaCrimes(db, area.code, months))) };
    },

    async points(partnershipId, where) {
      const area = await requireArea(partnershipId);
      return area ? listAreaPoints(db, area.code, where) : [];
    },
  };
  return {
    ...service,
    ...createAreaFigures({ ...deps, area: requireArea, heldMonths: forceHeldMonths }),
    ...createZipImports({ db, queueImport: deps.queueImport, receive: (actor, upload) => receive(actor, upload, true) }),
  };
}

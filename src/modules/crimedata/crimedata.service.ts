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
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { digits } from '../../platform/numbers.ts';
import { type Engine, isUniqueViolation } from '../../db/dialect.ts';
import type { CrimeImportStatus, Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { AreaLsoa, CrimeCount } from './analysis/types.ts';
import type { HeldDecision } from './crimedata.inputs.ts';
import {
  checkpoint,
  claimImport,
  countAreaCrimes,
  countEditionCrimes,
  countImportedCrimes,
  type CspRow,
  deleteCrimes,
  deleteUpload,
  findCrimeArea,
  findCsp,
  findImport,
  findImportOfContent,
  findUploadChunk,
  type ImportRow,
  type NamedImportRow,
  insertCrimes,
  insertImport,
  insertUploadChunk,
  listAreaPoints,
  listCspLsoas,
  listCsps,
  listImports,
  listHeldMonths,
  listCspLsoaEditions,
  listSupersededImports,
  saveCrimeArea,
  updateImport,
} from './crimedata.repository.ts';
import { forceAreaOf } from './forces.ts';
import {
  checkedStreetFile,
  MalformedRowError,
  NotAStreetFileError,
  readStreetFile,
  type StreetCrime,
  type StreetFileOf,
} from './policeUkFile.ts';
import { createHeldImports, type HeldEffect, type HeldFile, type WaitingFile } from './heldImports.ts';
import { type AreaFiguresService, createAreaFigures } from './figures.ts';
import { muchSmaller, type PartnershipChange } from './replacement.ts';
import { createZipImports, type ZipImports } from './zipImports.ts';
import { createReferenceLoader } from './reference.ts';
import { type AreaEditions, editionOfFile, editionOfMonth, type LsoaEdition } from './lsoaEditions.ts';

export type { CspRow, ImportRow, NamedImportRow } from './crimedata.repository.ts';
export type { PartnershipChange } from './replacement.ts';
export type { AreaFigures, Peer, PeerChoice } from './figures.ts';

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
  crimeCounts(partnershipId: string, months: { from: string; to: string }): Promise<CrimeCount[]>;
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

/** How a file that replaces a month already held does it: at once (the operator's command line), or held for the overseer. */
type Replacing = 'at once' | 'when confirmed';

// Rows committed together with their checkpoint: few enough commits to be quick, and little to redo after a crash.
const batchSize = 5000;
const uploadChunkBytes = 1024 * 1024;
/** How long a runner's claim on an import lasts: renewed with every batch, so only a runner that has stopped loses it. */
const claimMs = 2 * 60_000;

const areaFirst =
  'The partnership’s crime data area must be set before files can be imported: an administrator or the area’s overseer sets it.';

const sameAsWaiting = (same: ImportRow) =>
  `This file (${[same.fallsWithin, same.month].filter(Boolean).join(', ')}) is the same as ${same.fileName}, already waiting for the area’s overseer’s decision: nothing has changed.`;

const claimUntil = (now: Date): string => new Date(now.getTime() + claimMs).toISOString();

/** Whether a runner was a process of this machine that is no longer running (killed part way through). */
function diedHere(runner: string): boolean {
  const [host, pid] = runner.split(':');
  if (host !== hostname() || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
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

export function createCrimeDataService(deps: CrimeDataDependencies): CrimeDataService {
  const { db, audit, clock } = deps;
  const { changesOf, takePlace, withEffect, decisions } = createHeldImports(deps);
  const ensureReference = createReferenceLoader(db, clock);

  /** The partnership's area, with the reference its crimes are placed by loaded (a new edition of it, after an upgrade). */
  async function requireArea(partnershipId: string): Promise<CspRow | null> {
    await ensureReference();
    return (await findCrimeArea(db, partnershipId)) ?? null;
  }

  /** The months a force has a complete file for, each with the LSOA edition the file is coded in. */
  async function forceHeldMonths(forceCode: string): Promise<{ month: string; edition: LsoaEdition }[]> {
    return (await listHeldMonths(db, forceCode)).map(({ month, edition }) => ({ month, edition: edition ?? editionOfMonth(month) }));
  }

  /** The months the area's force has a complete file for, each with its LSOA edition. */
  async function heldMonths(partnershipId: string): Promise<{ month: string; edition: LsoaEdition }[]> {
    const area = await requireArea(partnershipId);
    return area ? forceHeldMonths(area.forceCode) : [];
  }

  /** Refuses the file: its rows and upload are gone. A runner that has lost its claim changes nothing. */
  async function refuse(imported: ImportRow, runner: string, problem: string): Promise<ImportRow> {
    await db.transaction().execute(async (trx) => {
      if (!(await checkpoint(trx, imported.id, runner, { status: 'refused', problem, finishedAt: isoNow(clock), claimedUntil: null })))
        return;
      await deleteCrimes(trx, imported.id);
      await deleteUpload(trx, imported.id);
    });
    return (await findImport(db, imported.id))!;
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

  /**
   * Completes an import: its crimes counted and any older file of its force and month replaced, at once (unless
   * this one is much the smaller: a trimmed file would take the rest of the force's crimes from every other
   * partnership) or, for an upload, held for the area's overseer. Returns the problem when it is refused instead.
   */
  async function complete(
    imported: ImportRow,
    runner: string,
    replacing: Replacing,
  ): Promise<{ problem: string | null; changes: PartnershipChange[] }> {
    const month = imported.month ?? '';
    // The edition first: the file's crimes are counted, and placed in partnerships, by its LSOAs of that edition.
    const lsoaEdition = editionOfFile(await countEditionCrimes(db, imported.id), month);
    await checkpoint(db, imported.id, runner, { lsoaEdition });
    const counted = { ...imported, lsoaEdition, ...(await countImportedCrimes(db, imported.id, imported.forceCode, lsoaEdition)) };
    const older = await listSupersededImports(db, { id: imported.id, forceCode: imported.forceCode ?? '', month });
    const { crimes, withoutLocation, unknownLsoa, outsideForce } = counted;
    const changes = await changesOf(imported, older);
    // An upload waits for the overseer when it would replace a month, or add one the force does not hold: a new month
    // is held for every partnership of the force, even one the file gives no crime (its figures then show 0, not
    // "not held"), so only the force's one partnership with a crime area adds it alone. One partnership's officer
    // never changes another's crime figures alone.
    const others = changes.filter((change) => change.partnershipId !== imported.partnershipId);
    if ((older.length > 0 || others.length > 0) && replacing === 'when confirmed') {
      const why = older.length
        ? `it would replace ${older.map((row) => `${row.fileName} (${row.crimes} crimes)`).join(', ')}`
        : `it would add the month to ${others.map((change) => change.name).join(', ')}`;
      await db.transaction().execute(async (trx) => {
        const held: Partial<ImportRow> = {
          crimes,
          withoutLocation,
          unknownLsoa,
          outsideForce,
          status: 'held',
          bytesDone: imported.bytes,
          claimedUntil: null,
        };
        if (!(await checkpoint(trx, imported.id, runner, held))) return;
        await deleteUpload(trx, imported.id);
        await audit.record(
          trx,
          { userId: imported.importedBy },
          {
            action: 'update',
            entityType: 'crime-import',
            entityId: imported.id,
            partnershipId: imported.partnershipId,
            summary: `Held ${imported.fileName} (${crimes} crimes, ${imported.fallsWithin}, ${month}) for the area’s overseer: ${why}`,
            before: null,
            after: { status: 'held', sha256: imported.sha256, crimes },
          },
        );
        if (imported.batchId) await deps.onHeld?.(trx, { batchId: imported.batchId });
      });
      return { problem: null, changes: [] };
    }
    const largest = older.reduce((most, row) => Math.max(most, row.crimes), 0);
    if (muchSmaller(crimes, largest)) {
      const problem = `This file has ${digits(crimes, 0)} crimes for ${imported.fallsWithin}, ${month}, where the file imported before has ${digits(largest, 0)}: a file replaces the one before it only when it is police.uk’s whole file for the force and month, so nothing has changed.`;
      return { problem, changes: [] };
    }
    await db.transaction().execute(async (trx) => {
      // The claim first: a runner that has lost it changes nothing.
      if (!(await checkpoint(trx, imported.id, runner, { crimes, withoutLocation, unknownLsoa, outsideForce }))) return;
      await takePlace(trx, counted, older, { userId: imported.importedBy }, changes);
    });
    return { problem: null, changes };
  }

  /** Takes the import to run it: one that waits, or one whose runner has stopped (its claim ran out, or its process here died). */
  async function claim(imported: ImportRow): Promise<string | null> {
    const runner = `${hostname()}:${process.pid}:${randomUUID()}`;
    const now = clock.now();
    const stale =
      imported.runner !== null &&
      (imported.claimedUntil === null || imported.claimedUntil < now.toISOString() || diedHere(imported.runner));
    const claimed = await claimImport(db, imported.id, {
      runner,
      from: imported.status === 'waiting' || stale ? imported.runner : undefined,
      claimedUntil: claimUntil(now),
    });
    return claimed ? runner : null;
  }

  async function run(
    importId: string,
    content: () => AsyncIterable<Buffer>,
    replacing: Replacing,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ imported: ImportRow; changes: PartnershipChange[] }> {
    await ensureReference();
    const found = await findImport(db, importId);
    if (!found) throw new NotFoundError('Crime import');
    const imported: ImportRow = found;
    const asItIs = { imported, changes: [] };
    if (imported.status !== 'waiting' && imported.status !== 'importing') return asItIs;
    const same = await findImportOfContent(db, imported.sha256);
    if (same && same.id !== imported.id && (same.status === 'complete' || same.status === 'held')) {
      await db.transaction().execute(async (trx) => {
        await deleteUpload(trx, importId);
        await updateImport(trx, importId, {
          status: 'unchanged',
          finishedAt: isoNow(clock),
          month: same.month,
          fallsWithin: same.fallsWithin,
          // Not imported before: the same file waits for the overseer's decision, which decides this one too.
          problem: same.status === 'held' ? sameAsWaiting(same) : null,
        });
      });
      return { imported: (await findImport(db, importId))!, changes: [] };
    }
    const runner = await claim(imported);
    // Someone else is running it: what they get to is what the page shows.
    if (!runner) return asItIs;
    try {
      return await runClaimed(imported, runner, content, replacing, onProgress);
    } catch (error) {
      // The next try takes it at once, rather than finding it claimed until the claim runs out.
      await checkpoint(db, importId, runner, { claimedUntil: null });
      throw error;
    }
  }

  /** Runs an import this runner has claimed: batch by batch from where it stopped, then completes or refuses it. */
  async function runClaimed(
    claimed: ImportRow,
    runner: string,
    content: () => AsyncIterable<Buffer>,
    replacing: Replacing,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ imported: ImportRow; changes: PartnershipChange[] }> {
    let imported = claimed;
    const importId = imported.id;
    const forceAreas = await listCsps(db);
    const refused = async (problem: string) => ({ imported: await refuse(imported, runner, problem), changes: [] });
    // A partnership uploads its own force's files only, once its area is set: another force's are not its to change.
    let force: { code: string; name: string } | null = null;
    if (imported.partnershipId) {
      if (!(await findCrimeArea(db, imported.partnershipId))) return refused(areaFirst);
      force = await ownForce(imported.partnershipId, forceAreas);
      if (!force) return refused(await unknownForce(imported.partnershipId));
    }
    const progress = { bytesRead: 0 };
    try {
      for await (const batch of readStreetFile(content(), { afterLine: imported.linesDone, batchSize, progress })) {
        const first = batch[0]!;
        const last = batch.at(-1)!;
        let header: Partial<ImportRow> = {};
        if (imported.month === null) {
          header = { month: first.month, fallsWithin: first.fallsWithin, forceCode: forceAreaOf(first.fallsWithin, forceAreas) };
          if (force && header.forceCode !== force.code) {
            return await refused(
              `This file is ${first.fallsWithin}’s, and the partnership is in ${force.name}’s police force area: import its own force’s files.`,
            );
          }
          // police.uk publishes a month once it has ended: a file for this month or a later one is not real.
          if (first.month >= todayInEngland(clock).slice(0, 7)) {
            return await refused(
              `This file is for ${first.month}, which has not ended yet: police.uk publishes a month’s crimes after it ends.`,
            );
          }
        }
        const kept = await db.transaction().execute(async (trx) => {
          if (
            !(await checkpoint(trx, importId, runner, {
              ...header,
              linesDone: last.line,
              bytesDone: progress.bytesRead,
              claimedUntil: claimUntil(clock.now()),
            }))
          ) {
            return false;
          }
          await insertCrimes(
            trx,
            batch.map((crime) => crimeRow(importId, crime)),
          );
          return true;
        });
        if (!kept) return { imported: (await findImport(db, importId))!, changes: [] };
        imported = { ...imported, ...header, linesDone: last.line };
        onProgress?.({ fileName: imported.fileName, bytes: imported.bytes, bytesDone: progress.bytesRead });
      }
      if (progress.bytesRead !== imported.bytes)
        throw new Error(`${imported.fileName}: read ${progress.bytesRead} of its ${imported.bytes} bytes`);
    } catch (error) {
      if (error instanceof NotAStreetFileError || error instanceof MalformedRowError) return refused(error.message);
      throw error;
    }
    if (imported.month === null)
      return refused('The file has its headings but no crimes. Choose the file police.uk published for the month.');
    let completed: { problem: string | null; changes: PartnershipChange[] };
    try {
      completed = await complete(imported, runner, replacing);
    } catch (error) {
      // Another import of the force and month completed at the same moment: this one now replaces it, or not.
      if (!isUniqueViolation(error)) throw error;
      completed = await complete(imported, runner, replacing);
    }
    if (completed.problem) return refused(completed.problem);
    onProgress?.({ fileName: imported.fileName, bytes: imported.bytes, bytesDone: imported.bytes });
    return { imported: (await findImport(db, importId))!, changes: completed.changes };
  }

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

    async importFile(actor, path, onProgress) {
      await ensureReference();
      const { size } = await stat(path);
      const { sha256, bytes } = await sha256Of(createReadStream(path));
      if (bytes !== size) throw new Error(`${path} changed while it was read`);
      const existing = await findImportOfContent(db, sha256);
      if (existing?.status === 'complete') return { imported: existing, before: true, changes: [] };
      const id = existing?.id ?? randomUUID();
      if (!existing) {
        await insertImport(db, {
          id,
          fileName: basename(path),
          sha256,
          bytes,
          status: 'waiting',
          fallsWithin: null,
          forceCode: null,
          month: null,
          problem: null,
          batchId: null,
          partnershipId: null,
          importedBy: actor.userId,
          runner: null,
          claimedUntil: null,
          createdAt: isoNow(clock),
          finishedAt: null,
        });
      }
      return { ...(await run(id, () => createReadStream(path), 'at once', onProgress)), before: false };
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
      const { imported } = await run(importId, () => uploadedContent(importId), 'when confirmed');
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

    async crimeCounts(partnershipId, months) {
      const area = await requireArea(partnershipId);
      return area ? countAreaCrimes(db, area.code, months) : [];
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

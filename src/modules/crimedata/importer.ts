/**
 * Running a police.uk import: a file from disk (the operator's command line) or an upload kept in the database, read
 * a batch of rows at a time, each batch written with the line it reached in one transaction (src/db/bulkRows.ts: a
 * statement prepared once on SQLite, COPY on PostgreSQL), so that an import stopped at any point (even killed) leaves
 * only whole batches and, run again, carries on after them. Its crimes are counted as it is read (fileTally.ts), not
 * read back; once every row is in, the file is completed: its month replaced at once or held for the area's overseer
 * (crimedata.service.ts says the rules).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { monthName } from '../../platform/dates.ts';
import { digits } from '../../platform/numbers.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { type BulkRow, openBulkWriter } from '../../db/bulkRows.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import {
  checkpoint,
  claimImport,
  type CspRow,
  crimesTable,
  deleteCrimes,
  deleteUpload,
  findCrimeArea,
  findImport,
  findImportOfContent,
  type ImportRow,
  insertImport,
  listCsps,
  listLsoaPlaces,
  listSupersededImports,
  updateImport,
} from './crimedata.repository.ts';
import { forceAreaOf } from './forces.ts';
import { MalformedRowError, NotAStreetFileError, readStreetFile, type StreetCrime } from './policeUkFile.ts';
import type { createHeldImports } from './heldImports.ts';
import { muchSmaller, type PartnershipChange } from './replacement.ts';
import { type CrimeTally, crimeTally } from './fileTally.ts';
import { fileWords } from './importReport.ts';

/** How an import is going, for a progress bar or page. */
export interface ImportProgress {
  fileName: string;
  bytes: number;
  bytesDone: number;
}

/** How a file that replaces a month already held does it: at once (the operator's command line), or held for the overseer. */
export type Replacing = 'at once' | 'when confirmed';

export interface ImporterDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  onHeld?: (trx: Kysely<Database>, held: { batchId: string }) => Promise<void>;
  ensureReference: () => Promise<void>;
  held: Pick<ReturnType<typeof createHeldImports>, 'changesOf' | 'takePlace' | 'monthPartition'>;
  /** The police force area the partnership's area names, as the ONS reference has it; null when it names none. */
  ownForce: (partnershipId: string, csps: readonly CspRow[]) => Promise<{ code: string; name: string } | null>;
  /** Why the partnership's force is none of the reference's. */
  unknownForce: (partnershipId: string) => Promise<string>;
}

export interface Importer {
  /** Runs an import that waits (or whose runner stopped): to complete, held, refused, or unchanged (the same content as another). */
  run(
    importId: string,
    content: () => AsyncIterable<Buffer>,
    replacing: Replacing,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ imported: ImportRow; changes: PartnershipChange[] }>;
  /** Imports a file from disk, replacing a month at once; a file imported before is recognised by its content. */
  importFile(
    actor: Actor,
    path: string,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ imported: ImportRow; before: boolean; changes: PartnershipChange[] }>;
}

// Rows committed together with their checkpoint: a month's file of most forces in one commit (each commit writes every
// page it touched again), and little to redo after a crash.
const batchSize = 20_000;
/** More than the imports of one force and month anyone would run at once; a clash beyond it is a fault, not a race. */
const maxCompletionTries = 50;
/** How long a runner's claim on an import lasts: renewed with every batch, so only a runner that has stopped loses it. */
const claimMs = 2 * 60_000;

export const areaFirst =
  'The partnership’s crime data area must be set before files can be imported: an administrator or the area’s overseer sets it.';

/** What a refused file was found to be, when its first row was read. */
type Found = { month?: string; fallsWithin?: string };

/** The waiting file is named only to the partnership that sent it: another's file name is that partnership's own. */
const sameAsWaiting = (imported: ImportRow, same: ImportRow) =>
  `This file (${fileWords(same)}) is the same as ${
    same.partnershipId === imported.partnershipId ? same.fileName : 'a file another partnership of the force sent'
  }, already waiting for the area’s overseer’s decision: nothing has changed.`;

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

/** A crime as a row of the crimes table, its values in crimesTable's order of columns. */
export function crimeRow(importId: string, crime: StreetCrime): BulkRow {
  return [
    importId,
    crime.line,
    crime.month,
    crime.crimeId,
    crime.longitude,
    crime.latitude,
    crime.location,
    crime.lsoaCode,
    crime.crimeType,
    crime.outcome,
  ];
}

export function createImporter(deps: ImporterDependencies): Importer {
  const { db, audit, clock, ensureReference, ownForce, unknownForce } = deps;
  const { changesOf, takePlace, monthPartition } = deps.held;

  /**
   * Refuses the file: its rows and upload are gone. A runner that has lost its claim changes nothing. The month and
   * force its first row says, when read, are kept for its page; never the force area's code, by which a force's files
   * are found (a refused file is no force's).
   */
  async function refuse(imported: ImportRow, runner: string, problem: string, found: Found = {}): Promise<ImportRow> {
    await db.transaction().execute(async (trx) => {
      const refusal = { ...found, status: 'refused' as const, problem, finishedAt: isoNow(clock), claimedUntil: null };
      if (!(await checkpoint(trx, imported.id, runner, refusal))) return;
      await deleteCrimes(trx, imported.id);
      await deleteUpload(trx, imported.id);
    });
    return (await findImport(db, imported.id))!;
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
    tally: CrimeTally,
  ): Promise<{ problem: string | null; changes: PartnershipChange[] }> {
    const month = imported.month ?? '';
    // The file's crimes are counted, and placed in partnerships, by its LSOAs of the edition its codes are of.
    const counted = { ...imported, ...tally.counted(await listLsoaPlaces(db, tally.lsoaCodes()), imported.forceCode, month) };
    await checkpoint(db, imported.id, runner, { lsoaEdition: counted.lsoaEdition });
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
    await monthPartition(month);
    await db.transaction().execute(async (trx) => {
      // The claim first: a runner that has lost it changes nothing.
      if (!(await checkpoint(trx, imported.id, runner, { crimes, withoutLocation, unknownLsoa, outsideForce }))) return;
      await takePlace(trx, counted, older, { userId: imported.importedBy }, changes, tally.counts());
    });
    return { problem: null, changes };
  }

  /**
   * Whether the file imported before may be taken as this import's: always from the command line; for an upload, when
   * it is the partnership's own force's. Another force's file is read, and refused as a new one would be, even when
   * Safer holds it already.
   */
  async function mayHave(imported: ImportRow, same: ImportRow): Promise<boolean> {
    if (!imported.partnershipId) return true;
    const force = await ownForce(imported.partnershipId, await listCsps(db));
    return force !== null && force.code === same.forceCode;
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
    if (same && same.id !== imported.id && (same.status === 'complete' || same.status === 'held') && (await mayHave(imported, same))) {
      await db.transaction().execute(async (trx) => {
        await deleteUpload(trx, importId);
        await updateImport(trx, importId, {
          status: 'unchanged',
          finishedAt: isoNow(clock),
          month: same.month,
          fallsWithin: same.fallsWithin,
          // Not imported before: the same file waits for the overseer's decision, which decides this one too.
          problem: same.status === 'held' ? sameAsWaiting(imported, same) : null,
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
    const refused = async (problem: string, found: Found = {}) => ({
      imported: await refuse(imported, runner, problem, found),
      changes: [],
    });
    // A partnership uploads its own force's files only, once its area is set: another force's are not its to change.
    let force: { code: string; name: string } | null = null;
    if (imported.partnershipId) {
      if (!(await findCrimeArea(db, imported.partnershipId))) return refused(areaFirst);
      force = await ownForce(imported.partnershipId, forceAreas);
      if (!force) return refused(await unknownForce(imported.partnershipId));
    }
    const progress = { bytesRead: 0 };
    const tally = crimeTally();
    const writer = await openBulkWriter(db, crimesTable);
    try {
      const each = (crime: StreetCrime) => tally.add(crime);
      for await (const batch of readStreetFile(content(), { afterLine: imported.linesDone, batchSize, progress, each })) {
        const first = batch[0]!;
        const last = batch.at(-1)!;
        let header: Partial<ImportRow> = {};
        if (imported.month === null) {
          const found = { month: first.month, fallsWithin: first.fallsWithin };
          header = { ...found, forceCode: forceAreaOf(first.fallsWithin, forceAreas) };
          if (force && header.forceCode !== force.code) {
            return await refused(
              `This file is ${first.fallsWithin}’s, and the partnership’s police force area is ${force.name}: import its own force’s files.`,
              found,
            );
          }
          // police.uk publishes a month once it has ended: a file for this month or a later one is not real.
          if (first.month >= todayInEngland(clock).slice(0, 7)) {
            return await refused(
              `This file is for ${monthName(first.month)}: police.uk publishes a month’s crimes only after the month has ended.`,
              found,
            );
          }
          // On PostgreSQL the month's partition before its first rows: written straight to it, never moved there.
          await monthPartition(first.month);
        }
        const kept = await writer.transaction(async (trx, write) => {
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
          await write(batch.map((crime) => crimeRow(importId, crime)));
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
    } finally {
      await writer.close();
    }
    if (imported.month === null)
      return refused('The file has its headings but no crimes. Choose the file police.uk published for the month.');
    // Another import of the force and month may complete between this one reading the files it replaces and
    // replacing them: the one-complete-file index refuses this one, which then reads again and replaces that one
    // too, or is held or refused. Each refusal means another import finished, so the tries end.
    let completed: { problem: string | null; changes: PartnershipChange[] } | undefined;
    for (let attempt = 1; !completed; attempt++) {
      try {
        completed = await complete(imported, runner, replacing, tally);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt === maxCompletionTries) throw error;
      }
    }
    if (completed.problem) return refused(completed.problem);
    onProgress?.({ fileName: imported.fileName, bytes: imported.bytes, bytesDone: imported.bytes });
    return { imported: (await findImport(db, importId))!, changes: completed.changes };
  }

  return {
    run,

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
  };
}

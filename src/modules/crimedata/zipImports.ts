/**
 * police.uk's files imported as they come, CSV or zip: on disk (the command line, the demo), each street file of a zip
 * written in turn to a temporary file for importFile; uploaded, every street file of the upload (a CSV, or an entry
 * of a zip) received as one import of the batch, checked line by line as it is kept, and the entries skipped kept
 * for the upload's page. An upload is taken whole or not at all: its imports are queued, in one transaction, only
 * once every file of it is received and checked; refused, nothing of it is kept and no job is queued.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import type { ImportRow } from './crimedata.repository.ts';
import { deleteBatch, findImport, insertUploadSkips, listUploadSkips, updateImport } from './crimedata.repository.ts';
import { faultSentence, MalformedRowError, NotAStreetFileError, type StreetFileOf } from './policeUkFile.ts';
import { openPoliceUkZip, type SkippedEntry } from './policeUkZip.ts';

/** A zip's street files, each on disk in turn under its own name (removed after), and the entries skipped. */
export async function streetFilesOnDisk(
  path: string,
  zipName: string,
): Promise<{ streetFiles: string[]; skipped: SkippedEntry[]; paths: () => AsyncGenerator<string> }> {
  const zip = await openPoliceUkZip(path, zipName);
  return {
    streetFiles: zip.streetFiles,
    skipped: zip.skipped,
    async *paths() {
      const folder = await mkdtemp(join(tmpdir(), 'safer-police-uk-'));
      try {
        for await (const { fileName, content } of zip.eachStreetFile()) {
          const file = join(folder, fileName);
          await pipeline(content, createWriteStream(file));
          yield file;
          await rm(file, { force: true });
        }
      } finally {
        zip.close();
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

export interface UploadedFile {
  /** The file's name as the person chose it. */
  fileName: string;
  /** Where the upload is on disk. */
  path: string;
  /** police.uk's zip: each street file in it is one import of the batch. */
  zip: boolean;
}

export interface BatchUpload {
  partnershipId: string;
  batchId: string;
  files: UploadedFile[];
  /** The most street files the upload may hold, a zip's counting each: the form's files at a time. */
  maxStreetFiles: number;
}

export interface ZipImports {
  /**
   * Receives every street file of an upload (CSV files and police.uk zips) as the imports of one batch, and keeps the
   * zips' entries skipped; then queues their imports together. Refused (a problem with `files`: a zip refused, a file
   * not a street file, two files of one force and month, a file named for another month than its rows', more files
   * than maxStreetFiles), nothing of the upload is kept.
   */
  receiveBatch(actor: Actor, upload: BatchUpload): Promise<{ imports: ImportRow[]; skipped: SkippedEntry[] }>;
  /** The entries of the batch's zip that were not imported, and why. */
  skippedFiles(batchId: string): Promise<SkippedEntry[]>;
}

const refusal = (message: string) => new FieldValidationError('files', message);

// police.uk names a street file for its month: 2022-10-leicestershire-street.csv.
const namedMonth = /^(\d{4}-\d{2})-.+-street\.csv$/i;

/** Refuses a file whose name says another month than its rows: its name would mislead whoever reads the upload's page. */
function checkNamedMonth(label: string, fileName: string, of: StreetFileOf): void {
  const named = namedMonth.exec(fileName)?.[1];
  if (named && named !== of.month) {
    throw refusal(
      `${label} is named for ${named}, but its crimes are for ${of.month}: it is not police.uk’s file for ${named}, and nothing was imported.`,
    );
  }
}

export function createZipImports(deps: {
  db: Kysely<Database>;
  /** Queues the job that runs an import, in the transaction given. */
  queueImport: (trx: Kysely<Database>, importId: string) => Promise<void>;
  /** Keeps a street file, checked line by line, without queuing its import; returns it with its month and force. */
  receive: (
    actor: Actor,
    upload: { partnershipId: string; batchId: string; fileName: string; content: Readable },
  ) => Promise<{ imported: ImportRow; of: StreetFileOf | null }>;
}): ZipImports {
  const { db } = deps;
  return {
    async receiveBatch(actor, upload) {
      const { partnershipId, batchId } = upload;
      const received: ImportRow[] = [];
      const skipped: SkippedEntry[] = [];
      // One file a force and month in an upload, whatever carries it: two would be two versions of the month.
      const seen = new Map<string, string>();
      const take = async (label: string, fileName: string, content: Readable) => {
        let file: { imported: ImportRow; of: StreetFileOf | null };
        try {
          file = await deps.receive(actor, { partnershipId, batchId, fileName, content });
        } catch (error) {
          if (!(error instanceof NotAStreetFileError || error instanceof MalformedRowError)) throw error;
          throw refusal(`${label} cannot be imported, so nothing was. ${faultSentence(error)}`);
        }
        received.push(file.imported);
        // Headings and no crimes: its import says so.
        if (!file.of) return;
        checkNamedMonth(label, fileName, file.of);
        const key = `${file.of.fallsWithin}\n${file.of.month}`;
        const other = seen.get(key);
        if (other !== undefined) {
          throw refusal(
            `${other} and ${label} are both ${file.of.fallsWithin}’s file for ${file.of.month}: an upload takes one file a force and month, so nothing was imported.`,
          );
        }
        seen.set(key, label);
      };
      try {
        let room = upload.maxStreetFiles - upload.files.filter((file) => !file.zip).length;
        for (const file of upload.files) {
          if (!file.zip) {
            await take(file.fileName, file.fileName, createReadStream(file.path));
            continue;
          }
          const zip = await openPoliceUkZip(file.path, file.fileName, { maxStreetFiles: room });
          try {
            room -= zip.streetFiles.length;
            skipped.push(...zip.skipped);
            for await (const entry of zip.eachStreetFile())
              await take(`${entry.entryName} in ${file.fileName}`, entry.fileName, entry.content);
          } finally {
            zip.close();
          }
        }
        await db.transaction().execute(async (trx) => {
          for (const imported of received) {
            await updateImport(trx, imported.id, { status: 'waiting' });
            await deps.queueImport(trx, imported.id);
          }
          await insertUploadSkips(trx, batchId, skipped);
        });
      } catch (error) {
        await db.transaction().execute((trx) => deleteBatch(trx, batchId));
        throw error;
      }
      const imports = await Promise.all(received.map(async (imported) => (await findImport(db, imported.id))!));
      return { imports, skipped };
    },
    skippedFiles: (batchId) => listUploadSkips(deps.db, batchId),
  };
}

/**
 * police.uk's zip imported through the same paths as its CSV files: on disk (the command line, the demo), each
 * street file written in turn to a temporary file for importFile; uploaded, each street file received as one
 * upload of the batch, and the entries skipped kept for the upload's page.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/principal.ts';
import type { ImportRow } from './crimedata.repository.ts';
import { insertUploadSkips, listUploadSkips } from './crimedata.repository.ts';
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

export interface ZipUpload {
  partnershipId: string;
  batchId: string;
  /** The zip's name as the person chose it. */
  fileName: string;
  /** Where the upload is on disk. */
  path: string;
  /** The most street files it may hold: the form's files at a time, so a zip asks no more of the server than the form does. */
  maxStreetFiles: number;
}

export interface ZipImports {
  /**
   * Receives each street file of an uploaded police.uk zip as an upload of the batch, and keeps the entries skipped;
   * a zip refused (not a zip, no street file, more than maxStreetFiles, too big, damaged or not police.uk's) is a problem with `files`, and nothing of it is kept.
   */
  receiveZipUpload(actor: Actor, upload: ZipUpload): Promise<{ imports: ImportRow[]; skipped: SkippedEntry[] }>;
  /** The entries of the batch's zip that were not imported, and why. */
  skippedFiles(batchId: string): Promise<SkippedEntry[]>;
}

export function createZipImports(deps: {
  db: Kysely<Database>;
  receiveUpload: (
    actor: Actor,
    upload: { partnershipId: string; batchId: string; fileName: string; content: Readable },
  ) => Promise<ImportRow>;
}): ZipImports {
  return {
    async receiveZipUpload(actor, upload) {
      const zip = await openPoliceUkZip(upload.path, upload.fileName, { maxStreetFiles: upload.maxStreetFiles });
      const imports: ImportRow[] = [];
      try {
        for await (const { fileName, content } of zip.eachStreetFile()) {
          imports.push(
            await deps.receiveUpload(actor, { partnershipId: upload.partnershipId, batchId: upload.batchId, fileName, content }),
          );
        }
      } finally {
        zip.close();
      }
      await insertUploadSkips(deps.db, upload.batchId, zip.skipped);
      return { imports, skipped: zip.skipped };
    },
    skippedFiles: (batchId) => listUploadSkips(deps.db, batchId),
  };
}

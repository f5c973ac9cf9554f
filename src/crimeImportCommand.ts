/**
 * `safer import-crime FILE…`: each police.uk street file, or police.uk zip, imported in turn, saying what it did.
 * Run in the command's worker (cli.ts), with the few services crimeImportContainer.ts builds.
 */
import { basename } from 'node:path';
import { systemPrincipal } from './platform/principal.ts';
import { FieldValidationError } from './platform/errors.ts';
import { type CrimeDataService, importOutcome, type ImportProgress, skippedText, streetFilesOnDisk } from './modules/crimedata/index.ts';

/** Whether the command's own error stream is a terminal: the worker is told, as its own stream is a pipe. */
const onTerminal = process.env.SAFER_PROGRESS_TTY === '1';

/** A progress bar on a terminal; nothing in a log, where the outcome line is enough. */
function drawProgress({ fileName, bytes, bytesDone }: ImportProgress): void {
  if (!onTerminal) return;
  const share = bytes > 0 ? bytesDone / bytes : 1;
  const width = 30;
  const filled = Math.round(share * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${fileName}`,
  );
}

/** Imports one street file from disk, saying what it did; returns whether it was refused. */
async function importStreetFile(crimeData: CrimeDataService, file: string, label: string): Promise<boolean> {
  const { imported, before, changes } = await crimeData.importFile(systemPrincipal, file, drawProgress);
  if (onTerminal) process.stderr.write('\r\x1b[K');
  console.log(`${label}: ${before ? 'already imported, nothing changed' : importOutcome(imported)}`);
  // The operator replaces a month directly: what it did to each partnership of the force is said.
  for (const change of changes) {
    console.log(`  ${change.name} (${change.cspName}): ${change.before} → ${change.after} crimes${change.differs ? '  CHANGED' : ''}`);
  }
  return imported.status === 'refused';
}

/** Imports police.uk's zip as it comes: its street files, each in turn; the other files skipped, and said why. */
async function importZip(crimeData: CrimeDataService, file: string): Promise<number> {
  let refused = 0;
  try {
    const zip = await streetFilesOnDisk(file, basename(file));
    for await (const path of zip.paths()) {
      if (await importStreetFile(crimeData, path, `${file}: ${basename(path)}`)) refused += 1;
    }
    for (const line of skippedText(zip.skipped)) console.log(`${file}: ${line}`);
  } catch (error) {
    if (!(error instanceof FieldValidationError)) throw error;
    console.log(`${file}: ${error.message}`);
    return 1;
  }
  return refused;
}

/** Imports each file (or police.uk zip) in turn; a refused file does not stop the others, but makes the exit code 1. */
export async function importCrime(crimeData: CrimeDataService, files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('import-crime needs one or more police.uk street-level CSV files, or police.uk zips');
    return 2;
  }
  let refused = 0;
  for (const file of files) {
    if (file.toLowerCase().endsWith('.zip')) refused += await importZip(crimeData, file);
    else if (await importStreetFile(crimeData, file, file)) refused += 1;
  }
  return refused > 0 ? 1 : 0;
}

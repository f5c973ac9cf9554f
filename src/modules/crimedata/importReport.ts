/** What an import did, in words, for the command line and the web pages alike. */
import { formatDayOf } from '../../platform/dates.ts';
import { digits } from '../../platform/numbers.ts';
import type { CrimeImportStatus } from '../../db/schema.ts';
import type { ImportRow } from './crimedata.repository.ts';

/**
 * What a held file does once confirmed ("Confirmed, it …"), as the overseer's page and every page listing it say: a
 * month Safer does not hold for the force becomes held for each of its partnerships, with the file's crimes or none.
 */
export function heldEffect(replacesMonth: boolean): string {
  return replacesMonth
    ? 'replaces the file held for the month for every partnership of the force'
    : 'adds the month, which Safer does not hold for the force yet, for every partnership of the force';
}

const statusNames: Record<CrimeImportStatus, string> = {
  receiving: 'Uploading',
  waiting: 'Waiting to start',
  importing: 'Importing',
  complete: 'Imported',
  replaced: 'Replaced by a newer file',
  unchanged: 'Already imported',
  refused: 'Not imported',
  held: 'Waiting for the overseer',
  confirming: 'Being confirmed',
  rejected: 'Rejected by the overseer',
  failed: 'Stopped',
};

export function importStatusName(status: CrimeImportStatus): string {
  return statusNames[status];
}

/** Whether the import's run is over, one way or another: a held file waits for a person, a failed one for "Try again". */
export function importFinished(row: Pick<ImportRow, 'status'>): boolean {
  return !['receiving', 'waiting', 'importing'].includes(row.status);
}

/** Percentage of the file read, whole. */
export function importPercent(row: Pick<ImportRow, 'bytes' | 'bytesDone' | 'status'>): number {
  if (importFinished(row)) return 100;
  return readPercent(row);
}

const readPercent = (row: Pick<ImportRow, 'bytes' | 'bytesDone'>): number =>
  row.bytes > 0 ? Math.min(99, Math.floor((Number(row.bytesDone) / Number(row.bytes)) * 100)) : 0;

/**
 * How far the file got, for the progress column: a bar only while it is read or once it has been read whole; a file
 * that was not imported says so rather than "100%", and one stopped part-way says where.
 */
export function importProgress(row: Pick<ImportRow, 'bytes' | 'bytesDone' | 'status'>): { percent: number | null; text: string } {
  if (row.status === 'refused' || row.status === 'rejected') return { percent: null, text: 'Not imported' };
  if (row.status === 'failed') return { percent: readPercent(row), text: `Stopped at ${readPercent(row)}%` };
  const percent = importPercent(row);
  return { percent, text: `${percent}%` };
}

/** The month a file holds: not known until it is read, and never known for a file refused before a month was found. */
export function importMonthText(row: Pick<ImportRow, 'month' | 'status'>, monthName: (month: string) => string): string {
  if (row.month) return monthName(row.month);
  return importFinished(row) ? 'Not known: the file was not read' : 'Not known yet';
}

const imported = new Set<CrimeImportStatus>(['complete', 'replaced']);
const notImported = new Set<CrimeImportStatus>(['refused', 'rejected', 'failed']);

/**
 * What an upload came to, as its page's title and first sentence say it: "imported" only when a file was; a warning
 * when a file was not imported.
 */
export function uploadOutcome(rows: readonly Pick<ImportRow, 'status'>[]): { title: string; outcome: string; warning: boolean } {
  const count = (statuses: Set<CrimeImportStatus> | CrimeImportStatus) =>
    rows.filter((row) => (typeof statuses === 'string' ? row.status === statuses : statuses.has(row.status))).length;
  const done = count(imported);
  const refused = count(notImported);
  const held = count('held') + count('confirming');
  const before = count('unchanged');
  // "1 of 3 files was", "All 2 files were": the verb agrees with the files counted.
  const files = (n: number, verbs: [string, string]) =>
    `${n === rows.length && n > 1 ? `All ${n}` : `${n} of ${rows.length}`} ${rows.length === 1 ? 'file' : 'files'} ${verbs[n === 1 ? 0 : 1]}`;
  const was: [string, string] = ['was', 'were'];
  const parts = [
    done ? `${files(done, was)} imported.` : null,
    before ? `${files(before, was)} imported before: nothing has changed.` : null,
    held
      ? `${files(held, ['changes', 'change'])} other partnerships’ figures (each says how): the area’s overseer checks the change for each partnership and confirms it. Until then, every figure stays as it was.`
      : null,
    refused ? `${files(refused, was)} not imported: the reason is given below.` : null,
  ].filter((part) => part !== null);
  const title =
    done > 0
      ? refused + held > 0
        ? 'Crime data partly imported'
        : 'Crime data imported'
      : held > 0
        ? 'Crime data waiting for the overseer'
        : refused > 0
          ? 'Crime data not imported'
          : 'Crime data already imported';
  return { title, outcome: parts.join(' '), warning: refused > 0 };
}

/** One sentence on the outcome: the crimes and what could not be placed, or why nothing changed. */
export function importOutcome(row: ImportRow & { decidedByName?: string | null; replacesMonth?: boolean }): string {
  const file = [row.fallsWithin, row.month].filter(Boolean).join(', ');
  switch (row.status) {
    case 'complete':
    case 'replaced': {
      const notes = [
        row.withoutLocation ? `${digits(row.withoutLocation, 0)} with no location` : null,
        row.outsideForce ? `${digits(row.outsideForce, 0)} in LSOAs outside the force’s area` : null,
        row.unknownLsoa ? `${digits(row.unknownLsoa, 0)} in LSOAs not in the ONS lookup` : null,
      ].filter(Boolean);
      return `${digits(row.crimes, 0)} crimes and incidents (${file})${notes.length ? `, of which ${notes.join('; ')}` : ''}.`;
    }
    case 'unchanged':
      return row.problem ?? `This file (${file}) was imported before: nothing has changed.`;
    case 'held':
      return `This file (${file}, ${digits(row.crimes, 0)} crimes) waits for the area’s overseer to check what it changes for each partnership: confirmed, it ${heldEffect(row.replacesMonth ?? false)}. Until then, every figure stays as it was.`;
    case 'rejected': {
      const when = formatDayOf(row.finishedAt);
      return `${row.decidedByName ?? 'The area’s overseer'} rejected this file (${file})${when ? ` on ${when}` : ''}: ${row.problem ?? 'no reason given'}. Nothing has changed.`;
    }
    case 'refused':
    case 'failed':
      return row.problem ?? 'The file could not be imported.';
    default:
      return row.status === 'importing' ? `Being imported${file ? ` (${file})` : ''}.` : 'Not started yet.';
  }
}

/** What may be done with an import next: the pages offer only what the service allows. */
export function importMoves(row: Pick<ImportRow, 'status'>): { decide: boolean; tryAgain: boolean } {
  return { decide: row.status === 'held', tryAgain: row.status === 'failed' };
}

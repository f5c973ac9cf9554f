/** What an import did, in words, for the command line and the web pages alike. */
import { formatDayOf, monthName } from '../../platform/dates.ts';
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
 * How far the file got, for the progress column: a bar only while it is read or once it has been read whole. A file
 * not imported shows no "100%": one refused was checked (the status and outcome say it was not imported, and why),
 * one rejected by the overseer was read whole first, and one stopped part-way says where.
 */
export function importProgress(row: Pick<ImportRow, 'bytes' | 'bytesDone' | 'status'>): { percent: number | null; text: string } {
  if (row.status === 'refused') return { percent: null, text: 'Checked' };
  if (row.status === 'rejected') return { percent: null, text: 'Read in full' };
  if (row.status === 'failed') return { percent: readPercent(row), text: `Stopped at ${readPercent(row)}%` };
  const percent = importPercent(row);
  return { percent, text: `${percent}%` };
}

/** The month a file holds: not known until it is read, and never known for a file refused before a month was found. */
export function importMonthText(row: Pick<ImportRow, 'month' | 'status'>): string {
  if (row.month) return monthName(row.month);
  return importFinished(row) ? 'Not known: the file was not read' : 'Not known yet';
}

const imported = new Set<CrimeImportStatus>(['complete', 'replaced']);
const notImported = new Set<CrimeImportStatus>(['refused', 'rejected', 'failed']);

/** "The file was", "Both files were", "All 3 files were", "1 of 3 files was": the verb agrees with the files counted. */
function filesOf(n: number, of: number, [one, many]: [string, string]): string {
  if (of === 1) return `The file ${one}`;
  if (n < of) return `${n} of ${of} files ${n === 1 ? one : many}`;
  return `${of === 2 ? 'Both' : `All ${of}`} files ${many}`;
}

/** "The file was not imported", "Neither file was", "None of the 3 files was", "1 of 3 files was not imported". */
function noneImported(n: number, of: number): string {
  if (of === 1) return 'The file was not imported';
  if (n < of) return `${filesOf(n, of, ['was', 'were'])} not imported`;
  return of === 2 ? 'Neither file was imported' : `None of the ${of} files was imported`;
}

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
  const was: [string, string] = ['was', 'were'];
  const parts = [
    done ? `${filesOf(done, rows.length, was)} imported.` : null,
    before ? `${filesOf(before, rows.length, was)} imported before: nothing has changed.` : null,
    held
      ? `${filesOf(held, rows.length, ['changes', 'change'])} other partnerships’ figures (each says how): the area’s overseer checks the change for each partnership and confirms it. Until then, every figure stays as it was.`
      : null,
    refused ? `${noneImported(refused, rows.length)}: ${refused === 1 ? 'the reason is' : 'the reasons are'} given below.` : null,
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

/** "City of London Police, December 2025": what a file holds, as far as it was read. */
export const fileWords = (row: Pick<ImportRow, 'fallsWithin' | 'month'>): string =>
  [row.fallsWithin, row.month ? monthName(row.month) : null].filter(Boolean).join(', ');

/** One sentence on the outcome: the crimes and what could not be placed, or why nothing changed. */
export function importOutcome(row: ImportRow & { decidedByName?: string | null; replacesMonth?: boolean }): string {
  const file = fileWords(row);
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

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
  return row.bytes > 0 ? Math.min(99, Math.floor((Number(row.bytesDone) / Number(row.bytes)) * 100)) : 0;
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

/** Who uploaded a held file, and what became of it, in words for the overseer's and the analyst's pages. */
import { formatDayOf } from '../../core/dates.ts';
import type { HeldFile } from './heldImports.ts';

export function uploadedText({ imported, uploadedFrom }: Pick<HeldFile, 'imported' | 'uploadedFrom'>): string {
  return `Uploaded by ${imported.uploadedByName ?? 'an operator'} from ${uploadedFrom} on ${formatDayOf(imported.createdAt) ?? 'a day not recorded'}.`;
}

export function decisionText(decided: NonNullable<HeldFile['decided']>): string {
  const by = `${decided.by ?? 'the area’s overseer'}${decided.at ? ` on ${formatDayOf(decided.at)}` : ''}`;
  return decided.outcome === 'rejected'
    ? `This file was rejected by ${by}: ${decided.reason ?? 'no reason given'}. Nothing has changed.`
    : `This file was confirmed by ${by}: it replaced the month held for every partnership of the force.`;
}

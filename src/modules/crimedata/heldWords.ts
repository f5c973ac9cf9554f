/** Who uploaded a held file, and what became of it, in words for the overseer's and the analyst's pages. */
import { formatDayOf } from '../../platform/dates.ts';
import { monthName } from './hotspotsPage.ts';
import type { HeldFile, WaitingFile } from './heldImports.ts';

export function uploadedText({ imported, uploadedFrom }: Pick<HeldFile, 'imported' | 'uploadedFrom'>): string {
  return `Uploaded by ${imported.uploadedByName ?? 'an operator'} from ${uploadedFrom} on ${formatDayOf(imported.createdAt) ?? 'a day not recorded'}.`;
}

export function decisionText(decided: NonNullable<HeldFile['decided']>): string {
  const by = `${decided.by ?? 'the area’s overseer'}${decided.at ? ` on ${formatDayOf(decided.at)}` : ''}`;
  return decided.outcome === 'rejected'
    ? `This file was rejected by ${by}: ${decided.reason ?? 'no reason given'}. Nothing has changed.`
    : `This file was confirmed by ${by}: it replaced the month held for every partnership of the force.`;
}

/** The notice to the area's overseers that a file waits for their decision. */
export function heldFileNotice(file: WaitingFile, link: string): { subject: string; text: string } {
  const month = file.month ? monthName(file.month) : 'a month already held';
  return {
    subject: `A police.uk file waits for your decision: ${file.fallsWithin ?? 'crime data'}, ${month}`,
    text: [
      `${file.fileName} (${file.fallsWithin ?? 'police.uk'}, ${month}) would replace the month already held for every partnership of the force.`,
      `${uploadedText({ imported: file, uploadedFrom: file.partnershipName })}`,
      '',
      'Until you decide, every figure stays as it was. Check what it changes for each partnership, then confirm or reject it:',
      link,
      '',
      'You are sent this because you oversee the area.',
    ].join('\n'),
  };
}

/** A waiting file as the home and crime data pages list it: what it is, who sent it from where, and where it is decided. */
export function waitingFileView(file: WaitingFile) {
  return {
    id: file.id,
    fileName: file.fileName,
    text: `${file.fallsWithin ?? 'police.uk'}, ${file.month ? monthName(file.month) : 'month not known'}. ${uploadedText({ imported: file, uploadedFrom: file.partnershipName })}`,
    partnershipId: file.partnershipId ?? '',
    areaId: file.areaId,
    href: `/partnerships/${file.partnershipId ?? ''}/crime-data/held/${file.id}`,
  };
}

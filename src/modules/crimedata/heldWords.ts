/** Who uploaded a held file, and what became of it, in words for the overseer's and the analyst's pages. */
import { formatDayOf, monthName } from '../../platform/dates.ts';
import { describeRecipients, type Recipients } from '../../platform/recipients.ts';
import type { HeldFile, WaitingFile } from './heldImports.ts';
import { heldEffect } from './importReport.ts';

export function uploadedText({ imported, uploadedFrom }: Pick<HeldFile, 'imported' | 'uploadedFrom'>): string {
  return `Uploaded by ${imported.uploadedByName ?? 'an operator'} from ${uploadedFrom} on ${formatDayOf(imported.createdAt) ?? 'a day not recorded'}.`;
}

export function decisionText(decided: NonNullable<HeldFile['decided']>): string {
  const by = `${decided.by ?? 'the area’s overseer'}${decided.at ? ` on ${formatDayOf(decided.at)}` : ''}`;
  return decided.outcome === 'rejected'
    ? `This file was rejected by ${by}: ${decided.reason ?? 'no reason given'}. Nothing has changed.`
    : `This file was confirmed by ${by}: it replaced the month held for every partnership of the force.`;
}

/**
 * Who was told that an upload's files wait for a decision: the area's overseers by name, or that the area has none
 * (an administrator of Safer then decides, from their home page).
 */
export function heldNoticeWords(overseers: Recipients): string {
  const told = describeRecipients(overseers, 'sent');
  if (overseers.addressed.length > 0) return `The area’s overseers were told by e-mail. ${told}`;
  return `${told} The area has no overseer in Safer, so an administrator of Safer decides instead.`;
}

/** The notice to the area's overseers that the files of one upload wait for their decision: one notice, every file listed. */
export function heldFilesNotice(files: readonly WaitingFile[], linkOf: (file: WaitingFile) => string): { subject: string; text: string } {
  const first = files[0]!;
  const monthOf = (file: WaitingFile) => (file.month ? monthName(file.month) : 'a month not known');
  const months = [...new Set(files.map(monthOf))];
  const what = `${first.fallsWithin ?? 'crime data'}, ${months.length === 1 ? months[0] : `${months.length} months`}`;
  return {
    subject:
      files.length === 1
        ? `A police.uk file waits for your decision: ${what}`
        : `${files.length} police.uk files wait for your decision: ${what}`,
    text: [
      `${uploadedText({ imported: first, uploadedFrom: first.partnershipName })}`,
      '',
      ...files.flatMap((file) => [
        `${file.fileName} (${file.fallsWithin ?? 'police.uk'}, ${monthOf(file)}): confirmed, it ${heldEffect(file.replacesMonth)}.`,
        linkOf(file),
        '',
      ]),
      'Until you decide, every figure stays as it was. Check what each changes for each partnership, then confirm or reject it.',
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
    text: `${file.fallsWithin ?? 'police.uk'}, ${file.month ? monthName(file.month) : 'month not known'}. ${uploadedText({ imported: file, uploadedFrom: file.partnershipName })} Confirmed, it ${heldEffect(file.replacesMonth)}.`,
    partnershipId: file.partnershipId ?? '',
    areaId: file.areaId,
    href: `/partnerships/${file.partnershipId ?? ''}/crime-data/held/${file.id}`,
  };
}

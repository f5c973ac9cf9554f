/**
 * What a file that replaces a force's month does to each partnership of the force: its crimes in the month held
 * now and in the file. Worked out before anything is replaced, for the overseer to confirm, or for the command line
 * to print.
 */
export interface PartnershipChange {
  partnershipId: string;
  /** The partnership's name, and the Community Safety Partnership area whose crimes are its own. */
  name: string;
  cspName: string;
  before: number;
  after: number;
  differs: boolean;
}

/** A file that has less than this share of the crimes of the file it replaces is shown as a warning. */
export const minimumShareOfReplaced = 0.9;

export function partnershipChanges(
  partnerships: readonly { partnershipId: string; name: string; cspCode: string; cspName: string }[],
  counts: readonly { importId: string; cspCode: string; crimes: number }[],
  replacement: { importId: string },
): PartnershipChange[] {
  return partnerships
    .map(({ partnershipId, name, cspCode, cspName }) => {
      let before = 0;
      let after = 0;
      for (const count of counts.filter((row) => row.cspCode === cspCode)) {
        if (count.importId === replacement.importId) after += count.crimes;
        else before += count.crimes;
      }
      return { partnershipId, name, cspName, before, after, differs: before !== after };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Whether a file has much fewer crimes than the one it replaces: police.uk's whole file for a month rarely shrinks. */
export function muchSmaller(crimes: number, replacedCrimes: number): boolean {
  return crimes < replacedCrimes * minimumShareOfReplaced;
}

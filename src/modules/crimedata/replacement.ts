/**
 * What a file that replaces a force's month does to each partnership of the force: its crimes in the month held
 * now and in the file. Worked out before anything is replaced, for the overseer to confirm, or for the command line
 * to print.
 */
import { digits } from '../../platform/numbers.ts';

export interface PartnershipChange {
  partnershipId: string;
  /** The partnership's name, and the Community Safety Partnership area whose crimes are its own. */
  name: string;
  cspName: string;
  before: number;
  after: number;
  /** Crimes in the file with another type, LSOA or street than those held, beyond the change in the total. */
  moved: number;
  differs: boolean;
}

/** A file that has less than this share of the crimes of the file it replaces is shown as a warning. */
export const minimumShareOfReplaced = 0.9;

export function partnershipChanges(
  partnerships: readonly { partnershipId: string; name: string; cspCode: string; cspName: string }[],
  counts: readonly { importId: string; cspCode: string; lsoaCode?: string; location?: string; crimeType?: string; crimes: number }[],
  replacement: { importId: string },
): PartnershipChange[] {
  return partnerships
    .map(({ partnershipId, name, cspCode, cspName }) => {
      // Crimes the file adds (+) or takes away (−) at each LSOA, street and crime type of the area.
      const difference = new Map<string, number>();
      let before = 0;
      let after = 0;
      for (const count of counts.filter((row) => row.cspCode === cspCode)) {
        const key = [count.lsoaCode, count.location, count.crimeType].join('\u0000');
        const sign = count.importId === replacement.importId ? 1 : -1;
        difference.set(key, (difference.get(key) ?? 0) + sign * count.crimes);
        if (sign > 0) after += count.crimes;
        else before += count.crimes;
      }
      // Each crime moved is one taken from a place or type and one added to another: what the total's change does not explain, halved.
      const shifted = [...difference.values()].reduce((sum, value) => sum + Math.abs(value), 0);
      const moved = (shifted - Math.abs(after - before)) / 2;
      return { partnershipId, name, cspName, before, after, moved, differs: before !== after || moved > 0 };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** The change in words: the totals, the difference and its share, and the crimes given another type or place. */
export function describeChange(change: Pick<PartnershipChange, 'before' | 'after' | 'moved'>): string {
  const { before, after, moved } = change;
  const movedText = `${digits(moved, 0)} ${moved === 1 ? 'crime has' : 'crimes have'} a different type or place`;
  if (before === after) return moved > 0 ? `Same total, but ${movedText}` : 'No change';
  const difference = after - before;
  const signed = `${difference > 0 ? '+' : '−'}${digits(Math.abs(difference), 0)}`;
  const share = before > 0 ? ` (${difference > 0 ? '+' : '−'}${digits(Math.round((Math.abs(difference) / before) * 100), 0)}%)` : '';
  return `${signed}${share}${moved > 0 ? `, and ${movedText}` : ''}`;
}

/** Whether a file has much fewer crimes than the one it replaces: police.uk's whole file for a month rarely shrinks. */
export function muchSmaller(crimes: number, replacedCrimes: number): boolean {
  return crimes < replacedCrimes * minimumShareOfReplaced;
}

/** One partnership's change in a sentence, for the overseer. */
export function changeText(change: Pick<PartnershipChange, 'cspName' | 'before' | 'after' | 'moved'>, month: string): string {
  const place = `${change.cspName}’s ${month}`;
  if (change.before === change.after)
    return `Same total for ${place} (${digits(change.before, 0)} crimes), but ${describeChange(change).replace(/^Same total, but /, '')}`;
  return `This file changes ${place} from ${digits(change.before, 0)} to ${digits(change.after, 0)} crimes: ${describeChange(change)}`;
}

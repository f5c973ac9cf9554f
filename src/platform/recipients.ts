/**
 * Who a message goes to, and who it cannot reach: every page that says something was (or will be) sent
 * names both, so "members have been e-mailed" is never said when most of them have no address.
 */
import { plural } from './numbers.ts';
import { listed } from './wording.ts';

export interface Recipients {
  /** People a message is addressed to, one per address. */
  addressed: readonly { name: string; email: string }[];
  /** People who should have been told but have no e-mail address held. */
  withoutAddress: readonly { name: string }[];
  /** People who have turned this kind of e-mail off (absent where no one can). */
  turnedOff?: readonly { name: string }[];
  /** Why there is no one at all to tell, in words: "the group has no members today". */
  nobody?: string;
}

/** Named in full up to this many; beyond it, the count of the rest (the page of people lists them all). */
const namedAtMost = 10;

function listOf(names: readonly string[]): string {
  const shown = names.slice(0, namedAtMost);
  const rest = names.length - shown.length;
  const items = rest > 0 ? [...shown, plural(rest, 'other', 'others')] : shown;
  return listed(items);
}

const people = (count: number) => plural(count, 'person', 'people');

/**
 * "E-mailed 1 person: Ann Smith. No e-mail address is held for 2 people, so they were not told: Bob Jones and Cy Li."
 * The tense follows `when`: 'sent' once queued, 'will' on a page that asks to confirm.
 */
export function describeRecipients(recipients: Recipients, when: 'sent' | 'will'): string {
  const { addressed, withoutAddress } = recipients;
  const names = (list: readonly { name: string }[]) => listOf(list.map((person) => person.name));
  const noOne = addressed.length === 0 && withoutAddress.length === 0 && (recipients.turnedOff ?? []).length === 0;
  const parts = [
    addressed.length === 0
      ? `Nobody ${when === 'sent' ? 'was' : 'will be'} e-mailed${noOne && recipients.nobody ? `: ${recipients.nobody}` : ''}.`
      : `${when === 'sent' ? 'E-mailed' : 'An e-mail will go to'} ${people(addressed.length)}: ${names(addressed)}.`,
  ];
  if (withoutAddress.length > 0) {
    const told = when === 'sent' ? 'were not told' : 'will not be told';
    parts.push(`No e-mail address is held for ${people(withoutAddress.length)}, so they ${told}: ${names(withoutAddress)}.`);
  }
  const turnedOff = recipients.turnedOff ?? [];
  if (turnedOff.length > 0) {
    parts.push(`${people(turnedOff.length)} ${turnedOff.length === 1 ? 'has' : 'have'} turned these e-mails off: ${names(turnedOff)}.`);
  }
  return parts.join(' ');
}

/**
 * The "What will happen" line of a confirmation page, following who can be reached: "The group’s members are
 * e-mailed {what}." when all can, "Members with an e-mail address are e-mailed {what}." when some cannot, and
 * no line when nobody can (the page then says "Nobody will be e-mailed").
 */
export function emailedLine(recipients: Recipients, what: string): string[] {
  if (recipients.addressed.length === 0) return [];
  const someNoAddress = recipients.withoutAddress.length > 0;
  const someTurnedOff = (recipients.turnedOff ?? []).length > 0;
  const who =
    !someNoAddress && !someTurnedOff
      ? 'The group’s members are'
      : `Members${someNoAddress ? ' with an e-mail address' : ''}${someTurnedOff ? ' who have not turned these e-mails off' : ''} are`;
  return [`${who} e-mailed ${what}.`];
}

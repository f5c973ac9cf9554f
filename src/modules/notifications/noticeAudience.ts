/**
 * The one rule for who receives a notice of a kind: everyone it concerns with an address, unless they have turned
 * that kind off (for the group, or reminders for themselves); those who chose a weekly digest have it held for them.
 */
import type { NoticeKind } from '../../db/schema.ts';

export type { NoticeKind };
export const noticeKinds = ['publication', 'minutes', 'reminders'] as const satisfies readonly NoticeKind[];
export type GroupNoticeKind = Exclude<NoticeKind, 'reminders'>;
export const groupNoticeKinds = ['publication', 'minutes'] as const satisfies readonly GroupNoticeKind[];

/** What each kind is, in the words of the preferences page and the unsubscribe page. */
export const noticeKindNames: Record<NoticeKind, string> = {
  publication: 'Agenda and papers published or withdrawn',
  minutes: 'Minutes circulated for comment',
  reminders: 'Reminders of actions you own',
};

export interface NoticePreferences {
  reminders: boolean;
  digest: boolean;
  /** `${kind} ${groupId}` for each group notice turned off. */
  turnedOff: ReadonlySet<string>;
}

export const defaultPreferences: NoticePreferences = { reminders: true, digest: false, turnedOff: new Set() };

export const optOutKey = (kind: GroupNoticeKind, groupId: string) => `${kind} ${groupId}`;

/** Whether the person gets notices of this kind (for this group, for the group kinds). */
export function receives(preferences: NoticePreferences, kind: NoticeKind, groupId: string | null): boolean {
  if (kind === 'reminders') return preferences.reminders;
  return groupId === null || !preferences.turnedOff.has(optOutKey(kind, groupId));
}

export interface Addressee {
  id: string;
  name: string;
  email: string | null;
}

export interface Audience<P extends Addressee> {
  /** Sent now, one e-mail each (one per address). */
  now: (P & { email: string })[];
  /** Kept for their weekly digest. */
  held: (P & { email: string })[];
  /** Turned this kind off. */
  turnedOff: P[];
  /** No address held. */
  withoutAddress: P[];
}

export function audienceOf<P extends Addressee>(
  people: readonly P[],
  preferencesOf: (personId: string) => NoticePreferences,
  kind: NoticeKind,
  groupId: string | null,
): Audience<P> {
  const audience: Audience<P> = { now: [], held: [], turnedOff: [], withoutAddress: [] };
  const addresses = new Set<string>();
  for (const person of people) {
    const preferences = preferencesOf(person.id);
    const address = person.email?.toLowerCase();
    if (!address) audience.withoutAddress.push(person);
    else if (!receives(preferences, kind, groupId)) audience.turnedOff.push(person);
    else if (!addresses.has(address)) {
      addresses.add(address);
      (preferences.digest ? audience.held : audience.now).push({ ...person, email: address });
    }
  }
  return audience;
}

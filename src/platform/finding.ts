/**
 * What a search finds, whichever module owns it: a record's kind, its title, where and when it belongs, and
 * the page it is on. Each module finds its own records; the overview puts them together, grouped by kind.
 */
export type FoundKind =
  'partnership' | 'meeting' | 'item' | 'minutes' | 'decision' | 'action' | 'paper' | 'report' | 'person' | 'organisation';

export interface Found {
  kind: FoundKind;
  title: string;
  /** Where and when it belongs: "Safer Coventry Board, 3 March 2027". */
  detail: string;
  href: string;
}

/** The most a search shows of each kind: enough to find a thing, few enough to read. */
export const foundPerKind = 20;

/** What was typed, its spaces tidied; null when there is nothing to look for. */
export function searchWords(typed: string | undefined): string | null {
  const words = (typed ?? '').replace(/\s+/g, ' ').trim();
  return words ? words.slice(0, 100) : null;
}

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

/** The most words a search looks for: each is a condition of its own, so a pasted paragraph stays cheap. */
const mostWords = 8;

/** The separate words of what was typed, each once, at most eight: a search finds what holds them all, in any order. */
export function wordsOf(typed: string): string[] {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  return [...new Set(words)].slice(0, mostWords);
}

/** Whether a text holds every word typed, in any case and any order (the in-memory twin of the database's search). */
export function holdsEveryWord(text: string, typed: string): boolean {
  const lower = text.toLowerCase();
  return wordsOf(typed).every((word) => lower.includes(word));
}

/**
 * GOV.UK pagination for a list: which page, where it starts, and the links. A list that can seek (decisions 0050,
 * 0055) gives the keys of its page's first and last rows: Previous and Next, and the numbers up to two either side,
 * then carry the key to read on from (passing over the page between for two), and the last pages are read back from
 * the end, so every link a page offers costs what the first page costs however deep. Only a page number typed far
 * from both ends is read by offset, from the nearer end (`readPage` in db/pageRead.ts).
 */

import type { PageSeek } from '../db/pageRead.ts';
import { hasHiddenCharacter } from '../platform/hiddenCharacters.ts';

export const pageSize = 50;

/** Far past any list's end, and small enough that the offset stays a safe integer for either database. */
export const lastPageAsked = 1_000_000;

/** A row's place in a list's order: the values it is sorted by, ending with something unique (its id). */
export type SeekKey = (string | null)[];

/** Read the page of rows after a key (Next), or the page before it (Previous), passing over `skip` rows first. */
export interface Seek extends PageSeek {
  key: SeekKey;
  skip: number;
}

/** The keys of the first and last rows of the page shown. */
export interface PageEnds {
  first: SeekKey;
  last: SeekKey;
}

type PageItem = { number: number; href: string; current: boolean } | { ellipsis: true };

export interface Pagination {
  page: number;
  offset: number;
  limit: number;
  /** The key to read on from when Next or Previous was followed; null for a page asked for by number. */
  seek: Seek | null;
  /** The govukPagination parameters once the total is known; null when everything fits on one page. */
  links(total: number, ends?: PageEnds | null): { previous?: { href: string }; next?: { href: string }; items: PageItem[] } | null;
  /**
   * The last page's address when the page asked for is past it (an old link to a list that has since shrunk, or a
   * number typed in), for the route to redirect there rather than show a page saying nothing matches; else null.
   */
  beyondEnd(total: number): string | null;
}

const seekParameters = ['after', 'before'] as const;
const pageParameters = new Set<string>(['page', ...seekParameters]);

/** A key as links carry it: short, and opaque to people; a link two pages on has the rows to pass over first. */
const keyText = ({ key, skip }: Seek) => Buffer.from(JSON.stringify(skip ? [skip, ...key] : key)).toString('base64url');

/**
 * The key a link carried and the rows to pass over after it (at most a page), or null when it is not one (edited by
 * hand): the page is then read by its number. A key is never searched for with a hidden character in it, as no
 * address is (PostgreSQL refuses NUL outright).
 */
function keyFrom(text: string | undefined): Pick<Seek, 'key' | 'skip'> | null {
  if (!text) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(text, 'base64url').toString());
    if (!Array.isArray(parts)) return null;
    const [first, ...rest] = parts as unknown[];
    const skip = typeof first === 'number' && Number.isInteger(first) && first > 0 && first <= pageSize ? first : 0;
    const key = skip ? rest : (parts as unknown[]);
    const isPart = (value: unknown) => value === null || (typeof value === 'string' && !hasHiddenCharacter(value));
    return key.length > 0 && key.every(isPart) ? { key: key as SeekKey, skip } : null;
  } catch {
    return null;
  }
}

/** The ends of a page of rows, by their keys; null for an empty page. */
export function endsOf<Row>(rows: readonly Row[], keyOf: (row: Row) => SeekKey): PageEnds | null {
  const [first, last] = [rows[0], rows.at(-1)];
  return first && last ? { first: keyOf(first), last: keyOf(last) } : null;
}

function seekOf(query: Partial<Record<string, string>>): Seek | null {
  for (const direction of seekParameters) {
    const key = keyFrom(query[direction]);
    if (key) return { direction, ...key };
  }
  return null;
}

/** The page asked for in `query.page` (and the key to read on from, if any); links keep the other query values. */
export function paginate(path: string, query: Partial<Record<string, string>>): Pagination {
  const page = Math.min(lastPageAsked, Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1));
  const kept = Object.entries(query).filter((entry): entry is [string, string] => !pageParameters.has(entry[0]) && Boolean(entry[1]));
  const link = (n: number, seek?: Seek) => {
    const parameters: [string, string][] = [...kept, ['page', String(n)]];
    if (seek) parameters.push([seek.direction, keyText(seek)]);
    return `${path}?${String(new URLSearchParams(parameters))}`;
  };
  const pageCountOf = (total: number) => Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    offset: (page - 1) * pageSize,
    limit: pageSize,
    // Page 1 is read from the start whatever key a link carried.
    seek: page > 1 ? seekOf(query) : null,
    beyondEnd(total) {
      const pageCount = pageCountOf(total);
      return page > pageCount ? link(pageCount) : null;
    },
    links(total, ends) {
      const pageCount = pageCountOf(total);
      if (pageCount === 1) return null;
      // The two pages either side are read on from this one's ends when it has rows to give them (the first from
      // the start); the others by number, the last ones back from the end.
      const hrefOf = (n: number) => {
        const skip = (Math.abs(n - page) - 1) * pageSize;
        if (ends && n > page && n <= page + 2) return link(n, { direction: 'after', key: ends.last, skip });
        if (ends && n < page && n >= page - 2 && n > 1) return link(n, { direction: 'before', key: ends.first, skip });
        return link(n);
      };
      // The first page, the last, and two either side of this one; a gap shows as an ellipsis.
      const items: PageItem[] = [];
      let previous = 0;
      for (let n = 1; n <= pageCount; n++) {
        if (n !== 1 && n !== pageCount && Math.abs(n - page) > 2) continue;
        if (n - previous > 1) items.push({ ellipsis: true });
        items.push({ number: n, href: hrefOf(n), current: n === page });
        previous = n;
      }
      return {
        ...(page > 1 ? { previous: { href: hrefOf(page - 1) } } : {}),
        ...(page < pageCount ? { next: { href: hrefOf(page + 1) } } : {}),
        items,
      };
    },
  };
}

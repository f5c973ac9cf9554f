/** GOV.UK pagination for a list: which page, where it starts, and the links. */

export const pageSize = 50;

/** Far past any list's end, and small enough that the offset stays a safe integer for either database. */
export const lastPageAsked = 1_000_000;

type PageItem = { number: number; href: string; current: boolean } | { ellipsis: true };

export interface Pagination {
  page: number;
  offset: number;
  limit: number;
  /** The govukPagination parameters once the total is known; null when everything fits on one page. */
  links(total: number): { previous?: { href: string }; next?: { href: string }; items: PageItem[] } | null;
  /**
   * The last page's address when the page asked for is past it (an old link to a list that has since shrunk, or a
   * number typed in), for the route to redirect there rather than show a page saying nothing matches; else null.
   */
  beyondEnd(total: number): string | null;
}

/** The page asked for in `query.page`; links keep the other query values. */
export function paginate(path: string, query: Partial<Record<string, string>>): Pagination {
  const page = Math.min(lastPageAsked, Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1));
  const kept = Object.entries(query).filter((entry): entry is [string, string] => entry[0] !== 'page' && Boolean(entry[1]));
  const link = (n: number) => `${path}?${String(new URLSearchParams([...kept, ['page', String(n)]]))}`;
  const pageCountOf = (total: number) => Math.max(1, Math.ceil(total / pageSize));
  return {
    page,
    offset: (page - 1) * pageSize,
    limit: pageSize,
    beyondEnd(total) {
      const pageCount = pageCountOf(total);
      return page > pageCount ? link(pageCount) : null;
    },
    links(total) {
      const pageCount = pageCountOf(total);
      if (pageCount === 1) return null;
      // The first page, the last, and two either side of this one; a gap shows as an ellipsis.
      const items: PageItem[] = [];
      let previous = 0;
      for (let n = 1; n <= pageCount; n++) {
        if (n !== 1 && n !== pageCount && Math.abs(n - page) > 2) continue;
        if (n - previous > 1) items.push({ ellipsis: true });
        items.push({ number: n, href: link(n), current: n === page });
        previous = n;
      }
      return {
        ...(page > 1 ? { previous: { href: link(page - 1) } } : {}),
        ...(page < pageCount ? { next: { href: link(page + 1) } } : {}),
        items,
      };
    },
  };
}

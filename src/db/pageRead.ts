/**
 * A page of a list as a repository reads it (decisions 0050, 0055): by offset from the start, or on from a row's key
 * (its sort values, then its id) after or before it, or back from the end of the list, passing over at most a page of
 * rows first; so that any page a list links to costs what the first does.
 */
export interface PageRead {
  limit: number;
  /** Rows before the page from the start: how it is read when it has no seek, or its seek finds nothing. */
  offset: number;
  seek?: PageSeek | null | undefined;
}

/**
 * Read the rows after a key (Next), or before a key or the end of the list when it has none (Previous; the last
 * pages), passing over `skip` of them first (a link two pages on; none when not given); rows read before a key are shown in list order.
 */
export interface PageSeek {
  direction: 'after' | 'before';
  key: (string | null)[] | null;
  skip?: number | undefined;
}

/**
 * A page and how many rows match, read at once; but a page asked for by its number past the first waits for the
 * count, to be read from the nearer end (back from the end when past half way), so no offset passes over more than
 * half the list and the last pages cost what the first does.
 */
export async function readPage<Row>(
  page: PageRead,
  count: () => Promise<number>,
  read: (page: PageRead) => Promise<Row[]>,
): Promise<{ rows: Row[]; total: number }> {
  if (page.seek || page.offset === 0) {
    const [rows, total] = await Promise.all([read(page), count()]);
    return { rows, total };
  }
  const total = await count();
  return { rows: await read(nearerEnd(page, total)), total };
}

/** The page read back from the end when it is nearer the end than the start (a page past the end stays as asked). */
export function nearerEnd(page: PageRead, total: number): PageRead {
  const after = total - page.offset - page.limit;
  if (page.seek || page.offset >= total || after >= page.offset) return page;
  const limit = Math.min(page.limit, total - page.offset);
  return { ...page, limit, seek: { direction: 'before', key: null, skip: Math.max(0, after) } };
}

/**
 * A page of a list as a repository reads it (decision 0050): by offset, or on from a row's key (its sort values,
 * then its id), after or before it, so that a page reached by Next or Previous costs what the first does.
 */
export interface PageRead {
  limit: number;
  offset: number;
  seek?: { direction: 'after' | 'before'; key: (string | null)[] } | null | undefined;
}

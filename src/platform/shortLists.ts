/** A list cut to its first few, and how many more there are: a summary page shows the few and links to the rest. */
export interface FirstFew<T> {
  shown: T[];
  more: number;
}

/** How many of a list a summary page (a partnership's overview) shows before "and N more". */
export const fewShown = 5;

export function firstFew<T>(items: readonly T[], count: number = fewShown): FirstFew<T> {
  return { shown: items.slice(0, count), more: Math.max(0, items.length - count) };
}

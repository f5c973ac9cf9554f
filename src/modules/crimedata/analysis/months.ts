/** Month arithmetic on police.uk's 'YYYY-MM' months, and the months a force left unpublished. */
import type { Month } from './types.ts';

/** A month as police.uk writes it, 2022-10; years from 1900 to 2999, so that month arithmetic stays in range. */
export const monthPattern = /^((?:19|2\d)\d{2})-(0[1-9]|1[0-2])$/;

/** Months since the start of year 0, so that stepping and ranges are integer arithmetic. */
function ordinalOf(month: Month): number {
  const match = monthPattern.exec(month);
  if (!match) throw new RangeError(`Not a month in the form YYYY-MM: "${month}"`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function monthOf(ordinal: number): Month {
  return `${String(Math.floor(ordinal / 12)).padStart(4, '0')}-${String((ordinal % 12) + 1).padStart(2, '0')}`;
}

export function addMonths(month: Month, n: number): Month {
  return monthOf(ordinalOf(month) + n);
}

/** Every month from one to the other, both included; none when `to` comes first. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const first = ordinalOf(from);
  return Array.from({ length: Math.max(0, ordinalOf(to) - first + 1) }, (_, i) => monthOf(first + i));
}

export const previousMonth = (month: Month): Month => addMonths(month, -1);

export const sameMonthLastYear = (month: Month): Month => addMonths(month, -12);

/** 1 for January … 12 for December. */
export const monthOfYear = (month: Month): number => (ordinalOf(month) % 12) + 1;

/** The months between the first and last published that the force did not publish: gaps, not months without crime. */
export function gapsIn(publishedMonths: readonly Month[]): Month[] {
  const sorted = [...publishedMonths].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return [];
  const published = new Set(sorted);
  return monthsBetween(first, last).filter((month) => !published.has(month));
}

/** Why a month has no figure, in words a sentence can carry. */
export type MissingMonthWords = 'not held in Safer' | 'not published' | 'not comparable';

/**
 * Why a month has no figure, given the months Safer holds (oldest first): a month held has a file, so it has no figure
 * only because its LSOAs are of the other census edition than the place's (not comparable); outside the held range
 * (before the first file or after the last, or when none is held) it is not held in Safer; a gap inside the range is a
 * month the force did not publish.
 */
export function missingMonthWords(month: Month, held: readonly Month[]): MissingMonthWords {
  if (held.includes(month)) return 'not comparable';
  const first = held[0];
  const last = held.at(-1);
  return first === undefined || last === undefined || month < first || month > last ? 'not held in Safer' : 'not published';
}

/** The latest `n` published months up to and including `upTo`, oldest first. */
export function lastPublishedMonths(publishedMonths: readonly Month[], upTo: Month, n: number): Month[] {
  return publishedMonths
    .filter((month) => month <= upTo)
    .sort()
    .slice(-n);
}

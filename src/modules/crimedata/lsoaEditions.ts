/**
 * Which census edition of LSOAs a police.uk file is coded in. police.uk coded its files by the 2011 LSOAs until
 * the 2021 ones replaced them; a file's codes say which, except where every code it names kept its code in 2021.
 */
import type { LsoaEdition } from '../../db/schema.ts';
import type { Month } from './analysis/types.ts';

export type { LsoaEdition };

/** The first month taken to be coded by the 2021 LSOAs when a file's codes do not say. */
const first2021Month = '2023-01';

/** The edition of a month whose file does not say (or that Safer does not hold). */
export const editionOfMonth = (month: Month): LsoaEdition => (month >= first2021Month ? 2021 : 2011);

/**
 * The edition of a file from its crimes in LSOAs of only one edition: the codes that are not in the other decide
 * (the more of them, should a file ever mix them), and a file whose codes are all in both is taken by its month.
 */
export function editionOfFile(crimes: { only2011: number; only2021: number }, month: Month): LsoaEdition {
  if (crimes.only2011 !== crimes.only2021) return crimes.only2011 > crimes.only2021 ? 2011 : 2021;
  return editionOfMonth(month);
}

/**
 * The held months in which every one of the LSOAs is of the month's edition: a series of them compares like with
 * like there, and anywhere else is not comparable (a code made or ended in 2021 had no crimes of its own then).
 */
export function comparableMonths(
  held: readonly { month: Month; edition: LsoaEdition }[],
  lsoaEditions: readonly { code: string; edition: LsoaEdition }[],
  codes: readonly string[],
): Month[] {
  const editionsOf = (edition: LsoaEdition) => new Set(lsoaEditions.filter((row) => row.edition === edition).map((row) => row.code));
  const inEdition = { 2011: editionsOf(2011), 2021: editionsOf(2021) };
  return held.filter(({ edition }) => codes.every((code) => inEdition[edition].has(code))).map(({ month }) => month);
}

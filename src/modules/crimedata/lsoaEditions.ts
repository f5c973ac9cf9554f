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

/** The editions of an area's held months and of its LSOAs: what says whether a code's months compare like with like. */
export interface AreaEditions {
  months: readonly { month: Month; edition: LsoaEdition }[];
  lsoas: readonly { code: string; edition: LsoaEdition }[];
}

/**
 * Whether an LSOA's crimes of a month compare like with like: the month's file is coded in an edition the code is
 * of (a code made or ended in 2021 had no crimes of its own in the other). A month not held is the caller's to judge.
 */
export function comparability(editions: AreaEditions): (code: string, month: Month) => boolean {
  const ofMonth = new Map(editions.months.map(({ month, edition }) => [month, edition]));
  const ofCode = new Set(editions.lsoas.map(({ code, edition }) => `${code}|${edition}`));
  return (code, month) => {
    const edition = ofMonth.get(month);
    return edition === undefined || ofCode.has(`${code}|${edition}`);
  };
}

/** The held months in which every one of the LSOAs is of the month's edition: where a series of them is comparable. */
export function comparableMonths(editions: AreaEditions, codes: readonly string[]): Month[] {
  const comparable = comparability(editions);
  return editions.months.filter(({ month }) => codes.every((code) => comparable(code, month))).map(({ month }) => month);
}

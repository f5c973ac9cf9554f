/**
 * Where a partnership stands in its Most Similar Group (iQuanta): its rank, the group's average and the
 * control limits. Worked out from the members' values rather than copied from the source table, because the
 * published average may include members whose values the table leaves blank.
 */

import type { MsgFigure, MsgMemberFigure, Polarity } from './report.ts';

export interface MsgMember {
  name: string;
  value: number | null;
  isSelf: boolean;
}

export type MsgComparison = Omit<MsgFigure, 'period' | 'periodLabel' | 'publishedAverage' | 'source'>;

/**
 * The group's figures over the members that have a value.
 * - Rank: 1 is best (the lowest value unless higher is better; monitor-only ranks as lower is better);
 *   tied members share the better rank (1, 2, 2, 4); a member with no value has no rank.
 * - Average: the mean of the known values. Standard deviation: the POPULATION standard deviation of the
 *   known values (dividing by n, not n − 1), as the members are the whole group, not a sample of it.
 * - Limits: average ± one standard deviation; position: the partnership's own value above, within (limits
 *   included) or below them.
 */
export function compareWithGroup(members: MsgMember[], polarity: Polarity): MsgComparison {
  const known = members.map((member) => member.value).filter((value) => value !== null);
  const isBetter = (a: number, b: number): boolean => (polarity === 'higher_better' ? a > b : a < b);
  const ranked: MsgMemberFigure[] = members.map(({ name, value, isSelf }) => ({
    name,
    value,
    isSelf,
    rank: value === null ? null : 1 + known.filter((other) => isBetter(other, value)).length,
  }));

  const average = known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
  const standardDeviation =
    average === null ? null : Math.sqrt(known.reduce((sum, value) => sum + (value - average) ** 2, 0) / known.length);
  const lowerLimit = average === null || standardDeviation === null ? null : average - standardDeviation;
  const upperLimit = average === null || standardDeviation === null ? null : average + standardDeviation;

  const self = ranked.find((member) => member.isSelf);
  const own = self?.value ?? null;
  const position =
    own === null || lowerLimit === null || upperLimit === null ? null : own > upperLimit ? 'above' : own < lowerLimit ? 'below' : 'within';

  return {
    members: ranked,
    rank: self?.rank ?? null,
    of: members.length,
    known: known.length,
    average,
    standardDeviation,
    lowerLimit,
    upperLimit,
    position,
  };
}

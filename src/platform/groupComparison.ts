/**
 * Where a partnership stands in a group of partnerships: its Most Similar Group (iQuanta, typed in) or a peer set
 * computed from police.uk data. One implementation for both, so the figures are worked out the same way. Worked
 * out from the members' values rather than copied from a source table, because a published average may include
 * members whose values the table leaves blank.
 */

export type GroupPolarity = 'lower_better' | 'higher_better' | 'monitor';
export type GroupPosition = 'above' | 'within' | 'below';

export interface GroupMember {
  name: string;
  value: number | null;
  isSelf: boolean;
}

export interface RankedMember extends GroupMember {
  /** 1 is best; null for a member with no value. */
  rank: number | null;
}

export interface GroupComparison {
  members: RankedMember[];
  /** The partnership's rank among the members with a value (1 is best), and how many members the group has. */
  rank: number | null;
  of: number;
  /** How many members have a value: the average and limits are over these only. */
  known: number;
  average: number | null;
  standardDeviation: number | null;
  /** Average ± one standard deviation, and the partnership's position against them. */
  lowerLimit: number | null;
  upperLimit: number | null;
  position: GroupPosition | null;
  /** Average ± two standard deviations, and the partnership's position against them. */
  lowerLimit2: number | null;
  upperLimit2: number | null;
  position2: GroupPosition | null;
}

function positionOf(own: number | null, lower: number | null, upper: number | null): GroupPosition | null {
  if (own === null || lower === null || upper === null) return null;
  return own > upper ? 'above' : own < lower ? 'below' : 'within';
}

/**
 * The group's figures over the members that have a value.
 * - Rank: 1 is best (the lowest value unless higher is better; monitor-only ranks as lower is better);
 *   tied members share the better rank (1, 2, 2, 4); a member with no value has no rank.
 * - Average: the mean of the known values. Standard deviation: the POPULATION standard deviation of the
 *   known values (dividing by n, not n − 1), as the members are the whole group, not a sample of it.
 * - Limits: average ± one and ± two standard deviations; position: the partnership's own value above, within
 *   (limits included) or below each pair.
 */
export function compareWithGroup(members: readonly GroupMember[], polarity: GroupPolarity): GroupComparison {
  const known = members.map((member) => member.value).filter((value) => value !== null);
  const isBetter = (a: number, b: number): boolean => (polarity === 'higher_better' ? a > b : a < b);
  const ranked: RankedMember[] = members.map(({ name, value, isSelf }) => ({
    name,
    value,
    isSelf,
    rank: value === null ? null : 1 + known.filter((other) => isBetter(other, value)).length,
  }));

  const average = known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
  const standardDeviation =
    average === null ? null : Math.sqrt(known.reduce((sum, value) => sum + (value - average) ** 2, 0) / known.length);
  const limit = (times: number): number | null =>
    average === null || standardDeviation === null ? null : average + times * standardDeviation;

  const self = ranked.find((member) => member.isSelf);
  const own = self?.value ?? null;
  return {
    members: ranked,
    rank: self?.rank ?? null,
    of: members.length,
    known: known.length,
    average,
    standardDeviation,
    lowerLimit: limit(-1),
    upperLimit: limit(1),
    position: positionOf(own, limit(-1), limit(1)),
    lowerLimit2: limit(-2),
    upperLimit2: limit(2),
    position2: positionOf(own, limit(-2), limit(2)),
  };
}

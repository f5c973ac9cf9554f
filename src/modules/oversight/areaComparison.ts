/**
 * Every partnership of an area side by side for a period: its crimes, per 1,000 residents, the change on the same
 * period a year earlier, and where its rate stands against the area's partnerships (the one group comparison the
 * Most Similar Group and peer figures use). A partnership's figure is given only for a period wholly held in
 * Safer: part of a period would pass for a fall in crime.
 */
import { compareWithGroup, type GroupComparison, type GroupPosition } from '../../platform/groupComparison.ts';
import { allCrime, allCrimeWithoutAsb, type AreaFigures, countOf, per1000, type Period, whollyHeld } from '../crimedata/index.ts';

export interface AreaPartnershipRow {
  partnershipId: string;
  name: string;
  /** Null when the period is not wholly held for the partnership (or its crime area is not set). */
  crimes: number | null;
  crimesWithoutAsb: number | null;
  population: number | null;
  per1000: number | null;
  /** The same period a year earlier: null unless both periods are wholly held. */
  earlier: number | null;
  change: number | null;
  changePercent: number | null;
  /** Its rate against the area's average ± one and ± two standard deviations. */
  position: GroupPosition | null;
  position2: GroupPosition | null;
}

export interface AreaCrimeComparison {
  period: Period;
  earlierPeriod: Period;
  rows: AreaPartnershipRow[];
  /** The partnerships' rates compared (lower is better): the average is of their rates, each partnership one voice. */
  group: GroupComparison;
  /** The area as a whole, over the partnerships with figures: their crimes over their residents; null when none has. */
  total: {
    crimes: number | null;
    crimesWithoutAsb: number | null;
    population: number | null;
    per1000: number | null;
    earlier: number | null;
    change: number | null;
    changePercent: number | null;
  };
}

const changeOf = (count: number | null, before: number | null) => ({
  change: count === null || before === null ? null : count - before,
  changePercent: count === null || before === null || before === 0 ? null : ((count - before) / before) * 100,
});

export function areaCrimeComparison(
  current: readonly AreaFigures[],
  earlier: readonly AreaFigures[],
  period: Period,
  earlierPeriod: Period,
): AreaCrimeComparison {
  const earlierOf = new Map(earlier.map((figures) => [figures.partnershipId, figures]));
  const counted = current.map((figures) => {
    const held = whollyHeld(figures, period) && figures.population !== null;
    const before = earlierOf.get(figures.partnershipId);
    const crimes = held ? countOf(figures, allCrime) : null;
    const earlierCrimes = held && before && whollyHeld(before, earlierPeriod) ? countOf(before, allCrime) : null;
    return {
      figures,
      crimes,
      earlier: earlierCrimes,
      crimesWithoutAsb: held ? countOf(figures, allCrimeWithoutAsb) : null,
      per1000: crimes === null ? null : per1000(crimes, figures.population),
    };
  });
  const members = counted.map((row) => ({ name: row.figures.name, value: row.per1000, isSelf: false }));
  // Each partnership's position is the group's, worked out with it as the one compared.
  const placed = counted.map((_, index) =>
    compareWithGroup(
      members.map((member, other) => ({ ...member, isSelf: other === index })),
      'lower_better',
    ),
  );
  const rows = counted.map((row, index) => ({
    partnershipId: row.figures.partnershipId,
    name: row.figures.name,
    crimes: row.crimes,
    crimesWithoutAsb: row.crimesWithoutAsb,
    population: row.crimes === null ? null : row.figures.population,
    per1000: row.per1000,
    earlier: row.earlier,
    ...changeOf(row.crimes, row.earlier),
    position: placed[index]?.position ?? null,
    position2: placed[index]?.position2 ?? null,
  }));
  const withFigures = rows.filter((row) => row.crimes !== null);
  // No partnership with figures is no figure for the area, not a nought.
  const sum = (of: (row: AreaPartnershipRow) => number | null) =>
    withFigures.length ? withFigures.reduce((total, row) => total + (of(row) ?? 0), 0) : null;
  const crimes = sum((row) => row.crimes);
  const population = sum((row) => row.population);
  // A change for the area only when every partnership with figures has one: else it would compare unlike areas.
  const earlierTotal = withFigures.every((row) => row.earlier !== null) ? sum((row) => row.earlier) : null;
  return {
    period,
    earlierPeriod,
    rows,
    group: compareWithGroup(members, 'lower_better'),
    total: {
      crimes,
      crimesWithoutAsb: sum((row) => row.crimesWithoutAsb),
      population,
      per1000: crimes === null || population === null ? null : per1000(crimes, population),
      earlier: earlierTotal,
      ...changeOf(crimes, earlierTotal),
    },
  };
}

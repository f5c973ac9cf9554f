/**
 * Crime figures from fixed numbers, for performance's tests: the crime data module's own tests prove its
 * areaFigures; these prove what performance does with them. Each month a partnership holds, it has the same
 * crimes by type; `change` alters them afterwards, as a re-imported file would.
 */
import type { ServiceOverrides } from '../../src/container.ts';
import type { AreaFigures } from '../../src/modules/crimedata/index.ts';

export interface FixedArea {
  name: string;
  /** The months held, 'YYYY-MM'. */
  held: string[];
  /** Crimes a month, by police.uk crime type. */
  perMonth: Record<string, number>;
  population: number | null;
}

export interface FixedCrimeFigures {
  overrides: ServiceOverrides;
  /** The areas by partnership id: the partnership's own under its id, and its peers (every other area) under theirs. */
  areas: Map<string, FixedArea>;
}

/** The areas map is read at each call, so a test fills it once it knows the partnership's id, and changes it later. */
export function fixedCrimeFigures(): FixedCrimeFigures {
  const areas = new Map<string, FixedArea>();
  const figuresOf = (id: string, from: string, to: string): AreaFigures | null => {
    const area = areas.get(id);
    if (!area) return null;
    const heldMonths = area.held.filter((month) => month >= from && month <= to).sort();
    const byType = Object.entries(area.perMonth)
      .map(([crimeType, count]) => ({ crimeType, count: count * heldMonths.length }))
      .sort((a, b) => b.count - a.count);
    return { partnershipId: id, name: area.name, heldMonths, byType, population: area.population, populationEdition: 2021 };
  };
  const overrides: ServiceOverrides = {
    crimeData: (built) => ({
      ...built,
      areaFigures: (ids, { from, to }) => Promise.resolve(ids.map((id) => figuresOf(id, from, to)).filter((area) => area !== null)),
      peers: (partnershipId) =>
        Promise.resolve(
          [...areas.entries()].filter(([id]) => id !== partnershipId).map(([id, area]) => ({ partnershipId: id, name: area.name })),
        ),
    }),
  };
  return { overrides, areas };
}

/**
 * Oversight: what the Police and Crime Commissioner's staff see across the partnerships of an area they
 * oversee. For now the area's crime comparison (the start of the area dashboard); risks and oversight complete it.
 */
import type { GroupPosition } from '../../platform/groupComparison.ts';
import { type AreaFigures, type Month, type PeriodAsked, periodAsked, type PeriodChosen, yearEarlier } from '../crimedata/index.ts';
import { type AreaCrimeComparison, areaCrimeComparison } from './areaComparison.ts';

export type { AreaCrimeComparison, AreaPartnershipRow } from './areaComparison.ts';
export type { GroupPosition };

export interface OversightDependencies {
  /** The partnerships of the area, by name (governance's). */
  partnershipsOfArea: (areaId: string) => Promise<{ id: string; name: string }[]>;
  /** The months a partnership's force has files for (crime data's). */
  publishedMonths: (partnershipId: string) => Promise<Month[]>;
  areaFigures: (partnershipIds: readonly string[], months: { from: Month; to: Month }) => Promise<AreaFigures[]>;
}

export interface OversightService {
  /** The area's partnerships side by side for the period asked (by default the 12 months to the latest month held). */
  crimeComparison(areaId: string, asked: PeriodAsked): Promise<PeriodChosen & { comparison: AreaCrimeComparison | null }>;
}

export function createOversightService(deps: OversightDependencies): OversightService {
  return {
    async crimeComparison(areaId, asked) {
      const partnerships = await deps.partnershipsOfArea(areaId);
      // The months any of the area's partnerships holds: one whose force has fewer shows "no figures" for the rest.
      const held = new Set((await Promise.all(partnerships.map((p) => deps.publishedMonths(p.id)))).flat());
      const chosen = periodAsked(asked, [...held].sort());
      if (!chosen.period) return { ...chosen, comparison: null };
      const ids = partnerships.map((p) => p.id);
      const earlierPeriod = yearEarlier(chosen.period);
      const [current, earlier] = await Promise.all([deps.areaFigures(ids, chosen.period), deps.areaFigures(ids, earlierPeriod)]);
      return { ...chosen, comparison: areaCrimeComparison(current, earlier, chosen.period, earlierPeriod) };
    },
  };
}

/**
 * A police.uk file's crimes counted as the import reads them (every line of the file, those an interrupted import
 * wrote before too, so that each crime counts once): by LSOA and crime type for the monthly counts, and what the
 * import page says of them, worked out from the LSOAs the file names rather than by reading its rows back.
 */
import type { LsoaEdition } from '../../db/schema.ts';
import type { Month } from './analysis/types.ts';
import { editionOfFile } from './lsoaEditions.ts';
import type { StreetCrime } from './policeUkFile.ts';

/** Where an LSOA code is, in one census edition: the force of its Community Safety Partnership, if it has one. */
export interface LsoaPlace {
  code: string;
  edition: LsoaEdition;
  forceCode: string | null;
}

/** A file's crimes as the import page counts them, and the census edition its LSOA codes are of. */
export interface FileCounts {
  lsoaEdition: LsoaEdition;
  crimes: number;
  withoutLocation: number;
  unknownLsoa: number;
  outsideForce: number;
}

/** One row of the monthly counts: a file's crimes of one type in one LSOA. */
export interface LsoaTypeCount {
  lsoaCode: string;
  crimeType: string;
  crimes: number;
}

export interface CrimeTally {
  add(crime: Pick<StreetCrime, 'lsoaCode' | 'crimeType'>): void;
  /** The LSOA codes the file names. */
  lsoaCodes(): string[];
  /** The crimes placed in an LSOA, by LSOA and type (police.uk's "No location" ones are in no LSOA's count). */
  counts(): LsoaTypeCount[];
  /** The file's counts, given where each of its LSOA codes is (a code of neither edition: none). */
  counted(places: readonly LsoaPlace[], forceCode: string | null, month: Month): FileCounts;
}

export function crimeTally(): CrimeTally {
  const byLsoa = new Map<string, Map<string, number>>();
  let withoutLocation = 0;
  let crimes = 0;
  const inLsoa = (code: string) => [...(byLsoa.get(code)?.values() ?? [])].reduce((sum, count) => sum + count, 0);
  return {
    add({ lsoaCode, crimeType }) {
      crimes += 1;
      if (lsoaCode === null) {
        withoutLocation += 1;
        return;
      }
      let types = byLsoa.get(lsoaCode);
      if (!types) byLsoa.set(lsoaCode, (types = new Map<string, number>()));
      types.set(crimeType, (types.get(crimeType) ?? 0) + 1);
    },
    lsoaCodes: () => [...byLsoa.keys()],
    counts: () =>
      [...byLsoa].flatMap(([lsoaCode, types]) => [...types].map(([crimeType, count]) => ({ lsoaCode, crimeType, crimes: count }))),
    counted(places, forceCode, month) {
      const editions = new Map<string, Map<LsoaEdition, string | null>>();
      for (const place of places) {
        if (!editions.has(place.code)) editions.set(place.code, new Map<LsoaEdition, string | null>());
        editions.get(place.code)!.set(place.edition, place.forceCode);
      }
      // The crimes in LSOAs of only one edition decide the file's (lsoaEditions.ts).
      const only = { only2011: 0, only2021: 0 };
      for (const [code, of] of editions) {
        if (of.size !== 1) continue;
        only[of.has(2011) ? 'only2011' : 'only2021'] += inLsoa(code);
      }
      const lsoaEdition = editionOfFile(only, month);
      let unknownLsoa = 0;
      let outsideForce = 0;
      for (const code of byLsoa.keys()) {
        const of = editions.get(code);
        if (!of?.has(lsoaEdition)) unknownLsoa += inLsoa(code);
        else if (of.get(lsoaEdition) !== null && of.get(lsoaEdition) !== (forceCode ?? '')) outsideForce += inLsoa(code);
      }
      return { lsoaEdition, crimes, withoutLocation, unknownLsoa, outsideForce };
    },
  };
}

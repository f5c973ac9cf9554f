/** The shapes the crime analysis works on: police.uk street-level crime, already counted. */
import type { LsoaEdition } from '../../../db/schema.ts';

/** Month as 'YYYY-MM'. */
export type Month = string;

/** Crimes counted by month, LSOA, police.uk location (a snap point name such as "On or near Lancelot Close") and crime type. */
export interface CrimeCount {
  month: Month;
  lsoaCode: string;
  location: string;
  crimeType: string;
  count: number;
}

/** An LSOA of the partnership's area, with its ONS mid-year population (null when not known). */
export interface AreaLsoa {
  code: string;
  name: string;
  population: number | null;
}

/**
 * A month's figure in a series: null when the force published nothing for the month, which is not the same as no
 * crime, or when the month's file is coded in LSOAs of another census edition than the series' (not comparable).
 */
export interface MonthCount {
  month: Month;
  count: number | null;
  notComparable?: true;
}

/** A partnership's crimes over whole months, by type, with the residents of its area. */
export interface AreaFigures {
  partnershipId: string;
  /** The partnership's name. */
  name: string;
  /** Months of the period its force has a complete file for, in order; [] when its crime area is not set. */
  heldMonths: Month[];
  /** Crimes by police.uk crime type, busiest first ('Anti-social behaviour' is one of them). */
  byType: { crimeType: string; count: number }[];
  /** Residents of its LSOAs in the edition of the latest held month; null when not known. */
  population: number | null;
  /** That edition: the residents are ONS mid-2019 estimates for the 2011 LSOAs, mid-2022 for the 2021 ones. */
  populationEdition: LsoaEdition | null;
}

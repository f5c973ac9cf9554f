/** The crime data module's public face: police.uk imports, the ONS reference, and the crimes of a partnership's area. */
export {
  createCrimeDataService,
  type CrimeDataService,
  type CrimePoint,
  type CspRow,
  type ImportProgress,
  type ImportRow,
} from './crimedata.service.ts';
export type { AreaLsoa, CrimeCount, Month } from './analysis/types.ts';
export { importFinished, importOutcome, importPercent, importStatusName } from './importReport.ts';

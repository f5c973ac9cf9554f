/** The crime data module's public face: police.uk imports, the ONS reference, and the crimes of a partnership's area. */
export {
  createCrimeDataService,
  type CrimeDataDependencies,
  type CrimeDataService,
  type CrimePoint,
  type CspRow,
  type ImportProgress,
  type ImportRow,
} from './crimedata.service.ts';
export { type CrimeDataRouteDependencies, crimeDataRoutes } from './crimedata.routes.ts';
export { heldFilesNotice, waitingFileView } from './heldWords.ts';
export type { WaitingFile } from './heldImports.ts';
export type { AreaLsoa, CrimeCount, Month, MonthCount } from './analysis/types.ts';
export type { AreaFigures, Peer, PeerChoice } from './figures.ts';
export { accuracyMethod, predictionAccuracy, type PredictionAccuracy } from './analysis/accuracy.ts';
export { emergingHotspots, emergingMethod, type EmergingHotspot, namesStreet } from './analysis/hotspots.ts';
export { addMonths, missingMonthWords, monthPattern, monthsBetween, previousMonth, sameMonthLastYear } from './analysis/months.ts';
export { predictiveCalendar, predictiveCalendarMethod } from './analysis/predictiveCalendar.ts';
export { monthlySeries, type Trend, trendMethod, trendOf } from './analysis/series.ts';
export { monthName } from '../../platform/dates.ts';
export {
  changeText,
  expectedText,
  hotspotsForAccuracy,
  missingMonthText,
  monthAskedWords,
  ogl,
  onsSource,
  trendText,
} from './hotspotsPage.ts';
export { type AreaEditions, comparability, comparableMonths } from './lsoaEditions.ts';
export { lsoaLabel, lsoaLabeller } from './lsoaLabel.ts';
export { type Term, terms } from './terms.ts';
export { importFinished, importOutcome, importPercent, importStatusName } from './importReport.ts';
export { type Period, type PeriodKind, monthsInWords, monthsNotHeld, yearEarlier } from './analysis/periods.ts';
export { allCrime, allCrimeWithoutAsb, antiSocialBehaviour, countOf, per1000, whollyHeld } from './analysis/profile.ts';
export { floorAtZero, limits, limitsNote, noFigures, notHeld, plainRate, positionOf, rate } from './figuresPage.ts';
export { type PeriodAsked, periodAsked, type PeriodChosen, periodFilter, periodParams } from './figuresPeriod.ts';
export { demoCrimeSources, seedDemoCrimeData } from './demo/crimedata.seed.ts';
export { skippedText, type SkippedEntry } from './policeUkZip.ts';
export { streetFilesOnDisk } from './zipImports.ts';

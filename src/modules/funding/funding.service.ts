/**
 * Funding: the grant a funder (the Police and Crime Commissioner) gives the partnership for a year, and
 * the life of its money — allocations proposed by an officer, agreed by a board decision and released by
 * the chair; quarterly spend returned against them; at year end the underspend, and a carry-over request
 * that becomes next year's carry-over when the funder agrees it. The allocations never exceed the money
 * available (grant plus carry-over): that is checked where each is written, with the grant's row locked.
 */
import { type AllocationsService, createAllocationsService } from './allocations.service.ts';
import { type AreaService, createAreaService } from './area.service.ts';
import { createFundingYears, type FundingDependencies } from './fundingYears.ts';
import { createGrantsService, type GrantsService } from './grants.service.ts';
import { createReportsService, type ReportsService } from './reports.service.ts';
import { createSpendService, type SpendService } from './spend.service.ts';
import { createYearEndService, type YearEndService } from './yearEnd.service.ts';

export type { FundingDependencies, RecordedDecision } from './fundingYears.ts';
export type { ReportFormat } from './reports.service.ts';
export { beyondReasonField, type SpendImportResult, type SpendInput } from './spend.service.ts';

/** The funding service other modules use: one face over its parts, each of which reads the year the same way. */
export interface FundingService extends GrantsService, AllocationsService, SpendService, YearEndService, ReportsService, AreaService {}

export function createFundingService(dependencies: FundingDependencies): FundingService {
  const years = createFundingYears(dependencies);
  return {
    ...createGrantsService(dependencies, years),
    ...createAllocationsService(dependencies, years),
    ...createSpendService(dependencies, years),
    ...createYearEndService(dependencies, years),
    ...createReportsService(dependencies, years),
    ...createAreaService(dependencies),
  };
}

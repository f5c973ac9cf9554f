/**
 * Funding pages, under /partnerships/:partnershipId/funding: each year's grant and the life of its money —
 * allocations proposed by an officer, agreed by a board decision and released by the chair — the quarterly spend
 * returns (typed in, or imported from a CSV file), the quarterly financial report, and the year end with its
 * carry-over request and the funder's decision. The funder's view of an area is in area.routes.ts.
 */
import type { ModuleRoutes } from '../../web/module.ts';
import { registerAllocationRoutes } from './allocations.routes.ts';
import { notFoundForUnknownAddress } from './funding.paths.ts';
import type { FundingService } from './funding.service.ts';
import type { PriorityChoice } from './fundingYears.ts';
import { registerGrantRoutes } from './grants.routes.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { registerSpendRoutes } from './spend.routes.ts';
import { registerYearEndRoutes } from './yearEnd.routes.ts';

/** What the funding pages need from other modules. */
export interface FundingRouteDependencies {
  funding: FundingService;
  /** The strategy's priorities (archived ones too), which an allocation may serve. */
  priorities: (partnershipId: string) => Promise<PriorityChoice[]>;
  /** The meetings still to come, where a report can go. */
  meetingsToCome: (partnershipId: string) => Promise<{ id: string; meetingDate: string; groupName: string }[]>;
}

export const fundingRoutes: ModuleRoutes<FundingRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/funding',
  plugin(instance, { pages, deps }, done) {
    notFoundForUnknownAddress(instance);
    registerGrantRoutes(instance, pages, deps);
    registerAllocationRoutes(instance, pages, deps);
    registerSpendRoutes(instance, pages, deps);
    registerYearEndRoutes(instance, pages, deps);
    registerReportRoutes(instance, pages, deps);
    done();
  },
};

/**
 * Funding pages: each year's grant and the life of its money — allocations proposed by an officer, agreed
 * by a board decision and released by the chair — the quarterly spend returns (typed in, or imported from
 * a CSV file), the quarterly financial report, the year end with its carry-over request and the funder's
 * decision, and the funder's view of every partnership of an area side by side.
 */
import type { FastifyInstance } from 'fastify';
import type { PageRenderer } from '../../web/render.ts';
import type { MeetingsService } from '../meetings/index.ts';
import { type PriorityChoice, registerAllocationRoutes } from './allocations.routes.ts';
import { registerAreaRoutes } from './area.routes.ts';
import type { FundingService } from './funding.service.ts';
import { registerGrantRoutes } from './grants.routes.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { registerSpendRoutes } from './spend.routes.ts';
import { registerYearEndRoutes } from './yearEnd.routes.ts';

export type { PriorityChoice } from './allocations.routes.ts';

export function registerFundingRoutes(
  app: FastifyInstance,
  pages: PageRenderer,
  funding: FundingService,
  meetings: MeetingsService,
  priorities: (partnershipId: string) => Promise<PriorityChoice[]>,
): void {
  registerGrantRoutes(app, pages, funding);
  registerAllocationRoutes(app, pages, funding, priorities);
  registerSpendRoutes(app, pages, funding);
  registerYearEndRoutes(app, pages, funding);
  registerReportRoutes(app, pages, funding, meetings);
  registerAreaRoutes(app, pages, funding);
}

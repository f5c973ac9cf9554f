/** The performance module's part of finding one's way: its latest report for the overview, its published ones for the public. */
import { formatDate } from '../../platform/dates.ts';
import type { PerformanceService } from './performance.service.ts';
import type { PerformanceReport } from './report.ts';
import { periodLabel } from './periods.ts';
import { quarterSlug } from './performance.routes.ts';

export interface ReportLink {
  title: string;
  /** 'Approved and published 3 May 2027', or 'Draft'. */
  standing: string;
  href: string;
}

/** A published report, with the indicators it reports on, so that a search for "hate crime" finds it. */
export interface PublishedReport extends ReportLink {
  covers: string[];
}

export interface PerformanceFinding {
  /** The newest quarter's report, draft or approved, on the signed-in pages; null before the first. */
  latestReport(partnershipId: string): Promise<ReportLink | null>;
  /** The approved reports, newest first, on the public pages. */
  publishedReports(partnershipId: string): Promise<PublishedReport[]>;
}

export function createPerformanceFinding(performance: Pick<PerformanceService, 'reports'>): PerformanceFinding {
  const standing = (row: { status: string; approvedAt: string | null }) =>
    row.status === 'approved' ? `Approved and published ${formatDate(row.approvedAt)}` : 'Draft, not yet approved';
  return {
    async latestReport(partnershipId) {
      const [row] = (await performance.reports(partnershipId)).reports;
      if (!row) return null;
      return {
        title: `Performance report, ${periodLabel(row.period)}`,
        standing: standing(row),
        href: `/partnerships/${partnershipId}/performance/reports/${quarterSlug(row.period)}`,
      };
    },
    async publishedReports(partnershipId) {
      const { reports } = await performance.reports(partnershipId, { approvedOnly: true });
      return reports.map((row) => ({
        title: `Performance report, ${periodLabel(row.period)}`,
        standing: standing(row),
        href: `/public/partnerships/${partnershipId}/performance/${quarterSlug(row.period)}`,
        // The indicators as the report was approved and published: never one added, drafted or archived since.
        covers: row.approvedJson
          ? (JSON.parse(row.approvedJson) as Pick<PerformanceReport, 'indicators'>).indicators.map((i) => i.name)
          : [],
      }));
    },
  };
}

/**
 * The quarterly financial report for the board: a year's position through a quarter, as a page, a PDF or a
 * Word file, and put on a meeting's agenda with its PDF as the paper.
 */
import type { Actor } from '../../platform/principal.ts';
import { todayInEngland } from '../../platform/clock.ts';
import { financialYearName as year } from '../../platform/dates.ts';
import type { FinancialReport, Quarter } from './funding.types.ts';
import type { FundingDependencies, FundingYears } from './fundingYears.ts';
import { fundingPosition } from './position.ts';
import { financialReportDocx, financialReportPdf, financialReportTitle } from './reportDocument.ts';

export type ReportFormat = 'pdf' | 'docx';

const quarterMonths = ['April to June', 'July to September', 'October to December', 'January to March'];

export function quarterLabel(yearStarting: number, quarter: Quarter): string {
  const calendarYear = quarter === 4 ? yearStarting + 1 : yearStarting;
  return `Quarter ${quarter}, ${year(yearStarting)} (${quarterMonths[quarter - 1]} ${calendarYear})`;
}

export interface ReportsService {
  report(partnershipId: string, yearStarting: number, quarter: Quarter): Promise<FinancialReport>;
  reportFile(
    partnershipId: string,
    yearStarting: number,
    quarter: Quarter,
    format: ReportFormat,
  ): Promise<{ fileName: string; bytes: Buffer }>;
  /** Puts the report's PDF on a meeting still to come, as a new item: returns the item's title. */
  attachReport(actor: Actor, partnershipId: string, yearStarting: number, quarter: Quarter, meetingId: string): Promise<string>;
}

export function createReportsService(
  { clock, partnershipName, meetingToCome, attachReport }: FundingDependencies,
  years: FundingYears,
): ReportsService {
  const { loadYear, assertReportable } = years;
  async function buildReport(partnershipId: string, yearStarting: number, quarter: Quarter): Promise<FinancialReport> {
    assertReportable(yearStarting, quarter);
    const [funding, name] = await Promise.all([loadYear(partnershipId, yearStarting), partnershipName(partnershipId)]);
    return {
      partnershipId,
      partnershipName: name,
      grant: funding.grant,
      quarter,
      quarterLabel: quarterLabel(yearStarting, quarter),
      change: funding.change,
      allocations: funding.allocations,
      position: fundingPosition(funding.grant, funding.allocations, quarter),
      carryOver: funding.carryOver,
      preparedOn: todayInEngland(clock),
    };
  }

  return {
    report: buildReport,

    async reportFile(partnershipId, yearStarting, quarter, format) {
      const report = await buildReport(partnershipId, yearStarting, quarter);
      const bytes = format === 'pdf' ? await financialReportPdf(report) : await financialReportDocx(report);
      return { fileName: `${financialReportTitle(report)}.${format}`, bytes };
    },

    async attachReport(actor, partnershipId, yearStarting, quarter, meetingId) {
      const report = await buildReport(partnershipId, yearStarting, quarter);
      const meeting = await meetingToCome(partnershipId, meetingId);
      const title = financialReportTitle(report);
      await attachReport(actor, partnershipId, meeting.id, {
        title,
        purpose: 'To receive the quarterly financial report on the spend of the partnership’s funding',
        pdf: await financialReportPdf(report),
        confidentialReason: null,
      });
      return title;
    },
  };
}

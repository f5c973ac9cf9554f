/**
 * The life of a quarter's performance report: a draft whose summary and commentary are written, approved once its
 * quarter has ended (and then kept as approved), and only then taken to a meeting. The service refuses what this
 * does not allow, and the report's page offers only what it allows.
 */
import type { PerformanceReportStatus } from '../../db/schema.ts';
import { latestCompleteQuarter } from './periods.ts';

export interface ReportMoves {
  /** Its summary and commentary can be written. */
  write: boolean;
  approve: boolean;
  /** It can go onto a meeting's agenda. */
  attach: boolean;
}

/** Whether a quarter (e.g. 2016-17 Q1) has ended by today. */
export const quarterHasEnded = (quarter: string, today: string): boolean => quarter <= latestCompleteQuarter(today);

export function reportMoves(report: { status: PerformanceReportStatus; period: string }, today: string): ReportMoves {
  const draft = report.status === 'draft';
  return { write: draft, approve: draft && quarterHasEnded(report.period, today), attach: !draft };
}

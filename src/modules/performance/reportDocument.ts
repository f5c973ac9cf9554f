/**
 * The performance report as a PDF (pdfkit) and a Word file (docx), in the words of the partnership's own
 * report ("Coventry Police & Crime Board Quarter 4, 2015-16 Performance Report"): for each indicator its
 * direction of travel, its figures, its Most Similar Group table, its trend chart and the analyst's commentary.
 * The content is built once as blocks, so the two files say the same thing.
 */
import { formatDayOf } from '../../platform/dates.ts';
import { plural } from '../../platform/numbers.ts';
import {
  directionWords,
  exceptionRule,
  exceptionWords,
  formatChange,
  formatValue,
  missingWords,
  ragNames,
  rankWords,
  targetStatusNames,
  unitNames,
} from './format.ts';
import type { IndicatorFigures, MsgFigure, PerformanceReport } from './report.ts';
import { type DocumentBlock, type DocumentContent, documentDocx, documentPdf } from '../../platform/documents.ts';

export interface ReportDocumentOptions {
  /** Only the indicators outside tolerance (an exception report). */
  exceptionsOnly: boolean;
  /** Each indicator's trend chart, by indicator id. */
  charts: ReadonlyMap<string, { svg: string; description: string }>;
}

const draftWords = 'DRAFT – not approved for publication';

const paragraphs = (text: string): string[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean);

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** The exception report's line about the indicators it leaves out. */
function othersLine(report: PerformanceReport, shown: number): string {
  const others = report.indicators.filter((indicator) => indicator.exception === null);
  const onTarget = others.filter((i) => i.targetStatus === 'ahead' || i.targetStatus === 'on_target').length;
  const notOnTarget = others.filter((i) => i.targetStatus === 'not_on_target').length;
  const notReported = others.filter((i) => i.targetStatus === null).length;
  const parts = [
    `${onTarget} ${onTarget === 1 ? 'is' : 'are'} on target or ahead of it`,
    ...(notOnTarget ? [`${notOnTarget} ${notOnTarget === 1 ? 'is' : 'are'} not on target but within tolerance`] : []),
    `${notReported} ${notReported === 1 ? 'is' : 'are'} not reported on against a target (no target or no figure)`,
  ];
  const list = parts.length === 3 ? `${parts[0]}, ${parts[1]} and ${parts[2]}` : parts.join(' and ');
  return `This exception report shows only the ${plural(shown, 'indicator', 'indicators')} outside tolerance, of ${report.indicators.length} in the full report. Of the other ${plural(others.length, 'indicator', 'indicators')}, ${list}.`;
}

const positionWords = {
  above: 'Above the upper control limit',
  within: 'Within the control limits',
  below: 'Below the lower control limit',
};

const positionWords2 = {
  above: 'Above the upper limit at two standard deviations',
  within: 'Within the limits at two standard deviations',
  below: 'Below the lower limit at two standard deviations',
};

/** The Most Similar Group table, rank, average and control limits, in the indicator's own unit as on the page. */
function msgBlocks(msg: MsgFigure, indicator: IndicatorFigures): DocumentBlock[] {
  const unit = msg.unit ?? indicator.unit;
  const value = (n: number | null) => formatValue(n, unit);
  const lines = [
    `Rank: ${msg.rank === null ? 'not ranked (no value given)' : rankWords(msg, ordinal(msg.rank))}`,
    `Average of the ${plural(msg.known, 'member', 'members')} with a value: ${value(msg.average)}${missingWords(msg) ? ` (${missingWords(msg)})` : ''}`,
    ...(msg.publishedAverage === null ? [] : [`Published average: ${value(msg.publishedAverage)}`]),
    ...(msg.lowerLimit === null || msg.upperLimit === null
      ? []
      : [`Control limits (mean ± one standard deviation): ${value(msg.lowerLimit)} – ${value(msg.upperLimit)}`]),
    ...(msg.position === null ? [] : [`Position: ${positionWords[msg.position]}`]),
    // Absent from reports approved before the limits at two standard deviations were shown.
    ...(msg.lowerLimit2 === null || msg.lowerLimit2 === undefined || msg.upperLimit2 === null || msg.upperLimit2 === undefined
      ? []
      : [`Limits at two standard deviations (mean ± two standard deviations): ${value(msg.lowerLimit2)} – ${value(msg.upperLimit2)}`]),
    ...(msg.position2 === null || msg.position2 === undefined ? [] : [`Position against them: ${positionWords2[msg.position2]}`]),
    ...(msg.source ? [`Source: ${msg.source}`] : []),
  ];
  return [
    {
      kind: 'table',
      caption: `Most Similar Group comparison${unit === indicator.unit ? '' : ', per 1,000 residents'}, ${msg.periodLabel}`,
      headings: ['Partnership', unitNames[unit]],
      widths: [0.7, 0.3],
      rows: msg.members.map((member) => ({
        cells: [`${member.name}${member.isSelf ? ' (this partnership)' : ''}`, member.value === null ? 'Not given' : value(member.value)],
        marked: member.isSelf,
      })),
    },
    ...lines.map((text): DocumentBlock => ({ kind: 'text', text })),
  ];
}

function indicatorBlocks(indicator: IndicatorFigures, chart: { svg: string; description: string } | undefined): DocumentBlock[] {
  const { unit } = indicator;
  const comparisonRow = (label: string, c: IndicatorFigures['period']) => ({
    cells: [label, formatValue(c.current, unit), formatValue(c.previous, unit), formatChange(c, unit)],
  });
  const status =
    indicator.target === null
      ? 'No target'
      : indicator.targetStatus === null
        ? 'Not assessed: no figure'
        : targetStatusNames[indicator.targetStatus];
  return [
    { kind: 'heading', text: indicator.name },
    { kind: 'text', style: 'bold', text: `Direction of travel: ${directionWords(indicator)}` },
    ...(indicator.exception ? [{ kind: 'text', style: 'bold', text: `Exception: ${exceptionWords(indicator) ?? ''}` } as const] : []),
    ...(indicator.provisional ? [{ kind: 'text', style: 'italic', text: 'Some of these figures are provisional.' } as const] : []),
    {
      kind: 'table',
      caption: `Figures for ${indicator.periodLabel}`,
      headings: ['Figure', 'This year', 'Last year', 'Change'],
      widths: [0.3, 0.2, 0.2, 0.3],
      rows: [
        comparisonRow(indicator.periodLabel, indicator.period),
        ...(indicator.yearToDate ? [comparisonRow('Year to date', indicator.yearToDate)] : []),
      ],
    },
    {
      kind: 'table',
      caption: 'Target',
      headings: ['Measure', 'Value'],
      widths: [0.3, 0.7],
      rows: [
        { cells: ['Target', indicator.target?.text ?? 'No target'] },
        { cells: ['Status against target', status] },
        { cells: ['RAG rating', ragNames[indicator.rag]] },
        ...(indicator.ratePer1000 === null
          ? []
          : [{ cells: ['Rate per 1,000 population', formatValue(indicator.ratePer1000, 'rate_per_1000')] }]),
      ],
    },
    ...(indicator.msg ? msgBlocks(indicator.msg, indicator) : []),
    ...(chart ? [{ kind: 'chart', ...chart } as const] : []),
    { kind: 'subheading', text: 'Commentary' },
    ...(paragraphs(indicator.commentary).length
      ? paragraphs(indicator.commentary).map((text): DocumentBlock => ({ kind: 'text', text }))
      : [{ kind: 'text', style: 'italic', text: 'No commentary' } as const]),
  ];
}

/** The day in England of the approval (a timestamp in UTC): late on a summer evening it is already the next day. */
function approvedDate(approvedAt: string | null): string {
  const day = formatDayOf(approvedAt);
  return day ? `on ${day}` : '(date not recorded)';
}

function reportContent(report: PerformanceReport, options: ReportDocumentOptions): DocumentContent {
  const title = `${report.partnershipName} ${report.periodLabel} ${options.exceptionsOnly ? 'Exception' : 'Performance'} Report`;
  const indicators = options.exceptionsOnly ? report.indicators.filter((indicator) => indicator.exception !== null) : report.indicators;
  const standing =
    report.status === 'draft'
      ? draftWords
      : `Approved ${approvedDate(report.approvedAt)}${report.approvedByName ? ` by ${report.approvedByName}` : ''}`;
  const blocks: DocumentBlock[] = [
    { kind: 'title', text: title },
    { kind: 'text', style: 'bold', text: standing },
    ...(options.exceptionsOnly
      ? [
          { kind: 'text', text: othersLine(report, indicators.length) } as const,
          { kind: 'subheading', text: 'How exceptions are chosen' } as const,
          ...exceptionRule.map((text) => ({ kind: 'text', text }) as const),
        ]
      : []),
    { kind: 'subheading', text: 'Summary' },
    ...(paragraphs(report.summary).length
      ? paragraphs(report.summary).map((text): DocumentBlock => ({ kind: 'text', text }))
      : [{ kind: 'text', style: 'italic', text: 'No summary' } as const]),
    {
      kind: 'text',
      text: `Population used for the rates per 1,000: ${report.population?.text ?? 'not recorded, so the report gives no rates'}`,
    },
    ...(indicators.length ? [] : [{ kind: 'text', text: 'No indicators to report.' } as const]),
    ...indicators.flatMap((indicator) => indicatorBlocks(indicator, options.charts.get(indicator.indicatorId))),
  ];
  return { title, footer: report.status === 'draft' ? `${title} – ${draftWords}` : title, blocks };
}

export function performanceReportPdf(report: PerformanceReport, options: ReportDocumentOptions): Promise<Buffer> {
  return documentPdf(reportContent(report, options));
}

export function performanceReportDocx(report: PerformanceReport, options: ReportDocumentOptions): Promise<Buffer> {
  return documentDocx(reportContent(report, options));
}

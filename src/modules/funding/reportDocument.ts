/**
 * The quarterly financial report for the board as a PDF and a Word file: in Coventry's terms of reference
 * the board is "receiving quarterly financial reports updating on spends". The grant and what it left to
 * allocate, the position by theme and by allocation to the end of the quarter, the spend returns still
 * missing and any request to carry the underspend over. The content is built once as blocks, so the two
 * files say the same thing; the shared drawing in web/documents.ts draws them.
 */
import { formatDate, formatDayOf } from '../../platform/dates.ts';
import { formatMoney, formatMoneyChange, formatPercentChange } from '../../platform/numbers.ts';
import { type DocumentBlock, type DocumentContent, documentDocx, documentPdf } from '../../platform/documents.ts';
import { allocationStateNames } from './allocationLife.ts';
import { carryOverStateNames } from './funding.inputs.ts';
import type { CarryOverView, FinancialReport } from './funding.types.ts';
import { leftOrOverspent, missingReturnText, type PositionLine, returnsStanding, returnsStatement } from './position.ts';

const varianceWords =
  'Variance is the allocation less the forecast for the year (never less than what has been spent): a figure marked overspent is spend expected past the allocation.';

/** The report's title, e.g. "Coventry Community Safety Partnership financial report, Quarter 1 2016/17" — used as the agenda item's title and the file names. */
export function financialReportTitle(report: FinancialReport): string {
  return `${report.partnershipName} financial report, Quarter ${report.quarter} ${report.grant.yearLabel}`;
}

/** "−£136,576 (−25%) on last year's £546,304", or "Not known" when last year's grant is not known. */
function changeWords(report: FinancialReport): string {
  const { change } = report;
  if (change === null) return 'Not known';
  const percent = change.percent === null ? '' : ` (${formatPercentChange(change.percent)})`;
  const previous = report.grant.previousAmount;
  return `${formatMoneyChange(change.difference)}${percent}${previous === null ? '' : ` on last year’s ${formatMoney(previous)}`}`;
}

function carryInWords(report: FinancialReport): string {
  const { carryOver, carryOverAgreed } = report.grant;
  if (!carryOverAgreed) return formatMoney(carryOver);
  const on = formatDayOf(carryOverAgreed.on);
  return `${formatMoney(carryOver)}, agreed by the funder${on ? ` on ${on}` : ''}${carryOverAgreed.by ? ` (${carryOverAgreed.by})` : ''}`;
}

function grantBlock(report: FinancialReport): DocumentBlock {
  const { grant, position } = report;
  return {
    kind: 'table',
    caption: `The grant for ${grant.yearLabel}`,
    headings: ['Measure', 'Value'],
    widths: [0.4, 0.6],
    rows: [
      { cells: ['Funder', grant.funder] },
      { cells: ['Grant for the year', formatMoney(grant.amount)] },
      { cells: ['Change on last year', changeWords(report)] },
      { cells: ['Carry-over from last year', carryInWords(report)] },
      { cells: ['Money available', formatMoney(position.available)], marked: true },
      { cells: ['Allocated', formatMoney(position.allocated)] },
      { cells: ['Not yet allocated', formatMoney(position.unallocated)] },
    ],
  };
}

const figures = (line: PositionLine): string[] => [
  formatMoney(line.allocated),
  formatMoney(line.spentToDate),
  formatMoney(line.forecast),
  leftOrOverspent(line.variance),
];

function positionBlocks(report: FinancialReport): DocumentBlock[] {
  const { position } = report;
  if (position.allocations.length === 0) return [{ kind: 'text', style: 'italic', text: 'Nothing has been allocated yet.' }];
  const granteeOf = new Map(report.allocations.map((allocation) => [allocation.id, allocation.granteeText]));
  const withdrawn = report.allocations.filter((allocation) => allocation.state === 'withdrawn');
  return [
    {
      kind: 'table',
      caption: `Position by theme, to the end of Quarter ${position.throughQuarter}`,
      headings: ['Theme', 'Allocated', 'Spent to date', 'Forecast for the year', 'Variance'],
      widths: [0.36, 0.16, 0.16, 0.16, 0.16],
      rows: [
        ...position.themes.map((theme) => ({ cells: [theme.theme, ...figures(theme)] })),
        { cells: ['Total', ...figures(position.total)], marked: true },
      ],
    },
    {
      kind: 'table',
      caption: 'Position by allocation',
      headings: ['Ref', 'Purpose', 'Granted to', 'State', 'Allocated', 'Spent to date', 'Forecast', 'Variance'],
      widths: [0.06, 0.22, 0.16, 0.12, 0.11, 0.11, 0.11, 0.11],
      rows: position.allocations.map((line) => ({
        cells: [String(line.reference), line.purpose, granteeOf.get(line.id) ?? '', allocationStateNames[line.state], ...figures(line)],
      })),
    },
    { kind: 'text', text: varianceWords },
    ...(withdrawn.length
      ? [
          {
            kind: 'text',
            text: `Withdrawn, and not counted above: ${withdrawn.map((allocation) => `allocation ${allocation.reference} (${allocation.purpose})`).join('; ')}.`,
          } as const,
        ]
      : []),
  ];
}

function missingReturnBlocks(report: FinancialReport): DocumentBlock[] {
  const standing = returnsStanding(report.position);
  return [
    { kind: 'subheading', text: 'Spend returns' },
    { kind: 'text', text: returnsStatement(standing) },
    ...standing.missing.map((line): DocumentBlock => ({ kind: 'text', text: missingReturnText(line) })),
  ];
}

function carryOverBlocks(request: CarryOverView | null, yearLabel: string): DocumentBlock[] {
  if (!request) return [];
  const requestedOn = formatDayOf(request.requestedAt);
  const decidedOn = formatDayOf(request.decidedAt);
  const agreed =
    request.agreed !== null
      ? `${formatMoney(request.agreed)}${decidedOn ? ` on ${decidedOn}` : ''}`
      : request.state === 'declined'
        ? `None: declined${decidedOn ? ` on ${decidedOn}` : ''}`
        : 'Not yet decided';
  return [
    {
      kind: 'table',
      caption: `Request to carry ${yearLabel}’s underspend over`,
      headings: ['Item', 'Detail'],
      widths: [0.3, 0.7],
      rows: [
        { cells: ['State', carryOverStateNames[request.state]], marked: true },
        {
          cells: [
            'Requested',
            `${formatMoney(request.requested)}${requestedOn ? ` on ${requestedOn}` : ''}${request.requestedBy ? ` by ${request.requestedBy}` : ''}`,
          ],
        },
        { cells: ['Reason', request.reason] },
        { cells: ['Agreed', agreed] },
        ...(request.funderNote ? [{ cells: ['Funder’s note', request.funderNote] }] : []),
      ],
    },
  ];
}

/** A report built on missing returns says so at its head, not only where the returns are listed. */
function provisionalBlocks(report: FinancialReport): DocumentBlock[] {
  const standing = returnsStanding(report.position);
  return standing.complete ? [] : [{ kind: 'text', style: 'bold', text: returnsStatement(standing) }];
}

export function financialReportContent(report: FinancialReport): DocumentContent {
  const title = financialReportTitle(report);
  const blocks: DocumentBlock[] = [
    { kind: 'title', text: title },
    { kind: 'text', style: 'bold', text: `Spend to the end of ${report.quarterLabel}` },
    { kind: 'text', text: `Prepared on ${formatDate(report.preparedOn)}` },
    ...provisionalBlocks(report),
    grantBlock(report),
    ...positionBlocks(report),
    ...missingReturnBlocks(report),
    ...carryOverBlocks(report.carryOver, report.grant.yearLabel),
  ];
  return { title, footer: title, blocks };
}

export function financialReportPdf(report: FinancialReport): Promise<Buffer> {
  return documentPdf(financialReportContent(report));
}

export function financialReportDocx(report: FinancialReport): Promise<Buffer> {
  return documentDocx(financialReportContent(report));
}

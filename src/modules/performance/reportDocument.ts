/**
 * The performance report as a PDF (pdfkit) and a Word file (docx), in the words of the partnership's own
 * report ("Coventry Police & Crime Board Quarter 4, 2015-16 Performance Report"): for each indicator its
 * direction of travel, its figures, its Most Similar Group table, its trend chart and the analyst's commentary.
 * The content is built once as blocks, so the two files say the same thing.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { todayInEngland } from '../../core/clock.ts';
import { formatDate } from '../../core/dates.ts';
import { exceptionNames, formatChange, formatValue, ragNames, targetStatusNames, unitNames } from './format.ts';
import type { IndicatorFigures, MsgFigure, PerformanceReport } from './report.ts';

export interface ReportDocumentOptions {
  /** Only the indicators outside tolerance (an exception report). */
  exceptionsOnly: boolean;
  /** Each indicator's trend chart, by indicator id. */
  charts: ReadonlyMap<string, { svg: string; description: string }>;
}

type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'text'; text: string; style?: 'bold' | 'italic' }
  | { kind: 'table'; caption: string; headings: string[]; rows: { cells: string[]; marked?: boolean }[]; widths: number[] }
  | { kind: 'chart'; svg: string; description: string };

interface ReportContent {
  title: string;
  /** On every page, beside the page number. */
  footer: string;
  blocks: Block[];
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

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

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

/** The Most Similar Group table, rank, average and control limits, in the indicator's own unit as on the page. */
function msgBlocks(msg: MsgFigure, indicator: IndicatorFigures): Block[] {
  const value = (n: number | null) => formatValue(n, indicator.unit);
  const lines = [
    `Rank: ${msg.rank === null ? 'not ranked (no value given)' : `${ordinal(msg.rank)} of ${msg.of}`}`,
    `Average of the ${plural(msg.known, 'member', 'members')} with a value: ${value(msg.average)}`,
    ...(msg.publishedAverage === null ? [] : [`Published average: ${value(msg.publishedAverage)}`]),
    ...(msg.lowerLimit === null || msg.upperLimit === null
      ? []
      : [`Control limits (mean ± one standard deviation): ${value(msg.lowerLimit)} – ${value(msg.upperLimit)}`]),
    ...(msg.position === null ? [] : [`Position: ${positionWords[msg.position]}`]),
    ...(msg.source ? [`Source: ${msg.source}`] : []),
  ];
  return [
    {
      kind: 'table',
      caption: `Most Similar Group comparison, ${msg.periodLabel}`,
      headings: ['Partnership', unitNames[indicator.unit]],
      widths: [0.7, 0.3],
      rows: msg.members.map((member) => ({
        cells: [`${member.name}${member.isSelf ? ' (this partnership)' : ''}`, member.value === null ? 'Not given' : value(member.value)],
        marked: member.isSelf,
      })),
    },
    ...lines.map((text): Block => ({ kind: 'text', text })),
  ];
}

function indicatorBlocks(indicator: IndicatorFigures, chart: { svg: string; description: string } | undefined): Block[] {
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
    { kind: 'text', style: 'bold', text: `Direction of travel: ${indicator.direction?.toUpperCase() ?? 'No comparison'}` },
    ...(indicator.exception ? [{ kind: 'text', style: 'bold', text: `Exception: ${exceptionNames[indicator.exception]}` } as const] : []),
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
      ? paragraphs(indicator.commentary).map((text): Block => ({ kind: 'text', text }))
      : [{ kind: 'text', style: 'italic', text: 'No commentary' } as const]),
  ];
}

/** The day in England of the approval (a timestamp in UTC): late on a summer evening it is already the next day. */
function approvedDate(approvedAt: string | null): string {
  const when = approvedAt ? new Date(approvedAt) : null;
  return when && !Number.isNaN(when.getTime()) ? formatDate(todayInEngland({ now: () => when })) : 'an unrecorded date';
}

function reportContent(report: PerformanceReport, options: ReportDocumentOptions): ReportContent {
  const title = `${report.partnershipName} ${report.periodLabel} ${options.exceptionsOnly ? 'Exception' : 'Performance'} Report`;
  const indicators = options.exceptionsOnly ? report.indicators.filter((indicator) => indicator.exception !== null) : report.indicators;
  const standing =
    report.status === 'draft'
      ? draftWords
      : `Approved on ${approvedDate(report.approvedAt)}${report.approvedByName ? ` by ${report.approvedByName}` : ''}`;
  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'text', style: 'bold', text: standing },
    ...(options.exceptionsOnly ? [{ kind: 'text', text: othersLine(report, indicators.length) } as const] : []),
    { kind: 'subheading', text: 'Summary' },
    ...(paragraphs(report.summary).length
      ? paragraphs(report.summary).map((text): Block => ({ kind: 'text', text }))
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

/**
 * The standard PDF fonts (Helvetica) draw only the Windows-1252 characters; the figures use the true minus
 * sign (U+2212), which they would draw as a wrong glyph, so it and its like become their nearest plain forms.
 */
const cp1252Extras = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
function forStandardFont(text: string): string {
  return text
    .replace(/[\u2212\u2010\u2011]/g, '-')
    .replace(/[\u2009\u202f\u200a]/g, ' ')
    .replace(/[^\n\t\u0020-\u007e\u00a0-\u00ff]/gu, (char) => {
      if (cp1252Extras.includes(char)) return char;
      const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return /^[\u0020-\u007e\u00a0-\u00ff]+$/.test(base) ? base : '?';
    });
}

/** Height over width of an SVG, from its root element's size (the trend chart's is 640 × 240). */
function svgAspect(svg: string): number {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const size = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(root)?.[1]);
  const aspect = size('height') / size('width');
  return Number.isFinite(aspect) && aspect > 0 ? aspect : 240 / 640;
}

export function performanceReportPdf(report: PerformanceReport, options: ReportDocumentOptions): Promise<Buffer> {
  const content = reportContent(report, options);
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, info: { Title: content.title } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    const left = pdf.page.margins.left;
    const width = pdf.page.width - left - pdf.page.margins.right;
    const bottom = () => pdf.page.height - pdf.page.margins.bottom;
    const keepRoom = (height: number) => {
      if (pdf.y + height > bottom()) pdf.addPage();
    };
    const text = (words: string) => forStandardFont(words);

    for (const block of content.blocks) {
      pdf.x = left;
      switch (block.kind) {
        case 'title':
          pdf.font('Helvetica-Bold').fontSize(18).text(text(block.text), { align: 'center' }).moveDown(0.5);
          break;
        case 'heading':
          keepRoom(160);
          pdf.moveDown(1).font('Helvetica-Bold').fontSize(14).text(text(block.text)).moveDown(0.3);
          break;
        case 'subheading':
          keepRoom(60);
          pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(11).text(text(block.text));
          break;
        case 'text':
          pdf
            .font(block.style === 'bold' ? 'Helvetica-Bold' : block.style === 'italic' ? 'Helvetica-Oblique' : 'Helvetica')
            .fontSize(10)
            .text(text(block.text))
            .moveDown(0.3);
          break;
        case 'table':
          keepRoom(60);
          pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(text(block.caption)).moveDown(0.2);
          pdf.font('Helvetica').fontSize(9);
          pdf.table({
            columnStyles: block.widths.map((share) => share * width),
            defaultStyle: { border: 0.5, borderColor: '#505a5f', padding: [3, 4, 3, 4] },
            data: [
              block.headings.map((heading) => ({ text: text(heading), type: 'TH' as const, font: { src: 'Helvetica-Bold' } })),
              ...block.rows.map((row) =>
                row.cells.map((cell) => ({ text: text(cell), font: { src: row.marked ? 'Helvetica-Bold' : 'Helvetica' } })),
              ),
            ],
          });
          pdf.moveDown(0.5);
          break;
        case 'chart': {
          const height = width * svgAspect(block.svg);
          keepRoom(height + 40);
          const top = pdf.y;
          SVGtoPDF(pdf, forStandardFont(block.svg), left, top, {
            width,
            height,
            preserveAspectRatio: 'xMinYMin meet',
          });
          pdf.x = left;
          pdf.y = top + height + 6;
          pdf
            .font('Helvetica-Oblique')
            .fontSize(9)
            .text(text(`Chart: ${block.description}`))
            .moveDown(0.5);
          break;
        }
      }
    }

    // Every page's footer, once the page count is known.
    const { start, count } = pdf.bufferedPageRange();
    for (let index = start; index < start + count; index++) {
      pdf.switchToPage(index);
      const margin = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf
        .font('Helvetica')
        .fontSize(8)
        .text(text(content.footer), left, pdf.page.height - 36, { width: width - 80, lineBreak: false, ellipsis: true })
        .text(`Page ${index + 1} of ${count}`, left, pdf.page.height - 36, { width, align: 'right', lineBreak: false });
      pdf.page.margins.bottom = margin;
    }
    pdf.end();
  });
}

export async function performanceReportDocx(report: PerformanceReport, options: ReportDocumentOptions): Promise<Buffer> {
  const content = reportContent(report, options);
  const cell = (text: string, bold: boolean, share: number) =>
    new TableCell({
      width: { size: share * 100, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [new TextRun({ text, bold })] })],
    });
  const children = content.blocks.flatMap((block): (Paragraph | Table)[] => {
    switch (block.kind) {
      case 'title':
        return [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, text: block.text })];
      case 'heading':
        return [new Paragraph({ heading: HeadingLevel.HEADING_1, text: block.text })];
      case 'subheading':
        return [new Paragraph({ heading: HeadingLevel.HEADING_2, text: block.text })];
      case 'text':
        return [
          new Paragraph({ children: [new TextRun({ text: block.text, bold: block.style === 'bold', italics: block.style === 'italic' })] }),
        ];
      case 'table':
        return [
          new Paragraph({ keepNext: true, children: [new TextRun({ text: block.caption, bold: true })] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ tableHeader: true, children: block.headings.map((heading, i) => cell(heading, true, block.widths[i] ?? 0)) }),
              ...block.rows.map(
                (row) => new TableRow({ children: row.cells.map((text, i) => cell(text, row.marked ?? false, block.widths[i] ?? 0)) }),
              ),
            ],
          }),
          new Paragraph({ text: '' }),
        ];
      case 'chart':
        // docx takes an SVG only with a PNG fallback, which would need a native rasteriser: Word gets the words.
        return [
          new Paragraph({ children: [new TextRun({ text: `Chart: ${block.description}`, italics: true })] }),
          new Paragraph({ children: [new TextRun({ text: 'The chart itself is in the PDF version of this report.', italics: true })] }),
        ];
    }
  });
  const document = new Document({
    title: content.title,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun(`${content.footer}    Page `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun(' of '),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

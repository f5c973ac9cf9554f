/**
 * A report as a PDF (pdfkit) and a Word file (docx) from one list of blocks, so that the two files say the
 * same thing: each module builds its report's blocks and these draw them.
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

export type DocumentBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'text'; text: string; style?: 'bold' | 'italic' }
  | { kind: 'table'; caption: string; headings: string[]; rows: { cells: string[]; marked?: boolean }[]; widths: number[] }
  | { kind: 'chart'; svg: string; description: string };

export interface DocumentContent {
  title: string;
  /** On every page, beside the page number. */
  footer: string;
  blocks: DocumentBlock[];
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

export function documentPdf(content: DocumentContent): Promise<Buffer> {
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

export async function documentDocx(content: DocumentContent): Promise<Buffer> {
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

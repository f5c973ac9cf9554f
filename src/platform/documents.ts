/**
 * A report as a PDF (pdfkit) and a Word file (docx) from one list of blocks, so that the two files say the
 * same thing: each module builds its report's blocks and these draw them.
 */
import type * as Docx from 'docx';
import SVGtoPDF from 'svg-to-pdfkit';
import { lazyModule } from './lazyModule.ts';
import { chartAlternative, svgToPng, textAlternative } from './svgImage.ts';
import { taggedPdf } from './taggedPdf.ts';

export const docx = lazyModule<typeof Docx>('docx');

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

/**
 * A heading's level in the outline: the title 1, a heading 2, a subheading 3 under a heading but 2 where
 * none comes before it (a report's summary), so that no level is skipped in the PDF's tags or Word's styles.
 */
function headingLevel(blocks: DocumentBlock[], index: number): 1 | 2 | 3 {
  const block = blocks[index];
  if (block?.kind === 'title') return 1;
  if (block?.kind === 'subheading') return blocks.slice(0, index).some((before) => before.kind === 'heading') ? 3 : 2;
  return 2;
}

/** Height over width of an SVG, from its root element's size (the trend chart's is 640 × 240). */
function svgAspect(svg: string): number {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const size = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(root)?.[1]);
  const aspect = size('height') / size('width');
  return Number.isFinite(aspect) && aspect > 0 ? aspect : 240 / 640;
}

export function documentPdf(content: DocumentContent): Promise<Buffer> {
  const tagged = taggedPdf({ title: content.title, bufferPages: true });
  const { pdf } = tagged;
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const keepRoom = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };
  const text = (words: string) => forStandardFont(words);

  for (const [index, block] of content.blocks.entries()) {
    const level = headingLevel(content.blocks, index);
    pdf.x = left;
    switch (block.kind) {
      case 'title':
        tagged.block('H1', () => pdf.font('Helvetica-Bold').fontSize(18).text(text(block.text), { align: 'center' }));
        pdf.moveDown(0.5);
        break;
      case 'heading':
        keepRoom(160);
        pdf.moveDown(1);
        tagged.block(`H${level}`, () => pdf.font('Helvetica-Bold').fontSize(14).text(text(block.text)));
        pdf.moveDown(0.3);
        break;
      case 'subheading':
        keepRoom(60);
        pdf.moveDown(0.5);
        tagged.block(`H${level}`, () => pdf.font('Helvetica-Bold').fontSize(11).text(text(block.text)));
        break;
      case 'text':
        tagged.block('P', () =>
          pdf
            .font(block.style === 'bold' ? 'Helvetica-Bold' : block.style === 'italic' ? 'Helvetica-Oblique' : 'Helvetica')
            .fontSize(10)
            .text(text(block.text)),
        );
        pdf.moveDown(0.3);
        break;
      case 'table':
        keepRoom(60);
        pdf.moveDown(0.3);
        tagged.table({
          caption: text(block.caption),
          headings: block.headings.map(text),
          rows: block.rows.map((row) => ({ cells: row.cells.map(text), bold: row.marked ?? false })),
          columnWidths: block.widths.map((share) => share * width),
          fontSize: 9,
        });
        pdf.moveDown(0.5);
        break;
      case 'chart': {
        const height = width * svgAspect(block.svg);
        keepRoom(height + 40);
        const box = { x: left, y: pdf.y, width, height };
        tagged.figure(text(chartAlternative(block)), box, () =>
          SVGtoPDF(pdf, forStandardFont(block.svg), box.x, box.y, { width, height, preserveAspectRatio: 'xMinYMin meet' }),
        );
        pdf.x = left;
        pdf.y = box.y + height + 6;
        tagged.block('P', () =>
          pdf
            .font('Helvetica-Oblique')
            .fontSize(9)
            .text(text(`Chart: ${block.description}`)),
        );
        pdf.moveDown(0.5);
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
    tagged.artifact(() =>
      pdf
        .font('Helvetica')
        .fontSize(8)
        .text(text(content.footer), left, pdf.page.height - 36, { width: width - 80, lineBreak: false, ellipsis: true })
        .text(`Page ${index + 1} of ${count}`, left, pdf.page.height - 36, { width, align: 'right', lineBreak: false }),
    );
    pdf.page.margins.bottom = margin;
  }
  return tagged.end();
}

/** Every Word file's default text: its font, and its language, which a screen reader speaks it in. */
export const wordStyles = { default: { document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } } } };

/** Headings in Word's heading styles at the PDF's levels, so that Word's navigation pane and a screen reader list them. */
export async function documentDocx(content: DocumentContent): Promise<Buffer> {
  const {
    AlignmentType,
    Document,
    Footer,
    HeadingLevel,
    ImageRun,
    Packer,
    PageNumber,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType,
  } = docx();
  const cell = (text: string, bold: boolean, share: number) =>
    new TableCell({
      width: { size: share * 100, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [new TextRun({ text, bold })] })],
    });
  const styles = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const children = content.blocks.flatMap((block, index): (Docx.Paragraph | Docx.Table)[] => {
    const heading = styles[headingLevel(content.blocks, index)];
    switch (block.kind) {
      case 'title':
        return [new Paragraph({ heading, alignment: AlignmentType.CENTER, text: block.text })];
      case 'heading':
      case 'subheading':
        return [new Paragraph({ heading, text: block.text })];
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
      case 'chart': {
        const { png, width, height } = svgToPng(block.svg, 600);
        const { title, description } = textAlternative(block.svg, block.description);
        return [
          new Paragraph({
            keepNext: true,
            children: [
              new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: title, title, description } }),
            ],
          }),
          new Paragraph({ children: [new TextRun({ text: `Chart: ${block.description}`, italics: true })] }),
        ];
      }
    }
  });
  const document = new Document({
    title: content.title,
    styles: wordStyles,
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

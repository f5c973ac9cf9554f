/**
 * A tagged PDF, in the manner of PDF/UA: everything drawn is either content in the structure tree (headings,
 * paragraphs, lists, tables, figures with their text alternative), in reading order, or an artifact (page
 * furniture such as page numbers), and the file names its language and shows its title. Every PDF the service
 * draws goes through this, so that a screen reader can read it and none can forget its tags.
 */
import type PDFDocument from 'pdfkit';
import { lazyModule } from './lazyModule.ts';

const pdfkit = lazyModule<typeof PDFDocument>('pdfkit');

export type BlockTag = 'H1' | 'H2' | 'H3' | 'P';

export interface PdfTable {
  caption: string;
  headings: string[];
  rows: { cells: string[]; bold?: boolean }[];
  /** Each column's width in points. */
  columnWidths: number[];
  /** The cells' size; the caption is a point larger. */
  fontSize: number;
}

/** Where a figure sits on the page, from its top left corner, in points. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TaggedPdf {
  /** pdfkit's document, for fonts, positions and page breaks; draw on it only inside the calls below. */
  readonly pdf: PDFKit.PDFDocument;
  /** A heading or paragraph: whatever `draw` puts on the page, read as one element. */
  block(tag: BlockTag, draw: () => void): void;
  /** A list, each item drawn by its function. */
  list(items: (() => void)[]): void;
  /** A table captioned above, its first row the column headings. */
  table(table: PdfTable): void;
  /** A picture (chart, map) read as its text alternative, not as the lines and words it is drawn with. */
  figure(alt: string, box: Box, draw: () => void): void;
  /** Page furniture (page numbers, running footers), which a screen reader skips. */
  artifact(draw: () => void): void;
  /** The finished file. */
  end(): Promise<Buffer>;
}

/** What pdfkit draws but its type declarations do not yet describe. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & { bbox?: [number, number, number, number]; placement?: 'Block' };
type TableWithStructure = PDFKit.Mixins.TableOptionsWithData & { structParent: PDFKit.PDFStructureElement };

export function taggedPdf(options: { title: string; lang?: string; bufferPages?: boolean }): TaggedPdf {
  const pdf = new (pdfkit())({
    size: 'A4',
    margin: 56,
    bufferPages: options.bufferPages ?? false,
    tagged: true,
    lang: options.lang ?? 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: options.title },
  });
  const chunks: Buffer[] = [];
  const file = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const root = pdf.struct('Document');
  pdf.addStructure(root);

  return {
    pdf,
    block(tag, draw) {
      root.add(pdf.struct(tag, {}, draw));
    },
    list(items) {
      const list = pdf.struct('L');
      root.add(list);
      for (const draw of items) list.add(pdf.struct('LI', {}, [pdf.struct('LBody', {}, draw)]));
      list.end();
    },
    table(table) {
      this.block('P', () =>
        pdf
          .font('Helvetica-Bold')
          .fontSize(table.fontSize + 1)
          .text(table.caption),
      );
      pdf.moveDown(0.2).font('Helvetica').fontSize(table.fontSize);
      const options: TableWithStructure = {
        structParent: root,
        columnStyles: table.columnWidths,
        defaultStyle: { border: 0.5, borderColor: '#505a5f', padding: [3, 4, 3, 4] },
        data: [
          table.headings.map((text) => ({ text, type: 'TH' as const, scope: 'Column', font: { src: 'Helvetica-Bold' } })),
          ...table.rows.map((row) => row.cells.map((text) => ({ text, font: { src: row.bold ? 'Helvetica-Bold' : 'Helvetica' } }))),
        ],
      };
      pdf.table(options);
    },
    figure(alt, box, draw) {
      const options: StructOptions = { alt, placement: 'Block', bbox: [box.x, box.y, box.x + box.width, box.y + box.height] };
      root.add(pdf.struct('Figure', options, draw));
    },
    artifact(draw) {
      pdf.markContent('Artifact', { type: 'Pagination' });
      draw();
      pdf.endMarkedContent();
    },
    end() {
      root.end();
      pdf.end();
      return file;
    },
  };
}

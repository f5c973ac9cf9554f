/** The minutes as a Word file (docx) and as a PDF (pdfkit), from the one minutes document. */
import { docx, wordStyles } from '../../platform/documents.ts';
import { taggedPdf } from '../../platform/taggedPdf.ts';
import type { MinutesDocument } from './minutesDocument.ts';

function title(doc: MinutesDocument): string {
  return `Minutes${doc.publicVersion ? ' (public version)' : ''}`;
}

/** Who was present and who sent apologies, each list with its heading, leaving out an empty one. */
const people = (doc: MinutesDocument) =>
  (
    [
      ['Present', doc.present],
      ['Apologies', doc.apologies],
    ] as const
  ).filter(([, rows]) => rows.length > 0);

/** The status, and what a copy without the Part II items leaves out. */
const statusLine = (doc: MinutesDocument) => `Status: ${doc.status}.${doc.leftOut ? ` ${doc.leftOut}` : ''}`;

export async function minutesToDocx(doc: MinutesDocument): Promise<Buffer> {
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx();
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  const peopleTables = people(doc).flatMap(([heading, rows]) => [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: heading }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [cell('Name', true), cell('Organisation', true)] }),
        ...rows.map(([name, organisation]) => new TableRow({ children: [cell(name), cell(organisation)] })),
      ],
    }),
  ]);
  const document = new Document({
    title: `${doc.heading} ${doc.when}`,
    styles: wordStyles,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.heading, bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.when, bold: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, text: title(doc) }),
          ...(doc.marking ? [new Paragraph({ children: [new TextRun({ text: doc.marking, bold: true })] })] : []),
          new Paragraph({ children: [new TextRun({ text: statusLine(doc), italics: true })] }),
          ...peopleTables,
          ...doc.items.flatMap((item) => [
            new Paragraph({ heading: HeadingLevel.HEADING_2, text: `${item.number}. ${item.title}` }),
            ...(item.note ? [new Paragraph({ children: [new TextRun({ text: item.note, italics: true })] })] : []),
            ...item.paragraphs.map(
              (p) => new Paragraph({ children: [...(p.action ? [new TextRun({ text: p.action, bold: true })] : []), new TextRun(p.text)] }),
            ),
          ]),
          new Paragraph({ spacing: { before: 600 }, text: doc.signature }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

export function minutesToPdf(doc: MinutesDocument): Promise<Buffer> {
  const tagged = taggedPdf({ title: `${title(doc)}: ${doc.heading}, ${doc.when}` });
  const { pdf } = tagged;
  tagged.block('P', () =>
    pdf.font('Helvetica-Bold').fontSize(12).text(doc.heading, { align: 'center' }).text(doc.when, { align: 'center' }),
  );
  pdf.moveDown();
  tagged.block('H1', () => pdf.font('Helvetica-Bold').fontSize(18).text(title(doc), { align: 'center' }));
  if (doc.marking)
    tagged.block('P', () =>
      pdf
        .font('Helvetica-Bold')
        .fontSize(11)
        .text(doc.marking ?? ''),
    );
  tagged.block('P', () => pdf.font('Helvetica-Oblique').fontSize(10).text(statusLine(doc)));
  pdf.moveDown();
  for (const [heading, rows] of people(doc)) {
    tagged.block('H2', () => pdf.font('Helvetica-Bold').fontSize(11).text(heading));
    tagged.list(
      rows.map(
        ([name, organisation]) =>
          () =>
            pdf.font('Helvetica').text(`${name}${organisation ? `    ${organisation}` : ''}`),
      ),
    );
    pdf.moveDown();
  }
  for (const item of doc.items) {
    pdf.moveDown(0.5);
    tagged.block('H2', () => pdf.font('Helvetica-Bold').fontSize(12).text(`${item.number}. ${item.title}`));
    if (item.note)
      tagged.block('P', () =>
        pdf
          .font('Helvetica-Oblique')
          .fontSize(10)
          .text(item.note ?? ''),
      );
    for (const paragraph of item.paragraphs) {
      tagged.block('P', () => {
        if (paragraph.action) pdf.font('Helvetica-Bold').fontSize(11).text(paragraph.action, { continued: true });
        pdf.font('Helvetica').fontSize(11).text(paragraph.text);
      });
    }
  }
  pdf.moveDown(2);
  tagged.block('P', () => pdf.font('Helvetica').fontSize(11).text(doc.signature));
  return tagged.end();
}

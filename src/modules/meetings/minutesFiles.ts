/** The minutes as a Word file (docx) and as a PDF (pdfkit), from the one minutes document. */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import type { MinutesDocument } from './minutesDocument.ts';

function title(doc: MinutesDocument): string {
  return `Minutes${doc.publicVersion ? ' (public version)' : ''}`;
}

/** The status, and what a copy without the Part II items leaves out. */
const statusLine = (doc: MinutesDocument) => `Status: ${doc.status}.${doc.leftOut ? ` ${doc.leftOut}` : ''}`;

export async function minutesToDocx(doc: MinutesDocument): Promise<Buffer> {
  const people = (heading: string, rows: [string, string][]) =>
    rows.length
      ? [
          new Paragraph({ children: [new TextRun({ text: heading, bold: true })] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: rows.map(
              ([name, organisation]) =>
                new TableRow({ children: [name, organisation].map((text) => new TableCell({ children: [new Paragraph(text)] })) }),
            ),
          }),
        ]
      : [];
  const document = new Document({
    title: `${doc.heading} ${doc.when}`,
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.heading, bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.when, bold: true })] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, text: title(doc) }),
          ...(doc.marking ? [new Paragraph({ children: [new TextRun({ text: doc.marking, bold: true })] })] : []),
          new Paragraph({ children: [new TextRun({ text: statusLine(doc), italics: true })] }),
          ...people('Present:', doc.present),
          ...people('Apologies:', doc.apologies),
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
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${title(doc)}: ${doc.heading}, ${doc.when}` } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.font('Helvetica-Bold').fontSize(12).text(doc.heading, { align: 'center' }).text(doc.when, { align: 'center' });
    pdf.moveDown().fontSize(18).text(title(doc), { align: 'center' });
    if (doc.marking) pdf.font('Helvetica-Bold').fontSize(11).text(doc.marking);
    pdf.font('Helvetica-Oblique').fontSize(10).text(statusLine(doc)).moveDown();
    for (const [heading, rows] of [
      ['Present:', doc.present],
      ['Apologies:', doc.apologies],
    ] as const) {
      if (!rows.length) continue;
      pdf.font('Helvetica-Bold').fontSize(11).text(heading);
      for (const [name, organisation] of rows) pdf.font('Helvetica').text(`${name}${organisation ? `    ${organisation}` : ''}`);
      pdf.moveDown();
    }
    for (const item of doc.items) {
      pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(12).text(`${item.number}. ${item.title}`);
      if (item.note) pdf.font('Helvetica-Oblique').fontSize(10).text(item.note);
      for (const paragraph of item.paragraphs) {
        if (paragraph.action) pdf.font('Helvetica-Bold').fontSize(11).text(paragraph.action, { continued: true });
        pdf.font('Helvetica').fontSize(11).text(paragraph.text);
      }
    }
    pdf.moveDown(2).font('Helvetica').fontSize(11).text(doc.signature);
    pdf.end();
  });
}

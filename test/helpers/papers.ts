/** Files to upload as papers: real PDF, Word and Excel files made here, and impostors. */
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';

/** A PDF with one page per text given. */
export function pdfOf(...pages: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', autoFirstPage: false });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    for (const text of pages) pdf.addPage().font('Helvetica').fontSize(14).text(text);
    pdf.end();
  });
}

export function docxOf(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

/** The smallest workbook a spreadsheet program recognises by its parts. */
export async function xlsxOf(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  );
  zip.file('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** A zip that is not an Office file at all. */
export async function plainZip(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('notes.txt', 'not a document');
  return zip.generateAsync({ type: 'nodebuffer' });
}

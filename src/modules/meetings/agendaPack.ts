/**
 * The agenda pack: one PDF with a front sheet, the numbered agenda, then the PDF papers in agenda
 * order, with "Page N of M" on every page. Papers in other formats are listed as available separately.
 */
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import PDFKit from 'pdfkit';

export interface PackPaper {
  title: string;
  kindName: string;
  supplement: boolean;
  /** The PDF's bytes; null for a paper that is not a PDF. */
  pdf: Buffer | null;
}

export interface PackFacts {
  partnershipName: string;
  groupName: string;
  when: string;
  location: string;
  publicVersion: boolean;
  sections: {
    heading: string;
    /** Opening and closing business carry no heading of their own. */
    showHeading: boolean;
    items: {
      number: number;
      title: string;
      presenter: string | null;
      confidential: boolean;
      confidentialReason: string | null;
      papers: PackPaper[];
    }[];
  }[];
}

function frontSheetAndAgenda(facts: PackFacts): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFKit({ size: 'A4', margin: 56, info: { Title: `Agenda pack: ${facts.groupName}, ${facts.when}` } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.moveDown(6).font('Helvetica-Bold').fontSize(16).text(facts.partnershipName, { align: 'center' });
    pdf.moveDown().fontSize(20).text(facts.groupName, { align: 'center' });
    pdf
      .moveDown()
      .fontSize(24)
      .text(facts.publicVersion ? 'Agenda and papers (public version)' : 'Agenda and papers', { align: 'center' });
    pdf.moveDown(2).font('Helvetica').fontSize(14).text(facts.when, { align: 'center' }).text(facts.location, { align: 'center' });
    if (!facts.publicVersion) {
      pdf
        .moveDown(2)
        .font('Helvetica-Bold')
        .fontSize(12)
        .text('Contains confidential (Part II) items: not for publication', { align: 'center' });
    }

    pdf.addPage().font('Helvetica-Bold').fontSize(18).text('Agenda').moveDown(0.5);
    for (const section of facts.sections) {
      if (!section.items.length) continue;
      if (section.showHeading) pdf.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(section.heading);
      for (const item of section.items) {
        pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(`${item.number}. ${item.title}`);
        if (item.presenter) pdf.font('Helvetica').fontSize(10).text(`Presented by ${item.presenter}`, { indent: 18 });
        // A withheld item's title already says it is not for publication.
        if (item.confidential && item.confidentialReason) {
          pdf
            .font('Helvetica-Bold')
            .fontSize(10)
            .text(`Part II, not for publication: ${item.confidentialReason ?? ''}`, { indent: 18 });
        }
        for (const paper of item.papers) {
          const where = paper.pdf ? 'in this pack' : `${paper.kindName}, available separately`;
          pdf
            .font('Helvetica')
            .fontSize(10)
            .text(`Paper: ${paper.title} (${where})${paper.supplement ? ', supplement' : ''}`, { indent: 18 });
        }
      }
    }
    pdf.end();
  });
}

export async function buildAgendaPack(facts: PackFacts): Promise<Buffer> {
  const pack = await PDFDocument.load(await frontSheetAndAgenda(facts));
  for (const paper of facts.sections.flatMap((s) => s.items.flatMap((item) => item.papers))) {
    if (!paper.pdf) continue;
    const source = await PDFDocument.load(paper.pdf, { ignoreEncryption: true });
    for (const page of await pack.copyPages(source, source.getPageIndices())) pack.addPage(page);
  }
  const font = await pack.embedFont(StandardFonts.Helvetica);
  const pages = pack.getPages();
  pages.forEach((page, index) => {
    const text = `Page ${index + 1} of ${pages.length}`;
    const size = 9;
    page.drawText(text, {
      x: (page.getWidth() - font.widthOfTextAtSize(text, size)) / 2,
      y: 18,
      size,
      font,
      color: rgb(0.2, 0.2, 0.2),
    });
  });
  return Buffer.from(await pack.save());
}

/**
 * The agenda pack: one PDF with a front sheet, the numbered agenda, then the PDF papers in agenda
 * order, with "Page N of M" on every page. Papers in other formats are listed as available separately. The
 * front sheet and agenda are tagged; the papers' pages are added as they were uploaded (decision 0026).
 */
import type * as PdfLib from 'pdf-lib';
import { lazyModule } from '../../platform/lazyModule.ts';
import { taggedPdf } from '../../platform/taggedPdf.ts';

const pdfLib = lazyModule<typeof PdfLib>('pdf-lib');

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

/** Papers in the pack are its pages as uploaded: their own tags cannot be carried across, so each is offered on its own too. */
const asUploaded =
  'The papers in this pack are reproduced as they were sent. Each paper can also be downloaded on its own from the meeting’s page.';

function frontSheetAndAgenda(facts: PackFacts): Promise<Buffer> {
  const title = facts.publicVersion ? 'Agenda and papers (public version)' : 'Agenda and papers';
  const tagged = taggedPdf({ title: `${title}: ${facts.groupName}, ${facts.when}` });
  const { pdf } = tagged;
  const centred = { align: 'center' } as const;
  pdf.moveDown(6);
  tagged.block('P', () => pdf.font('Helvetica-Bold').fontSize(16).text(facts.partnershipName, centred));
  pdf.moveDown();
  tagged.block('P', () => pdf.fontSize(20).text(facts.groupName, centred));
  pdf.moveDown();
  tagged.block('H1', () => pdf.font('Helvetica-Bold').fontSize(24).text(title, centred));
  pdf.moveDown(2);
  tagged.block('P', () => pdf.font('Helvetica').fontSize(14).text(facts.when, centred).text(facts.location, centred));
  if (!facts.publicVersion) {
    pdf.moveDown(2);
    tagged.block('P', () =>
      pdf.font('Helvetica-Bold').fontSize(12).text('Contains confidential (Part II) items: not for publication', centred),
    );
  }

  pdf.addPage();
  tagged.block('H2', () => pdf.font('Helvetica-Bold').fontSize(18).text('Agenda'));
  pdf.moveDown(0.5);
  const papers = facts.sections.flatMap((section) => section.items.flatMap((item) => item.papers));
  if (papers.some((paper) => paper.pdf)) tagged.block('P', () => pdf.font('Helvetica').fontSize(10).text(asUploaded));
  for (const section of facts.sections) {
    if (!section.items.length) continue;
    if (section.showHeading) {
      pdf.moveDown(0.5);
      tagged.block('H3', () => pdf.font('Helvetica-Bold').fontSize(13).text(section.heading));
    }
    tagged.list(
      section.items.map((item) => () => {
        pdf.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(`${item.number}. ${item.title}`);
        if (item.presenter) pdf.font('Helvetica').fontSize(10).text(`Presented by ${item.presenter}`, { indent: 18 });
        // A withheld item's title already says it is not for publication.
        if (item.confidential && item.confidentialReason) {
          pdf.font('Helvetica-Bold').fontSize(10).text(`Part II, not for publication: ${item.confidentialReason}`, { indent: 18 });
        }
        for (const paper of item.papers) {
          const where = paper.pdf ? 'in this pack' : `${paper.kindName}, available separately`;
          pdf
            .font('Helvetica')
            .fontSize(10)
            .text(`Paper: ${paper.title} (${where})${paper.supplement ? ', supplement' : ''}`, { indent: 18 });
        }
      }),
    );
  }
  return tagged.end();
}

/**
 * An uploaded page keeps its content but not its place in its own file's structure tree, whose keys would
 * otherwise point into the pack's tree and give the paper's words the agenda's tags.
 */
function detachFromStructure(page: PdfLib.PDFPage): void {
  const { PDFDict, PDFName } = pdfLib();
  page.node.delete(PDFName.of('StructParents'));
  const annotations = page.node.Annots();
  for (let index = 0; index < (annotations?.size() ?? 0); index++) {
    annotations?.lookupMaybe(index, PDFDict)?.delete(PDFName.of('StructParent'));
  }
}

export async function buildAgendaPack(facts: PackFacts): Promise<Buffer> {
  const { beginMarkedContent, endMarkedContent, PDFDocument, rgb, StandardFonts } = pdfLib();
  const pack = await PDFDocument.load(await frontSheetAndAgenda(facts));
  for (const paper of facts.sections.flatMap((s) => s.items.flatMap((item) => item.papers))) {
    if (!paper.pdf) continue;
    const source = await PDFDocument.load(paper.pdf, { ignoreEncryption: true });
    for (const page of await pack.copyPages(source, source.getPageIndices())) {
      detachFromStructure(page);
      pack.addPage(page);
    }
  }
  const font = await pack.embedFont(StandardFonts.Helvetica);
  const pages = pack.getPages();
  pages.forEach((page, index) => {
    const text = `Page ${index + 1} of ${pages.length}`;
    const size = 9;
    // Page furniture: an artifact, outside the structure a screen reader reads.
    page.pushOperators(beginMarkedContent('Artifact'));
    page.drawText(text, {
      x: (page.getWidth() - font.widthOfTextAtSize(text, size)) / 2,
      y: 18,
      size,
      font,
      color: rgb(0.2, 0.2, 0.2),
    });
    page.pushOperators(endMarkedContent());
  });
  return Buffer.from(await pack.save());
}

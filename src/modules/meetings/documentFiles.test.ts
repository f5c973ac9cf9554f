import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument, PDFName } from 'pdf-lib';
import { expectAccessibleDocx, headingsOfDocx, tableHeaderRowsOfDocx } from '../../../test/helpers/docx.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import { expectTaggedPdf, tagList, tagTypes, textOfPdf } from '../../../test/helpers/pdf.ts';
import { taggedPdf } from '../../platform/taggedPdf.ts';
import { buildAgendaPack, type PackFacts, type PackPaper } from './agendaPack.ts';
import type { MinutesDocument } from './minutesDocument.ts';
import { minutesToDocx, minutesToPdf } from './minutesFiles.ts';

// The minutes of Coventry's board, 21 July 2016, as the public may read them.
const minutes: MinutesDocument = {
  heading: 'COVENTRY POLICE, CRIME AND COMMUNITY SAFETY PARTNERSHIP BOARD',
  when: 'Thursday 21 July 2016 at 10:00, Council House',
  status: 'Approved',
  publicVersion: true,
  marking: null,
  leftOut: '1 confidential (Part II) item is left out: only the group’s members and the partnership’s officers may read it.',
  present: [
    ['Cllr Abbott (Chair)', 'Coventry City Council'],
    ['Supt Danny Long', 'West Midlands Police'],
  ],
  apologies: [['Jane Wells', 'Probation']],
  items: [
    { number: 1, title: 'Welcome, introductions and apologies', note: null, paragraphs: [{ text: 'Apologies were noted.' }] },
    {
      number: 2,
      title: 'Public Spaces Protection Order',
      note: null,
      paragraphs: [
        { text: 'The board agreed to consult. (Agreed)' },
        { action: 'Action: All agencies', text: ' – Consult on the extended area' },
      ],
    },
  ],
  signature: 'Signed: Cllr Abbott (Chair), 22 September 2016',
};

describe('the minutes as files', () => {
  it('is a tagged PDF: the title, who was present as lists, each item a heading, in reading order', async () => {
    const pdf = await minutesToPdf(minutes);
    const tags = await expectTaggedPdf(pdf, `Minutes (public version): ${minutes.heading}, ${minutes.when}`);
    assert.deepEqual(tagTypes(tags.root), [
      'Document',
      'P',
      'H1',
      'P',
      ...['H2', 'L', 'LI', 'LBody', 'LI', 'LBody'],
      ...['H2', 'L', 'LI', 'LBody'],
      ...['H2', 'P'],
      ...['H2', 'P', 'P'],
      'P',
    ]);
    assert.match(textOfPdf(pdf), /Action: All agencies/);
  });

  it('is a Word file with heading styles, and who was present as tables with a header row', async () => {
    const docx = await minutesToDocx(minutes);
    await expectAccessibleDocx(docx);
    assert.deepEqual(
      (await headingsOfDocx(docx)).map(({ style, text }) => `${style} ${text}`),
      [
        'Heading1 Minutes (public version)',
        'Heading2 Present',
        'Heading2 Apologies',
        'Heading2 1. Welcome, introductions and apologies',
        'Heading2 2. Public Spaces Protection Order',
      ],
    );
    assert.deepEqual(await tableHeaderRowsOfDocx(docx), [true, true]);
  });
});

/** A paper its author tagged, as Word's "Save as PDF" would. */
async function taggedPaper(text: string): Promise<Buffer> {
  const paper = taggedPdf({ title: text });
  paper.block('H1', () => paper.pdf.text(text));
  paper.block('P', () => paper.pdf.text(`${text}, page one`));
  return paper.end();
}

const paper = (title: string, pdf: Buffer | null): PackPaper => ({ title, kindName: pdf ? 'PDF' : 'Excel', supplement: false, pdf });

async function pack(papers: PackPaper[]): Promise<Buffer> {
  const facts: PackFacts = {
    partnershipName: 'Safer Coventry',
    groupName: 'Police and Crime Board',
    when: 'Thursday 22 July 2027 at 10:00',
    location: 'Council House',
    publicVersion: true,
    sections: [
      { heading: 'Opening business', showHeading: false, items: [] },
      {
        heading: 'For decision',
        showHeading: true,
        items: [
          {
            number: 4,
            title: 'Strategic Assessment',
            presenter: 'Partnership Analyst',
            confidential: false,
            confidentialReason: null,
            papers,
          },
        ],
      },
    ],
  };
  return buildAgendaPack(facts);
}

describe('the agenda pack', () => {
  it('tags its front sheet and agenda, the items as a list, and its page numbers as artifacts', async () => {
    const tags = await expectTaggedPdf(
      await pack([paper('figures', null)]),
      'Agenda and papers (public version): Police and Crime Board, Thursday 22 July 2027 at 10:00',
    );
    assert.deepEqual(tagTypes(tags.root), ['Document', 'P', 'P', 'H1', 'P', 'H2', 'H3', 'L', 'LI', 'LBody']);
  });

  it('adds a paper’s pages as uploaded, keeping the pack’s tags its own and saying each paper can be had on its own', async () => {
    const bytes = await pack([paper('assessment', await taggedPaper('Assessment')), paper('figures', await pdfOf('Figures'))]);
    // Page 3 is the tagged paper's, its content still marked; page 4 the untagged paper's, drawn as it was sent.
    const tags = await expectTaggedPdf(bytes, /^Agenda and papers/, [4]);
    assert.equal(tagList(tags.root).filter((tag) => tag.type === 'H1').length, 1, 'the paper’s own H1 is not the pack’s');
    assert.match(textOfPdf(bytes), /Each paper can also be downloaded on its own/);
    const pages = (await PDFDocument.load(bytes)).getPages();
    assert.equal(pages.length, 4);
    assert.ok(!pages[2]?.node.has(PDFName.of('StructParents')), 'the paper’s page does not point into the pack’s structure tree');
    assert.match(textOfPdf(bytes), /Assessment, page one/);
  });
});

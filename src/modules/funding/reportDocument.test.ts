import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessibleDocx, headingsOfDocx, textOfDocx } from '../../../test/helpers/docx.ts';
import { expectTaggedPdf, tagList, wordsOfPdf } from '../../../test/helpers/pdf.ts';
import type { DocumentBlock, DocumentContent } from '../../platform/documents.ts';
import type { AllocationView, CarryOverView, FinancialReport, GrantView, Quarter } from './funding.types.ts';
import { changeOnLastYear, fundingPosition } from './position.ts';
import { financialReportContent, financialReportDocx, financialReportPdf, financialReportTitle } from './reportDocument.ts';

// Coventry's grant for 2016/17 from the Police and Crime Commissioner: £409,728, down from £546,304, with
// £82,750 of 2015/16's underspend carried over.
const grant: GrantView = {
  id: 'grant-2016',
  version: 1,
  partnershipId: 'coventry',
  yearStarting: 2016,
  yearLabel: '2016/17',
  funder: 'West Midlands Police and Crime Commissioner',
  amount: 40972800,
  previousAmount: 54630400,
  carryOver: 8275000,
  carryOverAgreed: { on: '2016-05-31T23:30:00Z', by: 'Office of the Police and Crime Commissioner' },
  notes: null,
};

const victims = 'Support for Victims & Vulnerable People';
const reoffending = 'Reducing Reoffending';

function allocation(
  reference: number,
  theme: string,
  purpose: string,
  amount: number,
  state: AllocationView['state'],
  spend: AllocationView['spend'],
  grantee: string | null = null,
): AllocationView {
  return {
    id: `allocation-${reference}`,
    version: 1,
    grantId: grant.id,
    reference,
    theme,
    purpose,
    granteeKind: grantee ? 'organisation' : 'commissioned',
    grantee,
    granteeText: grantee ?? 'To be commissioned',
    amount,
    priorityId: null,
    priorityTitle: null,
    state,
    decision: null,
    spend,
  };
}

const allocations: AllocationView[] = [
  // £40,000 released; £20,000 spent by the end of Q2 and now expected to need only £38,000.
  allocation(
    1,
    victims,
    'Mediation for neighbour disputes',
    4000000,
    'released',
    [
      { quarter: 1, spent: 900000, forecast: null },
      { quarter: 2, spent: 1100000, forecast: 3800000 },
    ],
    'Whitefriars Mediation Service',
  ),
  // £60,000 released; a Q1 return forecasting an overspend of £3,000, and no Q2 return.
  allocation(
    2,
    `${victims} `,
    'Independent domestic violence advisers',
    6000000,
    'released',
    [{ quarter: 1, spent: 1500000, forecast: 6300000 }],
    'Coventry Haven',
  ),
  // £25,000 released but no return at all.
  allocation(3, reoffending, 'Integrated offender management', 2500000, 'released', []),
  // Agreed, not yet released: it owes no return.
  allocation(4, reoffending, 'Youth diversion scheme', 1000000, 'agreed', []),
  // Withdrawn: it does not count.
  allocation(5, victims, 'Hate crime awareness campaign', 500000, 'withdrawn', []),
];

function financialReport(quarter: Quarter, overrides: Partial<FinancialReport> = {}): FinancialReport {
  const months = { 1: 'April to June 2016', 2: 'July to September 2016', 3: 'October to December 2016', 4: 'January to March 2017' };
  const reportGrant = overrides.grant ?? grant;
  const reportAllocations = overrides.allocations ?? allocations;
  return {
    partnershipId: 'coventry',
    partnershipName: 'Coventry Community Safety Partnership',
    grant: reportGrant,
    quarter,
    quarterLabel: `Quarter ${quarter}, 2016/17 (${months[quarter]})`,
    change: changeOnLastYear(reportGrant.amount, reportGrant.previousAmount),
    allocations: reportAllocations,
    position: fundingPosition(reportGrant, reportAllocations, quarter),
    carryOver: null,
    preparedOn: '2016-10-14',
    ...overrides,
  };
}

const report = financialReport(2);

const tables = (content: DocumentContent) =>
  content.blocks.filter((block): block is Extract<DocumentBlock, { kind: 'table' }> => block.kind === 'table');
const table = (content: DocumentContent, caption: string) => {
  const found = tables(content).find((block) => block.caption === caption);
  assert.ok(
    found,
    `no table "${caption}" in ${tables(content)
      .map((block) => block.caption)
      .join(', ')}`,
  );
  return found;
};
const texts = (content: DocumentContent) =>
  content.blocks.flatMap((block) => (block.kind === 'text' || block.kind === 'title' || block.kind === 'subheading' ? [block.text] : []));
const row = (block: Extract<DocumentBlock, { kind: 'table' }>, first: string) => block.rows.find((r) => r.cells[0] === first);

describe('the quarterly financial report', () => {
  it('is titled by partnership, quarter and year, and the footer repeats the title', () => {
    const title = 'Coventry Community Safety Partnership financial report, Quarter 2 2016/17';
    assert.equal(financialReportTitle(report), title);
    const content = financialReportContent(report);
    assert.equal(content.title, title);
    assert.equal(content.footer, title);
    assert.deepEqual(content.blocks[0], { kind: 'title', text: title });
    assert.ok(texts(content).includes('Prepared on 14 October 2016'));
    assert.ok(texts(content).includes('Spend to the end of Quarter 2, 2016/17 (July to September 2016)'));
  });

  it('sets out the grant: funder, amount, change on last year with the true minus, carry-over, available and allocated', () => {
    const grantTable = table(financialReportContent(report), 'The grant for 2016/17');
    assert.deepEqual(
      grantTable.rows.map((r) => r.cells),
      [
        ['Funder', 'West Midlands Police and Crime Commissioner'],
        ['Grant for the year', '£409,728'],
        ['Change on last year', '\u2212£136,576 (\u221225%) on last year’s £546,304'],
        // Agreed late on 31 May in UTC: 1 June in England.
        ['Carry-over from last year', '£82,750, agreed by the funder on 1 June 2016 (Office of the Police and Crime Commissioner)'],
        ['Money available', '£492,478'],
        ['Allocated', '£135,000'],
        ['Not yet allocated', '£357,478'],
      ],
    );
  });

  it('says the change on last year is not known when last year’s grant is not', () => {
    const unknown = financialReport(2, { grant: { ...grant, previousAmount: null } });
    assert.equal(unknown.change, null);
    assert.deepEqual(row(table(financialReportContent(unknown), 'The grant for 2016/17'), 'Change on last year')?.cells, [
      'Change on last year',
      'Not known',
    ]);
  });

  it('gives the position by theme to the end of the quarter, themes typed differently added together, with a marked total', () => {
    const themes = table(financialReportContent(report), 'Position by theme, to the end of Quarter 2');
    assert.deepEqual(themes.headings, ['Theme', 'Allocated', 'Spent to date', 'Forecast for the year', 'Variance']);
    assert.deepEqual(themes.rows, [
      { cells: [victims, '£100,000', '£35,000', '£101,000', '£1,000 overspent'] },
      { cells: [reoffending, '£35,000', '£0', '£35,000', '£0'] },
      { cells: ['Total', '£135,000', '£35,000', '£136,000', '£1,000 overspent'], marked: true },
    ]);
    assert.equal(themes.widths.reduce((sum, share) => sum + share, 0).toFixed(6), '1.000000');
  });

  it('gives the position by allocation, leaving out the withdrawn one and saying so', () => {
    const content = financialReportContent(report);
    const lines = table(content, 'Position by allocation');
    assert.deepEqual(lines.headings, ['Ref', 'Purpose', 'Granted to', 'State', 'Allocated', 'Spent to date', 'Forecast', 'Variance']);
    assert.deepEqual(
      lines.rows.map((r) => r.cells),
      [
        [
          '1',
          'Mediation for neighbour disputes',
          'Whitefriars Mediation Service',
          'Released by the chair',
          '£40,000',
          '£20,000',
          '£38,000',
          '£2,000',
        ],
        [
          '2',
          'Independent domestic violence advisers',
          'Coventry Haven',
          'Released by the chair',
          '£60,000',
          '£15,000',
          '£63,000',
          '£3,000 overspent',
        ],
        ['3', 'Integrated offender management', 'To be commissioned', 'Released by the chair', '£25,000', '£0', '£25,000', '£0'],
        ['4', 'Youth diversion scheme', 'To be commissioned', 'Agreed by the board', '£10,000', '£0', '£10,000', '£0'],
      ],
    );
    assert.equal(lines.widths.reduce((sum, share) => sum + share, 0).toFixed(6), '1.000000');
    assert.ok(
      texts(content).includes(
        'Variance is the allocation less the forecast for the year (never less than what has been spent): a figure marked overspent is spend expected past the allocation.',
      ),
    );
    assert.ok(texts(content).includes('Withdrawn, and not counted above: allocation 5 (Hate crime awareness campaign).'));
  });

  it('names the released allocations with spend returns missing, and not the one still to be released', () => {
    const said = texts(financialReportContent(report));
    assert.ok(said.includes('Allocation 2, Independent domestic violence advisers (Coventry Haven): no return for Q2'));
    assert.ok(said.includes('Allocation 3, Integrated offender management (To be commissioned): no return for Q1 and Q2'));
    assert.ok(!said.some((text) => text.startsWith('Allocation 1,') || text.startsWith('Allocation 4,')));
    // Built on missing returns, the report says so at its head and is not offered as final.
    const provisional =
      'Provisional: 3 spend returns are missing, from 2 allocations (3 of 6 owed by the end of Quarter 2 are in). A missing return is not £0 spent, so spend to date and the underspend are not final until they are in.';
    assert.equal(said.filter((text) => text === provisional).length, 2);
    assert.ok(!said.some((text) => text.startsWith('Every spend return')));
  });

  it('says when every released allocation has returned its spend', () => {
    const returned = allocations.map((a) =>
      a.state === 'released' && a.spend.length < 2
        ? { ...a, spend: [1, 2].map((quarter) => ({ quarter: quarter as Quarter, spent: 100000, forecast: null })) }
        : a,
    );
    const said = texts(financialReportContent(financialReport(2, { allocations: returned })));
    assert.ok(said.includes('Every spend return owed by the end of Quarter 2 is in: 6 returns from the released allocations.'));
    assert.ok(!said.some((text) => /no return for|Provisional/.test(text)));
  });

  it('says when nothing has been allocated, without empty tables', () => {
    const content = financialReportContent(financialReport(1, { allocations: [] }));
    assert.ok(texts(content).includes('Nothing has been allocated yet.'));
    assert.deepEqual(
      tables(content).map((block) => block.caption),
      ['The grant for 2016/17'],
    );
    assert.ok(texts(content).includes('No spend return was owed by the end of Quarter 1: no allocation had been released by then.'));
  });

  it('gives the request to carry the underspend over, when there is one', () => {
    assert.ok(!tables(financialReportContent(report)).some((block) => block.caption.startsWith('Request to carry')));
    const carryOver: CarryOverView = {
      id: 'carry-2016',
      version: 2,
      requested: 2000000,
      reason: 'The offender management contract started late.',
      requestedAt: '2017-04-12T09:00:00Z',
      requestedBy: 'Community Safety Manager',
      state: 'agreed',
      agreed: 1500000,
      decidedAt: '2017-05-02T10:00:00Z',
      decidedBy: 'Office of the Police and Crime Commissioner',
      funderNote: 'Agreed in part.',
    };
    const request = table(financialReportContent(financialReport(4, { carryOver })), 'Request to carry 2016/17’s underspend over');
    assert.deepEqual(
      request.rows.map((r) => r.cells),
      [
        ['State', 'Agreed by the funder'],
        ['Requested', '£20,000 on 12 April 2017 by Community Safety Manager'],
        ['Reason', 'The offender management contract started late.'],
        ['Agreed', '£15,000 on 2 May 2017'],
        ['Funder’s note', 'Agreed in part.'],
      ],
    );
    const waiting = table(
      financialReportContent(
        financialReport(4, { carryOver: { ...carryOver, state: 'requested', agreed: null, decidedAt: null, funderNote: null } }),
      ),
      'Request to carry 2016/17’s underspend over',
    );
    assert.deepEqual(row(waiting, 'State')?.cells, ['State', 'Requested: waiting for the funder']);
    assert.deepEqual(row(waiting, 'Agreed')?.cells, ['Agreed', 'Not yet decided']);
  });
});

describe('the quarterly financial report as PDF and Word', () => {
  it('makes a PDF with the title, the figures and the missing returns, the minus as a hyphen for the standard font', async () => {
    const pdf = await financialReportPdf(report);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = wordsOfPdf(pdf);
    assert.match(text, /Coventry Community Safety Partnership financial report, Quarter 2 2016\/17/);
    assert.match(text, /£409,728/);
    assert.match(text, /-£136,576 \(-25%\)/);
    assert.match(text, /£136,000/);
    assert.match(text, /Allocation 3, Integrated offender management \(To be commissioned\): no return for Q1 and Q2/);
    assert.match(text, /Page 1 of \d/);
  });

  it('makes a Word file with the title, the figures and the missing returns, keeping the true minus', async () => {
    const docx = await financialReportDocx(report);
    assert.equal(docx.subarray(0, 2).toString(), 'PK');
    const text = await textOfDocx(docx);
    assert.match(text, /Coventry Community Safety Partnership financial report, Quarter 2 2016\/17/);
    assert.match(text, /£409,728/);
    assert.match(text, /\u2212£136,576 \(\u221225%\) on last year’s £546,304/);
    assert.match(text, /Total £135,000 £35,000 £136,000 £1,000 overspent/);
    assert.match(text, /Variance is the allocation less the forecast for the year \(never less than what has been spent\)/);
    assert.match(text, /Allocation 2, Independent domestic violence advisers \(Coventry Haven\): no return for Q2/);
  });

  it('makes a tagged PDF and a Word file with heading styles and header rows, which a screen reader can find its way through', async () => {
    const title = 'Coventry Community Safety Partnership financial report, Quarter 2 2016/17';
    const tags = await expectTaggedPdf(await financialReportPdf(report), title);
    const taggedTables = tagList(tags.root).filter((tag) => tag.type === 'Table');
    assert.equal(taggedTables.length, tables(financialReportContent(report)).length);
    for (const table of taggedTables) assert.ok(table.children[0]?.children.every((cell) => cell.type === 'TH' && cell.scope === 'Column'));
    const docx = await financialReportDocx(report);
    await expectAccessibleDocx(docx);
    assert.deepEqual((await headingsOfDocx(docx))[0], { style: 'Heading1', text: title });
  });
});

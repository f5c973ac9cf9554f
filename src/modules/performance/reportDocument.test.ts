import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { expectAccessibleDocx, headingsOfDocx, imagesOfDocx, tableHeaderRowsOfDocx, textOfDocx } from '../../../test/helpers/docx.ts';
import { expectTaggedPdf, tagList, wordsOfPdf } from '../../../test/helpers/pdf.ts';
import type { IndicatorFigures, MsgMemberFigure, PerformanceReport } from './report.ts';
import { performanceReportDocx, performanceReportPdf, type ReportDocumentOptions } from './reportDocument.ts';
import { renderTrendChart } from './trendChart.ts';

// Table 1 of Coventry's 2015/16 end of year report: total recorded crime per 1,000 population in its Most
// Similar Group, four members without a value.
const msgTable: [string, number | null][] = [
  ['West Midlands - Coventry', 62.176],
  ['Greater Manchester - Salford', 68.604],
  ['Devon & Cornwall - Plymouth', 70.729],
  ['Hertfordshire - Stevenage', null],
  ['Bedfordshire - Luton', null],
  ['Greater Manchester - Bolton', null],
  ['Thames Valley - Slough', 79.599],
  ['Essex - Harlow', 83.12],
  ['Leicestershire - Leicester', 83.239],
  ['West Yorkshire - Bradford', 85.079],
  ['Staffordshire - Stoke on Trent', null],
  ['Lincolnshire - Lincoln', 93.376],
  ['Avon & Somerset - Bristol', 100.711],
  ['Hampshire - Portsmouth', 103.039],
  ['Lancashire - Blackpool', 109.416],
];
let rank = 0;
const members: MsgMemberFigure[] = msgTable.map(([name, value]) => ({
  name,
  value,
  isSelf: name === 'West Midlands - Coventry',
  rank: value === null ? null : ++rank,
}));

const quarters = ['2014-15 Q1', '2014-15 Q2', '2014-15 Q3', '2014-15 Q4', '2015-16 Q1', '2015-16 Q2', '2015-16 Q3', '2015-16 Q4'];

const base = {
  definition: '',
  polarity: 'lower_better',
  frequency: 'quarterly',
  source: 'West Midlands Police',
  ownerGroupName: null,
  priorityTitle: null,
  periodLabel: 'Quarter 4, 2015/16',
  provisional: false,
  ratePer1000: null,
  msg: null,
} as const;

const totalRecordedCrime: IndicatorFigures = {
  ...base,
  indicatorId: 'trc',
  name: 'Total recorded crime',
  unit: 'count',
  period: { current: 5652, previous: 5530, difference: 122, percent: 2.2 },
  yearToDate: { current: 21967, previous: 22168, difference: -201, percent: -0.9 },
  direction: 'downward',
  target: { value: 22168, text: 'No increase on 2014/15 (22,168): 22,168 for the year' },
  targetStatus: 'ahead',
  rag: 'green',
  exception: null,
  ratePer1000: 62.176,
  series: quarters.map((period, i) => ({ period, label: period, value: 5400 + i * 30, provisional: false })),
  commentary:
    'Coventry still managed to achieve an overall reduction in crime for the year of -0.9% (-201 offences).\n\nThis is in stark contrast to the remainder of the Force.',
};

/** The group table is in the indicator's own unit: iQuanta's crimes per 1,000 population. */
const crimeRate: IndicatorFigures = {
  ...totalRecordedCrime,
  indicatorId: 'trc-rate',
  name: 'Total recorded crime per 1,000 population',
  unit: 'rate_per_1000',
  frequency: 'yearly',
  period: { current: 62.176, previous: null, difference: null, percent: null },
  yearToDate: null,
  direction: null,
  target: null,
  targetStatus: null,
  rag: 'grey',
  ratePer1000: null,
  msg: {
    period: '2015-16 Q4',
    periodLabel: 'Quarter 4, 2015/16',
    members,
    rank: 1,
    of: 15,
    known: 11,
    average: 85.37163636363636,
    publishedAverage: 83.482,
    standardDeviation: 14.353517214021903,
    lowerLimit: 71.01811914961445,
    upperLimit: 99.72515357765826,
    position: 'below',
    lowerLimit2: 56.66460193559255,
    upperLimit2: 114.07867079168017,
    position2: 'within',
    source: 'iQuanta',
  },
  series: [],
};

const childrenPresent: IndicatorFigures = {
  ...base,
  indicatorId: 'children',
  name: 'Domestic abuse incidents with children present',
  unit: 'count',
  polarity: 'monitor',
  period: { current: 512, previous: 201, difference: 311, percent: 154.7 },
  yearToDate: { current: 1832, previous: 742, difference: 1090, percent: 146.9 },
  direction: 'upward',
  target: null,
  targetStatus: null,
  rag: 'grey',
  exception: null,
  series: [],
  commentary: '',
};

const sarcClients: IndicatorFigures = {
  ...base,
  indicatorId: 'sarc',
  name: 'Sexual Assault Referral Centre clients seen',
  unit: 'count',
  polarity: 'higher_better',
  provisional: true,
  period: { current: 110, previous: null, difference: null, percent: null },
  yearToDate: { current: null, previous: null, difference: null, percent: null },
  direction: null,
  target: { value: 480, text: '480 for the year' },
  targetStatus: 'not_on_target',
  rag: 'red',
  exception: 'under',
  series: [],
  commentary: 'Referrals from Coventry totalled 34 in quarter 4.',
};

const report: PerformanceReport = {
  partnershipId: 'coventry',
  partnershipName: 'Coventry Police & Crime Board',
  period: '2015-16 Q4',
  periodLabel: 'Quarter 4, 2015/16',
  status: 'draft',
  approvedAt: null,
  approvedByName: null,
  summary: 'The trend for Total Recorded Crime is downwards.\n\nCoventry was the only LPU in West Midlands to record a reduction.',
  population: { value: 337428, text: '337,428 (ONS mid-2015 estimate)' },
  indicators: [totalRecordedCrime, crimeRate, childrenPresent, sarcClients],
};

// A chart the test can recognise in the PDF: svg-to-pdfkit draws SVG text as PDF text.
const charts: ReportDocumentOptions['charts'] = new Map([
  [
    'trc',
    {
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240" viewBox="0 0 640 240"><rect width="640" height="240" fill="#fff"/><polyline points="40,200 120,180 200,150 280,160" fill="none" stroke="#1d70b8"/><text x="40" y="220" font-family="arial, sans-serif" font-size="12">Q4 15/16 axis</text></svg>',
      description: 'Quarterly values from Q1 14/15 to Q4 15/16: highest 5,652 in Q4 15/16.',
    },
  ],
]);

const full: ReportDocumentOptions = { exceptionsOnly: false, charts };
const exceptions: ReportDocumentOptions = { exceptionsOnly: true, charts };

/** Both files' text, for the checks that hold for both. */
async function bothTexts(r: PerformanceReport, options: ReportDocumentOptions) {
  const pdf = await performanceReportPdf(r, options);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  return { pdf: wordsOfPdf(pdf), docx: await textOfDocx(await performanceReportDocx(r, options)) };
}

/** The total recorded crime indicator's trend chart against its target of 5,500, as the report page draws it. */
const totalRecordedCrimeChart = () =>
  renderTrendChart({ title: totalRecordedCrime.name, unit: 'count', series: totalRecordedCrime.series, target: 5500 });

describe('the performance report as PDF and Word', () => {
  it('has the title in the words of the report, and says it is a draft', async () => {
    for (const text of Object.values(await bothTexts(report, full))) {
      assert.match(text, /Coventry Police & Crime Board Quarter 4, 2015\/16 Performance Report/);
      assert.match(text, /DRAFT/);
      assert.match(text, /not approved for publication/);
      assert.doesNotMatch(text, /Approved on/);
      assert.match(text, /The trend for Total Recorded Crime is downwards\./);
      assert.match(text, /Population used for the rates per 1,000: 337,428 \(ONS mid-2015 estimate\)/);
    }
  });

  it('says when and by whom an approved report was approved, and is no longer a draft', async () => {
    const approved: PerformanceReport = {
      ...report,
      status: 'approved',
      approvedAt: '2016-06-09T10:00:00.000Z',
      approvedByName: 'Beverley Massey',
    };
    for (const text of Object.values(await bothTexts(approved, full))) {
      assert.match(text, /Approved on 9 June 2016 by Beverley Massey/);
      assert.doesNotMatch(text, /DRAFT/);
    }
    // Half past eleven at night UTC in June is already the next day in England.
    const lateInTheEvening = { ...approved, approvedAt: '2016-06-09T23:30:00.000Z' };
    for (const text of Object.values(await bothTexts(lateInTheEvening, full)))
      assert.match(text, /Approved on 10 June 2016 by Beverley Massey/);
    // Approved before it was kept in Safer, on a day its documents do not give.
    const dayNotGiven = { ...approved, approvedAt: null };
    for (const text of Object.values(await bothTexts(dayNotGiven, full)))
      assert.match(text, /Approved \(date not recorded\) by Beverley Massey/);
  });

  it('gives each indicator its direction of travel, figures and changes, target and RAG in words', async () => {
    const { pdf, docx } = await bothTexts(report, full);
    for (const text of [pdf, docx]) {
      assert.match(text, /Direction of travel: Downward over the year to date \(.0\.9% on last year\)/);
      assert.match(text, /Direction of travel: Upward over the year to date \(\+147% on last year\)/);
      assert.match(text, /Direction of travel: No comparison/);
      assert.match(text, /\+1,090 \(\+147%\)/);
      assert.match(text, /1,832/);
      assert.match(text, /Ahead of target/);
      assert.match(text, /Not on target/);
      assert.match(text, /Exception: Under-performing \(year to date, against the target\)/);
      assert.match(text, /Red/);
      assert.match(text, /Rate per 1,000 population/);
      assert.match(text, /62\.2/);
      assert.match(text, /Referrals from Coventry totalled 34 in quarter 4\./);
      assert.match(text, /No commentary/);
    }
    // A missing value is "No figure", never nought; a missing comparison says so.
    assert.match(pdf, /No figure/);
    assert.match(pdf, /No comparison/);
    // The standard PDF font has no true minus sign: the PDF writes a hyphen, Word keeps the minus.
    assert.match(pdf, /-201 \(-0\.9%\)/);
    assert.match(docx, /\u2212201 \(\u22120\.9%\)/);
  });

  it('sets out the Most Similar Group table with every member, "Not given" where the source gave no value', async () => {
    const { pdf, docx } = await bothTexts(report, full);
    for (const text of [pdf, docx]) {
      assert.match(text, /West Midlands - Coventry \(this partnership\)/);
      assert.match(text, /Hertfordshire - Stevenage/);
      assert.equal(text.match(/Not given/g)?.length, 4);
      assert.match(text, /Rank: 1st of the 11 with a figure \(15 in the group\)/);
      assert.match(text, /Average of the 11 members with a value: 85\.4/);
      assert.match(text, /Published average: 83\.5/);
      assert.match(text, /Position: Below the lower control limit/);
      assert.match(text, /109\.4/);
    }
    assert.match(pdf, /Control limits \(mean . one standard deviation\): 71\.0 . 99\.7/);
    assert.match(docx, /Control limits \(mean ± one standard deviation\): 71\.0 – 99\.7/);
  });

  it('draws the trend chart in the PDF with its description beneath, and gives Word the description', async () => {
    const { pdf, docx } = await bothTexts(report, full);
    // svg-to-pdfkit draws SVG text a glyph at a time.
    const glyphs = (text: string) => text.replace(/\s/g, '');
    assert.ok(glyphs(pdf).includes('Q415/16axis'));
    assert.ok(
      !glyphs(wordsOfPdf(await performanceReportPdf(report, { exceptionsOnly: false, charts: new Map() }))).includes('Q415/16axis'),
    );
    assert.match(pdf, /Chart: Quarterly values from Q1 14\/15 to Q4 15\/16: highest 5,652 in Q4 15\/16\./);
    assert.match(docx, /Chart: Quarterly values from Q1 14\/15 to Q4 15\/16: highest 5,652 in Q4 15\/16\./);
    assert.doesNotMatch(docx, /Q4 15\/16 axis/);
  });

  it('draws a chart from the trend chart renderer', async () => {
    const chart = await totalRecordedCrimeChart();
    const pdf = await performanceReportPdf(report, { exceptionsOnly: false, charts: new Map([['trc', chart]]) });
    const text = wordsOfPdf(pdf);
    // The chart's axis labels, drawn a glyph at a time.
    assert.ok(text.replace(/\s/g, '').includes('2014-15Q1'));
    assert.ok(text.includes(`Chart: ${chart.description.replace(/\u2212/g, '-')}`));
  });

  it('is a tagged PDF: its title, headings, tables with column headings and the chart as a figure with its text alternative', async () => {
    const chart = await totalRecordedCrimeChart();
    const pdf = await performanceReportPdf(report, { exceptionsOnly: false, charts: new Map([['trc', chart]]) });
    const title = 'Coventry Police & Crime Board Quarter 4, 2015/16 Performance Report';
    const tags = await expectTaggedPdf(pdf, title);
    const elements = tagList(tags.root);
    assert.deepEqual(
      elements.filter((tag) => /^H\d$/.test(tag.type)).map((tag) => tag.type),
      // The summary, then each indicator with its commentary.
      ['H1', 'H2', ...report.indicators.flatMap(() => ['H2', 'H3'])],
    );
    const tables = elements.filter((tag) => tag.type === 'Table');
    assert.ok(tables.length >= report.indicators.length);
    for (const table of tables) {
      const [headings, ...rows] = table.children;
      assert.ok(headings?.children.length && headings.children.every((cell) => cell.type === 'TH' && cell.scope === 'Column'));
      assert.ok(rows.every((row) => row.type === 'TR' && row.children.every((cell) => cell.type === 'TD')));
    }
    const figures = elements.filter((tag) => tag.type === 'Figure');
    assert.deepEqual(
      figures.map((figure) => figure.alt),
      // As the page's screen reader hears it: the SVG's title, then its description.
      [`Total recorded crime: trend. ${chart.description.replace(/\u2212/g, '-')}`],
    );
  });

  it('gives Word the chart as a PNG with its text alternative, headings in heading styles and tables with header rows', async () => {
    const chart = await totalRecordedCrimeChart();
    const docx = await performanceReportDocx(report, { exceptionsOnly: false, charts: new Map([['trc', chart]]) });
    assert.deepEqual(await imagesOfDocx(docx), [
      {
        part: 'word/media/image1.png',
        png: true,
        name: 'Total recorded crime: trend',
        title: 'Total recorded crime: trend',
        description: chart.description,
      },
    ]);
    const headings = await headingsOfDocx(docx);
    assert.deepEqual(headings[0], { style: 'Heading1', text: 'Coventry Police & Crime Board Quarter 4, 2015/16 Performance Report' });
    assert.deepEqual(
      headings.slice(1).map((heading) => heading.style),
      ['Heading2', ...report.indicators.flatMap(() => ['Heading2', 'Heading3'])],
    );
    assert.ok((await tableHeaderRowsOfDocx(docx)).length >= report.indicators.length);
    await expectAccessibleDocx(docx);
  });

  it('numbers the PDF pages "Page N of M"', async () => {
    const text = wordsOfPdf(await performanceReportPdf(report, full));
    const pages = [...text.matchAll(/Page (\d+) of (\d+)/g)];
    assert.ok(pages.length > 1, 'more than one page');
    assert.deepEqual(
      pages.map((m) => Number(m[1])),
      pages.map((_, i) => i + 1),
    );
    assert.ok(pages.every((m) => Number(m[2]) === pages.length));
  });

  it('makes an exception report of only the indicators outside tolerance, and says so', async () => {
    for (const text of Object.values(await bothTexts(report, exceptions))) {
      assert.match(text, /Coventry Police & Crime Board Quarter 4, 2015\/16 Exception Report/);
      assert.doesNotMatch(text, /Performance Report/);
      assert.match(text, /Sexual Assault Referral Centre clients seen/);
      assert.doesNotMatch(text, /Total recorded crime/);
      assert.doesNotMatch(text, /Domestic abuse incidents with children present/);
      assert.doesNotMatch(text, /Published average/);
      assert.match(text, /shows only the 1 indicator outside tolerance, of 4 in the full report/);
      assert.match(text, /Of the other 3 indicators, 1 is on target or ahead of it and 2 are not reported on against a target/);
    }
  });

  it('makes Word files that open as Word documents', async () => {
    const docx = await performanceReportDocx(report, full);
    const zip = await JSZip.loadAsync(docx);
    assert.ok(zip.file('word/document.xml'));
    assert.match(
      (await zip.file('docProps/core.xml')?.async('string')) ?? '',
      /Coventry Police &amp; Crime Board Quarter 4, 2015\/16 Performance Report/,
    );
  });
});

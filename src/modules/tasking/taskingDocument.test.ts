import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAccessibleDocx, imagesOfDocx, textOfDocx } from '../../../test/helpers/docx.ts';
import { expectTaggedPdf, tagList, wordsOfPdf } from '../../../test/helpers/pdf.ts';
import { accuracyMethod, type MonthCount, monthsBetween, terms, trendMethod } from '../crimedata/index.ts';
import type { TaskingActionView, TaskingDocument, TaskingSection } from './tasking.types.ts';
import {
  actionCrimesWords,
  attribution,
  crimeTypeRows,
  seriesCountText,
  taskingDocumentContent,
  taskingDocumentDocx,
  taskingDocumentPdf,
  taskingDocumentTitle,
  taskingVisuals,
} from './taskingDocument.ts';

// Charnwood's tasking group, October 2022: one priority location with last month's patrols, one emerging hotspot.
// Held from November 2020, with March 2021 not published.
const heldMonths = monthsBetween('2020-11', '2022-10').filter((month) => month !== '2021-03');
const series = (last: number): MonthCount[] =>
  monthsBetween('2020-11', '2022-10').map((month, i) => ({
    month,
    count: month === '2021-03' ? null : 10 + (i % 5) + (month === '2022-10' ? last : 0),
  }));

const patrols: TaskingActionView = {
  id: 'tasking-1',
  version: 2,
  actionId: 'action-1',
  actionStatus: 'done',
  groupId: 'group-1',
  month: '2022-09',
  priorityLocationId: 'location-1',
  lsoaCode: null,
  placeName: 'Loughborough town centre',
  resource: 'patrols',
  resourceName: 'Patrols',
  organisationId: 'organisation-1',
  organisationName: 'Leicestershire Police',
  startsOn: '2022-09-05',
  endsOn: '2022-09-30',
  description: 'High-visibility foot patrols on Friday and Saturday nights',
  result: 'Two arrests for possession; fewer calls about the market',
  resultReportedAt: '2022-10-10T09:00:00Z',
  resultReportedByName: 'Sergeant Patel',
  crimesInMonth: 41,
  crimesNextMonth: 33,
  heldMonths,
};

const point = (location: string, crimeType: string, north: number) => ({
  longitude: -1.2058,
  latitude: 52.7721 + north / 111_000,
  crimeType,
  location,
  lsoaCode: 'E01025785',
});

const townCentre: TaskingSection = {
  key: 'location-1',
  kind: 'priority',
  name: 'Loughborough town centre',
  why: 'The night-time economy: violence and theft from the person',
  placeNames: ['Charnwood 012A (E01025785)', 'Charnwood 012B (E01025786)'],
  count: 33,
  lastMonth: 41,
  sameMonthLastYear: 29,
  expected: 30.5,
  ratePer1000: 11.84,
  crimeTypes: [
    { crimeType: 'Violence and sexual offences', count: 20 },
    { crimeType: 'Shoplifting', count: 13 },
  ],
  series: series(19),
  trend: { direction: 'rising', changePercent: 24.5, method: trendMethod },
  points: [point('On or near Market Place', 'Shoplifting', 0), point('On or near Market Place', 'Violence and sexual offences', 0)],
  lastMonthActions: [patrols],
};

const emerging: TaskingSection = {
  key: 'lsoa:E01025800',
  kind: 'emerging',
  name: 'Charnwood 020C',
  why: '12 crimes against 6 expected',
  placeNames: ['Charnwood 020C (E01025800)'],
  count: 12,
  lastMonth: 5,
  sameMonthLastYear: null,
  expected: 6,
  ratePer1000: null,
  crimeTypes: [{ crimeType: 'Burglary', count: 12 }],
  series: series(0),
  trend: { direction: 'not enough data', changePercent: null, method: trendMethod },
  points: [point('On or near Ashby Road', 'Burglary', 500)],
  lastMonthActions: [],
};

const doc: TaskingDocument = {
  partnershipId: 'charnwood',
  partnershipName: 'Charnwood Community Safety Partnership',
  groupId: 'group-1',
  groupName: 'Charnwood Tasking Group',
  month: '2022-10',
  monthName: 'October 2022',
  areaName: 'Charnwood',
  forceName: 'Leicestershire',
  published: true,
  heldMonths,
  total: { count: 1204, lastMonth: 1180, sameMonthLastYear: 1250, expected: 1190 },
  meeting: { id: 'meeting-1', date: '2022-11-10', title: 'Charnwood Tasking Group' },
  issueDate: '2022-11-09',
  issued: null,
  // The emerging hotspot first, to show that priority locations still lead.
  sections: [emerging, townCentre],
  lastMonthActions: [patrols],
  thisMonthActions: [],
  accuracy: {
    hotspots: ['E01025785', 'E01025786'],
    crimesInHotspots: 301,
    totalCrimes: 1204,
    hitRatePercent: 25,
    areaSharePercent: 2,
    pai: 12.5,
    method: accuracyMethod(2),
  },
};

describe('the tasking document', () => {
  it('is titled by its group and month', () => {
    assert.equal(taskingDocumentTitle(doc), 'Tasking document: Charnwood Tasking Group, October 2022');
  });

  it('puts the priority locations before the emerging hotspots, each with its chart and map', async () => {
    const { blocks } = taskingDocumentContent(doc, await taskingVisuals(doc, null));
    const headings = blocks.filter((block) => block.kind === 'heading').map((block) => block.text);
    assert.deepEqual(headings, [
      'Crime in Charnwood',
      'Last month’s tasking',
      'Priority location: Loughborough town centre',
      'Emerging hotspot: Charnwood 020C',
      'How well last month’s hotspots predicted this month',
    ]);
    const charts = blocks.filter((block) => block.kind === 'chart');
    assert.equal(charts.length, 4, 'a trend chart and a map for each section');
    assert.ok(charts.every((chart) => chart.svg.startsWith('<svg')));
    assert.match(charts[1]?.description ?? '', /2 crimes at 1 point; busiest: On or near Market Place/);
  });

  it('is a tagged PDF whose headings, tables, charts and maps a screen reader can read', async () => {
    const tags = await expectTaggedPdf(await taskingDocumentPdf(doc), 'Tasking document: Charnwood Tasking Group, October 2022');
    const elements = tagList(tags.root);
    assert.deepEqual(
      elements.filter((tag) => /^H\d$/.test(tag.type)).map((tag) => tag.type),
      ['H1', 'H2', 'H2', 'H2', 'H2', 'H2', 'H3', 'H3'],
    );
    const tables = elements.filter((tag) => tag.type === 'Table');
    assert.ok(tables.length >= 5);
    for (const table of tables) assert.ok(table.children[0]?.children.every((cell) => cell.type === 'TH'));
    const figures = elements.filter((tag) => tag.type === 'Figure');
    assert.equal(figures.length, 4, 'a trend chart and a map for each section');
    assert.match(figures[0]?.alt ?? '', /^Crimes in Loughborough town centre.*\. /);
    assert.match(figures[1]?.alt ?? '', /2 crimes at 1 point; busiest: On or near Market Place/);
  });

  it('gives Word each chart and map as a PNG with the text alternative the page gives it', async () => {
    const docx = await taskingDocumentDocx(doc);
    await expectAccessibleDocx(docx);
    const images = await imagesOfDocx(docx);
    const { blocks } = taskingDocumentContent(doc, await taskingVisuals(doc, null));
    const charts = blocks.flatMap((block) => (block.kind === 'chart' ? [block] : []));
    assert.equal(images.length, 4);
    images.forEach((image, index) => {
      assert.ok(image.png, `${image.part} is a PNG`);
      assert.equal(image.description, charts[index]?.description);
      assert.match(image.title ?? '', /^Crimes in /);
    });
  });

  it('says the figures, last month’s tasking and its result, the PAI and the sources in the PDF', async () => {
    const words = wordsOfPdf(await taskingDocumentPdf(doc));
    for (const expected of [
      'Tasking document: Charnwood Tasking Group, October 2022',
      'To be issued on 9 November 2022, the working day before the meeting on 10 November 2022',
      'Crimes in October 2022 1,204',
      '+24, up from 1,180',
      '-46, down from 1,250',
      '+14, above the 1,190 expected',
      'Two arrests for possession; fewer calls about the market',
      '41 in September 2022, 33 in October 2022',
      'Leicestershire Police',
      '11.8',
      'Rising',
      'Violence and sexual offences 20 61%',
      '+7, up from 5',
      'Predictive accuracy index (PAI) 12.50',
      '25.0% (301 of 1,204)',
      'LSOA boundaries',
      // The analysts' terms in plain words, as the page says them.
      'Terms used',
      'Predictive calendar: What the time of year would lead us to expect',
      'Predictive accuracy index (PAI): How well last month',
      attribution,
    ]) {
      assert.ok(words.includes(expected), `the PDF says "${expected}"`);
    }
  });

  it('says the same in Word', async () => {
    const text = await textOfDocx(await taskingDocumentDocx(doc));
    for (const expected of [
      'Tasking document: Charnwood Tasking Group, October 2022',
      '1,204',
      '+24, up from 1,180',
      'Two arrests for possession; fewer calls about the market',
      '12.50',
      'Chart: 2 crimes at 1 point',
      `Predictive calendar: ${terms.predictiveCalendar.meaning}`,
      `Predictive accuracy index (PAI): ${terms.predictiveAccuracyIndex.meaning}`,
      attribution,
    ]) {
      assert.ok(text.includes(expected), `the Word file says "${expected}"`);
    }
  });

  it('says when it was issued, and by whom', () => {
    const issued = {
      ...doc,
      issued: { id: 'issue-1', issuedAt: '2022-11-09T08:00:00Z', issuedByName: 'Ana Analyst', meetingId: null, agendaItemId: null },
    };
    const { blocks } = taskingDocumentContent(issued, {});
    assert.ok(blocks.some((block) => block.kind === 'text' && block.text === 'Issued on 9 November 2022 by Ana Analyst'));
  });

  it('has no figures for a month police.uk has no file for', async () => {
    const unpublished: TaskingDocument = {
      ...doc,
      month: '2022-11',
      monthName: 'November 2022',
      published: false,
      total: { count: 0, lastMonth: null, sameMonthLastYear: null, expected: null },
      sections: [],
      accuracy: null,
    };
    const { blocks } = taskingDocumentContent(unpublished, {});
    assert.ok(!blocks.some((block) => block.kind === 'table' || block.kind === 'chart' || block.kind === 'heading'));
    const words = wordsOfPdf(await taskingDocumentPdf(unpublished));
    assert.ok(words.includes('November 2022 is not held in Safer. This document has no figures.'), words);
    assert.ok(!words.includes('Crimes in November 2022'));
    // A gap in the months held is one the force did not publish.
    const gap = { ...unpublished, month: '2021-03', monthName: 'March 2021' };
    assert.ok(wordsOfPdf(await taskingDocumentPdf(gap)).includes('police.uk did not publish March 2021 for the force'));
  });

  it('lists the crime types so that they add up to the section’s crimes, the rest as "Other types"', () => {
    const mixed: TaskingSection = {
      ...townCentre,
      count: 253,
      crimeTypes: [
        { crimeType: 'Violence and sexual offences', count: 90 },
        { crimeType: 'Shoplifting', count: 50 },
        { crimeType: 'Anti-social behaviour', count: 40 },
        { crimeType: 'Public order', count: 20 },
        { crimeType: 'Other theft', count: 15 },
        { crimeType: 'Criminal damage and arson', count: 10 },
        { crimeType: 'Other types', count: 28 },
      ],
    };
    const rows = crimeTypeRows(mixed);
    assert.deepEqual(rows.at(-1), ['Other types', '28', '11%']);
    assert.equal(
      rows.reduce((sum, [, count]) => sum + Number(count), 0),
      253,
    );
  });

  it('says a month outside the months held is not held in Safer, a gap not published, and one held not comparable', async () => {
    const firstYear: TaskingDocument = {
      ...doc,
      heldMonths: monthsBetween('2022-01', '2022-10'),
      total: { ...doc.total, sameMonthLastYear: null },
    };
    const words = wordsOfPdf(await taskingDocumentPdf(firstYear));
    assert.ok(words.includes('Change on October 2021 Not held in Safer'), words);
    const gap: TaskingDocument = {
      ...doc,
      heldMonths: heldMonths.filter((month) => month !== '2022-09'),
      total: { ...doc.total, lastMonth: null },
    };
    assert.ok(wordsOfPdf(await taskingDocumentPdf(gap)).includes('Change on September 2022 Not published'));
    // September 2022 is held: a place with no figure for it is on the other census boundaries.
    const held: TaskingDocument = { ...doc, total: { ...doc.total, lastMonth: null } };
    assert.ok(wordsOfPdf(await taskingDocumentPdf(held)).includes('Change on September 2022 Not comparable'));
    assert.equal(
      actionCrimesWords({ ...patrols, heldMonths: ['2022-10'], crimesInMonth: null, crimesNextMonth: null }),
      'not held in Safer in September 2022, not comparable in October 2022',
    );
  });

  it('shows a month of another LSOA edition in a series as not comparable, not as a count', () => {
    assert.equal(
      seriesCountText({ month: '2023-01', count: null, notComparable: true }),
      'Not comparable: the month’s LSOAs are of other census boundaries',
    );
    assert.equal(seriesCountText({ month: '2023-01', count: null }), 'Not published');
    assert.equal(seriesCountText({ month: '2023-01', count: 1204 }), '1,204');
  });
});

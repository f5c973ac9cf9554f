/**
 * The monthly tasking document, "despatched electronically, 1 day prior to the meeting" of the tasking group:
 * the area's figures, what last month's tasking did, then each priority location and emerging hotspot with
 * its figures, crime-type mix, trend and map, and how well last month's hotspots foretold this month. The
 * content is built once as blocks, so that the PDF, the Word file and the page say the same thing; the words
 * for the figures are exported for the page.
 */
import type { Config } from '../../config.ts';
import { formatDate, formatDayOf, monthNames } from '../../platform/dates.ts';
import { digits } from '../../platform/numbers.ts';
import { type DocumentBlock, type DocumentContent, documentDocx, documentPdf } from '../../platform/documents.ts';
import {
  addMonths,
  changeText,
  expectedText,
  missingMonthText,
  missingMonthWords,
  type MonthCount,
  monthName,
  ogl,
  onsSource,
  previousMonth,
  sameMonthLastYear,
  terms,
  trendText,
} from '../crimedata/index.ts';
import { renderTrendChart, type TrendChart } from '../performance/index.ts';
import { type CrimeMap, crimeMap } from './crimeMap.ts';
import type { TaskingActionView, TaskingDocument, TaskingSection } from './tasking.types.ts';

/** A section's chart (none when no month of it compares) and map (none when its month does not). */
export interface SectionVisuals {
  chart: TrendChart | null;
  map: CrimeMap | null;
}

/** Each section's trend chart and map, by the section's key. */
export type TaskingVisuals = Record<string, SectionVisuals>;

export interface Row {
  key: string;
  value: string;
}

/** How a month of a series reads in a table: its count, or why it has none. */
export function seriesCountText(entry: MonthCount): string {
  if (entry.notComparable) return 'Not comparable: the month’s LSOAs are of other census boundaries';
  return entry.count === null ? 'Not published' : digits(entry.count, 0);
}
export const noResultYet = 'No result reported yet';
export const sectionKindNames: Record<TaskingSection['kind'], string> = {
  priority: 'Priority location',
  emerging: 'Emerging hotspot',
};
/** The licences of the data, said wherever the figures go. */
export const attribution = `${ogl} ${onsSource}`;

const sentenceCase = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** The analysts' terms the document uses, explained on its page and under "Terms used" in its files. */
export const documentTerms = { predictiveCalendar: terms.predictiveCalendar, predictiveAccuracyIndex: terms.predictiveAccuracyIndex };

/** "Tasking document: Charnwood Tasking Group, October 2022": the title of the files and of the agenda item. */
export function taskingDocumentTitle(doc: TaskingDocument): string {
  return `Tasking document: ${doc.groupName}, ${doc.monthName}`;
}

/** "Oct 2022": a month as a chart's axis labels it. */
export function monthLabel(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1]?.slice(0, 3) ?? ''} ${month.slice(0, 4)}`;
}

/** When the document goes to the group's members: issued, due, or not yet due for want of a meeting. */
export function issueWords(doc: TaskingDocument): string {
  if (doc.issued) {
    const by = doc.issued.issuedByName ? ` by ${doc.issued.issuedByName}` : '';
    return `Issued on ${formatDayOf(doc.issued.issuedAt) ?? 'an unrecorded day'}${by}`;
  }
  if (doc.meeting && doc.issueDate) {
    return `To be issued on ${formatDate(doc.issueDate)}, the working day before the meeting on ${formatDate(doc.meeting.date)}`;
  }
  return `Not yet due: the group has no meeting after ${doc.monthName}, and the document is issued the working day before one`;
}

export const alreadyIssuedWords = (monthName: string, issuedAt: string) =>
  `The tasking document for ${monthName} was issued on ${formatDate(issuedAt.slice(0, 10))}`;

/** Why the document cannot be issued now, or null when it can: the one rule the Issue button and the issuing both follow. */
export function whyNotIssue(doc: TaskingDocument): string | null {
  if (!doc.published) return `There is no police.uk file for ${doc.monthName} in Safer: import it before issuing the document`;
  if (doc.issued) return alreadyIssuedWords(doc.monthName, doc.issued.issuedAt);
  if (!doc.meeting) return 'Add the group’s next meeting first: the document is issued the working day before it';
  return null;
}

export function areaWords(doc: TaskingDocument): string {
  return `${doc.partnershipName}. Area: ${doc.areaName ?? 'not chosen'}. Police force area: ${doc.forceName ?? 'not known'}.`;
}

/** Why a document has no figures: its month is not held in Safer, or is a gap in the months held the force did not publish. */
export function notPublishedWords(doc: TaskingDocument): string {
  return missingMonthWords(doc.month, doc.heldMonths) === 'not published'
    ? `police.uk did not publish ${doc.monthName} for the force: Safer holds the months either side of it. This document has no figures.`
    : `${doc.monthName} is not held in Safer. This document has no figures.`;
}

/**
 * A month's count against last month, the same month last year and the seasonal expectation, in words with their
 * signs; a count that is not comparable (null) compares with nothing.
 */
function comparisonRows(
  doc: TaskingDocument,
  figures: { count: number | null; lastMonth: number | null; sameMonthLastYear: number | null; expected: number | null },
): Row[] {
  const { month, heldMonths } = doc;
  const { count } = figures;
  const lastMonth = previousMonth(month);
  const lastYear = sameMonthLastYear(month);
  const against = (words: (count: number) => string) => (count === null ? 'Not comparable' : words(count));
  return [
    { key: `Crimes in ${monthName(month)}`, value: count === null ? notComparableWords(doc) : digits(count, 0) },
    {
      key: `Change on ${monthName(lastMonth)}`,
      value: against((n) => changeText(n, figures.lastMonth, missingMonthText(lastMonth, heldMonths))),
    },
    {
      key: `Change on ${monthName(lastYear)}`,
      value: against((n) => changeText(n, figures.sameMonthLastYear, missingMonthText(lastYear, heldMonths))),
    },
    {
      key: 'Against the predictive calendar',
      value: against((n) => expectedText(n, figures.expected, 'No earlier year to compare with')),
    },
  ];
}

/** The whole area's headline figures. */
export function areaRows(doc: TaskingDocument): Row[] {
  return comparisonRows(doc, doc.total);
}

/** Why a place has no figure for the document's month: police.uk coded it in the other census edition's LSOAs. */
export function notComparableWords(doc: TaskingDocument): string {
  return `Not comparable: police.uk coded ${doc.monthName}’s crimes in census LSOAs other than this place’s (the boundaries changed in 2021), so they cannot be counted on its boundaries.`;
}

/** Said in place of a trend chart none of whose months compares. */
export const noChartWords = 'No trend chart: none of its months is coded in this place’s census LSOAs.';

/** What the crime-type table says when it has no rows. */
export function noCrimeTypesWords(doc: TaskingDocument, section: TaskingSection): string {
  return section.count === null ? notComparableWords(doc) : `No crimes were recorded here in ${doc.monthName}.`;
}

/** A section's figures: the comparisons, the rate where the population is known, and the trend. */
export function sectionRows(doc: TaskingDocument, section: TaskingSection): Row[] {
  return [
    ...comparisonRows(doc, section),
    ...(section.ratePer1000 === null ? [] : [{ key: 'Crimes per 1,000 residents', value: digits(section.ratePer1000, 1) }]),
    { key: 'Trend', value: trendText(section.trend) },
  ];
}

/** The crime types of a section, the commonest first, with their share of its crimes. */
export function crimeTypeRows(section: TaskingSection): string[][] {
  return section.crimeTypes.map((type) => [
    type.crimeType,
    digits(type.count, 0),
    section.count ? `${digits((type.count * 100) / section.count, 0)}%` : '',
  ]);
}

export function actionDates(action: TaskingActionView): string {
  return action.startsOn === action.endsOn ? formatDate(action.startsOn) : `${formatDate(action.startsOn)} to ${formatDate(action.endsOn)}`;
}

/** The crimes at the place in the action's month and in the month after: did the resource make a difference? */
export function actionCrimesWords(action: TaskingActionView): string {
  const nextMonth = addMonths(action.month, 1);
  const count = (n: number | null, month: string) => (n === null ? missingMonthWords(month, action.heldMonths) : digits(n, 0));
  return `${count(action.crimesInMonth, action.month)} in ${monthName(action.month)}, ${count(action.crimesNextMonth, nextMonth)} in ${monthName(nextMonth)}`;
}

export const lastMonthHeadings = ['Place', 'Agency', 'Resource', 'When', 'Result', 'Crimes there'];

export function lastMonthActions(doc: TaskingDocument): TaskingActionView[] {
  return doc.lastMonthActions;
}

function lastMonthCells(action: TaskingActionView): string[] {
  return [
    action.placeName,
    action.organisationName,
    `${action.resourceName}: ${action.description}`,
    actionDates(action),
    action.result ?? noResultYet,
    actionCrimesWords(action),
  ];
}

/** How well last month's hotspots foretold this month; null when it cannot be measured. */
export function accuracyRows(doc: TaskingDocument): Row[] | null {
  const { accuracy } = doc;
  if (!accuracy) return null;
  const percent = (n: number) => `${digits(n, 1)}%`;
  return [
    { key: 'Last month’s hotspots (LSOAs)', value: accuracy.hotspots.join(', ') || 'None' },
    {
      key: 'Crimes in them this month (hit rate)',
      value:
        accuracy.hitRatePercent === null
          ? `No crime in ${doc.monthName}`
          : `${percent(accuracy.hitRatePercent)} (${digits(accuracy.crimesInHotspots, 0)} of ${digits(accuracy.totalCrimes, 0)})`,
    },
    { key: 'Their share of the area', value: percent(accuracy.areaSharePercent) },
    { key: 'Predictive accuracy index (PAI)', value: accuracy.pai === null ? 'Not known' : digits(accuracy.pai, 2) },
  ];
}

export function accuracyMissingWords(doc: TaskingDocument): string {
  return `Not known: it needs ${monthName(previousMonth(doc.month))} to be published as well.`;
}

/** Priority locations first, then emerging hotspots, each in the order the service gave. */
export function orderedSections(doc: TaskingDocument): TaskingSection[] {
  return [...doc.sections.filter((s) => s.kind === 'priority'), ...doc.sections.filter((s) => s.kind === 'emerging')];
}

/** A monthly series of crimes as a trend chart; a month not published, or not comparable, is a gap, never a nought. */
export function crimeTrendChart(title: string, series: readonly MonthCount[]): Promise<TrendChart> {
  return renderTrendChart({
    title,
    unit: 'count',
    frequency: 'monthly',
    series: series.map((entry) => ({ period: entry.month, label: monthLabel(entry.month), value: entry.count, provisional: false })),
  });
}

export async function taskingVisuals(doc: TaskingDocument, tiles: Config['mapTiles']): Promise<TaskingVisuals> {
  const drawn = await Promise.all(
    doc.sections.map(async (section) => {
      const charted = section.series.some((entry) => entry.count !== null);
      const chart = charted ? await crimeTrendChart(`Crimes in ${section.name}`, section.series) : null;
      const map = section.count === null ? null : crimeMap(section.points, { title: `Crimes in ${section.name}, ${doc.monthName}`, tiles });
      return [section.key, { chart, map }] as const;
    }),
  );
  return Object.fromEntries(drawn);
}

const rowsTable = (caption: string, rows: Row[]): DocumentBlock => ({
  kind: 'table',
  caption,
  headings: ['Measure', 'Figure'],
  widths: [0.4, 0.6],
  rows: rows.map((row) => ({ cells: [row.key, row.value] })),
});

function lastMonthBlocks(doc: TaskingDocument): DocumentBlock[] {
  const actions = lastMonthActions(doc);
  const heading: DocumentBlock = { kind: 'heading', text: 'Last month’s tasking' };
  if (!actions.length) {
    return [heading, { kind: 'text', text: `No resources were recorded against ${monthName(previousMonth(doc.month))}’s tasking.` }];
  }
  return [
    heading,
    {
      kind: 'table',
      caption: `Resources committed for ${monthName(previousMonth(doc.month))}, and their results`,
      headings: lastMonthHeadings,
      widths: [0.15, 0.14, 0.22, 0.13, 0.2, 0.16],
      rows: actions.map((action) => ({ cells: lastMonthCells(action) })),
    },
  ];
}

function sectionBlocks(doc: TaskingDocument, section: TaskingSection, visuals: SectionVisuals | undefined): DocumentBlock[] {
  const types = crimeTypeRows(section);
  return [
    { kind: 'heading', text: `${sectionKindNames[section.kind]}: ${section.name}` },
    ...(section.why ? [{ kind: 'text', text: section.why } as const] : []),
    { kind: 'text', text: `Places: ${section.placeNames.join('; ')}` },
    rowsTable(`${section.name}, ${doc.monthName}`, sectionRows(doc, section)),
    types.length
      ? {
          kind: 'table',
          caption: `Crime types in ${section.name}, ${doc.monthName}`,
          headings: ['Crime type', 'Crimes', 'Share'],
          widths: [0.6, 0.2, 0.2],
          rows: types.map((cells) => ({ cells })),
        }
      : { kind: 'text', text: noCrimeTypesWords(doc, section) },
    visuals?.chart
      ? ({ kind: 'chart', svg: visuals.chart.svg, description: visuals.chart.description } as const)
      : ({ kind: 'text', text: noChartWords } as const),
    ...(visuals?.map ? [{ kind: 'chart', svg: visuals.map.svg, description: visuals.map.description } as const] : []),
  ];
}

function accuracyBlocks(doc: TaskingDocument): DocumentBlock[] {
  const rows = accuracyRows(doc);
  return [
    { kind: 'heading', text: 'How well last month’s hotspots predicted this month' },
    ...(rows && doc.accuracy
      ? [rowsTable(`Last month’s hotspots against ${doc.monthName}`, rows), { kind: 'text', text: doc.accuracy.method } as const]
      : [{ kind: 'text', text: accuracyMissingWords(doc) } as const]),
  ];
}

export function taskingDocumentContent(doc: TaskingDocument, visuals: TaskingVisuals): DocumentContent {
  const title = taskingDocumentTitle(doc);
  const opening: DocumentBlock[] = [
    { kind: 'title', text: title },
    { kind: 'text', text: areaWords(doc) },
    { kind: 'text', style: 'bold', text: issueWords(doc) },
  ];
  const sources: DocumentBlock[] = [
    { kind: 'subheading', text: 'Sources' },
    { kind: 'text', text: `Crime data from police.uk. ${attribution}` },
  ];
  if (!doc.published) {
    return { title, footer: title, blocks: [...opening, { kind: 'text', text: notPublishedWords(doc) }, ...sources] };
  }
  return {
    title,
    footer: title,
    blocks: [
      ...opening,
      { kind: 'heading', text: `Crime in ${doc.areaName ?? 'the area'}` },
      rowsTable(`The whole area, ${doc.monthName}`, areaRows(doc)),
      ...lastMonthBlocks(doc),
      ...orderedSections(doc).flatMap((section) => sectionBlocks(doc, section, visuals[section.key])),
      ...accuracyBlocks(doc),
      { kind: 'subheading', text: 'Terms used' },
      ...Object.values(documentTerms).map((term): DocumentBlock => ({ kind: 'text', text: `${sentenceCase(term.term)}: ${term.meaning}` })),
      ...sources,
    ],
  };
}

export async function taskingDocumentPdf(doc: TaskingDocument): Promise<Buffer> {
  return documentPdf(taskingDocumentContent(doc, await taskingVisuals(doc, null)));
}

export async function taskingDocumentDocx(doc: TaskingDocument): Promise<Buffer> {
  return documentDocx(taskingDocumentContent(doc, await taskingVisuals(doc, null)));
}

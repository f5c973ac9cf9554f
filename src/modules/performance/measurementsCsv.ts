/**
 * A CSV of measurements, as analysts keep them in a spreadsheet: one row per indicator and period.
 * Every row is checked on its own, so one bad row does not stop the good ones being read; the caller
 * decides whether to import only the good rows.
 */
import { readCsvTable, type RowProblem, words } from '../../platform/csvRecords.ts';
import { readNumber, readPounds } from '../../platform/numbers.ts';
import type { FiguresFrom, MeasurementStatus } from '../../db/schema.ts';
import type { Frequency, Unit } from './report.ts';
import { parsePeriod, periodLabel, periodWords } from './periods.ts';

export interface CsvIndicator {
  id: string;
  name: string;
  frequency: Frequency;
  unit: Unit;
  figuresFrom: FiguresFrom;
}

/**
 * Why no figure may be typed for this indicator, or null when it may: a police.uk indicator's figures are worked
 * out from the data. The one rule every path that writes a figure or a group table goes through.
 */
export function typedFiguresRefusal(indicator: Pick<CsvIndicator, 'name' | 'figuresFrom'>): string | null {
  return indicator.figuresFrom === 'police_uk'
    ? `the figures of ${indicator.name} are worked out from police.uk: update them from its page`
    : null;
}

export interface MeasurementRow {
  /** The line of the file the row starts on; the header is line 1. */
  line: number;
  indicatorId: string;
  /** The period's key, e.g. '2015-16 Q4'. */
  period: string;
  /** In the indicator's unit; money in whole pence. */
  value: number;
  status: MeasurementStatus;
  note: string | null;
}

export type { RowProblem };

export const measurementsCsvHeadings = ['indicator', 'period', 'value', 'status', 'note'];

const maxNoteLength = 500;

const required = ['indicator', 'period', 'value'];

/** A value as typed, in the unit's terms (money in whole pence), or what is wrong with it (to follow "Line N: "). */
export function readMeasurementValue(typed: string, unit: Unit): { value: number } | { problem: string } {
  const text = typed.trim();
  if (text === '') return { problem: 'enter a value (leave the row out if there is no figure)' };
  const quoted = `"${text}"`;
  if (unit === 'money') {
    const read = readPounds(text);
    return 'problem' in read ? read : { value: read.pence };
  }
  const read = readNumber(unit === 'percentage' ? text.replace(/\s*%$/, '') : text);
  if ('problem' in read) {
    const example = { count: '1,832', rate_per_1000: '62.176', percentage: '9.3%' }[unit];
    return { problem: `${quoted} is not a number: write it like ${example}` };
  }
  const { value } = read;
  if (unit === 'count' && !Number.isInteger(value)) return { problem: `${quoted} is not a whole number: a count cannot have a fraction` };
  if (unit === 'count' && value < 0) return { problem: `${quoted} is less than zero: a count cannot be negative` };
  return { value };
}

export function parseMeasurementsCsv(
  text: string,
  indicators: readonly CsvIndicator[],
): { rows: MeasurementRow[]; problems: RowProblem[]; fileProblem: string | null } {
  const byName = new Map<string, CsvIndicator>();
  for (const indicator of indicators) {
    const name = words(indicator.name).toLowerCase();
    if (!byName.has(name)) byName.set(name, indicator);
  }
  return readCsvTable(text, { headings: measurementsCsvHeadings, required, noun: 'measurements' }, ({ line, field, problem, once }) => {
    const name = words(field('indicator'));
    const indicator = byName.get(name.toLowerCase());
    if (!name) problem(`enter the indicator's name`);
    else if (!indicator) problem(`there is no indicator called "${name}"`);
    const refusal = indicator ? typedFiguresRefusal(indicator) : null;
    if (refusal) problem(refusal);

    let period: string | null = null;
    let value: number | null = null;
    if (indicator && !refusal) {
      const { noun, example } = periodWords[indicator.frequency];
      const typedPeriod = field('period');
      period = parsePeriod(typedPeriod, indicator.frequency);
      if (!typedPeriod) problem(`enter the period, like ${example}`);
      else if (!period) problem(`"${typedPeriod}" is not ${noun}: write it like ${example}`);

      const read = readMeasurementValue(field('value'), indicator.unit);
      if ('problem' in read) problem(read.problem);
      else value = read.value;
    }

    const typedStatus = field('status').toLowerCase();
    const status = typedStatus === '' ? 'provisional' : typedStatus;
    if (status !== 'provisional' && status !== 'confirmed') problem(`"${field('status')}" is not a status: write provisional or confirmed`);

    const note = field('note');
    if (note.length > maxNoteLength) problem(`the note must be ${maxNoteLength} characters or fewer (it has ${note.length})`);

    if (indicator && period) {
      const frequency = indicator.frequency;
      once(
        `${indicator.id}\u0000${period}`,
        (earlier) => `${indicator.name} for ${periodLabel(period ?? '', frequency)} is already on line ${earlier}`,
      );
    }

    if (!indicator || !period || value === null || (status !== 'provisional' && status !== 'confirmed')) return null;
    return { line, indicatorId: indicator.id, period, value, status, note: note || null };
  });
}

/**
 * One line of a Most Similar Group table as copied from its source: the member's name, then its figure
 * after a tab (a table copied from a page or spreadsheet) or a comma; a name may have commas of its own,
 * and a figure its thousands separators. No figure: the source gave none.
 */
function readGroupLine(line: string): { name: string; typed: string } {
  const tab = line.lastIndexOf('\t');
  if (tab >= 0) return { name: line.slice(0, tab).trim(), typed: line.slice(tab + 1).trim() };
  const figure = /,\s*(£?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?)?\s*$/.exec(line);
  if (figure) return { name: line.slice(0, figure.index).trim(), typed: figure[1] ?? '' };
  const comma = line.lastIndexOf(',');
  return comma < 0 ? { name: line.trim(), typed: '' } : { name: line.slice(0, comma).trim(), typed: line.slice(comma + 1).trim() };
}

/** A Most Similar Group table typed or pasted one member a line; or the first line that cannot be read, and why. */
export function readGroupTable(text: string, unit: Unit): { members: { name: string; value: number | null }[] } | { problem: string } {
  const members: { name: string; value: number | null }[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const { name, typed } = readGroupLine(line);
    if (!name) return { problem: `Line ${index + 1} of the list has no name` };
    if (typed === '') {
      members.push({ name, value: null });
      continue;
    }
    const read = readMeasurementValue(typed, unit);
    if ('problem' in read) return { problem: `Line ${index + 1} of the list: ${read.problem}` };
    members.push({ name, value: read.value });
  }
  return { members };
}

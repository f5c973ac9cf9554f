/**
 * Reading a CSV file people keep in a spreadsheet, for every import: each record with the line of the file it
 * starts on (so that a problem is reported where the user will find it), and the columns found by heading.
 */
import { parse, type Info } from 'csv-parse/sync';
import { hiddenCharacterInLine, lineOfHiddenCharacter } from './hiddenCharacters.ts';
import { listed } from './wording.ts';

export const words = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** The line each byte offset of the file is on, counting CRLF, LF and CR as one line break each. */
function lineFinder(bytes: Buffer): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The file's records with the line each starts on. csv-parse's own line count is where a record ends
 * and counts a CRLF inside quotes as two lines, so we work it out from the byte offsets instead: with
 * empty lines kept, each record starts where the one before it ended.
 */
function readCsvRecords(text: string): { records: CsvRecord[] } | { problem: string } {
  const lineAt = lineFinder(Buffer.from(text, 'utf8'));
  let ended = 0;
  try {
    const parsed = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record, context) => {
        ended = context.bytes;
        return record;
      },
      // With info, each record comes as { record, info }: the types do not say so.
    }) as unknown as { record: string[]; info: Info }[];
    const records: CsvRecord[] = [];
    let start = 0;
    for (const { record, info } of parsed) {
      if (record.some((field) => field.trim() !== '')) records.push({ line: lineAt(start), fields: record });
      start = info.bytes;
    }
    return { records };
  } catch {
    return { problem: `The file could not be read: check the quote marks (") in the row that starts on line ${lineAt(ended)}` };
  }
}

/** The index of each known heading in the header row (case and spacing ignored; the first of a repeated one), or null when a required one is missing. */
function readHeader(fields: readonly string[], headings: readonly string[], required: readonly string[]): Map<string, number> | null {
  const columns = new Map<string, number>();
  fields.forEach((field, index) => {
    const heading = words(field).toLowerCase();
    if (headings.includes(heading) && !columns.has(heading)) columns.set(heading, index);
  });
  return required.every((heading) => columns.has(heading)) ? columns : null;
}

export interface RowProblem {
  line: number;
  /** Without the "Line N:" that a page puts before it. */
  message: string;
}

/** One row of an import, as its reader sees it. */
export interface CsvRow {
  /** The line of the file the row starts on; the header is line 1. */
  line: number;
  /** A column's value, trimmed; '' where the file has no such column. */
  field: (column: string) => string;
  problem: (message: string) => void;
  /** Reports the row as a repeat if an earlier row had the same key: the message is given the earlier row's line. */
  once: (key: string, repeated: (earlierLine: number) => string) => void;
}

export interface CsvTable {
  /** Every heading the import knows, in lower case. */
  headings: readonly string[];
  required: readonly string[];
  /** What the rows are, for "The file has no … in it". */
  noun: string;
}

/**
 * An import's rows: the file checked as a whole (text, its quote marks, a header with the required columns,
 * some rows), then each row by `read`, which returns the row or reports what is wrong with it. A row with any
 * problem is left out, so that the caller can refuse the file or import only the good rows.
 */
export function readCsvTable<T>(
  text: string,
  table: CsvTable,
  read: (row: CsvRow) => T | null,
): { rows: T[]; problems: RowProblem[]; fileProblem: string | null } {
  const none = (fileProblem: string) => ({ rows: [], problems: [], fileProblem });
  // Tab, CR and LF are the only control characters a CSV file has; another is refused by its line, and one in the
  // header means a file of another kind (a spreadsheet's own format, a PDF) rather than a stray character.
  const hidden = lineOfHiddenCharacter(text);
  if (hidden === 1) return none('The file must be a CSV file');
  if (hidden !== null) return none(hiddenCharacterInLine(hidden));
  const file = readCsvRecords(text);
  if ('problem' in file) return none(file.problem);
  const [header, ...records] = file.records;
  if (!header) return none(`The file has no ${table.noun} in it`);
  const columns = readHeader(header.fields, table.headings, table.required);
  if (!columns) return none(`The file must have a header row with the columns ${listed(table.required)}`);
  if (!records.length) return none(`The file has no ${table.noun} in it`);

  const rows: T[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const problem = (message: string) => problems.push({ line, message });
    if (fields.length !== header.fields.length) {
      problem(`this row has ${fields.length} columns but the header has ${header.fields.length}`);
      continue;
    }
    const before = problems.length;
    const row = read({
      line,
      field: (column) => {
        const index = columns.get(column);
        return index === undefined ? '' : (fields[index] ?? '').trim();
      },
      problem,
      once: (key, repeated) => {
        const earlier = seen.get(key);
        if (earlier === undefined) seen.set(key, line);
        else problem(repeated(earlier));
      },
    });
    if (row !== null && problems.length === before) rows.push(row);
  }
  return { rows, problems, fileProblem: null };
}

/**
 * Reading a CSV file people keep in a spreadsheet, for every import: each record with the line of the file it
 * starts on (so that a problem is reported where the user will find it), and the columns found by heading.
 */
import { parse, type Info } from 'csv-parse/sync';

// Tab, CR and LF are the only control characters a CSV file has; any other means it is not text.
// eslint-disable-next-line no-control-regex
const notText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

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

export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The file's records with the line each starts on. csv-parse's own line count is where a record ends
 * and counts a CRLF inside quotes as two lines, so we work it out from the byte offsets instead: with
 * empty lines kept, each record starts where the one before it ended.
 */
export function readCsvRecords(text: string): { records: CsvRecord[] } | { problem: string } {
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

/** Whether the text could be a CSV file: no control characters but tab, CR and LF. */
export const isText = (text: string): boolean => !notText.test(text);

/** The index of each known heading in the header row (case and spacing ignored; the first of a repeated one), or null when a required one is missing. */
export function readHeader(
  fields: readonly string[],
  headings: readonly string[],
  required: readonly string[],
): Map<string, number> | null {
  const columns = new Map<string, number>();
  fields.forEach((field, index) => {
    const heading = words(field).toLowerCase();
    if (headings.includes(heading) && !columns.has(heading)) columns.set(heading, index);
  });
  return required.every((heading) => columns.has(heading)) ? columns : null;
}

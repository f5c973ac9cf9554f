/**
 * Reading a data.police.uk street-level crime file as a stream, a batch of rows at a time, so that memory
 * stays flat however large the file. police.uk writes one record per line (LF or CRLF, sometimes with a
 * byte order mark); the few fields with a comma are quoted, and only those lines go through the CSV parser.
 */
import { parse } from 'csv-parse/sync';
import { isUtf8 } from 'node:buffer';
import { fromPasting, hasHiddenCharacter } from '../../platform/hiddenCharacters.ts';
import { monthPattern } from './analysis/months.ts';

export const streetFileHeadings = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

/** One crime (or anti-social behaviour incident) as police.uk published it, with the line it is on. */
export interface StreetCrime {
  line: number;
  /** Null for anti-social behaviour, which police.uk publishes without one. */
  crimeId: string | null;
  month: string;
  fallsWithin: string;
  longitude: number | null;
  latitude: number | null;
  location: string;
  /** Null for a crime police.uk could not place ("No location"). */
  lsoaCode: string | null;
  crimeType: string;
  outcome: string | null;
}

/** The file is not a police.uk street-level file at all: nothing in it is imported. */
export class NotAStreetFileError extends Error {}

/** A row of a street file that cannot be read: the file is refused, naming the line. */
export class MalformedRowError extends Error {
  readonly line: number;
  constructor(line: number, problem: string) {
    super(`Line ${line}: ${problem}`);
    this.line = line;
  }
}

/** What the reader found wrong with a file, as a sentence to follow the file's name in a refusal. */
export function faultSentence(error: NotAStreetFileError | MalformedRowError): string {
  return /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
}

const lsoaPattern = /^[EW]01\d{6}$/;

const notUtf8Problem =
  'it has a character that is not written as police.uk writes text (UTF-8), perhaps from saving the file in a spreadsheet: download the file from police.uk again, or save it as “CSV UTF-8”';
const coordinatePattern = /^-?\d{1,3}(\.\d+)?$/;

// Other police.uk downloads a user may pick by mistake, named by a heading only they have.
const otherPoliceUkFiles: [string, string][] = [
  ['Outcome type', 'a police.uk outcomes file'],
  ['Object of search', 'a police.uk stop and search file'],
];

function fieldsOf(text: string, line: number): string[] {
  if (!text.includes('"')) return text.split(',');
  try {
    return parse(text)[0] ?? [];
  } catch {
    throw new MalformedRowError(line, 'a quoted field is not closed, or a quote is out of place');
  }
}

function checkHeadings(fields: string[]): void {
  const found = fields.map((field) => field.trim());
  if (found.length === streetFileHeadings.length && found.every((field, i) => field === streetFileHeadings[i])) return;
  const other = otherPoliceUkFiles.find(([heading]) => found.includes(heading));
  const what = other ? `This is ${other[1]}` : 'This is not a police.uk street-level crime file';
  throw new NotAStreetFileError(
    `${what}. Download the street-level crime file (its name ends "-street.csv"): its first line is the headings ${streetFileHeadings.join(', ')}.`,
  );
}

function coordinate(text: string, line: number, name: string): number | null {
  if (text === '') return null;
  if (!coordinatePattern.test(text)) throw new MalformedRowError(line, `${name} must be a number of degrees, not "${text}"`);
  return Number(text);
}

function crimeOn(line: number, fields: string[]): StreetCrime {
  if (fields.length !== streetFileHeadings.length) {
    throw new MalformedRowError(line, `it has ${fields.length} columns where a street file has ${streetFileHeadings.length}`);
  }
  const [crimeId, month, , fallsWithin, longitude, latitude, location, lsoaCode, , crimeType, outcome] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!monthPattern.test(month)) throw new MalformedRowError(line, `the month must be like 2022-10, not "${month}"`);
  if (!crimeType.trim()) throw new MalformedRowError(line, 'the crime type is missing');
  if (!fallsWithin.trim()) throw new MalformedRowError(line, 'the force ("Falls within") is missing');
  if (lsoaCode !== '' && !lsoaPattern.test(lsoaCode)) throw new MalformedRowError(line, `"${lsoaCode}" is not an LSOA code`);
  const place = { longitude: coordinate(longitude, line, 'Longitude'), latitude: coordinate(latitude, line, 'Latitude') };
  if ((place.longitude === null) !== (place.latitude === null))
    throw new MalformedRowError(line, 'it has a longitude or a latitude, not both');
  return {
    line,
    crimeId: crimeId.trim() || null,
    month,
    fallsWithin: fallsWithin.trim(),
    ...place,
    location: location.trim() || 'No location',
    lsoaCode: lsoaCode || null,
    crimeType: crimeType.trim(),
    outcome: outcome.trim() || null,
  };
}

export interface ReadProgress {
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/**
 * The longest line a street file may have. police.uk's rows are well under a kilobyte (the longest line of the 60 files
 * in ../shared/data is 307 bytes: twelve short fields); 16 KB is fifty times that, and a line past it is not police.uk's, so it is refused before it is held whole.
 */
export const maxLineBytes = 16 * 1024;

/** The lines that end in one chunk of the file, and whether any of them may have a hidden character. */
interface ChunkLines {
  lines: string[];
  hidden: boolean;
}

/**
 * The index of the first of the bytes' lines that is not UTF-8, or -1 when they all are: police.uk's files are, and
 * a file a spreadsheet saved in another encoding would be stored with U+FFFD for its letters. Each line's own bytes are
 * looked at only when the whole chunk's are not UTF-8, so that a U+FFFD police.uk wrote is never taken for one.
 */
function firstNotUtf8(bytes: Buffer): number {
  if (isUtf8(bytes)) return -1;
  let index = 0;
  for (let start = 0; start <= bytes.length; index += 1) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return index;
    start = stop + 1;
  }
  return -1;
}

/**
 * The file's lines as they arrive (a newline ends one; a CR before it is dropped), never holding more than
 * `maxLineBytes` of one: a longer line is a MalformedRowError naming it, as is a line that is not UTF-8. The lines
 * that end in a chunk are decoded, looked at for hidden characters and passed on together, not one by one: a newline
 * byte is never part of a longer UTF-8 character, and a file's tens of thousands of lines each awaited would cost more
 * than reading them.
 */
async function* linesOf(chunks: AsyncIterable<Buffer>, onChunk?: (chunk: Buffer) => void): AsyncGenerator<ChunkLines> {
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let line = 0;
  // A "line" that long made of lines that end in a carriage return alone is a file saved that way, not a long row.
  const tooLong = (crEnded: boolean) =>
    new MalformedRowError(
      line + 1,
      crEnded
        ? 'its lines end in a carriage return alone, as some programs save files, where police.uk’s end in a line feed: download the file from police.uk again'
        : `it is longer than any row of a police.uk file (over ${maxLineBytes / 1024} KB)`,
    );
  const withoutCr = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of chunks) {
    onChunk?.(chunk);
    const end = chunk.lastIndexOf(0x0a);
    if (end !== -1) {
      const bytes = partialBytes ? Buffer.concat([...partial, chunk.subarray(0, end)]) : chunk.subarray(0, end);
      const text = bytes.toString('utf8');
      const lines = text.split('\n');
      const hidden = hasHiddenCharacter(text);
      const notUtf8 = firstNotUtf8(bytes);
      for (let i = 0; i < lines.length; i += 1) {
        const found = lines[i]!;
        // A character is at most three bytes for each UTF-16 unit: only a line that might be too long is measured.
        const long = found.length * 3 > maxLineBytes + 1 && Buffer.byteLength(found) > maxLineBytes + 1;
        if (long || i === notUtf8) {
          // The lines before it are read first, as they come: a fault in one of them is the file's first. With none,
          // nothing is passed on: the chunks before this one hold the line's start, never checked.
          if (i > 0) yield { lines: lines.slice(0, i), hidden };
          throw long ? tooLong(found.slice(0, -1).includes('\r')) : new MalformedRowError(line + 1, notUtf8Problem);
        }
        line += 1;
        lines[i] = withoutCr(found);
      }
      yield { lines, hidden };
      partial = [];
      partialBytes = 0;
    }
    const rest = chunk.subarray(end + 1);
    partialBytes += rest.length;
    if (partialBytes > maxLineBytes + 1)
      throw tooLong(
        Buffer.concat([...partial, rest])
          .subarray(0, -1)
          .includes(0x0d),
      );
    if (rest.length > 0) partial.push(rest);
  }
  if (partialBytes > 0) {
    line += 1;
    const bytes = Buffer.concat(partial);
    if (!isUtf8(bytes)) throw new MalformedRowError(line, notUtf8Problem);
    const text = bytes.toString('utf8');
    yield { lines: [withoutCr(text)], hidden: hasHiddenCharacter(text) };
  }
}

/** The month and force of a street file, from its first row. */
export interface StreetFileOf {
  month: string;
  fallsWithin: string;
}

/**
 * Checks a street file line by line: its headings, then each row, every row of the month and force of the first.
 * Returns the crime on the line (null for the headings or a blank line).
 */
function streetLineChecker(): {
  /** `hidden`: whether the line may have a hidden character (false when none of its chunk has one). */
  check(raw: string, line: number, hidden: boolean): StreetCrime | null;
  first(): StreetCrime | undefined;
} {
  let first: StreetCrime | undefined;
  return {
    check(raw, line, hidden) {
      if (line === 1) {
        checkHeadings(fieldsOf(raw.replace(/^\uFEFF/, ''), line));
        return null;
      }
      if (raw.trim() === '') return null;
      if (hidden && hasHiddenCharacter(raw)) throw new MalformedRowError(line, `it ${fromPasting}`);
      const crime = crimeOn(line, fieldsOf(raw, line));
      first ??= crime;
      if (crime.month !== first.month) throw new MalformedRowError(line, `the month is ${crime.month}, but the file is for ${first.month}`);
      if (crime.fallsWithin !== first.fallsWithin) {
        throw new MalformedRowError(line, `the force is ${crime.fallsWithin}, but the file is for ${first.fallsWithin}`);
      }
      return crime;
    },
    first: () => first,
  };
}

/**
 * The file's bytes as they come, each line checked as a street file's as it goes (what readStreetFile would refuse,
 * refused at the first bad line, with no more of the file read); `of` is given the file's month and force at its end.
 */
export async function* checkedStreetFile(content: AsyncIterable<Buffer>, of: (file: StreetFileOf | null) => void): AsyncGenerator<Buffer> {
  const checker = streetLineChecker();
  const chunks: Buffer[] = [];
  let line = 0;
  for await (const { lines, hidden } of linesOf(content, (chunk) => chunks.push(chunk))) {
    for (const raw of lines) checker.check(raw, (line += 1), hidden);
    // A chunk is passed on once the lines ending in it are checked.
    while (chunks.length > 1) yield chunks.shift()!;
  }
  if (line === 0) throw new NotAStreetFileError('The file is empty. Choose a police.uk street-level crime file.');
  yield* chunks;
  const first = checker.first();
  of(first ? { month: first.month, fallsWithin: first.fallsWithin } : null);
}

/**
 * The file's crimes in batches, skipping the lines up to `afterLine` (already imported); `each` is given every crime
 * of the file, those skipped too. Throws NotAStreetFileError before any batch when the headings are wrong, and
 * MalformedRowError at a bad row. Every row must be of the month and force of the first, as a police.uk file is.
 */
export async function* readStreetFile(
  content: AsyncIterable<Buffer>,
  options: { afterLine: number; batchSize: number; progress?: ReadProgress; each?: (crime: StreetCrime) => void },
): AsyncGenerator<StreetCrime[]> {
  const checker = streetLineChecker();
  let line = 0;
  let batch: StreetCrime[] = [];
  const counted = (chunk: Buffer) => {
    if (options.progress) options.progress.bytesRead += chunk.length;
  };
  for await (const { lines, hidden } of linesOf(content, counted)) {
    for (const raw of lines) {
      line += 1;
      const crime = checker.check(raw, line, hidden);
      if (!crime) continue;
      options.each?.(crime);
      // Lines already imported are read again to check and count them: their month and force bind the rest.
      if (line <= options.afterLine) continue;
      batch.push(crime);
      if (batch.length === options.batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (line === 0) throw new NotAStreetFileError('The file is empty. Choose a police.uk street-level crime file.');
  if (batch.length > 0) yield batch;
}

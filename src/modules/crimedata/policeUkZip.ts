/**
 * Reading police.uk's download as it comes: a zip of month folders, each with the force's street-level file
 * (`2022-10/2022-10-leicestershire-street.csv`) and, when asked for, its outcomes and stop and search files.
 * The street files are imported; every other entry is skipped and said why. The zip is read entry by entry
 * from disk (yauzl), never whole into memory. An archive is taken whole or refused whole: before any entry is
 * imported its directory is checked (names, number, declared sizes and how far each is compressed) and every street
 * file inflated once to check that it is the size it declares and starts as a street file does, so a zip bomb, a
 * damaged zip or one of junk changes nothing.
 */
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FieldValidationError } from '../../platform/errors.ts';
import { digits } from '../../platform/numbers.ts';
import { faultSentence, MalformedRowError, NotAStreetFileError, readStreetFile } from './policeUkFile.ts';

/**
 * Bounds on what a zip may ask of the server: police.uk's largest monthly street file is a few tens of MB. Its
 * street files deflate about 5 to 1 (the 60 in ../shared/data, at the highest level); the shipped extract's, trimmed
 * and sorted, 17 to 1 at most. A bomb's filler deflates hundreds to 1 (up to 1,032), so an entry past 100 to 1 is
 * refused from the zip's directory, before a byte of it is inflated: six times the most a real one reached. The
 * street files together may unzip to at most 30 times the whole zip's size (police.uk's about 5, the extract's 17):
 * so many entries each just under 100 to 1, or several zips in one upload, ask no more of the server than that.
 */
export const zipLimits = {
  entries: 1000,
  entryBytes: 200 * 1024 * 1024,
  streetBytes: 2 * 1024 * 1024 * 1024,
  compressionRatio: 100,
  zipRatio: 30,
};

/** The fewest bytes a local file header takes (its fixed part): what an entry's data spans at least, with it. */
const localHeaderBytes = 30;

/** The start of each street entry checked as a street file (headings, then rows) before anything of the zip is kept. */
const startBytes = 64 * 1024;

/** An entry of the zip that is not imported, and why. */
export interface SkippedEntry {
  fileName: string;
  reason: string;
}

export interface ZipOptions {
  /** The most street files the zip may hold: the upload form's files at a time (the command line, the operator's, takes any). */
  maxStreetFiles?: number;
}

export interface PoliceUkZip {
  /** The street files' names as police.uk gives them (`2022-10-leicestershire-street.csv`), in the zip's order. */
  streetFiles: string[];
  skipped: SkippedEntry[];
  /** Each street file's content in turn, streamed from the zip. */
  eachStreetFile(): AsyncGenerator<{ entryName: string; fileName: string; content: Readable }>;
  close(): void;
}

export const streetFileSuffix = '-street.csv';

const skipReasons: [RegExp, string][] = [
  [/-outcomes\.csv$/i, 'an outcomes file: Safer imports the street-level files, which carry each crime’s last outcome'],
  [/-stop-and-search\.csv$/i, 'a stop and search file: Safer imports street-level crime only'],
  [/\.zip$/i, 'a zip inside the zip: Safer does not open it'],
];

function skipReason(name: string): string {
  return skipReasons.find(([pattern]) => pattern.test(name))?.[1] ?? 'not a police.uk street-level file';
}

/** The message of a refused zip, next to the upload's field (and on the command line). */
const refusal = (message: string) => new FieldValidationError('files', message);

const open = (path: string) =>
  new Promise<ZipFile>((resolve, reject) => {
    // Sizes are checked here, as the entries are inflated: yauzl's own check takes a password-protected entry for a damaged one.
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    );
  });

const openEntry = (zip: ZipFile, entry: Entry) =>
  new Promise<Readable>((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });

// yauzl's words for a name that would lead outside the zip.
const unsafeName = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/;

/** Every entry of the zip's directory, or the reason it cannot be taken. */
async function entriesOf(zip: ZipFile, zipName: string): Promise<Entry[]> {
  if (zip.entryCount > zipLimits.entries) {
    throw refusal(
      `${zipName} holds ${digits(zip.entryCount, 0)} files, more than police.uk’s download ever does (at most ${digits(zipLimits.entries, 0)}): nothing in it was imported.`,
    );
  }
  const entries: Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => {
      const unsafe = unsafeName.exec(error.message);
      reject(
        refusal(
          unsafe
            ? `${zipName} holds a file named “${unsafe[2]}”, a name that leads outside the zip: it is not police.uk’s download, and nothing in it was imported.`
            : `${zipName} cannot be read as a zip (${error.message}): nothing in it was imported. Download it from data.police.uk again.`,
        ),
      );
    });
    zip.readEntry();
  });
  return entries;
}

/**
 * Refuses entries that share their data: each entry's header and compressed bytes lie in a range of the zip of their
 * own, as a zip tool writes them. Entries pointing into one another's data are how a small zip declares many large
 * files (each checked alone, each under the limits) that all inflate from the same bytes.
 */
function checkNoSharedData(entries: readonly Entry[], zipName: string): void {
  const byOffset = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  for (let i = 1; i < byOffset.length; i += 1) {
    const before = byOffset[i - 1]!;
    const entry = byOffset[i]!;
    if (entry.relativeOffsetOfLocalHeader < before.relativeOffsetOfLocalHeader + localHeaderBytes + before.compressedSize) {
      throw refusal(
        `${zipName} has ${before.fileName} and ${entry.fileName} unzipping from the same data, which no zip tool writes: it is not police.uk’s download, and nothing in it was imported.`,
      );
    }
  }
}

/** The street entries, after checking each can be read as it declares; throws the refusal otherwise. */
function checkStreetEntries(entries: readonly Entry[], zipName: string, zipBytes: number, options: ZipOptions): void {
  const most = options.maxStreetFiles ?? zipLimits.entries;
  if (entries.length > most) {
    throw refusal(
      `${zipName} holds ${digits(entries.length, 0)} street-level files, and up to ${digits(most, 0)} can be imported at a time: nothing in it was imported. On data.police.uk, download ${digits(most, 0)} months or fewer at a time.`,
    );
  }
  // One file a force and month: two would be two different versions of the month, in one upload.
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const name = basename(entry.fileName).toLowerCase();
    const other = seen.get(name);
    if (other !== undefined) {
      throw refusal(
        `${zipName} holds ${other} and ${entry.fileName}, two files for the same force and month: nothing in it was imported. Download it from data.police.uk again.`,
      );
    }
    seen.set(name, entry.fileName);
  }
  let total = 0;
  for (const entry of entries) {
    const name = entry.fileName;
    if (entry.isEncrypted()) {
      throw refusal(
        `${zipName} is password-protected (${name} has a password), and police.uk’s download never is: nothing in it was imported. Download it from data.police.uk again.`,
      );
    }
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw refusal(`${zipName} compresses ${name} in a way police.uk does not: nothing in it was imported.`);
    }
    if (entry.uncompressedSize > zipLimits.entryBytes) {
      throw refusal(
        `${name} in ${zipName} would be ${digits(entry.uncompressedSize / 1024 / 1024, 0)} MB unzipped, more than any police.uk file (at most ${digits(zipLimits.entryBytes / 1024 / 1024, 0)} MB): nothing in it was imported.`,
      );
    }
    if (entry.uncompressedSize > zipLimits.compressionRatio * Math.max(entry.compressedSize, 1)) {
      throw refusal(
        `${name} in ${zipName} is compressed ${digits(entry.uncompressedSize / Math.max(entry.compressedSize, 1), 0)} to 1, far more than a police.uk file ever is: it is not police.uk’s file, and nothing in the zip was imported.`,
      );
    }
    total += entry.uncompressedSize;
  }
  if (total > zipLimits.zipRatio * zipBytes) {
    throw refusal(
      `${zipName}’s street files would be ${digits(total / zipBytes, 0)} times its size unzipped, far more than police.uk’s download ever is (at most ${zipLimits.zipRatio}): it is not police.uk’s download, and nothing in it was imported.`,
    );
  }
  if (total > zipLimits.streetBytes) {
    throw refusal(
      `${zipName}’s street files would be over ${digits(zipLimits.streetBytes / 1024 ** 3, 0)} GB unzipped: import fewer months at a time.`,
    );
  }
}

/** The entry's first lines, whole, checked as a street file's: its headings, then each row in them. */
async function checkStart(start: Buffer, whole: boolean, entry: Entry, zipName: string): Promise<void> {
  const end = whole ? start.length : start.lastIndexOf(0x0a) + 1;
  const lines = start.subarray(0, end);
  try {
    // A police.uk row is well under a kilobyte: the start holds the headings and whole rows, or the file is not one.
    const newlines = lines.filter((byte) => byte === 0x0a).length;
    if (!whole && newlines === 0) throw new NotAStreetFileError('Its first line is not the headings of a street-level file.');
    if (!whole && newlines === 1) throw new MalformedRowError(2, 'it is longer than any row of a police.uk file');
    for await (const batch of readStreetFile(Readable.from([lines]), { afterLine: 0, batchSize: 1000 })) void batch;
  } catch (error) {
    if (!(error instanceof NotAStreetFileError || error instanceof MalformedRowError)) throw error;
    throw refusal(`${entry.fileName} in ${zipName} cannot be imported, so nothing in the zip was. ${faultSentence(error)}`);
  }
}

/**
 * Inflates the entry to nowhere, refusing it when it holds more, or less, than it declares (stopping at the first
 * byte too many), or when its first lines are not a street file's.
 */
async function checkInflates(zip: ZipFile, entry: Entry, zipName: string): Promise<void> {
  const damaged = (reason: string) =>
    refusal(
      `${entry.fileName} in ${zipName} cannot be unzipped (${reason}): the zip is damaged, and nothing in it was imported. Download it from data.police.uk again.`,
    );
  const start: Buffer[] = [];
  let bytes = 0;
  let checked = false;
  try {
    for await (const chunk of await openEntry(zip, entry)) {
      bytes += (chunk as Buffer).length;
      if (bytes > entry.uncompressedSize) throw damaged(`it holds more than the ${digits(entry.uncompressedSize, 0)} bytes it declares`);
      if (checked) continue;
      start.push(chunk as Buffer);
      if (bytes >= startBytes) {
        await checkStart(Buffer.concat(start), false, entry, zipName);
        checked = true;
      }
    }
  } catch (error) {
    if (error instanceof FieldValidationError) throw error;
    throw damaged((error as Error).message);
  }
  if (bytes !== entry.uncompressedSize)
    throw damaged(`it holds ${digits(bytes, 0)} bytes, not the ${digits(entry.uncompressedSize, 0)} it declares`);
  if (!checked) await checkStart(Buffer.concat(start), true, entry, zipName);
}

/**
 * Opens police.uk's zip at `path` (named `zipName` to the person): its street files to import and the entries
 * skipped. Throws a FieldValidationError on `files`, saying why, when the zip is refused.
 */
export async function openPoliceUkZip(path: string, zipName: string, options: ZipOptions = {}): Promise<PoliceUkZip> {
  let zip: ZipFile;
  try {
    zip = await open(path);
  } catch {
    throw refusal(`${zipName} is not a zip file. Choose the zip downloaded from data.police.uk, or the street-level CSV files in it.`);
  }
  try {
    const entries = (await entriesOf(zip, zipName)).filter((entry) => !entry.fileName.endsWith('/'));
    const street = entries.filter((entry) => basename(entry.fileName).endsWith(streetFileSuffix));
    const skipped = entries
      .filter((entry) => !street.includes(entry))
      .map((entry) => ({ fileName: entry.fileName, reason: skipReason(basename(entry.fileName)) }));
    if (street.length === 0) {
      throw refusal(
        `${zipName} holds no street-level crime files (names ending “${streetFileSuffix}”)${skipped.length ? `, only ${skipped.length === 1 ? skipped[0]!.fileName : `${digits(skipped.length, 0)} other files`}` : ''}. On data.police.uk, tick “Include crime data” and download again.`,
      );
    }
    checkNoSharedData(entries, zipName);
    checkStreetEntries(street, zipName, zip.fileSize, options);
    for (const entry of street) await checkInflates(zip, entry, zipName);
    const opened = zip;
    return {
      streetFiles: street.map((entry) => basename(entry.fileName)),
      skipped,
      async *eachStreetFile() {
        for (const entry of street)
          yield { entryName: entry.fileName, fileName: basename(entry.fileName), content: await openEntry(opened, entry) };
      },
      close: () => opened.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** The skipped entries in a sentence or two, for the command line and the upload's page. */
export function skippedText(skipped: readonly SkippedEntry[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const { fileName, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), basename(fileName)]);
  return [...byReason].map(([reason, names]) => {
    const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${digits(names.length - 2, 0)} more`;
    return `Skipped ${names.length === 1 ? 'one file' : `${digits(names.length, 0)} files`} (${shown}): ${reason}.`;
  });
}

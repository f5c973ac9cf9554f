/**
 * Builds police-uk-extract.zip, the demo's shipped crime data, from the police.uk files in ../shared/data
 * (see README.md), byte for byte the same each time:
 *   node src/modules/crimedata/demo/extract/build.ts ../shared/data/policeuk
 * Each file goes in as police.uk's download has it (`2022-10/2022-10-leicestershire-street.csv`), its lines
 * as published except that the Crime ID is left blank: Safer's figures do not use it, and its 64 random hex
 * digits would be most of the zip. Leicestershire's files go in whole; Devon and Cornwall's keep Plymouth's
 * rows and the rows police.uk could not place, which count for no partnership but are the force's.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';

const source = process.argv[2] ?? '../shared/data/policeuk';
const target = join(import.meta.dirname, 'police-uk-extract.zip');
// A fixed date on every entry, so that the zip's bytes depend on its contents only.
const date = new Date('2026-12-08T00:00:00Z');

const crimeId = /^[0-9a-f]{64},/;
const lsoaNameColumn = 8;

type Keep = (line: string) => boolean;
const everyRow: Keep = () => true;
const plymouthOrNoLocation: Keep = (line) => {
  const fields: string[] = line.includes('"') ? (parse(line)[0] ?? []) : line.split(',');
  const lsoaName = fields[lsoaNameColumn] ?? '';
  return lsoaName === '' || lsoaName.startsWith('Plymouth ');
};

const forces: [folder: string, keep: Keep][] = [
  ['leicestershire', everyRow],
  ['devon-and-cornwall', plymouthOrNoLocation],
];

/** The file's header and the rows kept, each line with its own ending as published, the Crime ID blanked. */
function cut(text: string, keep: Keep): string {
  const lines = text.split(/(?<=\n)/);
  const rows = lines.slice(1).filter((line) => keep(line.trimEnd()));
  return [lines[0] ?? '', ...rows.map((line) => line.replace(crimeId, ','))].join('');
}

const zip = new JSZip();
for (const [folder, keep] of forces) {
  for (const name of readdirSync(join(source, folder)).sort()) {
    if (!name.endsWith('-street.csv')) continue;
    const text = readFileSync(join(source, folder, name), 'utf8');
    zip.file(`${name.slice(0, 7)}/${name}`, cut(text, keep), { date, createFolders: false });
  }
}
const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
writeFileSync(target, bytes);
console.log(`${target}: ${bytes.length} bytes`);

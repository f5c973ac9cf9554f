/**
 * Real police.uk street files for tests, from the extract the repository ships
 * (src/modules/crimedata/demo/extract: Leicestershire's 24 months whole, and Devon and Cornwall's 12 months cut to
 * Plymouth's rows and the rows without a location), so the figures are tested on a machine with no ../shared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { demoCrimeSources } from '../../src/modules/crimedata/demo/crimedata.seed.ts';
import { scratchFolder } from './scratch.ts';

export type ExtractForce = 'devon-and-cornwall' | 'leicestershire';

const folder = scratchFolder('real-files');
let zip: Promise<JSZip> | undefined;

/** The path of a copy of the force's street file for the month ('2022-10'), as police.uk names it. */
export async function streetFile(force: ExtractForce, month: string): Promise<string> {
  zip ??= JSZip.loadAsync(readFileSync(demoCrimeSources.extract));
  const name = `${month}-${force}-street.csv`;
  const entry = (await zip).file(`${month}/${name}`);
  if (!entry) throw new Error(`The extract has no ${name}`);
  const path = join(folder, name);
  writeFileSync(path, await entry.async('nodebuffer'));
  return path;
}

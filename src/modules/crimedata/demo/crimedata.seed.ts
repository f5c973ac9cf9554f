/**
 * The demo's crime data: the Leicestershire partnerships and Safer Plymouth placed in their Community Safety
 * Partnership areas, and their forces' police.uk street-level files imported: from ../shared/data/policeuk where
 * that folder is (the full demo), otherwise from the extract shipped in ./extract (a fresh clone: Leicestershire's
 * 24 months and Plymouth's 12, real figures from the first start).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemPrincipal } from '../../../platform/principal.ts';
import type { CrimeDataService } from '../crimedata.service.ts';
import { streetFilesOnDisk } from '../zipImports.ts';

interface DemoForce {
  /** The force's folder in ../shared/data/policeuk, and its word in police.uk's file names. */
  folder: string;
  /** The force area as the ONS lookup names it. */
  forceName: string;
  /** The demo's partnership keys and the ONS names of their Community Safety Partnerships. */
  areas: Record<string, string>;
}

const demoForces: DemoForce[] = [
  {
    folder: 'leicestershire',
    forceName: 'Leicestershire',
    areas: {
      melton: 'Melton',
      rutland: 'Rutland',
      'hinckley-and-bosworth': 'Hinckley and Bosworth',
      'oadby-and-wigston': 'Oadby and Wigston',
      blaby: 'Blaby',
      harborough: 'Harborough',
      leicester: 'Leicester',
      charnwood: 'Charnwood',
      'north-west-leicestershire': 'North West Leicestershire',
    },
  },
  { folder: 'devon-and-cornwall', forceName: 'Devon & Cornwall', areas: { plymouth: 'Plymouth' } },
];

export const demoCrimeSources = {
  /** The published files, one folder a force, when ../shared is beside the project. */
  folder: join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'policeuk'),
  extract: join(import.meta.dirname, 'extract', 'police-uk-extract.zip'),
};

/** Returns how many files were imported, and from where. */
export async function seedDemoCrimeData(
  crimeData: CrimeDataService,
  partnerships: ReadonlyMap<string, string>,
  sources = demoCrimeSources,
): Promise<{ files: number; fromExtract: boolean }> {
  const csps = await crimeData.csps();
  for (const force of demoForces) {
    for (const [key, cspName] of Object.entries(force.areas)) {
      const partnershipId = partnerships.get(key);
      const csp = csps.find((candidate) => candidate.name === cspName && candidate.forceName === force.forceName);
      if (partnershipId && csp) await crimeData.setArea(systemPrincipal, partnershipId, csp.code);
    }
  }
  const importFile = (path: string) => crimeData.importFile(systemPrincipal, path);
  let files = 0;
  const fromExtract: string[] = [];
  for (const { folder } of demoForces) {
    const published = join(sources.folder, folder);
    if (!existsSync(published)) {
      fromExtract.push(`-${folder}-street.csv`);
      continue;
    }
    for (const name of readdirSync(published).sort()) {
      if (!name.endsWith('-street.csv')) continue;
      await importFile(join(published, name));
      files += 1;
    }
  }
  if (fromExtract.length === 0) return { files, fromExtract: false };
  // The extract's files of the forces whose published files are not here.
  const extract = await streetFilesOnDisk(sources.extract, 'the demo’s police.uk extract');
  for await (const path of extract.paths()) {
    if (!fromExtract.some((suffix) => path.endsWith(suffix))) continue;
    await importFile(path);
    files += 1;
  }
  return { files, fromExtract: true };
}

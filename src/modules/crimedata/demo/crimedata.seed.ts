/**
 * The demo's crime data: the Leicestershire partnerships placed in their Community Safety Partnership areas,
 * and the 24 months of Leicestershire Police street-level files in ../shared/data, where that folder is
 * (the project does not ship them: a fresh clone elsewhere has the areas and no crimes until files are imported).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemPrincipal } from '../../../platform/principal.ts';
import type { CrimeDataService } from '../crimedata.service.ts';

/** The demo's partnership keys and the ONS names of their Community Safety Partnerships. */
const leicestershireAreas: Record<string, string> = {
  melton: 'Melton',
  rutland: 'Rutland',
  'hinckley-and-bosworth': 'Hinckley and Bosworth',
  'oadby-and-wigston': 'Oadby and Wigston',
  blaby: 'Blaby',
  harborough: 'Harborough',
  leicester: 'Leicester',
  charnwood: 'Charnwood',
  'north-west-leicestershire': 'North West Leicestershire',
};

export const demoCrimeFolder = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'policeuk', 'leicestershire');

/** Returns how many files were imported (none when the folder is not there). */
export async function seedDemoCrimeData(
  crimeData: CrimeDataService,
  partnerships: ReadonlyMap<string, string>,
  folder = demoCrimeFolder,
): Promise<number> {
  const csps = await crimeData.csps();
  for (const [key, cspName] of Object.entries(leicestershireAreas)) {
    const partnershipId = partnerships.get(key);
    const csp = csps.find((candidate) => candidate.name === cspName && candidate.forceName === 'Leicestershire');
    if (partnershipId && csp) await crimeData.setArea(systemPrincipal, partnershipId, csp.code);
  }
  if (!existsSync(folder)) return 0;
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('-street.csv'))
    .sort();
  for (const file of files) await crimeData.importFile(systemPrincipal, join(folder, file));
  return files.length;
}

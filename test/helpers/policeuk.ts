/** Doctored police.uk street files, built from the City of London fixtures: another force, month, LSOA or crime type. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Container } from '../../src/container.ts';

export const policeUkFixtures = join(import.meta.dirname, '..', 'fixtures', 'policeuk');

const quoted = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The fixture's rows rewritten row by row (the line's index from 0), as a CRLF file like police.uk's. */
export function doctoredFile(
  fixture: string,
  change: {
    month?: string;
    force?: string;
    lsoa?: (index: number) => string;
    /** One type for every row, or each row's (by its index, type and LSOA as the fixture has them). */
    crimeType?: string | ((index: number, row: { type: string; lsoa: string }) => string);
  },
): Buffer {
  const rows: string[][] = parse(readFileSync(join(policeUkFixtures, fixture)), { bom: true });
  const [heading, ...crimes] = rows;
  const lines = crimes.map((row, index) => {
    const [
      crimeId = '',
      month = '',
      reportedBy = '',
      fallsWithin = '',
      lon = '',
      lat = '',
      location = '',
      lsoa = '',
      lsoaName = '',
      type = '',
      ...rest
    ] = row;
    return [
      crimeId,
      change.month ?? month,
      change.force ?? reportedBy,
      change.force ?? fallsWithin,
      lon,
      lat,
      location,
      change.lsoa && lsoa ? change.lsoa(index) : lsoa,
      lsoaName,
      typeof change.crimeType === 'function' ? change.crimeType(index, { type, lsoa }) : (change.crimeType ?? type),
      ...rest,
    ]
      .map(quoted)
      .join(',');
  });
  return Buffer.from([heading!.join(','), ...lines, ''].join('\r\n'));
}

/** Puts the partnership's area in the City of London's police force area, so that the fixtures are its own force's. */
export async function cityOfLondonForce(container: Container, partnershipId: string): Promise<void> {
  const { areaId } = await container.governance.partnerships.get(null, partnershipId);
  await container.database.db.updateTable('areas').set({ forceName: 'City of London Police' }).where('id', '=', areaId).execute();
}

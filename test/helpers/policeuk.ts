/** Doctored police.uk street files, built from the City of London fixtures: another force, month, LSOA or crime type. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
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
    /** Each row's location, by its index and the fixture's location. */
    location?: (index: number, location: string) => string;
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
      change.location ? change.location(index, location) : location,
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

/** Files as a zip (in the order given), as police.uk's download is. */
export async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content, { createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * A zip shaped like police.uk's download of the City of London's November and December 2025: month folders, each
 * with its street file, an outcomes file beside November's and a stop and search file beside December's.
 */
export function policeUkZip(): Promise<Buffer> {
  const fixture = (name: string) => readFileSync(join(policeUkFixtures, name));
  return zipOf({
    '2025-11/2025-11-city-of-london-street.csv': fixture('2025-11-city-of-london-street.csv'),
    '2025-11/2025-11-city-of-london-outcomes.csv':
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\r\n',
    '2025-12/2025-12-city-of-london-street.csv': fixture('2025-12-city-of-london-street.csv'),
    '2025-12/2025-12-city-of-london-stop-and-search.csv': 'Type,Date,Part of a policing operation,Object of search\r\n',
  });
}

/** The zip with every entry declaring `bytes` unzipped, in its local header and the central directory: a zip bomb's lie. */
export function declaringSize(zip: Buffer, bytes: number): Buffer {
  const patched = Buffer.from(zip);
  for (let at = 0; at < patched.length - 4; at += 1) {
    const signature = patched.readUInt32LE(at);
    if (signature === 0x04034b50) patched.writeUInt32LE(bytes, at + 22);
    if (signature === 0x02014b50) patched.writeUInt32LE(bytes, at + 24);
  }
  return patched;
}

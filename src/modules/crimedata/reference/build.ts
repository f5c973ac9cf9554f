/**
 * Builds the reference data shipped in this folder from the ONS files in ../shared/data (see README.md):
 *   node src/modules/crimedata/reference/build.ts ../shared/data
 * Each LSOA is placed in its Community Safety Partnership through its local authority district. The CSP
 * lookup is of January 2017; districts merged since (Buckinghamshire, Dorset, the Northamptonshires…) are
 * not in it, so their LSOAs are placed by the 2011 district their 2011 LSOA name begins with
 * ("Aylesbury Vale 001A").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const source = process.argv[2] ?? '../shared/data';
const here = import.meta.dirname;

function table<Column extends string>(path: string, columns: boolean | Column[] = true): Record<Column, string>[] {
  return parse(readFileSync(join(source, path)), { bom: true, columns, skip_empty_lines: true }) as unknown as Record<Column, string>[];
}

const districts = table<'LAD17CD' | 'LAD17NM' | 'CSP17CD' | 'CSP17NM' | 'PFA17CD' | 'PFA17NM'>(
  'geo/Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv',
);
const cspOfDistrictCode = new Map(districts.map((d) => [d.LAD17CD, d.CSP17CD]));
const cspOfDistrictName = new Map(districts.map((d) => [d.LAD17NM, d.CSP17CD]));
const csps = new Map(districts.map((d) => [d.CSP17CD, [d.CSP17CD, d.CSP17NM, d.PFA17CD, d.PFA17NM]]));

function cspOf(districtCode: string, lsoa11Name: string): string | undefined {
  return cspOfDistrictCode.get(districtCode) ?? cspOfDistrictName.get(lsoa11Name.replace(/ \d{3}[A-Z]$/, ''));
}

const population2011 = new Map(
  table('population/lsoa_population_mid2019_lsoa2011.csv', ['code', 'population']).map((r) => [r.code, r.population]),
);
const population2021 = new Map(
  table<'lsoacd' | 'population'>('population/lsoa_population_mid2022_lsoa2021.csv').map((r) => [r.lsoacd, r.population]),
);

interface Lsoa {
  name: string;
  in2011: boolean;
  in2021: boolean;
  csp: string;
}
const lsoas = new Map<string, Lsoa>();
for (const row of table<'LSOA11CD' | 'LSOA11NM' | 'LSOA21CD' | 'LSOA21NM' | 'LAD22CD'>('geo/lsoa11_to_lsoa21_to_lad.csv')) {
  const csp = cspOf(row.LAD22CD, row.LSOA11NM) ?? '';
  const old = lsoas.get(row.LSOA11CD);
  lsoas.set(row.LSOA11CD, { name: row.LSOA11NM, in2011: true, in2021: old?.in2021 ?? false, csp });
  const current = lsoas.get(row.LSOA21CD);
  // An unchanged area keeps its code: one row, in both editions, under its 2021 name.
  lsoas.set(row.LSOA21CD, { name: row.LSOA21NM, in2011: current?.in2011 ?? false, in2021: true, csp: current?.csp || csp });
}

const rows = [...lsoas.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([code, lsoa]) => [
    code,
    lsoa.name,
    lsoa.in2011 ? 1 : 0,
    lsoa.in2021 ? 1 : 0,
    lsoa.csp,
    // The most recent estimate for the code: mid-2022 for a 2021 LSOA, mid-2019 for one that ended in 2021.
    (lsoa.in2021 ? population2021.get(code) : population2011.get(code)) ?? '',
  ]);
writeFileSync(
  join(here, 'lsoas.csv.gz'),
  gzipSync(stringify([['code', 'name', 'in2011', 'in2021', 'csp_code', 'population'], ...rows]), { level: 9 }),
);
writeFileSync(join(here, 'csps.csv'), stringify([['code', 'name', 'force_code', 'force_name'], ...[...csps.values()].sort()]));
console.log(`${rows.length} LSOAs, ${csps.size} Community Safety Partnerships`);

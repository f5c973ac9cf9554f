/**
 * Builds the reference data shipped in this folder from the ONS files in ../shared/data (see README.md):
 *   node src/modules/crimedata/reference/build.ts ../shared/data
 * Every LSOA of both census editions comes from the exact-fit 2011 → 2021 lookup, which names all 35,672 LSOAs of
 * 2021 (the best-fit one leaves out those made in 2021). Each is one row per edition, with that edition's name
 * and population (mid-2019 for 2011 LSOAs, mid-2022 for 2021 ones), placed in its Community Safety Partnership
 * through its 2022 local authority district. The CSP lookup is of January 2017; districts merged since
 * (Buckinghamshire, Dorset, the Northamptonshires…) are not in it, so their LSOAs are placed by the 2011 district
 * their 2011 LSOA name begins with ("Aylesbury Vale 001A").
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

function cspOf(districtCode: string, lsoa11Name: string): string {
  return cspOfDistrictCode.get(districtCode) ?? cspOfDistrictName.get(lsoa11Name.replace(/ \d{3}[A-Z]$/, '')) ?? '';
}

const populations = {
  2011: new Map(table('population/lsoa_population_mid2019_lsoa2011.csv', ['code', 'population']).map((r) => [r.code, r.population])),
  2021: new Map(table<'lsoacd' | 'population'>('population/lsoa_population_mid2022_lsoa2021.csv').map((r) => [r.lsoacd, r.population])),
};

type Edition = 2011 | 2021;
/** "code|edition" → [name, CSP]: a split or merged area is on several rows of the lookup, all in one district. */
const lsoas = new Map<string, [code: string, edition: Edition, name: string, csp: string]>();
function place(code: string, edition: Edition, name: string, csp: string): void {
  const key = `${code}|${edition}`;
  const seen = lsoas.get(key);
  if (seen && seen[3] !== csp) throw new Error(`${code} (${edition}) is in two partnerships: ${seen[3]} and ${csp}`);
  lsoas.set(key, [code, edition, name, csp]);
}
// A 2011 LSOA split between two districts in 2021 (one of the exact-fit lookup's "X" changes) is in the district the
// best-fit lookup gives it, the one most of its people lived in.
const bestFitDistrict = new Map(table<'LSOA11CD' | 'LAD22CD'>('geo/lsoa11_to_lsoa21_to_lad.csv').map((row) => [row.LSOA11CD, row.LAD22CD]));
for (const row of table<'LSOA11CD' | 'LSOA11NM' | 'LSOA21CD' | 'LSOA21NM' | 'LAD22CD'>('geo/lsoa11_to_lsoa21_exact.csv')) {
  place(row.LSOA11CD, 2011, row.LSOA11NM, cspOf(bestFitDistrict.get(row.LSOA11CD) ?? row.LAD22CD, row.LSOA11NM));
  place(row.LSOA21CD, 2021, row.LSOA21NM, cspOf(row.LAD22CD, row.LSOA11NM));
}

const rows = [...lsoas.values()]
  .sort(([a, x], [b, y]) => a.localeCompare(b) || x - y)
  .map(([code, edition, name, csp]) => [code, edition, name, csp, populations[edition].get(code) ?? '']);
writeFileSync(
  join(here, 'lsoas.csv.gz'),
  gzipSync(stringify([['code', 'edition', 'name', 'csp_code', 'population'], ...rows]), { level: 9 }),
);
writeFileSync(join(here, 'csps.csv'), stringify([['code', 'name', 'force_code', 'force_name'], ...[...csps.values()].sort()]));
const count = (edition: Edition) => rows.filter((row) => row[1] === edition).length;
console.log(`${count(2011)} LSOAs of 2011, ${count(2021)} of 2021, ${csps.size} Community Safety Partnerships`);

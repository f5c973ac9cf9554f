/**
 * The figures, reproduced from the real police.uk files: each one counted here with a CSV parser of its
 * own from the file (and its LSOA names), and compared with what Safer shows. Rates are on the population of the
 * LSOA edition the file is coded in: mid-2019 for the 2011 LSOAs of these files.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { doctoredFile } from '../../../test/helpers/policeuk.ts';
import { streetFile } from '../../../test/helpers/realFiles.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { hotspotsPage } from './hotspotsPage.ts';
import { comparableMonths } from './lsoaEditions.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';

const plymouth = 'E22000056';
const charnwoodArea = 'E22000165';

type Row = Record<string, string>;
const rowsOf = async (force: 'devon-and-cornwall' | 'leicestershire', month: string): Promise<Row[]> =>
  parse<Row>(readFileSync(await streetFile(force, month)), { bom: true, columns: true });

/** A district's crimes in the file, by LSOA code, with the names the file gives them: "Plymouth 027E". */
function byLsoa(rows: readonly Row[], district: string): Map<string, { name: string; count: number }> {
  const counts = new Map<string, { name: string; count: number }>();
  for (const row of rows) {
    const name = row['LSOA name'] ?? '';
    if (!name.startsWith(`${district} `)) continue;
    const code = row['LSOA code'] ?? '';
    counts.set(code, { name, count: (counts.get(code)?.count ?? 0) + 1 });
  }
  return counts;
}

const total = (counts: Map<string, { count: number }>) => [...counts.values()].reduce((sum, { count }) => sum + count, 0);

for (const database of testDatabases()) {
  describe(`the issue's figures from the real police.uk files, on ${database.engine}`, () => {
    let container: Container;
    const ids = new Map<string, string>();
    const id = (key: string) => ids.get(key) ?? '';

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2026-01-20T09:00:00Z') },
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
      });
      for (const [key, value] of await seedDemo(container.governance)) ids.set(key, value);
      // Coventry stands in for Safer Plymouth: its area is put in Devon and Cornwall's police force area.
      const { areaId } = await container.governance.partnerships.get(null, id('coventry'));
      await container.database.db.updateTable('areas').set({ forceName: 'Devon & Cornwall Police' }).where('id', '=', areaId).execute();
      await container.crimeData.setArea(systemPrincipal, id('coventry'), plymouth);
      await container.crimeData.setArea(systemPrincipal, id('charnwood'), charnwoodArea);
      await container.crimeData.importFile(systemPrincipal, await streetFile('devon-and-cornwall', '2017-11'));
      for (const month of ['2021-10', '2022-09', '2022-10'])
        await container.crimeData.importFile(systemPrincipal, await streetFile('leicestershire', month));
    });
    after(() => container.database.close());

    async function hotspots(partnershipId: string, month: string, sort: 'count' | 'rate' = 'count') {
      const publishedMonths = await container.crimeData.publishedMonths(partnershipId);
      const [counts, lsoas] = await Promise.all([
        container.crimeData.crimeCounts(partnershipId, { from: publishedMonths[0] ?? month, to: month }),
        container.crimeData.areaLsoas(partnershipId, month),
      ]);
      return hotspotsPage({ counts, lsoas, publishedMonths, month, by: 'lsoa', sort });
    }

    it('gives Plymouth’s November 2017 total and its top 10 LSOAs with their counts and 2011 names', async () => {
      const file = byLsoa(await rowsOf('devon-and-cornwall', '2017-11'), 'Plymouth');
      const page = await hotspots(id('coventry'), '2017-11');
      assert.equal(total(file), 2551);
      assert.equal(page.headline.total, 2551);
      const top = page.rows.slice(0, 10).map((row) => [row.name, row.count]);
      assert.deepEqual(top.slice(0, 5), [
        ['Plymouth 027E', 156],
        ['Plymouth 027C', 97],
        ['Plymouth 029E', 90],
        ['Plymouth 027G', 77],
        ['Plymouth 029C', 65],
      ]);
      const independent = [...file.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, 10);
      assert.deepEqual(
        top,
        independent.map(({ name, count }) => [name, count]),
      );
      // Every LSOA is named as the file (and ONS's 2011 edition) names it, not by its 2021 name.
      for (const row of page.rows) assert.equal(row.name, file.get(row.key)?.name, row.key);
      assert.equal(page.rows.find((row) => row.key === 'E01015155')?.name, 'Plymouth 029C');
    });

    it('gives Plymouth 027E’s rate on its mid-2019 population, and ranks by rate on the same', async () => {
      const lsoas = await container.crimeData.areaLsoas(id('coventry'), '2017-11');
      const shipped = readFileSync(join(import.meta.dirname, 'reference', 'lsoas.csv.gz'));
      const reference = parse<Row>((await import('node:zlib')).gunzipSync(shipped), { columns: true });
      const mid2019 = Number(reference.find((row) => row.code === 'E01015156' && row.edition === '2011')?.population);
      const mid2022 = Number(reference.find((row) => row.code === 'E01015156' && row.edition === '2021')?.population);
      assert.notEqual(mid2019, mid2022);
      assert.equal(lsoas.find((lsoa) => lsoa.code === 'E01015156')?.population, mid2019);
      const page = await hotspots(id('coventry'), '2017-11', 'rate');
      const e027 = page.rows.find((row) => row.key === 'E01015156');
      assert.equal(e027?.ratePer1000, 83.3);
      assert.equal(e027?.ratePer1000, Math.round((156 * 1000 * 10) / mid2019) / 10);
      assert.equal(e027?.rankByRate, 1);
    });

    it('gives Charnwood’s October 2022 total, without anti-social behaviour, and its top LSOAs’ changes', async () => {
      const rows = await rowsOf('leicestershire', '2022-10');
      const file = byLsoa(rows, 'Charnwood');
      const noAsb = byLsoa(
        rows.filter((row) => row['Crime type'] !== 'Anti-social behaviour'),
        'Charnwood',
      );
      const lastMonth = byLsoa(await rowsOf('leicestershire', '2022-09'), 'Charnwood');
      const lastYear = byLsoa(await rowsOf('leicestershire', '2021-10'), 'Charnwood');
      assert.equal(total(file), 1430);
      assert.equal(total(noAsb), 1327);
      const page = await hotspots(id('charnwood'), '2022-10');
      assert.equal(page.headline.total, 1430);
      assert.equal(page.headline.lastMonth, total(lastMonth));
      assert.equal(page.headline.lastYear, total(lastYear));
      const counts = await container.crimeData.crimeCounts(id('charnwood'), { from: '2022-10', to: '2022-10' });
      assert.equal(
        counts.filter((count) => count.crimeType !== 'Anti-social behaviour').reduce((sum, count) => sum + count.count, 0),
        1327,
      );
      for (const row of page.rows.slice(0, 5)) {
        assert.equal(row.count, file.get(row.key)?.count, row.key);
        assert.equal(row.changeOnLastMonth, row.count - (lastMonth.get(row.key)?.count ?? 0), row.key);
        assert.equal(row.changeOnLastYear, row.count - (lastYear.get(row.key)?.count ?? 0), row.key);
      }
      const e003A = page.rows.find((row) => row.name === 'Charnwood 003A');
      assert.deepEqual([e003A?.count, e003A?.ratePer1000], [141, 49.9]);
    });

    it('places the crimes of an LSOA made in 2021, named as 2021 names it, in its partnership', async () => {
      // Leicestershire's June 2023 in 2021 LSOAs: Charnwood 019E (E01034006), which the best-fit lookup leaves out,
      // and Charnwood 003A (E01025720), unchanged.
      const codes = ['E01034006', 'E01025720'];
      const path = join(scratchFolder('2021'), '2023-06-leicestershire-street.csv');
      const content = doctoredFile('2025-12-city-of-london-street.csv', {
        month: '2023-06',
        force: 'Leicestershire Police',
        lsoa: (i) => codes[i % 2]!,
      });
      writeFileSync(path, content);
      const inFile = (code: string) => parse<Row>(content, { columns: true }).filter((row) => row['LSOA code'] === code).length;
      const { imported } = await container.crimeData.importFile(systemPrincipal, path);
      assert.equal(imported.status, 'complete');
      assert.equal(imported.lsoaEdition, 2021);
      assert.equal(imported.unknownLsoa, 0);
      const counts = await container.crimeData.crimeCounts(id('charnwood'), { from: '2023-06', to: '2023-06' });
      const inLsoa = (code: string) => counts.filter((count) => count.lsoaCode === code).reduce((sum, count) => sum + count.count, 0);
      assert.ok(inFile('E01034006') > 300);
      assert.equal(inLsoa('E01034006'), inFile('E01034006'));
      assert.equal(inLsoa('E01025720'), inFile('E01025720'));
      const lsoas = await container.crimeData.areaLsoas(id('charnwood'), '2023-06');
      assert.equal(lsoas.find((lsoa) => lsoa.code === 'E01034006')?.name, 'Charnwood 019E');
      // Charnwood 019A ended in 2021: it is an LSOA of October 2022's edition, not of June 2023's.
      assert.equal(
        lsoas.find((lsoa) => lsoa.code === 'E01025679'),
        undefined,
      );
      assert.ok((await container.crimeData.areaLsoas(id('charnwood'), '2022-10')).some((lsoa) => lsoa.code === 'E01025679'));
    });

    it('compares a series of LSOAs only in the months of their edition', async () => {
      const editions = await container.crimeData.areaEditions(id('charnwood'));
      const months = (codes: string[]) => comparableMonths(editions, codes);
      assert.deepEqual(months(['E01025720']), ['2021-10', '2022-09', '2022-10', '2023-06']);
      assert.deepEqual(months(['E01034006']), ['2023-06']);
      assert.deepEqual(months(['E01025679']), ['2021-10', '2022-09', '2022-10']);
    });

    it('gives Loughborough town centre’s rate in the tasking document on mid-2019 populations, with every crime type', async () => {
      const group = (await container.governance.groups.list(id('charnwood'))).find((g) => g.name === 'Charnwood Tasking Group');
      const places = ['E01025720', 'E01025699', 'E01025703', 'E01025718'];
      const townCentre = await container.tasking.createLocation(systemPrincipal, id('charnwood'), {
        name: 'Loughborough town centre',
        kind: 'lsoa',
        places,
        reason: null,
      });
      const document = await container.tasking.document(id('charnwood'), group?.id ?? '', '2022-10');
      const section = document.sections.find((candidate) => candidate.key === townCentre);
      const file = byLsoa(await rowsOf('leicestershire', '2022-10'), 'Charnwood');
      assert.equal(
        section?.count,
        places.reduce((sum, code) => sum + (file.get(code)?.count ?? 0), 0),
      );
      assert.equal(section?.ratePer1000, 32.2);
      assert.equal(section?.crimeTypes.at(-1)?.crimeType, 'Other types');
      assert.equal(
        section?.crimeTypes.reduce((sum, type) => sum + type.count, 0),
        section?.count,
      );
      // Its chart starts at the first month held, October 2021, not 24 months back.
      const lastYear = byLsoa(await rowsOf('leicestershire', '2021-10'), 'Charnwood');
      assert.deepEqual(section?.series[0], {
        month: '2021-10',
        count: places.reduce((sum, code) => sum + (lastYear.get(code)?.count ?? 0), 0),
      });
    });

    it('shows a place made in 2021 as not comparable, never 0, in the months coded by 2011 LSOAs', async () => {
      const made2021 = await container.tasking.createLocation(systemPrincipal, id('charnwood'), {
        name: 'Charnwood 019E',
        kind: 'lsoa',
        places: ['E01034006'],
        reason: null,
      });
      const { series } = await container.tasking.location(id('charnwood'), made2021);
      assert.equal(series[0]?.month, '2021-10');
      assert.deepEqual(
        series
          .filter((entry) => entry.count !== null || entry.notComparable)
          .map((entry) => [entry.month, entry.count, entry.notComparable]),
        [
          ['2021-10', null, true],
          ['2022-09', null, true],
          ['2022-10', null, true],
          ['2023-06', series.at(-1)?.count, undefined],
        ],
      );
      assert.ok((series.at(-1)?.count ?? 0) > 0);
    });
  });
}

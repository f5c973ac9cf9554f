import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope, testPassword } from '../../../test/helpers/build.ts';
import { streetFile } from '../../../test/helpers/realFiles.ts';

/** A CSV download's rows of cells (its notes are rows of one cell). */
function cellsOf(body: string): string[][] {
  return parse(body, { bom: true, relax_column_count: true });
}
const rowsOf = (path: string) => parse<Record<string, string>>(readFileSync(path), { bom: true, columns: true });

describe('the overseer’s crime comparison across an area, from the real Leicestershire files', () => {
  let app: Awaited<ReturnType<typeof build>>['app'];
  let container: Container;
  let overseer: Browser;
  let areaId = '';
  const scope = suiteScope();
  /** Each Leicestershire partnership's LSOAs and residents in the 2011 edition, by name. */
  const areas = new Map<string, { id: string; name: string; lsoas: Set<string>; residents: number }>();
  const files = { october2022: '', october2021: '' };

  before(async () => {
    ({ app, container, client: overseer } = await build(scope, { as: 'overseer' }));
    const partnerships = await container.governance.partnerships.list(null);
    const melton = partnerships.find((p) => p.shortName === 'Melton')!;
    areaId = melton.areaId;
    const user = (await container.accounts.listUsers()).find((u) => u.email === 'overseer@example.com')!;
    await container.accounts.grantRole(systemPrincipal, user.id, 'overseer', { partnershipId: null, areaId });
    // Each placed in its Community Safety Partnership (the demo's short names are the ONS names), and October 2021
    // and 2022 imported: a month and the same month a year earlier.
    const csps = (await container.crimeData.csps()).filter((csp) => csp.forceName === 'Leicestershire');
    for (const p of partnerships.filter((one) => one.areaId === areaId)) {
      const csp = csps.find((one) => one.name === p.shortName);
      if (csp) await container.crimeData.setArea(systemPrincipal, p.id, csp.code);
    }
    files.october2022 = await streetFile('leicestershire', '2022-10');
    files.october2021 = await streetFile('leicestershire', '2021-10');
    for (const p of partnerships.filter((one) => one.areaId === areaId && csps.some((csp) => csp.name === one.shortName))) {
      const lsoas = await container.crimeData.areaLsoas(p.id, '2022-10');
      areas.set(p.shortName, {
        id: p.id,
        name: p.name,
        lsoas: new Set(lsoas.map((l) => l.code)),
        residents: lsoas.reduce((s, l) => s + (l.population ?? 0), 0),
      });
    }
    for (const path of Object.values(files)) await container.crimeData.importFile(systemPrincipal, path);
  });

  it('is the overseer’s: an officer of a partnership of the area is refused, and no one signed in is asked to sign in', async () => {
    const officer = new Browser(app);
    const email = 'charnwood.officer@example.com';
    const userId = await container.accounts.createUser(systemPrincipal, {
      email,
      name: 'An officer',
      password: testPassword,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemPrincipal, userId, 'officer', { partnershipId: areas.get('Charnwood')!.id, areaId: null });
    await officer.signIn(email, testPassword);
    assert.equal((await officer.get(`/areas/${areaId}/crime`)).statusCode, 403);
    assert.equal((await officer.get(`/areas/${areaId}/crime/download.csv`)).statusCode, 403);
    const stranger = await new Browser(app).get(`/areas/${areaId}/crime`);
    assert.equal(stranger.statusCode, 302);
  });

  it('gives each partnership its crimes, rate and change on a year earlier, counted from the raw rows', async () => {
    assert.equal(areas.size, 9, 'Leicestershire’s nine partnerships');
    const now = rowsOf(files.october2022);
    const then = rowsOf(files.october2021);
    const count = (rows: Record<string, string>[], lsoas: Set<string>, withoutAsb = false) =>
      rows.filter((row) => lsoas.has(row['LSOA code'] ?? '') && !(withoutAsb && row['Crime type'] === 'Anti-social behaviour')).length;
    const csv = await overseer.get(`/areas/${areaId}/crime/download.csv?period=month&month=2022-10`);
    assert.equal(csv.statusCode, 200);
    const table = cellsOf(csv.body);
    assert.equal(table[0]?.[6], 'October 2021');
    const rates: number[] = [];
    for (const area of areas.values()) {
      const { name } = area;
      const row = table.find((cells) => cells[1] === name);
      assert.ok(row, `${name} has a row`);
      const crimes = count(now, area.lsoas);
      const before = count(then, area.lsoas);
      const rate = (crimes / area.residents) * 1000;
      rates.push(rate);
      assert.deepEqual(row.slice(0, 9), [
        'October 2022',
        name,
        String(crimes),
        String(count(now, area.lsoas, true)),
        String(area.residents),
        rate.toFixed(1),
        String(before),
        String(crimes - before),
        (((crimes - before) / before) * 100).toFixed(1),
      ]);
    }
    // Charnwood's October 2022, as the issue gives it.
    assert.deepEqual(table.find((cells) => cells[1] === areas.get('Charnwood')?.name)?.slice(2, 4), ['1430', '1327']);
    // The area average is the mean of the nine rates, the limits its population standard deviation.
    const mean = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((sum, rate) => sum + (rate - mean) ** 2, 0) / rates.length);
    const note = table.find((cells) => cells[0]?.startsWith('Area average')) ?? [];
    assert.equal(
      note[0],
      `Area average of the partnerships' rates: ${mean.toFixed(1)}; 1 SD limits ${Math.max(0, mean - sd).toFixed(1)} to ${(mean + sd).toFixed(1)}; 2 SD limits ${Math.max(0, mean - 2 * sd).toFixed(1)} to ${(mean + 2 * sd).toFixed(1)}`,
    );
    for (const { name, lsoas, residents } of areas.values()) {
      const rate = (count(now, lsoas) / residents) * 1000;
      const expected = rate > mean + sd ? 'Above' : rate < mean - sd ? 'Below' : 'Within';
      assert.equal(table.find((cells) => cells[1] === name)?.[9], expected, `${name}'s position`);
    }
    const total = table.find((cells) => cells[1] === 'The area') ?? [];
    const allCrimes = [...areas.values()].reduce((sum, area) => sum + count(now, area.lsoas), 0);
    const allBefore = [...areas.values()].reduce((sum, area) => sum + count(then, area.lsoas), 0);
    const allResidents = [...areas.values()].reduce((sum, area) => sum + area.residents, 0);
    assert.deepEqual(total.slice(2, 9), [
      String(allCrimes),
      String([...areas.values()].reduce((sum, area) => sum + count(now, area.lsoas, true), 0)),
      String(allResidents),
      ((allCrimes / allResidents) * 1000).toFixed(1),
      String(allBefore),
      String(allCrimes - allBefore),
      (((allCrimes - allBefore) / allBefore) * 100).toFixed(1),
    ]);
    assert.ok(/Open Government Licence/.test(csv.body));
  });

  it('shows the page with the period chosen, each partnership linked to its profile', async () => {
    const page = await overseer.get(`/areas/${areaId}/crime?period=month&month=2022-10`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Crime across [^<]+, October 2022<\/h1>/);
    assert.match(
      page.body,
      new RegExp(`href="/partnerships/${areas.get('Charnwood')?.id ?? ''}/crime-data/profile\\?period=month&amp;month=2022-10"`),
    );
    assert.match(page.body, /<td class="govuk-table__cell govuk-table__cell--numeric">1,430<\/td>/);
  });

  it('says "No figures" for a period not wholly held, and "not held in Safer" for a year earlier not held', async () => {
    const csv = await overseer.get(`/areas/${areaId}/crime/download.csv?period=quarter&month=2022-10`);
    const charnwood = cellsOf(csv.body).find((cells) => cells[1] === areas.get('Charnwood')?.name) ?? [];
    assert.deepEqual([charnwood[2], charnwood[9]], ['', 'No figures']);
    const month = await overseer.get(`/areas/${areaId}/crime/download.csv?period=month&month=2021-10`);
    const earlier = cellsOf(month.body).find((cells) => cells[1] === areas.get('Charnwood')?.name) ?? [];
    assert.equal(earlier[6], 'Not held in Safer');
  });

  it('says what is wrong with a month not held or a period the form never sends, and links to the months held', async () => {
    const notHeld = await overseer.get(`/areas/${areaId}/crime?period=month&month=2019-01`);
    assert.equal(notHeld.statusCode, 400);
    assert.match(notHeld.body, /data-qa="address-problem">January 2019 is not held in Safer: it holds /);
    assert.match(notHeld.body, new RegExp(`href="/areas/${areaId}/crime" data-qa="address-next">Choose from the months held<`));
    const fortnight = await overseer.get(`/areas/${areaId}/crime?period=fortnight`);
    assert.equal(fortnight.statusCode, 400);
    assert.match(
      fortnight.body,
      /“fortnight” is not a period: a page covers a month, a quarter, 12 months to a month or a financial year \(April to March\)\./,
    );
  });
});

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { cityOfLondonForce, doctoredFile, policeUkFixtures } from '../../../test/helpers/policeuk.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';

const cityOfLondon = 'E22000180';
const scratch = scratchFolder('figure-pages');
const rowsOf = (path: string) => parse<Record<string, string>>(readFileSync(path), { bom: true, columns: true });
const december = join(policeUkFixtures, '2025-12-city-of-london-street.csv');
const november = join(policeUkFixtures, '2025-11-city-of-london-street.csv');

/** Crimes in the LSOAs, all or without ASB, counted from the raw rows. */
function rawCount(paths: readonly string[], lsoas: readonly string[], withoutAsb = false): number {
  const wanted = new Set(lsoas);
  return paths
    .flatMap(rowsOf)
    .filter((row) => wanted.has(row['LSOA code'] ?? '') && !(withoutAsb && row['Crime type'] === 'Anti-social behaviour')).length;
}

describe('the crime profile and peer comparison pages', () => {
  let container: Container;
  let analyst: Browser;
  let coventry: string;
  let melton: string;
  let base = '';
  const files = { earlier: '', melton: '' };
  const lsoas: Record<string, string[]> = {};
  const population: Record<string, number> = {};
  const scope = suiteScope();

  before(async () => {
    ({ container, client: analyst, coventry } = await build(scope, { as: 'analyst' }));
    base = `/partnerships/${coventry}/crime-data`;
    melton = (await container.governance.partnerships.list(null)).find((p) => p.shortName === 'Melton')?.id ?? '';
    await cityOfLondonForce(container, coventry);
    await container.crimeData.setArea(systemPrincipal, coventry, cityOfLondon);
    const meltonCsp = (await container.crimeData.csps()).find((csp) => csp.name === 'Melton')?.code ?? '';
    await container.crimeData.setArea(systemPrincipal, melton, meltonCsp);
    for (const [key, id] of Object.entries({ coventry, melton })) {
      const area = await container.crimeData.areaLsoas(id, '2025-12');
      lsoas[key] = area.map((lsoa) => lsoa.code);
      population[key] = area.reduce((sum, lsoa) => sum + (lsoa.population ?? 0), 0);
    }
    // December 2024, a year before: November 2025's rows, dated so, with every other row's type made burglary.
    files.earlier = join(scratch, '2024-12-city-of-london-street.csv');
    writeFileSync(
      files.earlier,
      doctoredFile('2025-11-city-of-london-street.csv', {
        month: '2024-12',
        crimeType: (index, row) => (index % 2 ? 'Burglary' : row.type),
      }),
    );
    // Melton's December: the City's rows, placed in Melton's LSOAs in turn, every third one dropped to another force's.
    files.melton = join(scratch, '2025-12-leicestershire-street.csv');
    writeFileSync(
      files.melton,
      doctoredFile('2025-12-city-of-london-street.csv', {
        force: 'Leicestershire Police',
        lsoa: (index) => (index % 3 ? lsoas.melton![index % lsoas.melton!.length]! : 'E01000001'),
      }),
    );
    for (const path of [november, december, files.earlier, files.melton]) await container.crimeData.importFile(systemPrincipal, path);
  });

  it('shows a month’s crimes by type, per 1,000 and against the same month a year earlier, with the rows without a location', async () => {
    const page = await analyst.get(`${base}/profile?period=month&month=2025-12`);
    assert.equal(page.statusCode, 200);
    const all = rawCount([december], lsoas.coventry!);
    const before = rawCount([files.earlier], lsoas.coventry!);
    const perThousand = ((all / population.coventry!) * 1000).toFixed(1);
    assert.match(page.body, /<h1 class="govuk-heading-l">Crime profile, December 2025<\/h1>/);
    const allRow = /<strong>All crime<\/strong>[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
    for (const cell of [String(all), perThousand, String(before), `${all - before > 0 ? '+' : '−'}${Math.abs(all - before)}`]) {
      assert.ok(allRow.includes(`>${cell}<`), `${cell} in ${allRow}`);
    }
    const withoutAsb = rawCount([december], lsoas.coventry!, true);
    assert.match(page.body, new RegExp(`All crime except anti-social behaviour</strong></td>\\s*<td[^>]*>${withoutAsb}<`));
    const noLocation = rowsOf(december).filter((row) => !row['LSOA code']).length;
    assert.match(
      page.body,
      new RegExp(`${noLocation} crimes in City of London Police’s files for the period had no location, so count for no partnership`),
    );
    assert.match(page.body, /Contains public sector information licensed under the Open Government Licence/);
    assert.match(page.body, /href="[^"]*\/peers\?period=month&amp;month=2025-12"/);
  });

  it('gives a period not wholly held the counts of its months held, so labelled, with no rate and no change', async () => {
    const page = await analyst.get(`${base}/profile?period=quarter&month=2025-12`);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /Safer does not hold police\.uk data for October 2025: the counts are of November to December 2025 only, with no rate per 1,000 residents/,
    );
    assert.match(page.body, /Crimes in City of London, November to December 2025 only/);
    assert.ok(page.body.includes('Not held in Safer'));
    assert.match(page.body, /numeric">Not given</);
    const count = rawCount([november, december], lsoas.coventry!);
    assert.ok(page.body.includes(`>${count.toLocaleString('en-GB')}<`));
    // The residents are the estimate of the edition the latest month is coded in: the City's 2025 files, 2021 LSOAs.
    assert.match(page.body, /\d (?:\(ONS mid-2022 estimates for the area’s 2021 LSOAs)/);
    const csv = await analyst.get(`${base}/profile.csv?period=quarter&month=2025-12`);
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { relax_column_count: true });
    assert.deepEqual(rows[1]?.slice(0, 4), ['November to December 2025 only', 'All crime', String(count), '']);
  });

  it('downloads the profile with its attribution, and has no page for a period the form never offers', async () => {
    const csv = await analyst.get(`${base}/profile.csv?period=month&month=2025-12`);
    assert.equal(csv.statusCode, 200);
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { relax_column_count: true });
    assert.deepEqual(rows[1]?.slice(0, 3), ['December 2025', 'All crime', String(rawCount([december], lsoas.coventry!))]);
    assert.match(rows.at(-2)?.[0] ?? '', /Open Government Licence/);
    const said = {
      'period=decade': /“decade” is not a period/,
      'month=2025-13': /“2025-13” is not a month: a month is written as year and month, such as 2025-12\. Safer holds /,
      'month=2019-01': /January 2019 is not held in Safer: it holds /,
    };
    for (const [query, words] of Object.entries(said)) {
      const page = await analyst.get(`${base}/profile?${query}`);
      assert.equal(page.statusCode, 400, query);
      assert.match(page.body, words, query);
      assert.match(page.body, new RegExp(`href="${base}/profile" data-qa="address-next">Choose from the months held<`), query);
    }
    assert.equal((await analyst.get(`${base}/profile.csv?month=2025-13`)).statusCode, 400);
  });

  it('lets the analyst choose peers, refusing none with the message next to the choice', async () => {
    const empty = await analyst.get(`${base}/peers`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /None yet/);
    const refused = await analyst.post(`${base}/peers/choose`, {}, { tokenFrom: `${base}/peers/choose` });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary[\s\S]*Select at least one partnership to compare with/);
    assert.match(refused.body, /id="peerIds-error"/);
    const saved = await analyst.post(`${base}/peers/choose`, { peerIds: [melton] });
    assert.equal(saved.statusCode, 303);
    const form = await analyst.get(`${base}/peers/choose`);
    assert.match(form.body, new RegExp(`value="${melton}" checked`));
    // Each peer says the months its force's data is held for: a peer with other months compares only over those both hold.
    assert.match(form.body, /Melton Area Safer Communities Partnership[\s\S]*?Police\.uk data held for December 2025 only/);
    assert.match(
      (await analyst.get(`${base}/peers`)).body,
      /Melton Area Safer Communities Partnership <span[^>]*>\(Police\.uk data held for December 2025 only\)/,
    );
  });

  it('goes back to the default peers when asked, audited', async () => {
    const chosen = await analyst.get(`${base}/peers`);
    assert.match(chosen.body, /data-qa="use-default-peers"/);
    const reset = await analyst.post(`${base}/peers/default`, {}, { tokenFrom: `${base}/peers` });
    assert.equal(reset.statusCode, 302);
    const page = await analyst.get(`${base}/peers`);
    assert.match(page.body, /The peers are the default again: the other partnerships of the area/);
    assert.match(page.body, /Until an analyst or officer chooses them, the peers are the other partnerships of the area/);
    assert.doesNotMatch(page.body, /data-qa="default-peers-form"/);
    assert.equal((await container.crimeData.peerChoices(coventry)).chosen, false);
    const { rows } = await container.audit.list({ entityType: 'crime-peers' }, { limit: 10, offset: 0 });
    assert.ok(rows.some((entry) => /set back to the default/.test(entry.summary)));
    // Chosen again, for the comparison that follows.
    assert.equal((await analyst.post(`${base}/peers/choose`, { peerIds: [melton] })).statusCode, 303);
  });

  it('compares the partnership per 1,000 with its peers exactly as the raw rows give', async () => {
    const csv = await analyst.get(`${base}/peers.csv?period=month&month=2025-12`);
    assert.equal(csv.statusCode, 200);
    const rows: string[][] = parse(csv.body.replace(/^\uFEFF/, ''), { relax_column_count: true });
    const [heading, allCrime] = rows;
    const own = (rawCount([december], lsoas.coventry!) / population.coventry!) * 1000;
    const peer = (rawCount([files.melton], lsoas.melton!) / population.melton!) * 1000;
    const average = (own + peer) / 2;
    const sd = Math.abs(own - peer) / 2;
    assert.deepEqual(heading?.slice(-2), ['Coventry Community Safety Partnership', 'Melton Area Safer Communities Partnership']);
    assert.deepEqual(allCrime, [
      'December 2025',
      'All crime',
      own.toFixed(1),
      own <= peer ? '1' : '2',
      '2',
      average.toFixed(1),
      (average - sd).toFixed(1),
      (average + sd).toFixed(1),
      'Within',
      // A lower limit below 0 is 0: no rate of crime is below 0.
      Math.max(0, average - 2 * sd).toFixed(1),
      (average + 2 * sd).toFixed(1),
      'Within',
      own.toFixed(1),
      peer.toFixed(1),
    ]);
    // November is not held for Melton: no figures for it, and the partnership is compared with itself alone.
    const quarter = await analyst.get(`${base}/peers?period=month&month=2025-11`);
    assert.equal(quarter.statusCode, 200);
    assert.match(quarter.body, /Melton Area Safer Communities Partnership<\/td>\s*<td[^>]*>No figures</);
    assert.match(quarter.body, />1 of 1</);
  });
});

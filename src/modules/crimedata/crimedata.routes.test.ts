import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { importFinished } from './index.ts';
import { Browser, type UploadFile } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { cityOfLondonForce, doctoredFile } from '../../../test/helpers/policeuk.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'policeuk');
const fixture = (name: string): UploadFile => ({ field: 'files', name, content: readFileSync(join(fixtures, name)), type: 'text/csv' });
const november = fixture('2025-11-city-of-london-street.csv');
const december = fixture('2025-12-city-of-london-street.csv');
const cityOfLondon = 'E22000180';
const charnwood = 'E22000165';
const password = 'a long enough password';

// A temporary directory of this test's own, so that other tests' uploads are not taken for its own.
process.env.TMPDIR = scratchFolder('crimedata-test');

/** The temporary files uploads are streamed to: none outlives its request (they go once the response is sent). */
async function temporaryUploads(): Promise<string[]> {
  const left = () => readdirSync(tmpdir()).filter((name) => name.startsWith('safer-upload-'));
  for (let tries = 0; tries < 100 && left().length; tries += 1) await sleep(10);
  return left();
}

/** A browser signed in as a new account: an administrator, or with a role given by `grant`. */
async function signedIn(app: FastifyInstance, container: Container, email: string, grant?: (userId: string) => Promise<void>) {
  const userId = await container.accounts.createUser(systemPrincipal, { email, name: email, password, isAdmin: !grant });
  await grant?.(userId);
  const browser = new Browser(app);
  await browser.signIn(email, password);
  return browser;
}

describe('crime data pages for a Coventry officer', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let admin: Browser;
  let overseer: Browser;
  let coventry: string;
  let base = '';
  const scope = suiteScope();

  before(async () => {
    ({ app, container, client: officer, coventry } = await build(scope, { as: 'officer' }));
    base = `/partnerships/${coventry}/crime-data`;
    // The fixtures are the City of London's: Coventry stands in for a partnership of that force.
    await cityOfLondonForce(container, coventry);
    const { areaId } = await container.governance.partnerships.get(null, coventry);
    admin = await signedIn(app, container, 'admin@example.com');
    overseer = await signedIn(app, container, 'overseer@example.com', (userId) =>
      container.accounts.grantRole(systemPrincipal, userId, 'overseer', { partnershipId: null, areaId }),
    );
  });

  /** Runs the queue until every import of the upload is over (the upload's own run may hold its jobs meanwhile). */
  async function importsOf(batchId: string) {
    for (let tries = 0; tries < 600; tries += 1) {
      await container.notifications.runDueJobs();
      const rows = await container.crimeData.imports({ batchId });
      if (rows.length && rows.every(importFinished)) return rows;
      await sleep(50);
    }
    throw new Error(`The imports of ${batchId} did not finish`);
  }

  const upload = (files: UploadFile[]) => officer.upload(`${base}/import`, {}, files);
  const batchOf = (location: unknown) => /\/imports\/([^/?]+)$/.exec(String(location))?.[1] ?? '';

  it('asks for the area first, and links to the crime data from the partnership’s page', async () => {
    const partnership = await officer.get(`/partnerships/${coventry}`);
    assert.match(partnership.body, new RegExp(`href="${base}">Crime data</a>`));
    const page = await officer.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /data-qa="no-area"/);
    assert.match(page.body, /An administrator or the area’s overseer chooses it/);
    assert.doesNotMatch(page.body, /data-qa="choose-area"|data-qa="import"/);
    assert.match((await admin.get(base)).body, new RegExp(`href="${base}/area"[^>]*data-qa="choose-area"`));
    assert.match(page.body, /Contains public sector information licensed under the Open Government Licence v3\.0\./);
    assert.match(page.body, /Source: Office for National Statistics licensed under the Open Government Licence v3\.0\./);
    const hotspots = await officer.get(`${base}/hotspots`);
    assert.equal(hotspots.statusCode, 200);
    assert.match(hotspots.body, /data-qa="no-area"/);
  });

  it('refuses an upload before the area is set, next to the field, keeping nothing', async () => {
    assert.match((await officer.get(`${base}/import`)).body, /crime data area must be set before files can be imported/);
    const refused = await upload([december]);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /id="files-error"[\s\S]*crime data area must be set before files can be imported/);
    assert.deepEqual(await container.crimeData.imports({ partnershipId: coventry }), []);
    assert.deepEqual(await temporaryUploads(), []);
  });

  it('lets the partnership’s officer not choose the area, nor anyone choose another force’s', async () => {
    // Plymouth's officer set Plymouth's area to Charnwood's: an officer may not set the area at all.
    assert.equal((await officer.get(`${base}/area`)).statusCode, 403);
    assert.equal((await officer.post(`${base}/area`, { cspCode: charnwood })).statusCode, 403);
    // An administrator (or the overseer) chooses, from the partnership's own force's areas only.
    const other = await admin.post(`${base}/area`, { cspCode: charnwood });
    assert.equal(other.statusCode, 400);
    assert.match(
      other.body,
      /id="cspCode-error"[\s\S]*Charnwood is in the Leicestershire police force area, and Coventry Community Safety Partnership is in City of London’s/,
    );
    // Not offered: the partnership's own force's areas only.
    assert.doesNotMatch(other.body, new RegExp(`<option value="${charnwood}"`));
    assert.equal(await container.crimeData.area(coventry), null);
    assert.equal((await overseer.get(`${base}/area`)).statusCode, 200);
  });

  it('chooses the area from a list of partnerships and their forces, the problem next to the field', async () => {
    const form = await admin.get(`${base}/area`);
    // The City of London police force area has one Community Safety Partnership: it alone is listed, not all 314.
    const offered = [...form.body.matchAll(/<option value="(E22\d+)"[^>]*>([^<]*)<\/option>/g)].map((match) => match[2]);
    assert.deepEqual(offered, ['City of London (City of London)']);
    const none = await admin.post(`${base}/area`, { cspCode: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /id="cspCode-error"[\s\S]*Select the Community Safety Partnership area/);
    const unknown = await admin.post(`${base}/area`, { cspCode: 'E22999999' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /id="cspCode-error"/);
    const saved = await admin.post(`${base}/area`, { cspCode: cityOfLondon });
    assert.equal(saved.statusCode, 302);
    assert.equal(saved.headers.location, base);
    const page = await admin.get(base);
    assert.match(page.body, /Crime data area set to City of London/);
    assert.match(page.body, /data-qa="area">City of London Community Safety Partnership. Police force area: City of London./);
    assert.match((await admin.get(`${base}/area`)).body, new RegExp(`<option value="${cityOfLondon}" selected>`));
  });

  it('shows an upload’s progress until it is imported, then the outcome', async () => {
    const batchId = 'waiting-batch';
    await container.crimeData.receiveUpload(systemPrincipal, {
      partnershipId: coventry,
      batchId,
      fileName: 'notes.csv',
      content: Readable.from([Buffer.from('Some notes, not crimes\r\n')]),
    });
    const waiting = await officer.get(`${base}/imports/${batchId}`);
    assert.equal(waiting.statusCode, 200);
    // No forced refresh (WCAG 2.2.1): a script checks again, and a link does without it.
    assert.doesNotMatch(waiting.body, /http-equiv="refresh"/);
    assert.match(waiting.body, /data-poll-seconds="2"/);
    assert.match(waiting.body, /src="\/assets\/safer\/import-progress\.js"/);
    assert.match(waiting.body, /aria-live="polite">0 of 1 file done\.<\/p>/);
    assert.match(waiting.body, new RegExp(`<a class="govuk-link" href="${base}/imports/${batchId}">Check progress</a>`));
    assert.match(waiting.body, /Waiting to start/);
    assert.match(waiting.body, /<progress[^>]*max="100" value="0" aria-label="notes\.csv, read">0%<\/progress> 0%/);
    // Not a police.uk file: refused, with the reason.
    const [refused] = await importsOf(batchId);
    assert.equal(refused?.status, 'refused');
    const done = await officer.get(`${base}/imports/${batchId}`);
    assert.doesNotMatch(done.body, /data-import-progress/);
    // The status says "Not imported" once; the progress column says the file was checked.
    assert.equal(done.body.match(/Not imported/g)?.length, 1);
    assert.match(done.body, /<td class="govuk-table__cell">Checked<\/td>/);
    assert.match(done.body, /The file was not imported/);
    // Nothing imported is not called imported, nor a refused file "100%" read of a month "not known yet".
    assert.match(done.body, /<h1 class="govuk-heading-l">Crime data not imported<\/h1>/);
    assert.doesNotMatch(done.body, /Crime data imported|Not known yet|100%/);
    assert.match(done.body, /Not known: the file was not read/);
    assert.match(done.body, /This is not a police\.uk street-level crime file/);
  });

  it('refuses an upload without a file, or with a file that is not text, next to the field', async () => {
    const none = await upload([{ field: 'files', name: '', content: Buffer.alloc(0) }]);
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /id="files-error"[\s\S]*Select the police\.uk street-level CSV files to import/);
    assert.match(none.body, /href="#files">Select the police\.uk street-level CSV files to import/);
    const spreadsheet = await upload([{ field: 'files', name: 'crimes.xlsx', content: Buffer.from('PK\u0003\u0004\u0000\u0000 a zip') }]);
    assert.equal(spreadsheet.statusCode, 400);
    assert.match(spreadsheet.body, /crimes\.xlsx is not a CSV file/);
    const empty = await upload([{ field: 'files', name: 'empty.csv', content: Buffer.alloc(0) }]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /empty\.csv is empty/);
    const forged = await officer.upload(`${base}/import`, {}, [november], { csrf: false });
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(await temporaryUploads(), []);
  });

  it('imports two police.uk files uploaded together and shows each file’s outcome', async () => {
    const form = await officer.get(`${base}/import`);
    assert.match(form.body, /<input class="govuk-file-upload" id="files" name="files" type="file" multiple/);
    const response = await upload([november, december]);
    assert.equal(response.statusCode, 303);
    const batchId = batchOf(response.headers.location);
    assert.ok(batchId);
    assert.deepEqual(await temporaryUploads(), []);
    const rows = await importsOf(batchId);
    assert.deepEqual(rows.map((row) => [row.fileName, row.status, row.crimes]).sort(), [
      ['2025-11-city-of-london-street.csv', 'complete', 734],
      ['2025-12-city-of-london-street.csv', 'complete', 810],
    ]);
    const page = await officer.get(String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /http-equiv="refresh"/);
    assert.equal(page.body.match(/govuk-tag--green">Imported</g)?.length, 2);
    assert.match(page.body, /734 crimes and incidents \(City of London Police, November 2025\)/);
    assert.match(page.body, /810 crimes and incidents \(City of London Police, December 2025\)/);
    assert.match(page.body, /Both files were imported/);
    assert.match(page.body, new RegExp(`href="${base}/hotspots\\?month=2025-12" data-qa="hotspots"`));
    const overview = await officer.get(base);
    assert.match(overview.body, /data-qa="months">2 months of police\.uk data, from November 2025 to December 2025/);
    assert.match(overview.body, /2025-12-city-of-london-street\.csv/);
    // The same file again changes nothing.
    const again = await upload([december]);
    const [unchanged] = await importsOf(batchOf(again.headers.location));
    assert.equal(unchanged?.status, 'unchanged');
  });

  it('refuses another force’s file uploaded, even one Safer holds already', async () => {
    const leicestershire = doctoredFile('2025-11-city-of-london-street.csv', { force: 'Leicestershire Police', month: '2025-10' });
    const path = join(process.env.TMPDIR!, '2025-10-leicestershire-street.csv');
    writeFileSync(path, leicestershire);
    const { imported } = await container.crimeData.importFile(systemPrincipal, path);
    assert.equal(imported.status, 'complete', 'the command line imports any force’s file');
    const response = await upload([
      { field: 'files', name: '2025-10-leicestershire-street.csv', content: leicestershire, type: 'text/csv' },
    ]);
    assert.equal(response.statusCode, 303);
    const [refused] = await importsOf(batchOf(response.headers.location));
    assert.equal(refused?.status, 'refused');
    assert.match(
      refused?.problem ?? '',
      /^This file is Leicestershire Police’s, and the partnership’s police force area is City of London: import its own force’s files\.$/,
    );
    // What the file was found to be is kept: its page says the month, not "Not known".
    assert.equal(refused?.month, '2025-10');
    assert.equal(refused?.fallsWithin, 'Leicestershire Police');
    const page = await officer.get(String(response.headers.location));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /October 2025/);
    assert.doesNotMatch(page.body, /Not known/);
  });

  it('ranks the hotspots of a month, with the headline, the emerging hotspots and the prediction accuracy', async () => {
    const page = await officer.get(`${base}/hotspots`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Crime hotspots, December 2025<\/h1>/);
    assert.match(page.body, /Crimes in December 2025/);
    // December 2024 is before the first month held (November 2025): not held in Safer, not "not published".
    assert.match(page.body, /Change on December 2024[\s\S]*?Not held in Safer/);
    assert.match(page.body, /No earlier December to compare with/);
    const table = /data-qa="hotspots"[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
    assert.match(table, /The \d+ LSOAs with the most crime in December 2025/);
    assert.match(table, /City of London 001/);
    assert.ok((table.match(/<tr class="govuk-table__row">/g)?.length ?? 0) > 2, 'several ranked rows');
    // The City's 6 LSOAs: last month's busiest one is the hotspot, a sixth of the area.
    assert.match(page.body, /Predictive accuracy index \(PAI\)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*\d+\.\d\d\s*</);
    assert.match(page.body, /16\.7% of the area \(1 of 6 LSOAs\)/);
    assert.match(page.body, /\+\d+, up from \d+|−\d+, down from \d+/);
    assert.match(page.body, /LSOA boundaries, and so their sizes, are not loaded/);
    assert.match(page.body, /hotspot matrix sorts a hotspot by where and when its crime happens/);
    assert.match(page.body, /The expected figure for a month is the average/);
    assert.match(page.body, /Contains public sector information licensed under the Open Government Licence v3\.0\./);
    const streets = await officer.get(`${base}/hotspots?month=2025-12&by=street&sort=count`);
    assert.match(streets.body, /The \d+ streets with the most crime in December 2025/);
    assert.match(streets.body, /On or near /);
    const byRate = await officer.get(`${base}/hotspots?month=2025-12&by=lsoa&sort=rate`);
    assert.match(byRate.body, /LSOAs with the highest rate of crime/);
    // Each table's Rank column is the rank of the order it is in: by rate, the rank by rate (ties share one).
    const ranks = (body: string) =>
      [...(/data-qa="hotspots"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '').matchAll(/<tr class="govuk-table__row">\s*<td[^>]*>\s*(\d+)/g)].map(
        (match) => Number(match[1]),
      );
    for (const body of [page.body, byRate.body]) {
      const shown = ranks(body);
      assert.ok(shown.length > 2, 'ranked rows');
      assert.deepEqual(
        shown,
        [...shown].sort((a, b) => a - b),
        'ranks in the order of the table',
      );
      assert.equal(shown[0], 1);
    }
    const shoplifting = await officer.get(`${base}/hotspots?month=2025-11&type=Shoplifting`);
    assert.match(shoplifting.body, /<option value="Shoplifting" selected>Shoplifting<\/option>/);
    assert.match(shoplifting.body, /in November 2025: Shoplifting/);
    assert.match(shoplifting.body, /Not known: it needs the month before November 2025 to be held as well/);
  });

  it('explains its analysts’ terms in plain words, names each LSOA before its code, and gives each its own page', async () => {
    const page = await officer.get(`${base}/hotspots?month=2025-12`);
    for (const term of ['hotspot matrix', 'hotpoint', 'predictive calendar', 'predictive accuracy index (PAI)']) {
      assert.match(page.body, new RegExp(`What “${term.replace(/[()]/g, '\\$&')}” means`), term);
    }
    assert.match(page.body, /A hotspot where at least half of the month’s crimes were recorded at one place/);
    // Last month's hotspot and the emerging ones by name, the code after.
    assert.match(page.body, /Last month’s hotspots[\s\S]*?City of London 0\d\d[A-Z] \(E0\d{7}\)/);
    // The table fits a laptop: the rank by rate and the crime types are on each neighbourhood's own page.
    const table = /data-qa="hotspots"[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
    assert.doesNotMatch(table, /Rank by rate|Main crime types/);
    assert.match(table, /class="govuk-table__header safer-table__cell--from-tablet"[^>]*>On last month/);
    const link = new RegExp(
      `<a class="govuk-link" href="(${base}/hotspots/lsoas/(E0\\d{7})\\?month=2025-12)">(City of London [^<]+)</a><br><span[^>]*>(E0\\d{7})<`,
    ).exec(table);
    assert.ok(link, 'each neighbourhood links to its own page, its code under its name');
    const [, href = '', code = '', name = ''] = link;
    const own = await officer.get(href.replace(/&amp;/g, '&'));
    assert.equal(own.statusCode, 200);
    assert.match(own.body, new RegExp(`<h1 class="govuk-heading-l">${name}: crime in December 2025</h1>`));
    assert.match(own.body, new RegExp(`${name} \\(${code}\\)`));
    assert.match(own.body, /Rank by crimes per 1,000 residents/);
    assert.match(own.body, /data-qa="hotspot-crime-types"/);
    assert.match(own.body, /What “hotspot matrix” means/);
    assert.match(own.body, new RegExp(`href="${base}/hotspots\\?month=2025-12&amp;by=lsoa&amp;sort=count" data-qa="back-to-hotspots"`));
    // Opened from the table ranked by rate, its way back is to that table.
    const byRate = await officer.get(`${base}/hotspots?month=2025-12&by=lsoa&sort=rate`);
    assert.match(byRate.body, new RegExp(`href="${base}/hotspots/lsoas/E0\\d{7}\\?month=2025-12&amp;sort=rate"`));
    const fromRate = await officer.get(`${base}/hotspots/lsoas/${code}?month=2025-12&sort=rate`);
    assert.match(fromRate.body, new RegExp(`href="${base}/hotspots\\?month=2025-12&amp;by=lsoa&amp;sort=rate" data-qa="back-to-hotspots"`));
    // Streets have no population: asked by rate, they are ranked by crimes, and the form says so.
    const streets = await officer.get(`${base}/hotspots?month=2025-12&by=street&sort=rate`);
    assert.match(streets.body, /value="count" checked/);
    assert.doesNotMatch(streets.body, /value="rate" checked/);
    // A code that is not one of the area's LSOAs has no page; a month that is not one says so.
    assert.equal((await officer.get(`${base}/hotspots/lsoas/E01999999?month=2025-12`)).statusCode, 404);
    assert.equal((await officer.get(`${base}/hotspots/lsoas/${code}?month=2025-13`)).statusCode, 400);
  });

  it('downloads the whole ranking as CSV, with the licence', async () => {
    const response = await officer.get(`${base}/hotspots.csv?month=2025-12&by=street`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    const rows: string[][] = parse(response.body, { bom: true, relax_column_count: true });
    assert.deepEqual(rows[0]?.slice(0, 5), ['Rank by count', 'Rank by rate', 'Location', 'LSOAs', 'Crimes']);
    assert.equal(rows[1]?.[0], '1');
    assert.match(rows[1]?.[2] ?? '', /^On or near /);
    // A fall on last month is a number a spreadsheet can add up, not text behind an apostrophe.
    const changes = rows.slice(1, -2).map((row) => row[7] ?? '');
    assert.ok(
      changes.some((change) => /^-\d+(\.\d)?$/.test(change)),
      'a street with fewer crimes than last month',
    );
    assert.ok(
      !changes.some((change) => change.startsWith("'")),
      changes.find((change) => change.startsWith("'")),
    );
    assert.deepEqual(rows.at(-2), ['Contains public sector information licensed under the Open Government Licence v3.0.']);
    assert.deepEqual(rows.at(-1), ['Source: Office for National Statistics licensed under the Open Government Licence v3.0.']);
    const page = await officer.get(`${base}/hotspots?month=2025-12&by=street`);
    assert.match(page.body, new RegExp(`Download all ${rows.length - 3} hotspots \\(CSV\\)`));
  });

  it('answers a query the form would never send with the problem in words, and a month not held in words', async () => {
    for (const query of ['month=2025-13', 'month=December', 'by=ward', 'sort=name', 'month=2025-12&month=x']) {
      const response = await officer.get(`${base}/hotspots?${query}`);
      assert.ok([200, 400].includes(response.statusCode), `${query}: ${response.statusCode}`);
      assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
    }
    const notAMonth = await officer.get(`${base}/hotspots?month=2025-13`);
    assert.equal(notAMonth.statusCode, 400);
    assert.match(notAMonth.body, /“2025-13” is not a month[^<]*Safer holds November 2025 to December 2025\./);
    assert.match(notAMonth.body, new RegExp(`href="${base}/hotspots" data-qa="address-next">`));
    assert.equal((await officer.get(`${base}/hotspots?by=ward`)).statusCode, 400);
    assert.equal((await officer.get(`${base}/hotspots.csv?month=2020-01`)).statusCode, 404);
    const notHeld = await officer.get(`${base}/hotspots?month=2020-01`);
    assert.equal(notHeld.statusCode, 200);
    assert.match(notHeld.body, /January 2020 is not held in Safer: it holds November 2025 to December 2025\./);
    assert.doesNotMatch(notHeld.body, /data-qa="hotspots"/);
    const after = await officer.get(`${base}/hotspots?month=2026-03`);
    assert.match(after.body, /March 2026 is not held in Safer/);
    assert.doesNotMatch(after.body, /did not publish/);
    // A crime type the data does not have is no page, as a month that is not one is.
    const nonsense = await officer.get(`${base}/hotspots?month=2025-12&type=Nonsense`);
    assert.equal(nonsense.statusCode, 400);
    assert.match(nonsense.body, /“Nonsense” is not a crime type of the crimes held for December 2025\./);
    assert.equal((await officer.get(`${base}/hotspots.csv?month=2025-12&type=Nonsense`)).statusCode, 400);
  });

  const decemberCrimes = async () =>
    (await container.crimeData.crimeCounts(coventry, { from: '2025-12', to: '2025-12' })).reduce((sum, count) => sum + count.count, 0);
  /** The import of a batch that a POST redirected to. */
  const onlyImportOf = async (response: { headers: Record<string, unknown> }) => {
    const [row] = await importsOf(batchOf(response.headers.location));
    assert.ok(row);
    return row;
  };

  it('holds a file that replaces a month for the overseer, who sees the change and rejects it: nothing changes', async () => {
    const published = await decemberCrimes();
    // Every row moved to one LSOA, as burglary.
    const doctored = { ...december, content: doctoredFile(december.name, { lsoa: () => 'E01032739', crimeType: 'Burglary' }) };
    const response = await upload([doctored]);
    const waiting = await onlyImportOf(response);
    assert.equal(waiting.status, 'held');
    assert.equal(await decemberCrimes(), published);
    const progress = await officer.get(String(response.headers.location));
    assert.match(progress.body, /Waiting for the overseer/);
    assert.match(progress.body, /the area’s overseer checks the change for each partnership and confirms it/);
    // Who was told it waits: the area's overseers, by name.
    assert.match(
      progress.body,
      /data-qa="overseers-told">The area’s overseers were told by e-mail\. E-mailed \d+ (person|people): [^<]*overseer@example\.com/,
    );
    assert.doesNotMatch(progress.body, /data-import-progress/);
    assert.doesNotMatch(progress.body, /data-qa="hotspots"/, 'no hotspots until the file is confirmed');

    const heldPage = `${base}/held/${waiting.id}`;
    assert.equal((await officer.get(heldPage)).statusCode, 403);
    assert.equal((await officer.post(heldPage, { decision: 'confirm' })).statusCode, 403);
    assert.match((await overseer.get(base)).body, new RegExp(`href="${heldPage}">Check 2025-12-city-of-london-street\\.csv`));
    // The overseer's home page lists what waits for them, in each area they oversee; an administrator's, every file.
    const waitingLine =
      /City of London Police, December 2025\. Uploaded by A officer from Coventry Community Safety Partnership on \d+ \w+ \d{4}\./;
    const home = (await overseer.get('/')).body;
    assert.match(home, /Crime data files waiting for your decision in /);
    assert.match(home, new RegExp(`href="${heldPage}">Check 2025-12-city-of-london-street\\.csv</a>`));
    assert.match(home, waitingLine);
    const adminHome = (await admin.get('/')).body;
    assert.match(adminHome, /Crime data files waiting for a decision/);
    assert.match(adminHome, new RegExp(`href="${heldPage}"`));
    assert.doesNotMatch((await officer.get('/')).body, /waiting-files/);
    // The partnership's own page says it waits, and who decides, without the overseer's link.
    const own = (await officer.get(base)).body;
    assert.match(own, /data-qa="waiting-decides">[^<]*The area’s overseer checks what it changes/);
    assert.match(own, waitingLine);
    assert.doesNotMatch(own, new RegExp(`href="${heldPage}"`));
    const check = await overseer.get(heldPage);
    assert.equal(check.statusCode, 200);
    const after = waiting.crimes - waiting.withoutLocation;
    const percent = Math.round((Math.abs(after - published) / published) * 100);
    const difference = `${after > published ? '\\+' : '−'}${Math.abs(after - published).toLocaleString('en-GB')} \\(${after > published ? '\\+' : '−'}${percent}%\\)`;
    assert.match(
      check.body,
      new RegExp(
        `<strong>This file changes City of London’s December 2025 from ${published.toLocaleString('en-GB')} to ${after.toLocaleString('en-GB')} crimes: ${difference}`,
      ),
    );
    assert.match(check.body, /data-qa="uploaded">Uploaded by A officer from Coventry Community Safety Partnership on \d+ \w+ \d{4}\./);
    assert.match(
      check.body,
      /data-qa="changes"[\s\S]*<strong>Coventry Community Safety Partnership<\/strong>[\s\S]*govuk-tag--red">Changes/,
    );
    const noReason = await overseer.post(heldPage, { decision: 'reject' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /id="reason-error"[\s\S]*Enter why the file is rejected/);
    const rejected = await overseer.post(heldPage, { decision: 'reject', reason: 'Not police.uk’s file' });
    assert.equal(rejected.statusCode, 302);
    // Back to the list of files waiting for a decision, with what became of this one and what is left.
    assert.equal(rejected.headers.location, '/');
    assert.match(
      (await overseer.get('/')).body,
      /2025-12-city-of-london-street\.csv rejected: nothing has changed\. No other file waits for your decision\./,
    );
    assert.equal(await decemberCrimes(), published);
    // Its address now says what became of it, and the way back; posted to again, it changes nothing.
    const decided = await overseer.get(heldPage);
    assert.equal(decided.statusCode, 200);
    assert.match(
      decided.body,
      /data-qa="decision">This file was rejected by overseer@example\.com on \d+ \w+ \d{4}: Not police\.uk’s file\. Nothing has changed\./,
    );
    assert.match(decided.body, new RegExp(`<a class="govuk-link" href="${base}">Back to the crime data</a>`));
    assert.doesNotMatch(decided.body, /data-qa="record-form"/);
    assert.equal((await overseer.post(heldPage, { decision: 'confirm' })).statusCode, 409);
    assert.equal(await decemberCrimes(), published);
    // The analyst's list says who rejected it, and when.
    assert.match(
      (await officer.get(String(response.headers.location))).body,
      /overseer@example\.com rejected this file \(City of London Police, December 2025\) on \d+ \w+ \d{4}: Not police\.uk’s file/,
    );
  });

  it('shows the crimes a file gives another type, when every total stays the same', async () => {
    // Forty crimes recoded (those the City's LSOAs hold are counted: the rest are outside its area).
    let recoded = 0;
    const content = doctoredFile(december.name, {
      crimeType: (_index, { type, lsoa }) => {
        if (!lsoa || type === 'Burglary' || recoded === 40) return type;
        recoded += 1;
        return 'Burglary';
      },
    });
    const waiting = await onlyImportOf(await upload([{ ...december, content }]));
    assert.equal(waiting.status, 'held');
    const check = await overseer.get(`${base}/held/${waiting.id}`);
    const published = (await decemberCrimes()).toLocaleString('en-GB');
    assert.match(
      check.body,
      new RegExp(
        `<strong>Same total for City of London’s December 2025 \\(${published} crimes\\), but \\d+ crimes have a different type or place</strong>`,
      ),
    );
    assert.match(
      check.body,
      /govuk-tag--red">Changes<\/strong><br><span class="govuk-body-s">Same total, but \d+ crimes have a different type or place/,
    );
    assert.doesNotMatch(check.body, /No change/);
    await overseer.post(`${base}/held/${waiting.id}`, { decision: 'reject', reason: 'Recoded' });
  });

  it('replaces the month once the overseer confirms, and takes the genuine file back after it', async () => {
    const published = await decemberCrimes();
    const doctored = { ...december, content: doctoredFile(december.name, { lsoa: () => 'E01032739', crimeType: 'Burglary' }) };
    const waiting = await onlyImportOf(await upload([doctored]));
    assert.equal(waiting.status, 'held', 'a rejected file does not stand in the way of the same file');
    const confirmed = await overseer.post(`${base}/held/${waiting.id}`, { decision: 'confirm' });
    assert.equal(confirmed.statusCode, 302);
    assert.equal(confirmed.headers.location, '/');
    assert.match((await overseer.get('/')).body, /confirmed: it now counts for every partnership of the force\./);
    assert.notEqual(await decemberCrimes(), published);
    // The genuine file again: not "already imported", but held to put the month back, and confirmed.
    const back = await onlyImportOf(await upload([december]));
    assert.equal(back.status, 'held');
    assert.equal((await admin.post(`${base}/held/${back.id}`, { decision: 'confirm' })).statusCode, 302);
    assert.equal(await decemberCrimes(), published);
  });

  it('fails an import the job queue gave up on, with its reason, and finishes it from the page’s Try again', async () => {
    const batchId = 'given-up';
    await container.crimeData.receiveUpload(systemPrincipal, {
      partnershipId: coventry,
      batchId,
      fileName: '2025-10-city-of-london-street.csv',
      content: Readable.from([doctoredFile(november.name, { month: '2025-10' })]),
    });
    const { db } = container.database;
    // Every try fails (the crimes table is out of the way), each brought forward rather than waited for.
    await sql`alter table crimes rename to crimes_away`.execute(db);
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await db
          .updateTable('jobs')
          .set({ runAfter: new Date(0).toISOString() })
          .where('kind', '=', 'crime-import')
          .execute();
        await container.notifications.runDueJobs();
      }
    } finally {
      await sql`alter table crimes_away rename to crimes`.execute(db);
    }
    const [failed] = await container.crimeData.imports({ batchId });
    assert.equal(failed?.status, 'failed');
    const page = await officer.get(`${base}/imports/${batchId}`);
    assert.match(page.body, /Stopped/);
    // What to do, in plain words: the database's own error is for the server's records, not the page.
    assert.match(page.body, /The import stopped before it finished\. Try again\./);
    assert.doesNotMatch(page.body, /crimes_away|no such table|does not exist|SQLITE_/);
    // The button's accessible name begins with its visible words (WCAG 2.5.3), and names the file.
    assert.match(
      page.body,
      /data-qa="try-again"[^>]*>\s*Try again<span class="govuk-visually-hidden"> importing 2025-10-city-of-london-street\.csv<\/span>/,
    );
    assert.doesNotMatch(page.body, /aria-label="Try importing/);
    const action = `${base}/imports/${batchId}/${failed.id}/try-again`;
    assert.match(page.body, new RegExp(`action="${action}"`));
    const again = await officer.post(action, {});
    assert.equal(again.statusCode, 302);
    assert.equal(again.headers.location, `${base}/imports/${batchId}`);
    assert.match((await officer.get(`${base}/imports/${batchId}`)).body, /is being imported again/);
    const [done] = await importsOf(batchId);
    assert.equal(done?.status, 'complete');
    assert.equal(done?.crimes, 734);
    // Pressed again (an old page) on an import that is not stopped: says so, and does nothing.
    const late = await officer.post(action, {});
    assert.equal(late.statusCode, 302);
    const said = (await officer.get(`${base}/imports/${batchId}`)).body;
    assert.match(
      said,
      /data-qa="problem"[\s\S]*Only a stopped import can be tried again: 2025-10-city-of-london-street\.csv is “Imported”, so nothing has been done/,
    );
    assert.doesNotMatch(said, /is being imported again/);
  });

  it('lets a member read the hotspots but not import, and finds no upload of another partnership', async () => {
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'member@example.com',
      name: 'Member',
      password,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
    const member = new Browser(app);
    await member.signIn('member@example.com', password);
    assert.equal((await member.get(`${base}/hotspots`)).statusCode, 200);
    const overview = await member.get(base);
    assert.doesNotMatch(overview.body, /data-qa="import"/);
    assert.equal((await member.get(`${base}/import`)).statusCode, 403);
    assert.equal((await member.upload(`${base}/import`, {}, [december])).statusCode, 403);
    assert.equal((await member.get(`${base}/area`)).statusCode, 403);
    assert.deepEqual(await temporaryUploads(), []);

    const other = (await container.governance.partnerships.list(null)).find((partnership) => partnership.name.startsWith('Charnwood'));
    assert.ok(other);
    await container.crimeData.setArea(systemPrincipal, other.id, charnwood);
    await container.crimeData.receiveUpload(systemPrincipal, {
      partnershipId: other.id,
      batchId: 'another-partnership',
      fileName: 'theirs.csv',
      content: Readable.from([Buffer.from('x\r\n')]),
    });
    assert.equal((await officer.get(`${base}/imports/another-partnership`)).statusCode, 404);
    assert.equal((await officer.get(`${base}/imports/no-such-upload`)).statusCode, 404);
    await container.notifications.runDueJobs();
  });
});

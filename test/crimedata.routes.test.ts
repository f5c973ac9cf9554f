import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../src/container.ts';
import { systemActor } from '../src/core/actor.ts';
import { importFinished } from '../src/modules/crimedata/index.ts';
import { Browser, type UploadFile } from './helpers/app.ts';
import { startAsCoventryOfficer } from './helpers/coventry.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'policeuk');
const fixture = (name: string): UploadFile => ({ field: 'files', name, content: readFileSync(join(fixtures, name)), type: 'text/csv' });
const november = fixture('2025-11-city-of-london-street.csv');
const december = fixture('2025-12-city-of-london-street.csv');
const cityOfLondon = 'E22000180';
const password = 'a long enough password';

// A temporary directory of this test's own, so that other tests' uploads are not taken for its own.
process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'safer-crimedata-test-'));

/** The temporary files uploads are streamed to: none outlives its request (they go once the response is sent). */
async function temporaryUploads(): Promise<string[]> {
  const left = () => readdirSync(tmpdir()).filter((name) => name.startsWith('safer-upload-'));
  for (let tries = 0; tries < 100 && left().length; tries += 1) await sleep(10);
  return left();
}

describe('crime data pages for a Coventry officer', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let close: () => Promise<void>;
  let base = '';

  before(async () => {
    ({ app, container, officer, coventry, close } = await startAsCoventryOfficer());
    base = `/partnerships/${coventry}/crime-data`;
  });
  after(() => close());

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
    assert.match(page.body, new RegExp(`href="${base}/area"[^>]*data-qa="choose-area"`));
    assert.match(page.body, /Contains public sector information licensed under the Open Government Licence v3\.0\./);
    assert.match(page.body, /Source: Office for National Statistics licensed under the Open Government Licence v3\.0\./);
    const hotspots = await officer.get(`${base}/hotspots`);
    assert.equal(hotspots.statusCode, 200);
    assert.match(hotspots.body, /data-qa="no-area"/);
  });

  it('chooses the area from a list of partnerships and their forces, the problem next to the field', async () => {
    const form = await officer.get(`${base}/area`);
    assert.match(form.body, /<option value="E22000165"[^>]*>Charnwood \(Leicestershire\)<\/option>/);
    assert.match(form.body, new RegExp(`<option value="${cityOfLondon}"[^>]*>City of London \\(London, City of\\)</option>`));
    const none = await officer.post(`${base}/area`, { cspCode: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /id="cspCode-error"[\s\S]*Select the Community Safety Partnership area/);
    const unknown = await officer.post(`${base}/area`, { cspCode: 'E22999999' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /id="cspCode-error"/);
    const saved = await officer.post(`${base}/area`, { cspCode: cityOfLondon });
    assert.equal(saved.statusCode, 302);
    assert.equal(saved.headers.location, base);
    const page = await officer.get(base);
    assert.match(page.body, /Crime data area set to City of London/);
    assert.match(page.body, /data-qa="area">City of London Community Safety Partnership. Police force area: London, City of./);
    assert.match((await officer.get(`${base}/area`)).body, new RegExp(`<option value="${cityOfLondon}" selected>`));
  });

  it('shows an upload’s progress until it is imported, then the outcome', async () => {
    const batchId = 'waiting-batch';
    await container.crimeData.receiveUpload(systemActor, {
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
    assert.match(done.body, /Not imported/);
    assert.match(done.body, /1 of 1 file was not imported/);
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
    assert.match(page.body, /734 crimes and incidents \(City of London Police, 2025-11\)/);
    assert.match(page.body, /810 crimes and incidents \(City of London Police, 2025-12\)/);
    assert.match(page.body, /All 2 files were imported/);
    assert.match(page.body, new RegExp(`href="${base}/hotspots\\?month=2025-12" data-qa="hotspots"`));
    const overview = await officer.get(base);
    assert.match(overview.body, /data-qa="months">2 months of police\.uk data, from November 2025 to December 2025/);
    assert.match(overview.body, /2025-12-city-of-london-street\.csv/);
    // The same file again changes nothing.
    const again = await upload([december]);
    const [unchanged] = await importsOf(batchOf(again.headers.location));
    assert.equal(unchanged?.status, 'unchanged');
  });

  it('ranks the hotspots of a month, with the headline, the emerging hotspots and the prediction accuracy', async () => {
    const page = await officer.get(`${base}/hotspots`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Crime hotspots, December 2025<\/h1>/);
    assert.match(page.body, /Crimes in December 2025/);
    assert.match(page.body, /No data for December 2024/);
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
    const shoplifting = await officer.get(`${base}/hotspots?month=2025-11&type=Shoplifting`);
    assert.match(shoplifting.body, /<option value="Shoplifting" selected>Shoplifting<\/option>/);
    assert.match(shoplifting.body, /in November 2025: Shoplifting/);
    assert.match(shoplifting.body, /Not known: it needs the month before November 2025 to be held as well/);
  });

  it('downloads the whole ranking as CSV, with the licence', async () => {
    const response = await officer.get(`${base}/hotspots.csv?month=2025-12&by=street`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    const rows: string[][] = parse(response.body, { bom: true, relax_column_count: true });
    assert.deepEqual(rows[0]?.slice(0, 5), ['Rank by count', 'Rank by rate', 'Location', 'LSOAs', 'Crimes']);
    assert.equal(rows[1]?.[0], '1');
    assert.match(rows[1]?.[2] ?? '', /^On or near /);
    assert.deepEqual(rows.at(-2), ['Contains public sector information licensed under the Open Government Licence v3.0.']);
    assert.deepEqual(rows.at(-1), ['Source: Office for National Statistics licensed under the Open Government Licence v3.0.']);
    const page = await officer.get(`${base}/hotspots?month=2025-12&by=street`);
    assert.match(page.body, new RegExp(`Download all ${rows.length - 3} hotspots \\(CSV\\)`));
  });

  it('answers a query the form would never send with not found, and a month not held in words', async () => {
    for (const query of ['month=2025-13', 'month=December', 'by=ward', 'sort=name', 'month=2025-12&month=x']) {
      const response = await officer.get(`${base}/hotspots?${query}`);
      assert.ok([200, 404].includes(response.statusCode), `${query}: ${response.statusCode}`);
      assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
    }
    assert.equal((await officer.get(`${base}/hotspots?month=2025-13`)).statusCode, 404);
    assert.equal((await officer.get(`${base}/hotspots?by=ward`)).statusCode, 404);
    assert.equal((await officer.get(`${base}/hotspots.csv?month=2020-01`)).statusCode, 404);
    const notHeld = await officer.get(`${base}/hotspots?month=2020-01`);
    assert.equal(notHeld.statusCode, 200);
    assert.match(notHeld.body, /No police\.uk data for January 2020 is held/);
    assert.doesNotMatch(notHeld.body, /data-qa="hotspots"/);
  });

  it('lets a member read the hotspots but not import, and finds no upload of another partnership', async () => {
    const userId = await container.accounts.createUser(systemActor, {
      email: 'member@example.com',
      name: 'Member',
      password,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemActor, userId, 'member', { partnershipId: coventry, areaId: null });
    const member = new Browser(app);
    await member.signIn('member@example.com', password);
    assert.equal((await member.get(`${base}/hotspots`)).statusCode, 200);
    const overview = await member.get(base);
    assert.doesNotMatch(overview.body, /data-qa="import"/);
    assert.equal((await member.get(`${base}/import`)).statusCode, 403);
    assert.equal((await member.upload(`${base}/import`, {}, [december])).statusCode, 403);
    assert.equal((await member.get(`${base}/area`)).statusCode, 403);
    assert.deepEqual(await temporaryUploads(), []);

    const other = (await container.governance.partnerships.list(null)).find((partnership) => partnership.id !== coventry);
    assert.ok(other);
    await container.crimeData.receiveUpload(systemActor, {
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

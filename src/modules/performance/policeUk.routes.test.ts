import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { fixedCrimeFigures } from '../../../test/helpers/crimeFigures.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { textOfPdf } from '../../../test/helpers/pdf.ts';
import { seedDemoPerformance } from './index.ts';

describe('indicators fed from police.uk, for a Coventry analyst', () => {
  let container: Container;
  let analyst: Browser;
  let coventry: string;
  let base = '';
  const suite = suiteScope();
  const fixed = fixedCrimeFigures();
  const quarter = ['2016-04', '2016-05', '2016-06'];

  before(async () => {
    ({ container, client: analyst, coventry } = await build(suite, { as: 'analyst', overrides: fixed.overrides }));
    await seedDemoPerformance(container.governance, container.performance, coventry);
    base = `/partnerships/${coventry}/performance`;
    // Coventry and two peers over Quarter 1, 2016/17 (Quarter 4's report is the demo's, approved).
    fixed.areas.set(coventry, { name: 'Coventry', held: quarter, perMonth: { Burglary: 40, Robbery: 5 }, population: 20_000 });
    fixed.areas.set('peer-a', { name: 'Peer A', held: quarter, perMonth: { Burglary: 30, Robbery: 1 }, population: 10_000 });
    fixed.areas.set('peer-b', { name: 'Peer B', held: quarter, perMonth: { Burglary: 10, Robbery: 9 }, population: 15_000 });
  });

  const form = {
    name: 'Burglary per 1,000 residents',
    definition: 'Burglaries police.uk lists in the partnership’s area, per 1,000 residents',
    figuresFrom: 'police_uk',
    unit: '',
    source: '',
    crimeType: 'Burglary',
    includesAsb: 'no',
    measure: 'rate_per_1000',
    polarity: 'lower_better',
    frequency: 'quarterly',
    ownerGroupId: '',
    priorityId: '',
    baselinePeriod: '',
    baselineValue: '',
    targetKind: 'none',
    stableWithinPercent: '1',
    redBeyondPercent: '5',
  };

  it('offers the source as GOV.UK conditional radios, and puts each problem next to its field, keeping what was typed', async () => {
    const page = await analyst.get(`${base}/indicators/new`);
    assert.match(page.body, /id="conditional-figuresFrom-2"[\s\S]*name="crimeType"[\s\S]*name="includesAsb"[\s\S]*name="measure"/);
    const missing = await analyst.post(`${base}/indicators`, { ...form, crimeType: '', includesAsb: '', measure: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /id="crimeType-error"[\s\S]*Select the crime type, or all crime/);
    assert.match(missing.body, /id="includesAsb-error"[\s\S]*Select whether anti-social behaviour is counted/);
    assert.match(missing.body, /id="measure-error"[\s\S]*Select a number of crimes or crimes per 1,000 residents/);
    assert.match(missing.body, /value="Burglary per 1,000 residents"/);
    const asb = await analyst.post(`${base}/indicators`, { ...form, includesAsb: 'yes' });
    assert.equal(asb.statusCode, 400);
    assert.match(asb.body, /id="includesAsb-error"[\s\S]*Anti-social behaviour is added to all crime only/);
    assert.match(asb.body, /<option value="Burglary" selected>/);
  });

  it('shows every problem of the form at once, and asks about anti-social behaviour only for all crime', async () => {
    const bad = { ...form, name: '', polarity: '', measure: '', includesAsb: '', baselinePeriod: '2022-13', targetKind: 'change' };
    const page = await analyst.post(`${base}/indicators`, bad);
    assert.equal(page.statusCode, 400);
    for (const field of ['name', 'polarity', 'measure', 'baselinePeriod', 'targetChange']) {
      assert.match(page.body, new RegExp(`id="${field}-error"`), field);
    }
    assert.match(page.body, /Enter the baseline period like 2013-14/);
    assert.doesNotMatch(page.body, /id="includesAsb-error"/);
    assert.match(page.body, /value="2022-13"/);
    assert.match(page.body, /<option value="Burglary" selected>/);
    const allCrime = await analyst.post(`${base}/indicators`, { ...form, crimeType: 'all', includesAsb: '' });
    assert.match(allCrime.body, /id="includesAsb-error"[\s\S]*Select whether anti-social behaviour is counted/);

    const added = await analyst.post(`${base}/indicators`, { ...form, name: 'Robbery', crimeType: 'Robbery', includesAsb: '' });
    assert.equal(added.statusCode, 302);
    const id = String(added.headers.location).split('/').at(-1) ?? '';
    const robbery = await container.performance.indicators.get(coventry, id);
    assert.deepEqual([robbery.crimeType, robbery.includesAsb], ['Robbery', null]);
    await container.performance.indicators.setArchived(systemPrincipal, coventry, id, robbery.version, true);
  });

  it('works out the figures when the indicator is added, and confirms every one shown', async () => {
    const added = await analyst.post(`${base}/indicators`, form);
    assert.equal(added.statusCode, 302);
    const href = String(added.headers.location);
    let page = await analyst.get(href);
    assert.match(page.body, /Worked out by Safer from the imported police\.uk data: Burglary, crimes per 1,000 residents/);
    assert.match(page.body, /Update figures from police\.uk/);
    // 120 burglaries over 20,000 residents.
    assert.match(page.body, /Quarter 1, 2016\/17[\s\S]*6\.0[\s\S]*Provisional/);
    const shown = /name="shown" value="([^"]+)"/.exec(page.body)?.[1];
    assert.equal(shown, '2016-17 Q1@1');
    const confirmed = await analyst.post(`${href}/confirm`, { all: 'yes', shown });
    assert.equal(confirmed.statusCode, 302);
    page = await analyst.get(href);
    assert.match(page.body, /1 figure confirmed/);
    assert.doesNotMatch(page.body, /name="shown"/);

    // The data changes under the confirmed figure: it stands, and the page shows the difference.
    const area = fixed.areas.get(coventry);
    assert.ok(area);
    area.perMonth.Burglary = 50;
    const updated = await analyst.post(`${href}/police-uk`, {});
    assert.equal(updated.statusCode, 302);
    page = await analyst.get(href);
    assert.match(page.body, /1 confirmed figure differs from what the data now gives/);
    assert.match(page.body, /police\.uk data now gives 7\.5 \(\+1\.5\)/);
    area.perMonth.Burglary = 40;
  });

  it('shows the figure in the quarterly report with its group from the peers and both sets of limits', async () => {
    const page = await analyst.get(`${base}/reports/2016-17-q1`);
    assert.equal(page.statusCode, 200);
    const section = page.body.slice(page.body.indexOf('>Burglary per 1,000 residents<'));
    assert.match(section, /Peer A[\s\S]*9\.0</);
    assert.match(
      section,
      /Limits at two standard deviations \(average ± two standard deviations\): [\d.]+ to [\d.]+\. The partnership is within them/,
    );
    assert.match(section, /Source: police\.uk, computed by Safer from the peers’ imported data/);
    const pdf = await analyst.get(`${base}/reports/2016-17-q1/files/report.pdf`);
    assert.match(textOfPdf(pdf.rawPayload), /Limits at two standard deviations \(mean ± two standard deviations\)/);
  });

  it('still shows a report approved before the limits at two standard deviations were kept', async () => {
    const row = await container.database.db
      .selectFrom('performanceReports')
      .select(['id', 'approvedJson'])
      .where('partnershipId', '=', coventry)
      .where('period', '=', '2015-16 Q4')
      .executeTakeFirstOrThrow();
    const json = JSON.parse(row.approvedJson ?? '{}') as { indicators: { msg: Record<string, unknown> | null }[] };
    for (const figures of json.indicators) {
      if (figures.msg) for (const key of ['lowerLimit2', 'upperLimit2', 'position2']) delete figures.msg[key];
    }
    await container.database.db
      .updateTable('performanceReports')
      .set({ approvedJson: JSON.stringify(json) })
      .where('id', '=', row.id)
      .execute();
    const page = await analyst.get(`/public/partnerships/${coventry}/performance/2015-16-q4`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Control limits \(average ± one standard deviation\)/);
    assert.doesNotMatch(page.body, /two standard deviations\):/);
    const pdf = await analyst.get(`/public/partnerships/${coventry}/performance/2015-16-q4/files/report.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(textOfPdf(pdf.rawPayload), /Control limits/);
    assert.doesNotMatch(textOfPdf(pdf.rawPayload), /Limits at two standard deviations/);
  });
});

for (const database of testDatabases()) {
  it(`refuses a confirm button naming a version past any a figure can have, on ${database.engine}`, async (t) => {
    const fixed = fixedCrimeFigures();
    const { client, coventry, container } = await build(t, {
      as: 'analyst',
      database: await database.create(),
      overrides: fixed.overrides,
    });
    const quarter = ['2016-04', '2016-05', '2016-06'];
    fixed.areas.set(coventry, { name: 'Coventry', held: quarter, perMonth: { Burglary: 40 }, population: 20_000 });
    const base = `/partnerships/${coventry}/performance`;
    const added = await client.post(`${base}/indicators`, {
      name: 'Burglary',
      definition: 'Burglaries police.uk lists in the partnership’s area',
      figuresFrom: 'police_uk',
      crimeType: 'Burglary',
      includesAsb: 'no',
      measure: 'count',
      polarity: 'lower_better',
      frequency: 'quarterly',
      targetKind: 'none',
      stableWithinPercent: '1',
      redBeyondPercent: '5',
    });
    assert.equal(added.statusCode, 302);
    const href = String(added.headers.location);
    const id = href.split('/').at(-1) ?? '';
    for (const figure of ['2016-17 Q1@99999999999', '2016-17 Q1@2147483648', '2016-17 Q1@1e3', '2016-17 Q1@']) {
      const confirmed = await client.post(`${href}/confirm`, { figure });
      assert.equal(confirmed.statusCode, 302, figure);
      assert.match((await client.get(href)).body, /Someone else changed this record/, figure);
    }
    const [q1] = await container.performance.measurements(coventry, id);
    assert.deepEqual([q1?.value, q1?.status], [120, 'provisional']);
  });
}

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import type { Container } from '../../container.ts';
import { seedDemoPerformance } from './index.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { textOfPdf } from '../../../test/helpers/pdf.ts';

describe('performance pages for a Coventry officer', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;
  let base = '';
  const suite = suiteScope();

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(suite, { as: 'officer' }));
    await seedDemoPerformance(container.governance, container.performance, coventry);
    base = `/partnerships/${coventry}/performance`;
  });

  const indicatorForm = {
    name: 'Burglary dwelling',
    definition: 'Burglaries of homes recorded by the police',
    unit: 'count',
    polarity: 'lower_better',
    frequency: 'quarterly',
    source: 'West Midlands Police',
    ownerGroupId: '',
    priorityId: '',
    baselinePeriod: '2015/16',
    baselineValue: '1,000',
    targetKind: 'change',
    targetChange: '-20',
    stableWithinPercent: '1',
    redBeyondPercent: '5',
  };

  it('refuses a bad indicator with the problem next to its field, keeping what was typed', async () => {
    const wrong = await officer.post(`${base}/indicators`, { ...indicatorForm, baselineValue: 'a thousand', redBeyondPercent: '0.5' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="baselineValue-error"[\s\S]*The baseline figure must be a number, like 1,832 or 62.176/);
    assert.match(wrong.body, /value="a thousand"/);
    assert.match(wrong.body, /value="Burglaries of homes recorded by the police"|Burglaries of homes recorded by the police<\/textarea>/);
    const badPeriod = await officer.post(`${base}/indicators`, { ...indicatorForm, baselinePeriod: 'last year' });
    assert.equal(badPeriod.statusCode, 400);
    assert.match(badPeriod.body, /Enter the baseline period like 2013-14, 2013-14 Q4 or 2014-03/);
    const added = await officer.post(`${base}/indicators`, indicatorForm);
    assert.equal(added.statusCode, 302);
    const page = await officer.get(String(added.headers.location));
    assert.match(page.body, /1,000 in 2015\/16/);
    assert.match(page.body, /−20% on 2015\/16 \(1,000\): 800 for the year/);
  });

  it('adds a figure, and says what is wrong with a period that is not a quarter', async () => {
    const [burglary] = (await container.performance.indicators.list(coventry)).filter((i) => i.name === 'Burglary dwelling');
    assert.ok(burglary);
    const url = `${base}/indicators/${burglary.id}/figures`;
    const wrong = await officer.post(url, { period: 'Q5 2016-17', value: '210', status: 'provisional', note: '' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter the period like 2015-16 Q4/);
    assert.match(wrong.body, /value="210"/);
    assert.equal((await officer.post(url, { period: 'Q1 2016/17', value: '210', status: 'provisional', note: '' })).statusCode, 302);
    const page = await officer.get(`${base}/indicators/${burglary.id}`);
    assert.match(page.body, /Quarter 1, 2016\/17/);
    // The quarter now has a figure, so its report can be opened from the performance page.
    assert.match((await officer.get(base)).body, /href="[^"]*\/reports\/2016-17-q1">Performance report, Quarter 1, 2016\/17/);
  });

  it('imports nothing from a CSV with a bad row, and names the line', async () => {
    const csv = 'indicator,period,value\r\nBurglary dwelling,2016-17 Q2,190\r\nBurglary dwelling,2016-17 Q3,lots\r\n';
    const refused = await officer.upload(`${base}/import`, {}, { name: 'figures.csv', content: Buffer.from(csv) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Line 3[\s\S]*&quot;lots&quot; is not a number/);
    assert.match(refused.body, /nothing was imported/);
    const good = await officer.upload(`${base}/import`, { goodRowsOnly: 'yes' }, { name: 'figures.csv', content: Buffer.from(csv) });
    assert.equal(good.statusCode, 302);
    const home = await officer.get(String(good.headers.location));
    assert.match(home.body, /1 figure imported: 1 new, 0 changed\. 1 row with problems was left out\./);
    const notCsv = await officer.upload(`${base}/import`, {}, { name: 'figures.csv', content: Buffer.from([0, 1, 2, 3]) });
    assert.equal(notCsv.statusCode, 400);
    assert.match(notCsv.body, /The file must be a CSV file/);
    // "£190" saved from Excel as Windows-1252, not UTF-8.
    const ansi = await officer.upload(
      `${base}/import`,
      {},
      { name: 'figures.csv', content: Buffer.from('indicator,period,value\r\nBurglary dwelling,2016-17 Q4,\xa3190\r\n', 'latin1') },
    );
    assert.equal(ansi.statusCode, 400);
    assert.match(ansi.body, /The file must be saved as CSV UTF-8/);
  });

  it('shows the Quarter 4 report with the group’s gaps said, its chart, and its documents', async () => {
    const page = await officer.get(`${base}/reports/2015-16-q4`);
    assert.equal(page.statusCode, 200);
    // The briefing note gives no day of approval: the demo says so, rather than the day it was loaded.
    assert.match(page.body, /Approved \(date not recorded\) by Coventry Partnership Analyst\. These figures are published\./);
    assert.match(page.body, /Coventry is ranked 1 of the 11 with a figure \(15 in the group\)\./);
    assert.match(page.body, /Average of the 11 members with a figure: 85\.4 \(4 of the 15 members have no figure in the source\)/);
    assert.match(page.body, /Average published by the source: 83\.5/);
    // Each chart is an image of its own, its address the hash of what it shows, with its text alternative beside it.
    const chart = /<img src="([^"]+\/charts\/[\w-]+\.svg)" alt="([^"]+): trend" aria-describedby="(chart-[^"]+-caption)">/.exec(page.body);
    assert.ok(chart, 'a chart as an image, named and described');
    assert.match(page.body, new RegExp(`<figcaption class="govuk-body-s" id="${chart[3]}">[^<]+</figcaption>`));
    const image = await officer.get(chart[1] ?? '');
    assert.equal(image.headers['content-type'], 'image/svg+xml; charset=utf-8');
    assert.equal(image.headers['cache-control'], 'private, max-age=31536000, immutable');
    assert.match(image.body, /<svg[^>]*role="img"/);
    assert.match(page.body, /\+1,090 \(\+147%\)/);

    // The exception report: what the demo's report shows, each exception saying what it compares, and the rule written down.
    const exceptions = await officer.get(`${base}/reports/2015-16-q4/exceptions`);
    assert.equal(exceptions.statusCode, 200);
    assert.match(exceptions.body, /How exceptions are chosen/);
    assert.match(exceptions.body, /it is an exception when it changes on last year by more than its red tolerance either way/);
    const shown = [...exceptions.body.matchAll(/<section class="safer-indicator"[^>]*>\s*<h2 class="govuk-heading-m">([^<]+)<\/h2>/g)].map(
      (m) => m[1],
    );
    assert.ok(shown.includes('Domestic violence and abuse incidents with children present'), 'the 147% rise is an exception');
    assert.ok(shown.includes('Sexual Assault Referral Centre clients seen'));
    assert.ok(!shown.includes('Total recorded crime'), 'better than last year, with no target, is no exception');
    assert.match(exceptions.body, /data-qa="exception">Exception: Large change on last year \(2015\/16\)</);
    assert.doesNotMatch(exceptions.body, /Over-performing/);
    assert.match(
      exceptions.body,
      /Direction of travel: <strong>Upward over the year to date \(\+16% on last year\); downward over Quarter 4, 2015\/16 \(−13% on last year\)<\/strong>/,
    );

    const pdf = await officer.get(`${base}/reports/2015-16-q4/files/report.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(textOfPdf(pdf.rawPayload), /Sexual Assault Referral Centre clients seen/);
    const docx = await officer.get(`${base}/reports/2015-16-q4/files/exceptions.docx`);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')?.async('string');
    assert.match(xml ?? '', /Exception Report/);
    assert.equal((await officer.get(`${base}/reports/2015-16-q9`)).statusCode, 404);
  });

  it('records a year’s population, which the rates per 1,000 then use', async () => {
    const wrong = await officer.post(`${base}/populations`, { yearStarting: '2016', population: 'many', source: 'ONS' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The population must be a number/);
    const saved = await officer.post(`${base}/populations`, {
      yearStarting: '2016',
      population: '350000',
      source: 'ONS mid-2016 estimate',
    });
    assert.equal(saved.statusCode, 302);
    assert.match((await officer.get(base)).body, /2016\/17[\s\S]*350,000[\s\S]*ONS mid-2016 estimate/);
    const { report } = await container.performance.report(coventry, '2016-17 Q1');
    assert.deepEqual(report.population, { value: 350_000, text: '350,000 (ONS mid-2016 estimate)' });
    const burglary = report.indicators.find((figures) => figures.name === 'Burglary dwelling');
    // 210 in Q1 (the only quarter of the year so far) per 1,000 of 350,000.
    assert.equal(burglary?.ratePer1000, 0.6);
  });

  /** The report's Approve button leads to the confirmation page, which carries the fingerprint of the draft as read. */
  async function fingerprintOfDraft(quarter: string): Promise<string> {
    const link =
      /href="([^"]*\/approve\?fingerprint=[0-9a-f]{64})"/.exec((await officer.get(`${base}/reports/${quarter}`)).body)?.[1] ?? '';
    const confirm = await officer.get(link.replaceAll('&amp;', '&'));
    assert.match(confirm.body, /Approve and publish the performance report for Quarter 1, 2016\/17\?/);
    return /name="fingerprint" value="([0-9a-f]{64})"/.exec(confirm.body)?.[1] ?? '';
  }

  it('approves a draft, which the public can then read; a draft is never public', async () => {
    const anonymous = new Browser(app);
    const publicReport = `/public/partnerships/${coventry}/performance/2016-17-q1`;
    assert.equal((await anonymous.get(publicReport)).statusCode, 404);
    const draft = await officer.get(`${base}/reports/2016-17-q1`);
    assert.match(draft.body, /Draft: these figures have not been approved/);
    const [burglary] = (await container.performance.indicators.list(coventry)).filter((i) => i.name === 'Burglary dwelling');
    const commentary = await officer.post(`${base}/reports/2016-17-q1/indicators/${burglary?.id}/commentary`, {
      commentary: 'Burglary is under review.',
    });
    assert.equal(commentary.statusCode, 302);
    // Approving without the fingerprint of the draft read, or with one of a draft since changed, approves nothing.
    const blind = await officer.post(`${base}/reports/2016-17-q1/approve`, {});
    assert.match((await officer.get(String(blind.headers.location))).body, /The figures or commentary changed after you opened the report/);
    const fingerprint = await fingerprintOfDraft('2016-17-q1');
    await container.performance.saveCommentary(
      { userId: null },
      coventry,
      '2016-17 Q1',
      burglary?.id ?? '',
      'Target hardening of student lets is under way.',
    );
    const stale = await officer.post(`${base}/reports/2016-17-q1/approve`, { fingerprint });
    assert.match((await officer.get(String(stale.headers.location))).body, /The figures or commentary changed after you opened the report/);
    const seen = await fingerprintOfDraft('2016-17-q1');
    const approved = await officer.post(`${base}/reports/2016-17-q1/approve`, { fingerprint: seen });
    assert.equal(approved.statusCode, 302);
    assert.match((await officer.get(String(approved.headers.location))).body, /Report approved/);
    const now = await anonymous.get(publicReport);
    assert.equal(now.statusCode, 200);
    assert.match(now.body, /Target hardening of student lets is under way\./);
    assert.doesNotMatch(now.body, /Write the commentary/);
    const list = await anonymous.get(`/public/partnerships/${coventry}/performance`);
    // A quarter still under way cannot be approved, and its page offers no Approve, only its summary to write.
    const underWay = await officer.get(`${base}/reports/2036-37-q1`);
    assert.match(underWay.body, /Draft: these figures have not been approved/);
    assert.doesNotMatch(underWay.body, /data-qa="approve"/);
    assert.match(underWay.body, /Write the summary/);
    const early = await officer.post(`${base}/reports/2036-37-q1/approve`, { fingerprint });
    assert.match((await officer.get(String(early.headers.location))).body, /Quarter 1, 2036\/37 has not ended yet/);
    assert.match(list.body, /Performance report, Quarter 1, 2016\/17/);
  });

  it('puts the exception report on the next board meeting’s agenda in one step', async () => {
    const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2036-07-21');
    const attached = await officer.post(`${base}/reports/2016-17-q1/attach`, { meetingId, document: 'exceptions' });
    assert.equal(attached.statusCode, 302);
    const meeting = await officer.get(String(attached.headers.location));
    assert.match(meeting.body, /Exception report, Quarter 1, 2016\/17/);
    const missing = await officer.post(`${base}/reports/2016-17-q1/attach`, { meetingId: '', document: 'exceptions' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select the meeting/);
  });
});

/**
 * Performance in a real browser: a Coventry analyst defines an indicator with a target, imports its
 * figures from a CSV (a file with a bad row first, which is refused with the row's line), reads the
 * quarter's report with its derived figures and trend chart, writes the commentary, approves the report
 * and puts the exception report on the board's next agenda; a board member then reads it from the
 * meeting, and the public reads it signed out. The demo's Quarter 4, 2015-16 report shows Coventry in
 * its Most Similar Group, with the members the source gives no figure for said.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { formatDate } from '../../src/platform/dates.ts';
import { seedDemoPerformance } from '../../src/modules/performance/index.ts';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  SignInPage,
  startBrowserSession,
  summaryOf,
  tableRows,
  thursdayAfter,
} from '../helpers/browser.ts';
import { scheduleMeeting } from '../helpers/meetings.ts';
import { textOfPdf } from '../helpers/pdf.ts';

const board = 'Coventry Police, Crime and Community Safety Partnership Board';
const tasking = 'Coventry Community Safety Partnership City Tasking Group';
const indicatorName = 'Residential burglary';
const commentary = 'Burglaries fell on last year, but not yet as far as the 10% reduction: target hardening of student lets is under way.';
const quarterLabel = 'Quarter 2, 2016/17';
const minus = '\u2212';

/** The figures as an analyst keeps them: 2015-16 adds up to the baseline of 1,000. */
const goodRows = [
  'Residential burglary,2015-16 Q1,260,confirmed,',
  'Residential burglary,2015-16 Q2,250,confirmed,',
  'Residential burglary,2015-16 Q3,240,confirmed,',
  'Residential burglary,2015-16 Q4,250,confirmed,',
  'Residential burglary,2016-17 Q1,250,confirmed,',
  'Residential burglary,2016-17 Q2,222,provisional,Awaiting the police’s validation',
];
const csvOf = (rows: string[]) => Buffer.from(['indicator,period,value,status,note', ...rows].join('\r\n') + '\r\n');

describe('performance journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry = '';
  let meetingId = '';
  let meetingDate = '';

  before(async () => {
    session = await startBrowserSession('performance');
    const { container } = session;
    coventry = session.partnerships.get('coventry') ?? '';
    await seedDemoPerformance(container.governance, container.performance, coventry);
    const [boardGroup] = (await container.governance.groups.list(coventry)).filter((g) => g.name === board);
    assert.ok(boardGroup);
    meetingDate = thursdayAfter(60);
    meetingId = await scheduleMeeting(container.meetings, coventry, boardGroup.id, meetingDate);
  });
  after(() => session?.close());

  const qa = (name: string) => session.page.locator(`[data-qa="${name}"]`);
  const indicatorSection = () => qa('indicator').filter({ has: session.page.getByRole('heading', { level: 2, name: indicatorName }) });

  it('an analyst defines an indicator with a target of a 10% reduction on the baseline', async () => {
    const { page } = session;
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(session.accounts.analyst.email, session.accounts.analyst.password);

    await page.goto(`/partnerships/${coventry}`);
    await page.getByRole('link', { name: 'Performance', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Performance' }).waitFor();
    await session.expectAccessiblePage('performance');

    await qa('add-indicator').click();
    await page.getByLabel('Name', { exact: true }).fill(indicatorName);
    await page.getByLabel('Definition').fill('Burglaries of homes recorded by West Midlands Police in Coventry.');
    await page.getByRole('group', { name: 'Unit' }).getByLabel('Number').check();
    await page.getByLabel('Lower is better').check();
    await page.getByLabel('Quarterly').check();
    await page.getByLabel('Source', { exact: true }).fill('West Midlands Police');
    await page.getByLabel('Owning group').selectOption({ label: tasking });
    await page.getByLabel('Baseline period (optional)').fill('2015-16');
    await page.getByLabel('Baseline figure (optional)').fill('1,000');
    await page.getByLabel('A % change from the baseline').check();
    await page.getByLabel('% change from the baseline', { exact: true }).fill('-10');
    await page.getByLabel('Tolerance (%)').fill('2');
    await page.getByLabel('Red when worse than the target by more than (%)').fill('5');
    await session.expectAccessiblePage('indicator-form');
    await qa('save').click();
    await page.getByText('Indicator added').waitFor();

    const summary = await summaryOf(qa('indicator-summary'));
    assert.equal(summary.get('Unit'), 'Number');
    assert.equal(summary.get('Which way is better'), 'Lower is better');
    assert.equal(summary.get('Measured'), 'Quarterly');
    assert.equal(summary.get('Owning group'), tasking);
    assert.equal(summary.get('Baseline'), '1,000 in 2015/16');
    assert.equal(summary.get('Target'), `${minus}10% on 2015/16 (1,000): 900 for the year`);
    assert.match(summary.get('How the status is judged') ?? '', /On target within 2% of the target; amber when up to 5% worse/);
    assert.match(await page.locator('main').innerText(), /No figures recorded yet/);
    await session.expectAccessiblePage('indicator-new');
  });

  it('imports nothing from a CSV with a bad row, naming its line, then imports the corrected file', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}/performance`);
    await qa('import').click();
    await page.getByRole('heading', { level: 1, name: 'Import figures from a CSV file' }).waitFor();
    await session.expectAccessiblePage('import');

    const bad = goodRows.map((row) => row.replace('2016-17 Q1,250', '2016-17 Q1,two hundred and fifty'));
    await page.getByLabel('CSV file').setInputFiles({ name: 'burglary.csv', mimeType: 'text/csv', buffer: csvOf(bad) });
    await qa('save').click();
    assert.match(await errorSummary(page).innerText(), /The file has a row with problems, so nothing was imported/);
    const problems = await tableRows(qa('row-problems').locator('table'));
    assert.equal(problems.length, 1);
    // The header is line 1, so the fifth row of figures is on line 6.
    assert.equal(problems[0]?.[0], 'Line 6');
    assert.match(problems[0]?.[1] ?? '', /"two hundred and fifty" is not a number/);
    await session.expectAccessiblePage('import-refused');

    await page.goto(`/partnerships/${coventry}/performance/indicators`);
    await page.getByRole('link', { name: indicatorName }).click();
    assert.match(await page.locator('main').innerText(), /No figures recorded yet/);

    await page.goto(`/partnerships/${coventry}/performance/import`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'burglary.csv', mimeType: 'text/csv', buffer: csvOf(goodRows) });
    await qa('save').click();
    await page.getByText('6 figures imported: 6 new, 0 changed.').waitFor();
    await session.expectAccessiblePage('imported');

    await page.getByRole('link', { name: indicatorName }).click();
    const figures = await tableRows(qa('measurements'));
    assert.deepEqual(
      figures.map((row) => row.slice(0, 4)),
      [
        ['Quarter 2, 2016/17', '222', 'Provisional', 'Awaiting the police’s validation'],
        ['Quarter 1, 2016/17', '250', 'Confirmed', ''],
        ['Quarter 4, 2015/16', '250', 'Confirmed', ''],
        ['Quarter 3, 2015/16', '240', 'Confirmed', ''],
        ['Quarter 2, 2015/16', '250', 'Confirmed', ''],
        ['Quarter 1, 2015/16', '260', 'Confirmed', ''],
      ],
    );
    await session.expectAccessiblePage('indicator');
  });

  it('reports the quarter with its derived figures and chart, takes the commentary, and is approved', async () => {
    const { page } = session;
    // The performance page lists the reports written and the latest quarter to have ended; an earlier
    // quarter's draft is opened by its address.
    await page.goto(`/partnerships/${coventry}/performance/reports/2016-17-q2`);
    await page.getByRole('heading', { level: 1, name: `Performance report, ${quarterLabel}` }).waitFor();
    assert.match(await qa('report-status').innerText(), /Draft: these figures have not been approved/);

    const section = indicatorSection();
    const figures = await summaryOf(section.locator('[data-qa="figures"]'));
    assert.equal(figures.get(quarterLabel), '222');
    assert.equal(figures.get('Same period last year'), '250');
    // One decimal place under 10%, whole numbers from there, with the true minus sign.
    assert.equal(figures.get('Change'), `${minus}28 (${minus}11%)`);
    assert.equal(figures.get('Year to date'), '472');
    assert.equal(figures.get('Year to date last year'), '510');
    assert.equal(figures.get('Change on the year to date'), `${minus}38 (${minus}7.5%)`);
    assert.equal(figures.get('Direction of travel'), `Downward over the year to date (${minus}7.5% on last year)`);
    assert.equal(figures.get('Target'), `${minus}10% on 2015/16 (1,000): 900 for the year, 450 for the year to date`);
    assert.equal(figures.get('Against target'), 'Not on target');
    assert.equal(
      await section.locator('[data-qa="direction"]').innerText(),
      `Direction of travel: Downward over the year to date (${minus}7.5% on last year)`,
    );
    // 472 against 450 to date is 4.9% worse: within the red threshold of 5%, so amber, and an exception.
    const tags = section.locator('.govuk-tag');
    // Each status says what it compares.
    assert.deepEqual(await tags.allInnerTexts(), [
      'Amber: not on target (year to date, against the target)',
      'Exception: Under-performing (year to date, against the target)',
      'Provisional figures',
    ]);
    assert.match((await tags.first().getAttribute('class')) ?? '', /govuk-tag--yellow/);
    // The chart is an image of its own (decision 0054), named, and described by its caption.
    const chart = section.getByRole('img', { name: `${indicatorName}: trend` });
    assert.equal(await chart.count(), 1);
    assert.equal(await chart.getAttribute('aria-describedby'), await section.locator('figcaption').getAttribute('id'));
    assert.match(await section.locator('figcaption').innerText(), /highest 260 in Q1 15\/16, lowest 222 in Q2 16\/17/);
    await chart.evaluate((image) => (image as unknown as { decode(): Promise<void> }).decode());
    assert.ok(((await chart.boundingBox())?.height ?? 0) > 100, 'the chart is drawn at a readable size');
    await session.expectAccessiblePage('report-draft');

    await section.getByRole('link', { name: `Write the commentary on ${indicatorName}` }).click();
    assert.match(await page.locator('main').innerText(), /Change on the year to date: −38 \(−7\.5%\)/);
    await page.getByLabel('Commentary').fill(commentary);
    await session.expectAccessiblePage('commentary-form');
    await qa('save').click();
    await page.getByText(`Commentary on ${indicatorName} saved`).waitFor();
    assert.equal(await indicatorSection().locator('[data-qa="commentary"]').innerText(), commentary);

    await qa('approve').click();
    await page.getByRole('heading', { level: 1, name: /Approve and publish the performance report for Quarter 2, 2016\/17\?/ }).waitFor();
    await session.expectAccessiblePage('approve');
    await qa('confirm-approve').click();
    await page.getByText('Report approved: the figures are published on the public site').waitFor();
    assert.match(await qa('report-status').innerText(), /Approved on .* by Anil Analyst\. These figures are published\./);
    await session.expectAccessiblePage('report-approved');
  });

  it('puts the exception report on the board’s next agenda, with its PDF as the paper', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}/performance/reports/2016-17-q2/exceptions`);
    await page.getByRole('heading', { level: 1, name: `Exception report, ${quarterLabel}` }).waitFor();
    assert.equal(await indicatorSection().count(), 1);
    // The rule is written on the page, open in the exception report.
    assert.match(await qa('exception-rule').innerText(), /An indicator without a target is judged against the same period last year/);
    await session.expectAccessiblePage('exception-report');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('exception-report-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`/partnerships/${coventry}/performance/reports/2016-17-q2`);
    await qa('attach').click();
    await page.getByLabel('Meeting').selectOption({ label: `${formatDate(meetingDate)}, ${board}` });
    await page.getByLabel('The exception report').check();
    await session.expectAccessiblePage('attach-form');
    await qa('save').click();
    await page.getByText(`"Exception report, ${quarterLabel}" added to the agenda with its paper`).waitFor();
    assert.match(page.url(), new RegExp(`/meetings/${meetingId}#agenda$`));
    const item = qa('agenda')
      .locator('li.safer-agenda__item')
      .filter({ hasText: `Exception report, ${quarterLabel}` });
    assert.match(await item.innerText(), /To consider the indicators outside tolerance/);
    assert.match(await item.locator('[data-qa="papers"]').innerText(), /\(PDF, \d+ KB\)/);
    await session.expectAccessiblePage('meeting-with-report');
    await new SignInPage(page).signOut();
  });

  it('a board member reads the paper from the meeting and the approved report', async () => {
    const { page } = session;
    const signIn = new SignInPage(page);
    await signIn.signIn(session.accounts.member.email, session.accounts.member.password);
    await page.goto(`/partnerships/${coventry}/meetings`);
    await page.getByRole('link', { name: new RegExp(formatDate(meetingDate)) }).click();
    const item = qa('agenda')
      .locator('li.safer-agenda__item')
      .filter({ hasText: `Exception report, ${quarterLabel}` });
    await session.expectAccessiblePage('member-meeting');

    const download = page.waitForEvent('download');
    await item.locator('[data-qa="papers"]').getByRole('link').first().click();
    const file = await (await download).path();
    const pdf = await readFile(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = textOfPdf(pdf);
    assert.match(text, /Exception Report/i);
    assert.match(text, /Residential burglary/);
    assert.match(text, /target hardening of student lets/);

    await page.goto(`/partnerships/${coventry}/performance`);
    await page.getByRole('link', { name: `Performance report, ${quarterLabel}` }).click();
    assert.match(await qa('report-status').innerText(), /Approved on/);
    assert.equal(await indicatorSection().locator('[data-qa="commentary"]').innerText(), commentary);
    assert.equal(await qa('approve').count(), 0);
    assert.equal(await qa('attach').count(), 0);
    await session.expectAccessiblePage('member-report');
    await signIn.signOut();
  });

  it('the public reads the approved reports signed out', async () => {
    const { page } = session;
    await page.goto(`/public/partnerships/${coventry}/performance`);
    const listed = await qa('public-reports').innerText();
    assert.match(listed, /Performance report, Quarter 2, 2016\/17/);
    assert.match(listed, /Performance report, Quarter 4, 2015\/16/);
    await session.expectAccessiblePage('public-reports');

    await page.getByRole('link', { name: `Performance report, ${quarterLabel}` }).click();
    assert.match(page.url(), /\/public\/partnerships\/[^/]+\/performance\/2016-17-q2$/);
    assert.equal(await indicatorSection().locator('[data-qa="commentary"]').innerText(), commentary);
    assert.equal(await indicatorSection().locator('svg[role="img"]').count(), 1);
    assert.equal(await page.getByRole('link', { name: /Write the commentary/ }).count(), 0);
    await session.expectAccessiblePage('public-report');
  });

  it('shows the demo’s Quarter 4, 2015-16 report with Coventry in its Most Similar Group', async () => {
    const { page } = session;
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(session.accounts.analyst.email, session.accounts.analyst.password);
    await page.goto(`/partnerships/${coventry}/performance/reports/2015-16-q4`);
    await page.getByRole('heading', { level: 1, name: 'Performance report, Quarter 4, 2015/16' }).waitFor();
    const msg = qa('msg-summary');
    assert.equal(await msg.count(), 1);
    const said = await msg.innerText();
    assert.match(said, /Coventry is ranked 1 of the 11 with a figure \(15 in the group\)/);
    assert.match(said, /Average of the 11 members with a figure: 85\.4 \(4 of the 15 members have no figure in the source\)/);
    assert.match(said, /Average published by the source: 83\.5/);
    const members = await tableRows(qa('msg-table'));
    assert.equal(members.length, 15);
    assert.deepEqual(members.find((row) => row[2] === '1')?.slice(1), ['62.2', '1']);
    assert.match(members.find((row) => row[2] === '1')?.[0] ?? '', /Coventry/);
    assert.equal(members.filter((row) => row[1] === 'Not given').length, 4);
    await session.expectAccessiblePage('demo-report');
  });
});

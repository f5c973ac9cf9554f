/**
 * Crime data and tasking in a real browser: a Coventry analyst finds the crime data area not yet chosen, and an
 * administrator chooses it (the City of London, whose police.uk files are the fixtures); the analyst uploads two months of street-level files at once and
 * watches them import, reads December 2025's hotspots with the methods behind them, and defines a priority
 * location; the officer schedules the City Tasking Group's next meeting, issues the month's tasking document
 * and puts it on that meeting's agenda; an agency's member records the police's patrols from the document
 * and reports their result back, which the group's action log shows as done.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemClock, todayInEngland } from '../../src/platform/clock.ts';
import { formatDate } from '../../src/platform/dates.ts';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  fillDate,
  inlineError,
  SignInPage,
  startBrowserSession,
  summaryOf,
  tableRows,
  thursdayAfter,
} from '../helpers/browser.ts';
import { textOfPdf } from '../helpers/pdf.ts';
import { addPerson } from '../helpers/people.ts';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { cityOfLondonForce } from '../helpers/policeuk.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'policeuk');
const november = join(fixtures, '2025-11-city-of-london-street.csv');
const december = join(fixtures, '2025-12-city-of-london-street.csv');
const taskingGroup = 'Coventry Community Safety Partnership City Tasking Group';
const documentTitle = `Tasking document: ${taskingGroup}, December 2025`;
const police = 'West Midlands Police';
const locationName = 'Eastern City';
const locationReason = 'Theft from the person and shoplifting around the Eastern Cluster’s offices and stations';
const patrols = 'High-visibility foot patrols at the stations on weekday evenings';
const result = 'Twelve evenings patrolled; two arrests for theft from the person, and fewer calls about pickpocketing';

/** A date of the database as the date inputs take it. */
function dateParts(date: string): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A date some days after another, as the database keeps it. */
function daysAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Holds each uploaded file's import until release() lets the next one go: the job that imports a file waits
 * at its start, as it would behind a long file. restore() lets them all go and puts the service back as it was.
 */
function holdImports(session: BrowserSession): { release(): void; restore(): void } {
  const { crimeData } = session.container;
  const original = crimeData.runQueuedImport.bind(crimeData);
  const gates: PromiseWithResolvers<void>[] = [Promise.withResolvers<void>(), Promise.withResolvers<void>()];
  let started = 0;
  let released = 0;
  crimeData.runQueuedImport = async (importId) => {
    const gate = gates[started++];
    if (gate) await gate.promise;
    return original(importId);
  };
  return {
    release: () => gates[released++]?.resolve(),
    restore: () => {
      crimeData.runQueuedImport = original;
      for (const gate of gates) gate.resolve();
    },
  };
}

describe('tasking journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry = '';
  let documentPath = '';
  /** The City Tasking Group's next meeting, a fortnight or so away: scheduled by the officer in the journey. */
  const meetingDate = thursdayAfter(14);
  let meetingUrl = '';
  /** The patrols run from the day after the meeting for a fortnight. */
  const patrolsFrom = daysAfter(meetingDate, 1);
  const patrolsTo = daysAfter(meetingDate, 14);
  const patrolsDescription = `Patrols at ${locationName}, ${formatDate(patrolsFrom)} to ${formatDate(patrolsTo)}: ${patrols}`;
  const ticked: string[] = [];
  let held: ReturnType<typeof holdImports> | null = null;

  before(async () => {
    session = await startBrowserSession('tasking');
    const { container } = session;
    coventry = session.partnerships.get('coventry') ?? '';
    // Set-up, not the journey: the member account is a person of West Midlands Police, so answers for its actions.
    const [organisation] = (await container.governance.organisations.list(coventry)).filter((o) => o.name === police);
    assert.ok(organisation, `the demo has ${police}`);
    const personId = await addPerson(container.governance, coventry, {
      name: session.accounts.member.name,
      email: session.accounts.member.email,
      organisationId: organisation.id,
    });
    const account = (await container.accounts.listUsers()).find((user) => user.email === session.accounts.member.email);
    assert.ok(account, 'the member has an account');
    await container.governance.linkAccount(systemPrincipal, coventry, personId, account.id);
    // The fixtures are the City of London's: Coventry stands in for a partnership of that force.
    await cityOfLondonForce(container, coventry);

    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.analyst.email, session.accounts.analyst.password);
  });
  after(async () => {
    held?.restore();
    await session?.close();
  });

  const qa = (name: string) => session.page.locator(`[data-qa="${name}"]`);

  it('the analyst finds no area chosen, and an administrator chooses the City of London', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}`);
    await page.getByRole('link', { name: 'Crime data', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Crime data' }).waitFor();
    assert.match(await qa('no-area').innerText(), /The partnership’s area has not been chosen yet/);
    assert.match(await page.locator('main').innerText(), /An administrator or the area’s overseer chooses it/);
    assert.equal(await qa('choose-area').count(), 0, 'not the analyst’s to choose');
    assert.equal(await qa('import').count(), 0, 'nothing to import until the area is chosen');
    assert.equal(await qa('no-imports').count(), 1, 'no files uploaded yet');
    await session.expectAccessiblePage('crime-data-empty');

    await new SignInPage(page).signOut();
    await new SignInPage(page).signIn(session.accounts.admin.email, session.accounts.admin.password);
    await page.goto(`/partnerships/${coventry}/crime-data`);
    await qa('choose-area').click();
    await page.getByRole('heading', { level: 1, name: 'Choose the crime data area' }).waitFor();
    await page.getByLabel('Community Safety Partnership area').selectOption({ label: 'City of London (City of London)' });
    await session.expectAccessiblePage('area-form');
    await qa('save').click();
    await page.getByText('Crime data area set to City of London').waitFor();
    assert.equal(await qa('area').innerText(), 'City of London Community Safety Partnership. Police force area: City of London.');
    assert.match(await qa('months').innerText(), /No police\.uk data has been imported yet for the police force area, City of London/);
    await session.expectAccessiblePage('crime-data-area');
    await new SignInPage(page).signOut();
    await new SignInPage(page).signIn(session.accounts.analyst.email, session.accounts.analyst.password);
    await page.goto(`/partnerships/${coventry}/crime-data`);
  });

  it('uploads two months of files at once and watches them import', async () => {
    const { page } = session;
    await qa('import').click();
    await page.getByRole('heading', { level: 1, name: 'Import police.uk crime data' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Import the street-level crime files of the police force for City of London/);
    // GOV.UK's file upload is a button that opens the file chooser: both months are chosen together.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /police\.uk zip or street-level CSV files/ }).click();
    await (await chooser).setFiles([november, december]);
    assert.match(await page.locator('.govuk-file-upload-button').innerText(), /2 files chosen/);
    await session.expectAccessiblePage('import-form');
    // The imports are held until the journey lets each go, so that the page is seen while it works.
    held = holdImports(session);
    await qa('save').click();
    await page.waitForURL(/\/crime-data\/imports\/[^/?]+$/);
    await page.getByRole('heading', { level: 1, name: 'Importing crime data' }).waitFor();
    const summary = qa('progress-summary');
    assert.equal(await summary.getAttribute('aria-live'), 'polite');
    assert.equal(await summary.innerText(), '0 of 2 files done.');
    assert.deepEqual(
      (await tableRows(qa('imports'))).map((row) => row.slice(0, 3)),
      [
        ['2025-11-city-of-london-street.csv', 'Not known yet', 'Waiting to start'],
        ['2025-12-city-of-london-street.csv', 'Not known yet', 'Waiting to start'],
      ],
    );
    assert.match(await qa('updates').innerText(), /Check progress/);
    await session.expectAccessiblePage('import-progress');

    // The page checks again by itself and updates in place: the same document, its live region saying the news.
    const marker = page.locator('body[data-journey-marker="still this page"]');
    await page.evaluate('document.body.setAttribute("data-journey-marker", "still this page")');
    held.release();
    await summary.filter({ hasText: /^1 of 2 files done\./ }).waitFor({ timeout: 60_000 });
    const imported = qa('imports').locator('tbody .govuk-tag', { hasText: 'Imported' });
    await imported.first().waitFor();
    assert.equal(await imported.count(), 1);
    assert.equal(await marker.count(), 1, 'updated in place, not loaded again');
    await session.expectAccessiblePage('import-half-done');

    // Once every file is in, the page shows the outcome.
    held.release();
    await page.getByRole('heading', { level: 1, name: 'Crime data imported' }).waitFor({ timeout: 60_000 });
    held.restore();
    const rows = await tableRows(qa('imports'));
    assert.deepEqual(rows, [
      [
        '2025-11-city-of-london-street.csv',
        'November 2025',
        'Imported',
        '100%',
        '734 crimes and incidents (City of London Police, November 2025), of which 72 with no location; 33 in LSOAs outside the force’s area.',
      ],
      [
        '2025-12-city-of-london-street.csv',
        'December 2025',
        'Imported',
        '100%',
        '810 crimes and incidents (City of London Police, December 2025), of which 55 with no location; 34 in LSOAs outside the force’s area.',
      ],
    ]);
    assert.equal(await qa('outcome').innerText(), 'Both files were imported.');
    assert.equal(await qa('hotspots').innerText(), 'Crime hotspots, December 2025');
    await session.expectAccessiblePage('import-done');

    await page.getByRole('link', { name: 'Crime data', exact: true }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Crime data' }).waitFor();
    assert.equal(await qa('months').innerText(), '2 months of police.uk data, from November 2025 to December 2025.');
    assert.equal((await tableRows(qa('imports'))).length, 2);
    await session.expectAccessiblePage('crime-data-held');
  });

  /** Whether the page is no wider than the window: nothing to scroll sideways. */
  const fitsTheWidth = async () =>
    (await session.page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')) === true;

  it('reads December 2025’s hotspots with the headline, the PAI and the methods, by street and by crime type', async () => {
    const { page } = session;
    await qa('latest-hotspots').click();
    await page.getByRole('heading', { level: 1, name: 'Crime hotspots, December 2025' }).waitFor();
    const headline = await summaryOf(qa('headline'));
    assert.deepEqual(
      [...headline.keys()],
      ['Crimes in December 2025', 'Change on November 2025', 'Change on December 2024', 'Against the predictive calendar', 'Trend'],
    );
    assert.match(headline.get('Crimes in December 2025') ?? '', /^\d[\d,]*$/);
    assert.match(headline.get('Change on December 2024') ?? '', /^Not held in Safer$/);
    assert.equal(headline.get('Against the predictive calendar'), 'No earlier December to compare with');

    const ranked = await tableRows(qa('hotspots'));
    assert.ok(ranked.length >= 2, 'several LSOAs ranked');
    assert.deepEqual(
      ranked.map((row) => row[0]),
      ranked.map((_row, index) => String(index + 1)),
    );
    // Each LSOA by its name, its code under it.
    assert.match(ranked[0]?.[1] ?? '', /^City of London 001[A-Z]\s+E0\d{7}$/);
    // The LSOAs' crimes are December's crimes in the area: the table adds up to the headline.
    const total = ranked.reduce((sum, row) => sum + Number((row[2] ?? '').replace(/,/g, '')), 0);
    assert.equal(total.toLocaleString('en-GB'), headline.get('Crimes in December 2025'));
    assert.match(await qa('hotspots').locator('caption').innerText(), /^The \d+ LSOAs with the most crime in December 2025$/);

    const accuracy = await summaryOf(qa('accuracy'));
    assert.match(accuracy.get('Predictive accuracy index (PAI)') ?? '', /^\d+\.\d\d$/);
    assert.equal(accuracy.get('Their share of the area'), '16.7% of the area (1 of 6 LSOAs)');
    assert.match(accuracy.get('Crimes in them this month (hit rate)') ?? '', /^\d+\.\d% of the crimes of December 2025 \(\d+ of [\d,]+\)$/);
    assert.match(await qa('accuracy-method').innerText(), /LSOA boundaries, and so their sizes, are not loaded/);
    await qa('matrix-method').locator('summary').click();
    assert.match(await qa('matrix-method').innerText(), /hotspot matrix sorts a hotspot by where and when its crime happens/);
    await qa('calendar-method').locator('summary').click();
    assert.match(await qa('calendar-method').innerText(), /The expected figure for a month is the average/);
    assert.match(await qa('sources').innerText(), /Open Government Licence v3\.0/);
    // The analysts' terms in plain words, a details component each.
    const terms = page.locator('[data-qa="term"]');
    assert.deepEqual(await terms.locator('summary').allInnerTexts(), [
      'What “predictive calendar” means',
      'What “hotspot matrix” means',
      'What “hotpoint” means',
      'What “predictive accuracy index (PAI)” means',
    ]);
    await terms.nth(2).locator('summary').click();
    assert.match(await terms.nth(2).innerText(), /at least half of the month’s crimes were recorded at one place/);
    // The table fits a laptop screen: nothing scrolls sideways at 1280 pixels.
    assert.ok(await fitsTheWidth(), 'no horizontal scroll at 1280 px');
    await session.expectAccessiblePage('hotspots');

    // On a phone the table keeps the rank, the place and its crimes; the rest is on the place's own page.
    await page.setViewportSize({ width: 375, height: 800 });
    assert.ok(await fitsTheWidth(), 'no horizontal scroll at 375 px');
    assert.deepEqual(await qa('hotspots').locator('thead th:visible').allInnerTexts(), ['Rank', 'Neighbourhood (LSOA)', 'Crimes']);
    await session.expectAccessiblePage('hotspots-phone');
    const first = qa('hotspots').locator('tbody a').first();
    const name = await first.innerText();
    await first.click();
    await page.getByRole('heading', { level: 1, name: `${name}: crime in December 2025` }).waitFor();
    const figures = await summaryOf(qa('hotspot-figures'));
    assert.match(figures.get('Rank by crimes per 1,000 residents') ?? '', /^\d+$|^Not ranked$/);
    assert.ok(figures.get('Hotspot matrix'));
    assert.ok((await tableRows(qa('hotspot-crime-types'))).length >= 1);
    assert.ok(await fitsTheWidth(), 'the hotspot’s own page fits a phone');
    await session.expectAccessiblePage('hotspot-lsoa-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await session.expectAccessiblePage('hotspot-lsoa');
    await qa('back-to-hotspots').click();
    await page.getByRole('heading', { level: 1, name: 'Crime hotspots, December 2025' }).waitFor();

    await page.getByRole('group', { name: 'Hotspots by' }).getByLabel('Street').check();
    await qa('show').click();
    await page.waitForURL(/by=street/);
    assert.match(await qa('hotspots').locator('caption').innerText(), /^The \d+ streets with the most crime in December 2025$/);
    const streets = await tableRows(qa('hotspots'));
    assert.match(streets[0]?.[1] ?? '', /^On or near /);
    assert.ok(await fitsTheWidth(), 'the streets fit a laptop screen too');
    await session.expectAccessiblePage('hotspots-streets');

    await page.getByRole('group', { name: 'Hotspots by' }).getByLabel('Neighbourhood (LSOA)').check();
    await page.getByLabel('Crime type').selectOption({ label: 'Theft from the person' });
    await qa('show').click();
    await page.waitForURL(/type=Theft/);
    await page.getByRole('heading', { level: 2, name: 'City of London: Theft from the person' }).waitFor();
    assert.match(await qa('hotspots').locator('caption').innerText(), /LSOAs with the most crime in December 2025: Theft from the person$/);
    await session.expectAccessiblePage('hotspots-theft');
  });

  it('defines a priority location of two LSOAs, the missing LSOAs refused with the name kept', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}`);
    await page.getByRole('link', { name: 'Tasking', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasking' }).waitFor();
    assert.match(await qa('locations').innerText(), /No priority locations have been added yet/);
    assert.match(await qa('actions').innerText(), /No tasking actions have been recorded yet/);
    await session.expectAccessiblePage('tasking-empty');

    await qa('add-location').click();
    await page.getByRole('heading', { level: 1, name: 'Add a priority location' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(locationName);
    await page.getByLabel('Why it is a priority (optional)').fill(locationReason);
    await page.getByLabel('A set of LSOAs (neighbourhoods)').check();
    const lsoas = page.getByRole('group', { name: 'Neighbourhoods (LSOAs)' }).getByRole('checkbox');
    assert.equal(await lsoas.count(), 6, 'the City of London’s six LSOAs');
    await session.expectAccessiblePage('location-form');

    const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
    await qa('save').click();
    assert.equal((await response).status(), 400);
    assert.match(await errorSummary(page).innerText(), /Select at least one LSOA/);
    assert.match(await inlineError(page, 'lsoas').innerText(), /Select at least one LSOA/);
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), locationName);
    assert.equal(await page.getByLabel('Why it is a priority (optional)').inputValue(), locationReason);
    assert.ok(await page.getByLabel('A set of LSOAs (neighbourhoods)').isChecked());
    // The checkboxes stay revealed under the kind chosen, with the problem next to them.
    assert.ok(await page.getByRole('group', { name: /Neighbourhoods \(LSOAs\)/ }).isVisible());
    await session.expectAccessiblePage('location-refused');

    for (const box of (await lsoas.all()).slice(-2)) {
      await box.check();
      ticked.push((await box.locator('xpath=following-sibling::label').innerText()).trim());
    }
    assert.equal(ticked.length, 2);
    await qa('save').click();
    await page.getByText(`Priority location “${locationName}” added`).waitFor();
    await page.getByRole('heading', { level: 1, name: locationName }).waitFor();
    const summary = await summaryOf(qa('location'));
    assert.equal(summary.get('Made of'), 'A set of LSOAs (neighbourhoods)');
    assert.equal(summary.get('Neighbourhoods (LSOAs)'), ticked.join(' '));
    assert.equal(summary.get('Why it is a priority'), locationReason);
    const series = await tableRows(qa('series'));
    assert.deepEqual(series[0]?.[0], 'December 2025');
    assert.deepEqual(series[1]?.[0], 'November 2025');
    assert.match(series[0]?.[1] ?? '', /^\d+$/);
    assert.match(await qa('trend').innerText(), /^Trend: /);
    assert.equal(await page.locator('main figure svg[role="img"]').count(), 1);
    await session.expectAccessiblePage('location');
  });

  it('opens the City Tasking Group’s document for December 2025, with its sections, map, chart and PDF', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Tasking', exact: true }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Tasking' }).waitFor();
    assert.deepEqual(
      (await tableRows(qa('locations'))).map((row) => row.slice(0, 2)),
      [[locationName, 'A set of LSOAs (neighbourhoods)']],
    );
    // It opens on the tasking group and the latest month, not on the board listed first.
    assert.equal(await page.getByLabel('Tasking group').locator('option:checked').innerText(), taskingGroup);
    assert.equal(await qa('latest-document').innerText(), `Latest tasking document: ${taskingGroup}, December 2025`);
    await session.expectAccessiblePage('tasking');
    await qa('open').click();
    await page.getByRole('heading', { level: 1, name: documentTitle }).waitFor();
    documentPath = new URL(page.url()).pathname;
    assert.match(documentPath, new RegExp(`^/partnerships/${coventry}/tasking/groups/[^/]+/2025-12$`));
    // No meeting of the group is planned yet, so the document is not yet due.
    assert.match(await qa('issue-state').innerText(), /Not yet due: the group has no meeting after December 2025/);

    const area = await summaryOf(qa('area-figures'));
    assert.match(area.get('Crimes in December 2025') ?? '', /^\d[\d,]*$/);
    const headings = await qa('section').locator('h2').allInnerTexts();
    assert.equal(headings[0], `Priority location: ${locationName}`);
    assert.ok(
      headings.slice(1).every((heading) => heading.startsWith('Emerging hotspot: ')),
      headings.join('\n'),
    );
    const priority = qa('section').first();
    assert.match(await priority.innerText(), new RegExp(locationReason));
    const figures = await summaryOf(priority.locator('[data-qa="section-figures"]'));
    assert.match(figures.get('Crimes in December 2025') ?? '', /^\d+$/);
    assert.match(await priority.locator('[data-qa="crime-types"] caption').innerText(), /Crime types in Eastern City, December 2025/);
    assert.ok((await tableRows(priority.locator('[data-qa="crime-types"]'))).length > 0);
    // The trend chart and the map of the month's crimes, both drawn as SVG.
    const chart = priority.locator('figure.safer-chart:not([data-crime-map]) svg');
    assert.equal(await chart.count(), 1);
    assert.ok(((await chart.boundingBox())?.height ?? 0) > 100, 'the chart is drawn at a readable size');
    const map = priority.locator('[data-crime-map] svg');
    assert.equal(await map.count(), 1);
    assert.ok(((await map.boundingBox())?.height ?? 0) > 100, 'the map is drawn at a readable size');
    const accuracy = await summaryOf(qa('accuracy'));
    assert.match(accuracy.get('Predictive accuracy index (PAI)') ?? '', /^\d+\.\d\d$/);
    assert.match(accuracy.get('Last month’s hotspots (LSOAs)') ?? '', /^City of London 0\d\d[A-Z] \(E0\d{7}\)/);
    // The terms in the same plain words as the hotspots page.
    assert.deepEqual(await page.locator('[data-qa="term"] summary').allInnerTexts(), [
      'What “predictive calendar” means',
      'What “predictive accuracy index (PAI)” means',
    ]);
    assert.match(await qa('attribution').innerText(), /Open Government Licence v3\.0/);
    await session.expectAccessiblePage('document');

    const download = page.waitForEvent('download');
    await qa('document-files').getByRole('link', { name: 'Download as PDF' }).click();
    const pdf = await readFile(await (await download).path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(textOfPdf(pdf), /Eastern City/);
    await new SignInPage(page).signOut();
  });

  it('the officer schedules the group’s next meeting, issues the document and puts it on the agenda', async () => {
    const { page } = session;
    await new SignInPage(page).signIn(session.accounts.officer.email, session.accounts.officer.password);
    await page.goto(`/partnerships/${coventry}/meetings`);
    await page.getByRole('button', { name: 'Add a meeting' }).click();
    await page.getByLabel('Group').selectOption({ label: taskingGroup });
    await page.getByLabel('Ordinary', { exact: true }).check();
    await fillDate(page, 'Date', dateParts(meetingDate));
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('Place').fill('Committee Room 2, Council House');
    await session.expectAccessiblePage('meeting-form');
    await qa('save').click();
    await page.getByText('Meeting added').waitFor();
    meetingUrl = new URL(page.url()).pathname;

    await page.goto(documentPath);
    await page.getByRole('heading', { level: 1, name: documentTitle }).waitFor();
    assert.match(
      await qa('issue-state').innerText(),
      new RegExp(`^To be issued on \\d+ \\w+ \\d{4}, the working day before the meeting on ${formatDate(meetingDate)}\\.$`),
    );
    await session.expectAccessiblePage('document-to-issue');
    await qa('issue-button').click();
    await page.getByRole('heading', { level: 1, name: /^Issue the tasking document for .*\?$/ }).waitFor();
    assert.match(await qa('confirm-recipients').innerText(), /^(An e-mail will go to|Nobody will be e-mailed)/);
    await session.expectAccessiblePage('document-issue-confirm');
    await qa('confirm').click();
    await page.getByText(/Tasking document issued\. (E-mailed|Nobody was e-mailed)/).waitFor();
    const today = formatDate(todayInEngland(systemClock));
    assert.equal(await qa('issue-state').innerText(), `Issued on ${today} by ${session.accounts.officer.name}.`);
    assert.equal(await qa('issue-button').count(), 0);
    assert.equal(await qa('attach-button').innerText(), `Put it on the agenda of the meeting on ${formatDate(meetingDate)}`);
    await session.expectAccessiblePage('document-issued');

    await qa('attach-button').click();
    await page.getByText('Tasking document put on the meeting’s agenda, with its PDF as the item’s paper').waitFor();
    assert.match(await qa('issue').innerText(), new RegExp(`On the agenda of the meeting on ${formatDate(meetingDate)}\\.`));
    assert.equal(await qa('attach-button').count(), 0);
    await session.expectAccessiblePage('document-on-agenda');

    await qa('attached').click();
    assert.equal(new URL(page.url()).pathname, meetingUrl);
    const item = qa('agenda').locator('li.safer-agenda__item').filter({ hasText: documentTitle });
    assert.match(await item.innerText(), /To task partners’ resources to the priority locations and emerging hotspots/);
    assert.match(
      await item.locator('[data-qa="papers"]').innerText(),
      new RegExp(`${documentTitle.replace(/[.]/g, '\\$&')}\\s+\\(PDF, \\d+ KB\\)`),
    );
    await session.expectAccessiblePage('meeting-with-document');
    await new SignInPage(page).signOut();
  });

  it('a police member records patrols from the document, the dates in the wrong order refused with everything kept', async () => {
    const { page } = session;
    await new SignInPage(page).signIn(session.accounts.member.email, session.accounts.member.password);
    await page.goto(documentPath);
    // A member reads the document and records against it, but does not issue it.
    assert.equal(await qa('issue-button').count(), 0);
    // The place is said to a screen reader, hidden from the eye (Chromium reads a space before its colon).
    await page.getByRole('link', { name: new RegExp(`^Record a tasking action here\\s*: ${locationName}$`) }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a tasking action' }).waitFor();
    const selected = async (label: string) => (await page.getByLabel(label, { exact: true }).locator('option:checked').innerText()).trim();
    assert.equal(await selected('Tasking group'), taskingGroup);
    assert.equal(await selected('Tasking document of'), 'December 2025');
    assert.equal(await selected('Place'), `Priority location: ${locationName}`);
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: police });
    await page.getByLabel('Patrols', { exact: true }).check();
    await page.getByLabel('What will be done').fill(patrols);
    await fillDate(page, 'First day', dateParts(patrolsTo));
    await fillDate(page, 'Last day', dateParts(patrolsFrom));
    await session.expectAccessiblePage('action-form');

    const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
    await qa('save').click();
    assert.equal((await response).status(), 400);
    assert.match(await errorSummary(page).innerText(), /The last day must be the same as or after the first day/);
    assert.match(await inlineError(page, 'endsOn').innerText(), /The last day must be the same as or after the first day/);
    assert.equal(await selected('Place'), `Priority location: ${locationName}`);
    assert.equal(await selected('Agency'), police);
    assert.ok(await page.getByLabel('Patrols', { exact: true }).isChecked());
    assert.equal(await page.getByLabel('What will be done').inputValue(), patrols);
    const first = page.getByRole('group', { name: 'First day' });
    assert.equal(await first.getByLabel('Day').inputValue(), dateParts(patrolsTo).day);
    const last = page.getByRole('group', { name: 'Last day' });
    assert.equal(await last.getByLabel('Day').inputValue(), dateParts(patrolsFrom).day);
    await session.expectAccessiblePage('action-refused');

    await fillDate(page, 'First day', dateParts(patrolsFrom));
    await fillDate(page, 'Last day', dateParts(patrolsTo));
    await qa('save').click();
    await page.getByText('Tasking action recorded: it is in the group’s action log, owned by the agency').waitFor();
    assert.equal(new URL(page.url()).pathname, documentPath);
    await session.expectAccessiblePage('document-action-recorded');

    await page.goto(`/partnerships/${coventry}/actions`);
    await page.getByRole('heading', { level: 1, name: 'Action log' }).waitFor();
    const logged = (await tableRows(qa('action-log'))).find((row) => row[0] === patrolsDescription);
    assert.deepEqual(logged?.slice(1, 6), [police, formatDate(patrolsTo), 'Open', taskingGroup, 'Tasking document for December 2025']);
    await session.expectAccessiblePage('action-log');

    await page.goto(`/partnerships/${coventry}/tasking`);
    const listed = await tableRows(qa('actions'));
    assert.deepEqual(listed, [
      [
        'December 2025',
        `Patrols at ${locationName}`,
        police,
        `${formatDate(patrolsFrom)} to ${formatDate(patrolsTo)}`,
        'Open',
        'No result reported yet',
      ],
    ]);
    await session.expectAccessiblePage('tasking-with-action');
  });

  it('the police member reports the result, and the action is done in the log', async () => {
    const { page } = session;
    await page.getByRole('link', { name: `Patrols at ${locationName}` }).click();
    await page.getByRole('heading', { level: 1, name: `Patrols at ${locationName}` }).waitFor();
    const summary = await summaryOf(qa('action'));
    assert.equal(summary.get('Agency'), police);
    // The action log's wording, place and dates with it.
    assert.equal(summary.get('What will be done'), patrols);
    assert.equal(summary.get('In the action log'), 'Open');
    assert.equal(await qa('result').innerText(), 'No result reported yet.');
    await session.expectAccessiblePage('action');

    await qa('report-result').click();
    await page.getByRole('heading', { level: 1, name: `Report the result: Patrols at ${locationName}` }).waitFor();
    await page.getByLabel('The result').fill(result);
    await session.expectAccessiblePage('result-form');
    await qa('save').click();
    await page.getByText('Result reported: the action is done in the group’s action log').waitFor();
    assert.equal(await qa('result').innerText(), result);
    assert.equal(await qa('log-entry').innerText(), 'Done');
    assert.match(await page.locator('main').innerText(), new RegExp(`Reported \\d+ \\w+ \\d{4}.* by ${session.accounts.member.name}`));
    await session.expectAccessiblePage('action-done');

    await qa('log-entry').click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.match(await page.locator('main').innerText(), new RegExp(`Result: ${result}`));
    await session.expectAccessiblePage('log-entry-done');

    await page.goto(`/partnerships/${coventry}/actions`);
    const logged = (await tableRows(qa('action-log'))).find((row) => row[0] === patrolsDescription);
    assert.equal(logged?.[3], 'Done');
    await page.goto(`/partnerships/${coventry}/tasking`);
    assert.deepEqual((await tableRows(qa('actions')))[0]?.slice(4), ['Done', result]);
    await session.expectAccessiblePage('tasking-done');
  });
});

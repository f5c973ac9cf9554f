/**
 * An indicator fed from crime data, in a real browser: with the City of London's November and December 2025 files
 * imported for Coventry (standing in for a partnership of that force) and for its one peer, the analyst adds a
 * monthly indicator of all crime per 1,000 residents, is told what is wrong with a half-filled form, sees its
 * figures provisional, confirms them, and reads December's figure with its Most Similar Group in the quarterly report.
 * Two months cannot fill a quarter, so the indicator is monthly; a rate, so the quarter's report gives its last month.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/platform/principal.ts';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  SignInPage,
  startBrowserSession,
  summaryOf,
  tableRows,
} from '../helpers/browser.ts';
import { cityOfLondonForce, policeUkFixtures } from '../helpers/policeuk.ts';

const cityOfLondon = 'E22000180';
const indicatorName = 'Crime per 1,000 residents';

describe('an indicator fed from police.uk, in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry = '';
  let peer = '';

  before(async () => {
    session = await startBrowserSession('police-uk-indicator');
    const { container } = session;
    coventry = session.partnerships.get('coventry') ?? '';
    peer = session.partnerships.get('melton') ?? '';
    await container.crimeData.ensureReference();
    for (const partnershipId of [coventry, peer]) {
      await cityOfLondonForce(container, partnershipId);
      await container.crimeData.setArea(systemPrincipal, partnershipId, cityOfLondon);
    }
    for (const month of ['2025-11', '2025-12']) {
      await container.crimeData.importFile(systemPrincipal, join(policeUkFixtures, `${month}-city-of-london-street.csv`));
    }
    await container.crimeData.choosePeers(systemPrincipal, coventry, [peer]);
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.analyst.email, session.accounts.analyst.password);
  });
  after(() => session?.close());

  const qa = (name: string) => session.page.locator(`[data-qa="${name}"]`);

  it('the analyst adds a monthly indicator of all crime per 1,000 residents, corrected where the form says', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}/performance/indicators/new`);
    await page.getByLabel('Name', { exact: true }).fill(indicatorName);
    await page.getByLabel('Definition').fill('All crime and anti-social behaviour police.uk lists in the City, per 1,000 residents.');
    await session.expectAccessiblePage('police-uk-form-typed-in');
    await page.getByLabel('Worked out by Safer from the police.uk crime data imported').check();
    await page.getByLabel('Lower is better').check();
    await page.getByLabel('Monthly').check();
    await session.expectAccessiblePage('police-uk-form-revealed');
    await qa('save').click();
    assert.match(
      await errorSummary(page).innerText(),
      /Select the crime type, or all crime[\s\S]*Select whether anti-social behaviour is counted/,
    );
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), indicatorName);
    await session.expectAccessiblePage('police-uk-form-errors');

    await page.getByLabel('Crime type').selectOption({ label: 'All crime' });
    await page.getByRole('group', { name: 'Count anti-social behaviour as well?' }).getByLabel('Yes').check();
    await page.getByLabel('Crimes per 1,000 residents').check();
    await qa('save').click();
    await page.getByText('Indicator added').waitFor();
    const summary = await summaryOf(qa('indicator-summary'));
    assert.match(summary.get('Figures') ?? '', /All crime including anti-social behaviour, crimes per 1,000 residents/);
    const figures = await tableRows(qa('measurements'));
    assert.deepEqual(
      figures.map((row) => [row[0], row[2]]),
      [
        ['December 2025', 'Provisional'],
        ['November 2025', 'Provisional'],
      ],
    );
    await session.expectAccessiblePage('police-uk-indicator');

    await qa('confirm-all').click();
    await page.getByText('2 figures confirmed').waitFor();
    assert.deepEqual(
      (await tableRows(qa('measurements'))).map((row) => row[2]),
      ['Confirmed', 'Confirmed'],
    );
    await session.expectAccessiblePage('police-uk-confirmed');
  });

  it('the quarterly report shows December’s figure and its group from the peers', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}/performance/reports/2025-26-q3`);
    const section = qa('indicator').filter({ has: page.getByRole('heading', { level: 2, name: indicatorName }) });
    const figures = await summaryOf(section.locator('[data-qa="figures"]'));
    assert.match(figures.get('December 2025') ?? '', /^\d+\.\d$/, 'a rate per 1,000 to one decimal place');
    // The peer's area is the City of London too, so its figure is the same.
    const group = await tableRows(section.locator('[data-qa="msg-table"]'));
    assert.deepEqual(
      group.map((row) => row.slice(0, 2)),
      [
        ['Coventry Community Safety Partnership', figures.get('December 2025')],
        ['Melton Area Safer Communities Partnership', figures.get('December 2025')],
      ],
    );
    assert.match(
      await section.locator('[data-qa="msg-summary"]').innerText(),
      /Limits at two standard deviations[\s\S]*Source: police\.uk, computed by Safer from the peers’ imported data/,
    );
    await session.expectAccessiblePage('police-uk-report');
  });
});

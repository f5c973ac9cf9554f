/**
 * Crime figures in a real browser: a Coventry analyst (Coventry standing in for a partnership of the City of
 * London's force, whose police.uk files are the fixtures) finds the crime profile from the crime data page, changes
 * its period to December 2025 and reads it against December 2024, then opens the peer comparison, is told to choose
 * at least one peer, chooses Melton (whose December the fixtures, placed in Melton's neighbourhoods, stand in for)
 * and reads where Coventry stands. Then the overseer of Leicestershire's area opens the crime comparison of its
 * partnerships from the home page.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/platform/principal.ts';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  inlineError,
  SignInPage,
  startBrowserSession,
  tableRows,
} from '../helpers/browser.ts';
import { cityOfLondonForce, doctoredFile, policeUkFixtures } from '../helpers/policeuk.ts';
import { scratchFolder } from '../helpers/scratch.ts';

const melton = 'Melton Area Safer Communities Partnership';

describe('crime figures journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry = '';

  before(async () => {
    session = await startBrowserSession('crime-figures');
    const { container } = session;
    const { crimeData } = container;
    coventry = session.partnerships.get('coventry') ?? '';
    const meltonId = session.partnerships.get('melton') ?? '';
    // Set-up, not the journey: the areas and files an administrator and the analysts would have imported.
    await cityOfLondonForce(container, coventry);
    await crimeData.setArea(systemPrincipal, coventry, 'E22000180');
    const meltonCsp = (await crimeData.csps()).find((csp) => csp.name === 'Melton')?.code ?? '';
    await crimeData.setArea(systemPrincipal, meltonId, meltonCsp);
    const meltonLsoas = (await crimeData.areaLsoas(meltonId, '2025-12')).map((lsoa) => lsoa.code);
    const scratch = scratchFolder('figures-journey');
    const files = {
      earlier: doctoredFile('2025-11-city-of-london-street.csv', { month: '2024-12' }),
      melton: doctoredFile('2025-12-city-of-london-street.csv', {
        force: 'Leicestershire Police',
        lsoa: (index) => meltonLsoas[index % meltonLsoas.length]!,
      }),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(scratch, `${name}.csv`), content);
    for (const path of [
      join(policeUkFixtures, '2025-11-city-of-london-street.csv'),
      join(policeUkFixtures, '2025-12-city-of-london-street.csv'),
      join(scratch, 'earlier.csv'),
      join(scratch, 'melton.csv'),
    ]) {
      await crimeData.importFile(systemPrincipal, path);
    }
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.analyst.email, session.accounts.analyst.password);
  });
  after(async () => {
    await session?.close();
  });

  const qa = (name: string) => session.page.locator(`[data-qa="${name}"]`);

  it('the analyst finds the crime profile and changes its period to a month', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}/crime-data`);
    await qa('figure-links')
      .getByRole('link', { name: /Crime profile/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Crime profile, 12 months to December 2025' }).waitFor();
    assert.match(await qa('not-held').innerText(), /Safer does not hold police\.uk data for January to October 2025/);
    await session.expectAccessiblePage('profile-12-months');

    await page.getByLabel('A month', { exact: true }).check();
    await page.getByLabel('Month', { exact: true }).selectOption('2025-12');
    await qa('show').click();
    await page.getByRole('heading', { level: 1, name: 'Crime profile, December 2025' }).waitFor();
    const heading = await qa('profile').locator('thead th').allInnerTexts();
    assert.deepEqual(heading.slice(0, 4), ['Crime type', 'Crimes', 'Per 1,000 residents', 'December 2024']);
    const rows = await tableRows(qa('profile'));
    assert.equal(rows[0]?.[0], 'All crime');
    assert.match(rows[0]?.[4] ?? '', /^[+−]\d+|No change$/);
    assert.match(await qa('without-location').innerText(), /55 crimes in City of London Police’s files for the period had no location/);
    assert.match(await qa('sources').innerText(), /Open Government Licence/);
    await session.expectAccessiblePage('profile-month');

    // A month in the address that is not one: the page says so, what is held, and where to choose again.
    await page.goto(`/partnerships/${coventry}/crime-data/profile?period=month&month=2025-13`);
    await page.getByRole('heading', { level: 1, name: 'There is a problem with the address' }).waitFor();
    assert.match(await qa('address-problem').innerText(), /^“2025-13” is not a month: .* Safer holds \w+ \d{4} to December 2025\.$/);
    await session.expectAccessiblePage('address-problem');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('address-problem-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await qa('address-next').click();
    await page.getByRole('heading', { level: 1, name: 'Crime profile, 12 months to December 2025' }).waitFor();
    await page.goBack();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Crime profile, December 2025' }).waitFor();
  });

  it('the analyst opens the peer comparison, is told to choose a peer, and chooses Melton', async () => {
    const { page } = session;
    await qa('peers-link').click();
    await page.getByRole('heading', { level: 1, name: 'Peer comparison, December 2025' }).waitFor();
    assert.match(await qa('peers').innerText(), /None yet/);
    await session.expectAccessiblePage('peers-none');

    await qa('choose-peers').click();
    await page.getByRole('heading', { level: 1, name: 'Choose the peers to compare with' }).waitFor();
    await qa('save').click();
    assert.match(await errorSummary(page).innerText(), /Select at least one partnership to compare with/);
    assert.match(await inlineError(page, 'peerIds').innerText(), /Select at least one partnership/);
    await session.expectAccessiblePage('peers-form-error');

    // Each partnership offered says the months of data held for its force.
    assert.match(await page.locator('.govuk-checkboxes__item').filter({ hasText: melton }).innerText(), /Police\.uk data held (for|from) /);
    await page.getByLabel(melton).check();
    await qa('save').click();
    await page.getByRole('heading', { level: 1, name: /^Peer comparison, / }).waitFor();
    assert.match(await qa('peers').innerText(), new RegExp(melton));
    await page.getByLabel('A month', { exact: true }).check();
    await page.getByLabel('Month', { exact: true }).selectOption('2025-12');
    await qa('show').click();
    await page.getByRole('heading', { level: 1, name: 'Peer comparison, December 2025' }).waitFor();
    const [allCrime] = await tableRows(qa('comparison'));
    assert.equal(allCrime?.[0], 'All crime');
    assert.match(allCrime?.[2] ?? '', /^[12] of 2$/);
    assert.match(allCrime?.[5] ?? '', /^(Above|Within|Below)$/);
    const members = await tableRows(qa('members'));
    assert.deepEqual(
      members.map((row) => row[0]),
      ['Coventry Community Safety Partnership', melton],
    );
    await page.getByText('How the comparison is worked out').click();
    await session.expectAccessiblePage('peers-compared');

    // And back to the default peers, the other partnerships of the area.
    await qa('use-default-peers').click();
    await page.getByText('The peers are the default again: the other partnerships of the area').waitFor();
    assert.match(await qa('default-peers').innerText(), /Until an analyst or officer chooses them/);
    await session.expectAccessiblePage('peers-default');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('peers-default-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the overseer of Leicestershire opens the crime comparison of its partnerships from the home page', async () => {
    const { page, container } = session;
    const { areaId } = await container.governance.partnerships.get(null, session.partnerships.get('melton') ?? '');
    const overseer = { email: 'overseer.leicestershire@example.com', name: 'Leicestershire PCC staff', password: 'an overseer password 1' };
    const userId = await container.accounts.createUser(systemPrincipal, { ...overseer, isAdmin: false });
    await container.accounts.grantRole(systemPrincipal, userId, 'overseer', { partnershipId: null, areaId });
    const signIn = new SignInPage(page);
    await signIn.signOut();
    await signIn.open();
    await signIn.signIn(overseer.email, overseer.password);
    await page.getByRole('link', { name: 'Crime across Leicestershire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Crime across Leicestershire, 12 months to December 2025' }).waitFor();
    // Melton holds only December 2025: no figures for 12 months.
    const twelveMonths = await tableRows(qa('area-crime'));
    assert.deepEqual(twelveMonths.find((row) => row[0] === melton)?.slice(1, 4), ['No figures', 'No figures', 'No figures']);
    await session.expectAccessiblePage('area-crime-12-months');

    await page.getByLabel('A month', { exact: true }).check();
    await page.getByLabel('Month', { exact: true }).selectOption('2025-12');
    await qa('show').click();
    await page.getByRole('heading', { level: 1, name: 'Crime across Leicestershire, December 2025' }).waitFor();
    const rows = await tableRows(qa('area-crime'));
    const meltonRow = rows.find((row) => row[0] === melton) ?? [];
    assert.match(meltonRow[1] ?? '', /^\d[\d,]*$/);
    assert.equal(meltonRow[4], 'Not held in Safer');
    assert.match(await qa('area-average').innerText(), /Area average/);
    assert.match(await qa('sources').innerText(), /Open Government Licence/);
    await page.getByText('How these figures are worked out').click();
    await session.expectAccessiblePage('area-crime-month');
  });
});

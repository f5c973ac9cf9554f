/**
 * The footer's accessibility statement, privacy notice and cookies page, and an administrator downloading everything
 * held about a person from the person's page.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type BrowserSession, browserTestOptions, SignInPage, startBrowserSession } from '../helpers/browser.ts';

describe('privacy journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;

  before(async () => {
    session = await startBrowserSession('privacy');
  });
  after(() => session?.close());

  it('reads the footer’s pages signed out, and an administrator exports a person’s data', async () => {
    const { page } = session;
    await page.goto('/');
    for (const [link, heading] of [
      ['Accessibility statement', 'Accessibility statement for Safer'],
      ['Privacy', 'Privacy notice'],
      ['Cookies', 'Cookies'],
    ] as const) {
      await page.locator('footer').getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await session.expectAccessiblePage(`footer-${link.toLowerCase().replace(/\s+/g, '-')}`);
    }

    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(session.accounts.admin.email, session.accounts.admin.password);
    await page.goto(`/partnerships/${session.partnerships.get('coventry')}/people`);
    await page.locator('main table a').first().click();
    await session.expectAccessiblePage('person-with-export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export everything held about this person' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^everything-held-about-.+\.json$/);
    const file = JSON.parse(await readFile(await download.path(), 'utf8')) as { people: unknown[] };
    assert.equal(file.people.length, 1);
  });
});

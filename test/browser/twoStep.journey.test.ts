/**
 * Two-step sign-in in a real browser: an administrator requires it for Coventry; a member of Coventry, after their
 * password, is taken to set it up (reading the setup key as someone who cannot scan would, the test's own
 * authenticator computing the code), keeps the recovery codes, then signs in with a code, and with a recovery code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { type BrowserSession, browserTestOptions, errorSummary, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { expectNoSidewaysScroll } from '../helpers/phone.ts';

describe('two-step sign-in journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;

  before(async () => {
    session = await startBrowserSession('two-step');
  });
  after(() => session?.close());

  it('is required by an administrator, set up by a member after their password, and asked for at each sign-in', async () => {
    const { page, accounts } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    const signIn = new SignInPage(page);
    /** The page at a phone's width too, no wider than the screen. */
    const onPhone = async (name: string) => {
      await page.setViewportSize({ width: 375, height: 812 });
      await expectNoSidewaysScroll(page, name);
      await session.expectAccessiblePage(`${name}-phone`);
      await page.setViewportSize({ width: 1280, height: 900 });
    };

    await signIn.open();
    await signIn.signIn(accounts.admin.email, accounts.admin.password);
    await page.goto('/admin');
    await page.locator('main').getByRole('link', { name: 'Two-step sign-in' }).click();
    await session.expectAccessiblePage('requirements');
    await page.getByRole('link', { name: /^Require two-step sign-in for Coventry/ }).click();
    await session.expectAccessiblePage('admin-two-step-confirm');
    await page.getByRole('button', { name: 'Require two-step sign-in' }).click();
    await page.getByText('must now use two-step sign-in').waitFor();
    await session.expectAccessiblePage('required');
    await signIn.signOut();

    await signIn.signIn(accounts.member.email, accounts.member.password);
    await page.waitForURL(/\/sign-in\/two-step\/set-up$/);
    await page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' }).waitFor();
    assert.equal(await page.getByRole('img', { name: /QR code to add Safer/ }).count(), 1);
    await session.expectAccessibleStates('set-up', { errors: true });
    const key = (await qa('setup-key').innerText()).replaceAll(/\s/g, '');
    const authenticator = new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: 'SHA1' });
    const codeIn = (seconds: number) => authenticator.generate({ timestamp: Date.now() + seconds * 1000 });

    await page.getByLabel('Code from your app').fill('000000');
    await qa('two-step-confirm').click();
    await errorSummary(page).waitFor();
    await session.expectAccessiblePage('set-up-wrong-code');
    await onPhone('set-up-wrong-code');
    await page.getByLabel('Code from your app').fill(codeIn(0));
    await qa('two-step-confirm').click();
    await page.getByRole('heading', { level: 2, name: 'Save your recovery codes' }).waitFor();
    const codes = (await qa('recovery-codes').locator('li').allInnerTexts()).map((code) => code.trim());
    assert.equal(codes.length, 10);
    await session.expectAccessiblePage('recovery-codes');
    await onPhone('recovery-codes');
    const download = page.waitForEvent('download');
    await qa('download-codes').click();
    assert.equal((await download).suggestedFilename(), 'safer-recovery-codes.txt');
    await qa('codes-saved').click();
    await page.getByRole('link', { name: 'Sign out' }).waitFor();
    await signIn.signOut();

    // The code used to set up is spent, so the next step's code (one step of drift is allowed) signs in at once.
    await signIn.signIn(accounts.member.email, accounts.member.password);
    await page.waitForURL(/\/sign-in\/two-step$/);
    await session.expectAccessibleStates('code');
    await page.getByLabel('Code').fill('123456');
    await qa('two-step-continue').click();
    await errorSummary(page).waitFor();
    await session.expectAccessiblePage('code-wrong');
    await onPhone('code-wrong');
    await page.getByLabel('Code').fill(codeIn(30));
    await qa('two-step-continue').click();
    await page.getByRole('link', { name: 'Sign out' }).waitFor();
    await signIn.signOut();

    await signIn.signIn(accounts.member.email, accounts.member.password);
    await page.getByLabel('Code').fill(codes[0] ?? '');
    await qa('two-step-continue').click();
    await page.getByRole('navigation').getByRole('link', { name: 'Your account' }).click();
    assert.match(await qa('two-step-summary').innerText(), /Recovery codes left\s+9 of 10/);
    assert.match(await page.locator('main').innerText(), /requires two-step sign-in, so it cannot be turned off/);
    await session.expectAccessiblePage('account-two-step');
  });
});

/**
 * A member who has forgotten their password asks for a link, which the app sends through a real SMTP server; they
 * follow it from the e-mail, choose a new password and sign in with it. Then they change it from their account page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserSession, browserTestOptions, errorSummary, inlineError, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { startSmtpServer, type TestSmtpServer, unfolded } from '../helpers/mail.ts';
import { expectNoSidewaysScroll } from '../helpers/phone.ts';

describe('passwords journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let smtp: TestSmtpServer;
  let page: Page;
  let signIn: SignInPage;
  const qa = (name: string) => page.locator(`[data-qa="${name}"]`);

  /** The page at phone width (375 px) too: axe, a screenshot, and nothing wider than the screen. */
  async function alsoOnAPhone(name: string) {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await session.expectAccessiblePage(`${name}-phone`);
      await expectNoSidewaysScroll(page, `${name}-phone`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  before(async () => {
    smtp = await startSmtpServer();
    session = await startBrowserSession('password', { config: { smtpUrl: `smtp://127.0.0.1:${smtp.port}` } });
    page = session.page;
    signIn = new SignInPage(page);
  });
  after(async () => {
    await session?.close();
    await smtp?.close();
  });

  it('sends a link by e-mail to choose a new password, which works once, and signs in with the new password', async () => {
    const { member } = session.accounts;
    await signIn.open();
    await session.expectAccessiblePage('sign-in');
    await qa('forgotten-password').click();
    await page.getByRole('heading', { level: 1, name: 'Forgotten your password?' }).waitFor();
    await session.expectAccessibleStates('forgotten-password', { errors: true });

    await page.getByLabel('Email address').fill(member.email);
    await qa('save').click();
    await qa('reset-link-sent').waitFor();
    await session.expectAccessiblePage('reset-link-sent');

    await session.container.notifications.runDueJobs();
    assert.deepEqual(
      smtp.received.map((message) => message.to),
      [[member.email]],
    );
    const message = unfolded(smtp.received[0]?.raw ?? '');
    assert.match(message, /Subject: Choose a new password for Safer/);
    const link = /https?:\/\/[^/\s]+(\/reset-password\/[\w-]+)/.exec(message)?.[1];
    assert.ok(link, 'the e-mail holds a link');

    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await session.expectAccessiblePage('choose-password');
    await alsoOnAPhone('choose-password');
    await page.getByLabel('New password').fill('Password1234');
    await qa('save').click();
    await errorSummary(page).waitFor();
    assert.match(await inlineError(page, 'password').innerText(), /most common in data breaches/);
    await session.expectAccessiblePage('choose-password-breached');

    await page.getByLabel('New password').fill('violet kettle harbour 42');
    await qa('save').click();
    await page.getByText('Your password has been changed. Sign in with your new password.').waitFor();
    await session.expectAccessiblePage('signed-out-after-reset');
    await signIn.signIn(member.email, 'violet kettle harbour 42');
    await qa('your-account').waitFor();

    await page.goto(link);
    await qa('reset-link-not-working').waitFor();
    await session.expectAccessiblePage('link-spent');
  });

  it('changes the password from the account page, with the current one', async () => {
    await qa('your-account').click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    assert.match(await qa('sign-in-history').innerText(), /Signed in/);
    await session.expectAccessiblePage('account');
    await alsoOnAPhone('account');

    await qa('change-password').click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await session.expectAccessibleStates('change-password', { errors: true });
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill('copper lantern meadow 7');
    await qa('save').click();
    assert.match(await inlineError(page, 'currentPassword').innerText(), /Your current password is not right/);
    await session.expectAccessiblePage('change-password-wrong');

    await page.getByLabel('Current password').fill('violet kettle harbour 42');
    await page.getByLabel('New password').fill('copper lantern meadow 7');
    await qa('save').click();
    await page.getByText('Your password has been changed.').waitFor();
    assert.match(await qa('sign-in-history').innerText(), /Failed/, 'the wrong current password is in the history');
    await session.expectAccessiblePage('password-changed');

    await signIn.signOut();
    await signIn.signIn(session.accounts.member.email, 'copper lantern meadow 7');
    await qa('your-account').waitFor();
  });
});

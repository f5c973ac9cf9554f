/**
 * Single sign-on in a real browser, through a real OpenID provider on 127.0.0.1: an administrator adds the provider
 * (a mistake on the form first) and gives its IT team the redirect URI; a member whose account exists signs in with
 * it and lands on My work; someone the provider vouches for who has no Safer account is refused in plain words.
 * Axe runs on Safer's pages only: the provider's development login page is not ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  inlineError,
  ownAddress,
  SignInPage,
  startBrowserSession,
  summaryOf,
} from '../helpers/browser.ts';
import { scheduleMeeting } from '../helpers/meetings.ts';
import { memberOfGroup } from '../helpers/myWork.ts';
import { startOpenIdProvider, type TestOpenIdProvider } from '../helpers/openIdProvider.ts';
import { expectNoSidewaysScroll } from '../helpers/phone.ts';

const member = { email: 'sam.patel@coventry.example', name: 'Sam Patel' };
const provider = 'Coventry City Council';

describe('single sign-on journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let oidc: TestOpenIdProvider;

  /** The provider's development pages load a web font from Google: answered here, so nothing leaves the machine. */
  const withoutWebFonts = (page: Page) =>
    page
      .context()
      .route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));

  /** At the provider's own login page: signs in as `login`, any password, and waits to be back at Safer. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.waitForURL((url) => url.origin === oidc.issuer);
    await page.getByPlaceholder('Enter any login').fill(login);
    await page.getByPlaceholder('and password').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.href.startsWith(session.baseUrl));
    await page.waitForLoadState('load');
  }

  /** The page at a phone's width too (375 px), no wider than the screen. */
  async function onPhone(name: string, page: Page = session.page): Promise<void> {
    await page.setViewportSize({ width: 375, height: 812 });
    try {
      await expectNoSidewaysScroll(page, name);
      await session.expectAccessiblePage(`${name}-phone`, page);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  before(async () => {
    oidc = await startOpenIdProvider();
    // The app knows its own address before it listens, so the provider can send the browser back to it.
    session = await startBrowserSession('single-sign-on', { config: await ownAddress() });
    const { container } = session;
    const coventry = session.partnerships.get('coventry') ?? '';
    const [board] = await container.governance.groups.list(coventry);
    await memberOfGroup(container, coventry, board?.id ?? '', member);
    await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2099-06-11', '10:00');
    await withoutWebFonts(session.page);
  });
  after(async () => {
    await session?.close();
    await oidc?.close();
  });

  it('is added by an administrator, who is told what is wrong on the form and given the redirect URI', async () => {
    const { page, accounts } = session;
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(accounts.admin.email, accounts.admin.password);
    await page.goto('/admin');
    await page.locator('main').getByRole('link', { name: 'Sign-in providers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign-in providers' }).waitFor();
    await session.expectAccessiblePage('providers');

    await page.locator('[data-qa="add-provider"]').click();
    await page.getByRole('heading', { level: 1, name: 'Add a sign-in provider' }).waitFor();
    await session.expectAccessibleStates('add-provider');
    await page.getByLabel('Name').fill(provider);
    await page.getByLabel('Issuer URL').fill(oidc.issuer.replace('127.0.0.1', 'login.coventry.example'));
    await page.getByLabel('Client ID').fill(oidc.clientId);
    await page.getByLabel('Client secret').fill(oidc.clientSecret);
    await page.getByLabel('Email domains').fill('coventry.example');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await errorSummary(page).waitFor();
    assert.match(await inlineError(page, 'issuer').innerText(), /https/);
    assert.equal(await page.getByLabel('Name').inputValue(), provider, 'what was typed is kept');
    await session.expectAccessiblePage('add-provider-http-issuer');
    await onPhone('add-provider-http-issuer');

    await page.getByLabel('Issuer URL').fill(oidc.issuer);
    await page.getByLabel('Client secret').fill(oidc.clientSecret);
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByText(`${provider} added. Its people can now sign in with it.`).waitFor();
    const details = await summaryOf(page.locator('[data-qa="provider"]'));
    assert.equal(details.get('Client secret'), 'Saved, encrypted. It is never shown.');
    assert.equal(details.get('Email domains'), 'coventry.example');
    const redirectUri = (await page.locator('[data-qa="redirect-uri"]').innerText()).trim();
    assert.match(redirectUri, new RegExp(`^${session.baseUrl}/sign-in/with/[\\w-]+/callback$`));
    await session.expectAccessiblePage('provider');
    await onPhone('provider');
    // What the council's IT team does with the address the page gives them.
    oidc.allowRedirectTo(redirectUri);
    await signIn.signOut();
  });

  it('signs in a member whose account exists through the provider, onto My work', async () => {
    const { page } = session;
    await page.goto('/sign-in');
    await session.expectAccessiblePage('sign-in-with-provider');
    await onPhone('sign-in-with-provider');
    await page.getByRole('button', { name: `Sign in with ${provider}` }).click();
    await signInAtProvider(page, member.email);

    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('[data-qa="my-meetings"]').innerText(), /Thursday 11 June 2099 at 10:00/);
    await session.expectAccessiblePage('my-work');
    await onPhone('my-work');
    await new SignInPage(page).signOut();
  });

  it('refuses someone the provider vouches for who has no Safer account, saying what to do', async () => {
    // A fresh browser, so the provider does not remember the member signed in a moment ago.
    const visitor = await session.visitorPage();
    await withoutWebFonts(visitor);
    await visitor.goto('/sign-in');
    await visitor.getByRole('button', { name: `Sign in with ${provider}` }).click();
    await signInAtProvider(visitor, 'new.starter@coventry.example');

    await visitor.getByRole('heading', { level: 1, name: `We could not sign you in with ${provider}` }).waitFor();
    assert.equal(
      (await visitor.locator('[data-qa="refusal"]').innerText()).trim(),
      'There is no Safer account for new.starter@coventry.example. Ask your partnership officer to add you.',
    );
    await session.expectAccessiblePage('refused-no-account', visitor);
    await onPhone('refused-no-account', visitor);
    await visitor.getByRole('link', { name: 'Go back to sign in' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });
});

/**
 * An account is a person, in a real browser: a Coventry officer links a board member's record to the member's
 * account by its e-mail address (after one wrong address), sees the account on the person's page, and the member,
 * signed in, now reaches the partnership and the board's Part II business.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { addAgendaItem, scheduleMeeting } from '../helpers/meetings.ts';
import { addMember, addPerson } from '../helpers/people.ts';
import { type BrowserSession, browserTestOptions, errorSummary, inlineError, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { expectNoSidewaysScroll } from '../helpers/phone.ts';

const qa = (page: Page, name: string) => page.locator(`[data-qa="${name}"]`);
const nadia = { name: 'Nadia Newcomer', email: 'nadia.newcomer@coventry.example', password: 'a long newcomer password' };
const partTwoItem = 'Case review of a named family';

describe('linking a person to an account in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry: string;
  let meetingPage: string;

  before(async () => {
    session = await startBrowserSession('account-links');
    const { governance, accounts, meetings, agenda } = session.container;
    coventry = session.partnerships.get('coventry') ?? '';
    const [board] = await governance.groups.list(coventry);
    const [organisation] = await governance.organisations.list(coventry);
    assert.ok(board && organisation);
    // Nadia's account holds no role anywhere: what she sees of Coventry comes from being its board member.
    await accounts.createUser(systemPrincipal, { ...nadia, isAdmin: false });
    const personId = await addPerson(governance, coventry, { name: nadia.name, email: null, organisationId: organisation.id });
    await addMember(governance, coventry, { groupId: board.id, personId, organisationId: organisation.id, role: 'member' });
    const meetingId = await scheduleMeeting(meetings, coventry, board.id, '2026-07-16');
    await addAgendaItem(agenda, coventry, meetingId, partTwoItem, { confidential: true });
    meetingPage = `/partnerships/${coventry}/meetings/${meetingId}`;
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  it('links the account by its address, shows it on the person’s page, and the account is then a member', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}/people`);
    await page.getByRole('link', { name: nadia.name }).click();
    await page.getByText('Not linked to an account.').waitFor();
    await session.expectAccessiblePage('person-not-linked');

    await page.getByRole('link', { name: 'Link to an account' }).click();
    await page.getByLabel('Email address of their account').fill('nadia@coventry.example');
    await qa(page, 'save').click();
    await errorSummary(page).waitFor();
    assert.match(await inlineError(page, 'email').innerText(), /There is no account with this email address that you can link/);
    assert.equal(await page.getByLabel('Email address of their account').inputValue(), 'nadia@coventry.example');
    await session.expectAccessiblePage('link-error');

    await page.getByLabel('Email address of their account').fill(nadia.email);
    await qa(page, 'save').click();
    await page.getByText('Account linked').waitFor();
    assert.match(await page.locator('table', { hasText: 'Email address' }).innerText(), new RegExp(`${nadia.name}\\s+${nadia.email}`));
    await session.expectAccessiblePage('person-linked');
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await session.expectAccessiblePage('person-linked-phone');
      await expectNoSidewaysScroll(page, 'person-linked-phone');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.getByRole('link', { name: 'Unlink from this account' }).click();
    await session.expectAccessiblePage('unlink-confirm');

    // Nadia, signed in on her own browser, reaches the partnership and her board's Part II item.
    const context = await session.browser.newContext({ baseURL: session.baseUrl, viewport: { width: 1280, height: 900 } });
    try {
      const member = await context.newPage();
      const signIn = new SignInPage(member);
      await signIn.open();
      await signIn.signIn(nadia.email, nadia.password);
      const overview = await member.goto(`/partnerships/${coventry}`);
      assert.equal(overview?.status(), 200);
      await member.goto(meetingPage);
      await member.getByText(partTwoItem).first().waitFor();
    } finally {
      await context.close();
    }
  });
});

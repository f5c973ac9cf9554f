/**
 * E-mail notices in a real browser, with the mail going through a real SMTP server: a board member turns off the
 * minutes e-mails on their own page, reached from their account; an agenda e-mail then reaches them and its
 * unsubscribe link, opened in a browser that is not signed in, stops those e-mails too, as their page then shows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { type BrowserSession, browserTestOptions, ownAddress, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { startSmtpServer, type TestSmtpServer, unfolded } from '../helpers/mail.ts';
import { addMember, addPerson } from '../helpers/people.ts';
import { expectNoSidewaysScroll } from '../helpers/phone.ts';

const member = { name: 'Nia Evans', email: 'nia.evans@coventry.example', password: 'a long board member password' };

describe('e-mail notices journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let smtp: TestSmtpServer;
  let page: Page;
  let coventry: string;
  let board: { id: string; name: string };
  const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
  /** The board's boxes on the member's page of choices. */
  const boardBox = (label: string): Locator => page.getByRole('group', { name: board.name }).getByLabel(label);

  /** The page at a phone's width too (375 px), no wider than the screen. */
  async function onPhone(name: string, on: Page = page): Promise<void> {
    await on.setViewportSize({ width: 375, height: 812 });
    try {
      await expectNoSidewaysScroll(on, name);
      await session.expectAccessiblePage(`${name}-phone`, on);
    } finally {
      await on.setViewportSize({ width: 1280, height: 900 });
    }
  }

  before(async () => {
    smtp = await startSmtpServer();
    // Its own address, so that the links in its e-mails lead back to it.
    session = await startBrowserSession('notices', { config: { ...(await ownAddress()), smtpUrl: `smtp://127.0.0.1:${smtp.port}` } });
    page = session.page;
    const { container } = session;
    coventry = session.partnerships.get('coventry') ?? '';
    const [group] = await container.governance.groups.list(coventry);
    board = { id: group?.id ?? '', name: group?.name ?? '' };
    // A board member whose account is their person record: the member role comes from the seat.
    const organisationId = (await container.governance.organisations.list(coventry))[0]?.id ?? '';
    const userId = await container.accounts.createUser(systemPrincipal, { ...member, isAdmin: false });
    const personId = await addPerson(container.governance, coventry, { name: member.name, email: member.email, organisationId });
    await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
    await addMember(container.governance, coventry, { groupId: board.id, personId, organisationId, role: 'member' });
  });
  after(async () => {
    await session?.close();
    await smtp?.close();
  });

  it('lets a member turn off the minutes e-mails of their board, from their account', async () => {
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(member.email, member.password);
    await qa('your-account').click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await session.expectAccessiblePage('account');
    await qa('account-notices').click();
    await page.getByRole('heading', { level: 1, name: 'Your e-mail notices' }).waitFor();
    for (const label of ['Agenda and papers published or withdrawn', 'Minutes circulated for comment']) {
      assert.ok(await boardBox(label).isChecked(), `${label}: on until the member says otherwise`);
    }
    await page.locator('.govuk-breadcrumbs').getByRole('link', { name: 'Your account' }).waitFor();
    await session.expectAccessibleStates('notices');
    await onPhone('notices');

    await boardBox('Minutes circulated for comment').uncheck();
    await qa('save').click();
    await page.getByText('Your choices are saved.').waitFor();
    assert.equal(await boardBox('Minutes circulated for comment').isChecked(), false);
    assert.ok(await boardBox('Agenda and papers published or withdrawn').isChecked());
    assert.ok(await page.getByLabel('Reminders of actions you own').isChecked());
    await session.expectAccessiblePage('notices-saved');
  });

  it('sends them an agenda e-mail, not the minutes one, whose link stops agenda e-mails without signing in', async () => {
    const { notifications } = session.container;
    await notifications.notifyGroupMembers(coventry, board.id, 'minutes', 'Draft minutes circulated', 'Comment by Friday.');
    await notifications.notifyGroupMembers(
      coventry,
      board.id,
      'publication',
      'Agenda and papers published',
      'Read them before the meeting.',
    );
    await notifications.runDueJobs();
    const toMember = smtp.received.filter((message) => message.to.includes(member.email)).map((message) => unfolded(message.raw));
    assert.equal(toMember.length, 1, 'the minutes e-mail, turned off, is not sent');
    assert.match(toMember[0] ?? '', /^Subject: Agenda and papers published$/m);
    const link = new RegExp(`${session.baseUrl}/unsubscribe/[\\w-]+\\.[\\w-]+`).exec(toMember[0] ?? '')?.[0];
    assert.ok(link, 'the e-mail has its unsubscribe link, to this Safer');

    // Opened from the mail program, in a browser that is not signed in to Safer.
    const visitor = await session.visitorPage();
    await visitor.goto(link);
    await visitor.getByRole('heading', { level: 1, name: 'Stop these e-mails' }).waitFor();
    assert.match(
      await visitor.locator('main').innerText(),
      new RegExp(
        `Safer will stop sending ${member.name} e-mails when an agenda and papers of the ${board.name} are published or withdrawn\\.`,
      ),
    );
    await session.expectAccessiblePage('unsubscribe', visitor);
    await onPhone('unsubscribe', visitor);
    await visitor.locator('[data-qa="unsubscribe"]').click();
    await visitor.locator('[data-qa="stopped"]').getByText('You will not get these e-mails').waitFor();
    assert.match(
      await visitor.locator('[data-qa="stops"]').innerText(),
      new RegExp(`^Safer will not send ${member.name} e-mails when an agenda`),
    );
    await session.expectAccessiblePage('unsubscribed', visitor);
    await onPhone('unsubscribed', visitor);
    assert.deepEqual(await visitor.context().cookies(), [], 'the link signs no one in and makes no session');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your e-mail notices' }).waitFor();
    assert.equal(await boardBox('Agenda and papers published or withdrawn').isChecked(), false, 'turned off by the link');
    assert.equal(await boardBox('Minutes circulated for comment').isChecked(), false);
    assert.ok(await page.getByLabel('Reminders of actions you own').isChecked(), 'the rest still come');
    await session.expectAccessiblePage('notices-after-unsubscribe');
  });
});

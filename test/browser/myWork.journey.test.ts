/**
 * My work in a real browser: a member signs in with a password and lands on their work, sees their next meeting and
 * an action, updates the action from there and declares an interest; an officer sees the outstanding work.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserSession, browserTestOptions, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { scheduleMeeting } from '../helpers/meetings.ts';
import { giveAction, memberOfGroup, memberPassword } from '../helpers/myWork.ts';

const member = { email: 'ann.smith@coventry.example', name: 'Ann Smith' };

describe('My work journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;

  before(async () => {
    session = await startBrowserSession('my-work');
    const { container } = session;
    const coventry = session.partnerships.get('coventry') ?? '';
    const [board] = await container.governance.groups.list(coventry);
    const boardId = board?.id ?? '';
    const { personId } = await memberOfGroup(container, coventry, boardId, member);
    await scheduleMeeting(container.meetings, coventry, boardId, '2099-06-11', '10:00');
    await giveAction(container, coventry, boardId, {
      description: 'Map the night-time economy hotspots',
      owner: member.name,
      dueDate: '2020-01-31',
      personId,
    });
  });
  after(() => session?.close());

  it('lands a member on their work, where they update their action and go on to declare an interest', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(member.email, memberPassword);
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    assert.match(await qa('my-meetings').innerText(), /Thursday 11 June 2099 at 10:00[\s\S]*Council House[\s\S]*Agenda not yet published/);
    assert.match(await qa('my-actions').innerText(), /Map the night-time economy hotspots[\s\S]*Overdue/);
    await session.expectAccessibleStates('my-work');

    await page.getByText('Update this action').click();
    await page.getByLabel('Status').selectOption({ label: 'In progress' });
    await page.getByLabel('Update', { exact: true }).fill('Walked the city centre with the police licensing team');
    await page.getByRole('button', { name: 'Add update' }).click();
    await page.getByText('Update added').waitFor();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    assert.match(await qa('my-actions').innerText(), /In progress/);

    await qa('declare-interest').click();
    await page.getByRole('heading', { level: 1, name: 'Declare an interest' }).waitFor();
    await session.expectAccessibleStates('declare-interest', { errors: true });
    await page.getByLabel('Membership of another body').check();
    await page.getByLabel('Interest', { exact: true }).fill('Trustee of Coventry Haven');
    await page.getByRole('button', { name: 'Declare interest' }).click();
    await page.getByText('Interest declared').waitFor();
    await page.getByRole('heading', { name: 'Trustee of Coventry Haven' }).waitFor();
    assert.match(await qa('my-interest').innerText(), /Last reviewed/);
    await session.expectAccessiblePage('my-interests');

    await page.goto('/');
    assert.match(await qa('my-interests').innerText(), /Trustee of Coventry Haven/);
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('my-work-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn.signOut();
  });

  it("shows an officer the partnership's outstanding work", async () => {
    const { page } = session;
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    assert.match(await page.locator('[data-qa="officer-outstanding"]').innerText(), /Actions overdue\s+1 action/);
    await session.expectAccessiblePage('officer-work');
  });
});

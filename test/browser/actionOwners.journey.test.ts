/**
 * Action owners in a real browser: an officer records an action owned by one of the partnership's people through
 * the radios and their revealed select, then resolves an owner left in words on the "Owners to resolve" page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { type BrowserSession, browserTestOptions, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { addAgendaItem, scheduleMeeting } from '../helpers/meetings.ts';

describe('action owners journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry: string;
  let minutesPath: string;
  let person: { name: string; organisationName: string };

  before(async () => {
    session = await startSession();
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  /** Set-up, not the journey: a held board meeting with an item, and an action owned in words. */
  async function startSession(): Promise<BrowserSession> {
    const started = await startBrowserSession('action-owners');
    const { governance, meetings, agenda, minutes } = started.container;
    coventry = started.partnerships.get('coventry') ?? '';
    const [board] = await governance.groups.list(coventry);
    const [someone] = (await governance.people.list(coventry)).filter((p) => p.organisationName !== null);
    assert.ok(board && someone?.organisationName);
    person = { name: someone.name, organisationName: someone.organisationName };
    const meetingId = await scheduleMeeting(meetings, coventry, board.id, '2016-07-21');
    const itemId = await addAgendaItem(agenda, coventry, meetingId, 'Designated Public Places Order');
    await minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
      description: 'Map the order’s area',
      owner: { kind: 'other', name: `  ${someone.name.toUpperCase()} (acting)` },
      dueDate: null,
    });
    minutesPath = `/partnerships/${coventry}/meetings/${meetingId}/items/${itemId}/minutes`;
    return started;
  }

  it('records an action owned by a person chosen by the radios, and resolves an owner left in words', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    await page.goto(minutesPath);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Each revealed state of the owner's radios (and the page's other radios) is scanned by axe.
    await session.expectAccessibleStates('item-minutes-owner');

    await page.getByLabel('Action', { exact: true }).fill('Consult residents on the order');
    await page.getByRole('radio', { name: 'A person' }).check();
    const select = page.getByLabel('Person', { exact: true });
    assert.ok(await select.isVisible(), 'choosing "A person" reveals the people');
    assert.equal(await select.locator(`optgroup[label="${person.organisationName}"] option`, { hasText: person.name }).count(), 1);
    await select.selectOption({ label: person.name });
    await session.expectAccessiblePage('item-minutes-person-chosen');
    await qa('save-action').click();
    await page.getByText(`Action recorded for ${person.name}`).waitFor();
    assert.match(await qa('actions').innerText(), new RegExp(`Action: ${person.name}`));
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('item-minutes-action-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`/partnerships/${coventry}/actions`);
    await qa('owners-to-resolve-link').click();
    await page.getByRole('heading', { level: 1, name: 'Owners to resolve' }).waitFor();
    await session.expectAccessiblePage('owners-to-resolve');
    await qa('owners-to-resolve')
      .getByRole('link', { name: /\(acting\)/ })
      .click();
    await session.expectAccessibleStates('owner-choose', { errors: true });
    await page.getByRole('radio', { name: 'A person' }).check();
    await page.getByLabel('Person', { exact: true }).selectOption({ label: person.name });
    await qa('save').click();
    await page.getByText(/Owner chosen for 1 action of “.*\(acting\)”/).waitFor();
    assert.equal(await page.getByRole('link', { name: /\(acting\)/ }).count(), 0);
    await session.expectAccessiblePage('owners-resolved');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('owners-resolved-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

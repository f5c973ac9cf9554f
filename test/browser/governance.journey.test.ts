/**
 * The governance module's main path in a real browser: a Coventry partnership officer sets up a new
 * sub-group of the board with its terms of reference and members, checks quorum and downloads the
 * membership list; then the administrator finds the change in the audit log. Before signing in, a visitor
 * finds a published meeting from the public home and its search; signed in, the officer searches the partnership
 * from the header of its overview.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { systemPrincipal } from '../../src/platform/principal.ts';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  fillDate,
  inlineError,
  SignInPage,
  startBrowserSession,
  tableRows,
} from '../helpers/browser.ts';
import { expectNoSidewaysScroll } from '../helpers/phone.ts';

const boardName = 'Coventry Police, Crime and Community Safety Partnership Board';
const newGroup = 'Coventry Night-Time Economy Group';
const qa = (page: Page, name: string) => page.locator(`[data-qa="${name}"]`);

/** The members the officer adds: three voting members and one non-voting adviser. */
const newMembers = [
  {
    person: 'Danny Long (West Midlands Police)',
    name: 'Danny Long',
    representing: 'West Midlands Police',
    authority: true,
    role: 'Chair',
    voting: 'Yes',
  },
  {
    person: 'Gurdeep Hanspaul (Victim Support)',
    name: 'Gurdeep Hanspaul',
    representing: 'Victim Support',
    authority: false,
    role: 'Member',
    voting: 'Yes',
  },
  {
    person: 'Steve Mills (Federation of Small Businesses)',
    name: 'Steve Mills',
    representing: 'Federation of Small Businesses',
    authority: false,
    role: 'Member',
    voting: 'Yes',
  },
  {
    person: 'Geoff Thomas (Coventry City Council)',
    name: 'Geoff Thomas',
    representing: 'Coventry City Council',
    authority: true,
    role: 'Adviser',
    voting: 'No',
  },
];
/** Member lists and the CSV are in name order. */
const byName = <T extends { name: string }>(list: readonly T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

describe('governance journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let page: Page;
  let signIn: SignInPage;
  let coventryId: string;
  let newGroupUrl = '';
  /**
   * A full-page screenshot at phone width (375 px) too, axe checked, the page no wider than the screen, then back
   * to the desktop width.
   */
  async function alsoOnAPhone(name: string) {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await session.expectAccessiblePage(`${name}-phone`);
      await expectNoSidewaysScroll(page, `${name}-phone`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  /** Each step builds on the one before: after a failure the rest are skipped rather than failing for the same reason. */
  let broken = false;

  const step = (name: string, body: () => Promise<void>) =>
    it(name, async (t) => {
      if (broken) return t.skip('an earlier step failed');
      try {
        await body();
      } catch (error) {
        broken = true;
        throw error;
      }
    });

  before(async () => {
    session = await startBrowserSession('journey');
    page = session.page;
    signIn = new SignInPage(page);
    coventryId = session.partnerships.get('coventry') ?? '';
  });
  after(async () => {
    await session?.close();
  });

  step('a visitor finds a published meeting from the public home, by its search', async () => {
    const { meetings, agenda, papers, governance } = session.container;
    const [board] = await governance.groups.list(coventryId);
    const meetingId = await meetings.schedule(systemPrincipal, coventryId, {
      groupId: board?.id ?? '',
      kind: 'ordinary',
      meetingDate: '2031-03-13',
      startTime: '10:00',
      location: 'Council House',
    });
    const item = { section: 'decision' as const, presenter: null, purpose: null };
    await agenda.addItem(systemPrincipal, coventryId, meetingId, {
      ...item,
      title: 'Knife crime in the city centre',
      confidential: false,
      confidentialReason: null,
    });
    await agenda.addItem(systemPrincipal, coventryId, meetingId, {
      ...item,
      title: 'Knife crime case review of a named family',
      confidential: true,
      confidentialReason: 'Information about individuals',
    });
    await papers.publish(systemPrincipal, coventryId, meetingId);

    await page.goto('/');
    await page.waitForURL(`${session.baseUrl}/public`);
    await page.getByRole('heading', { level: 1, name: 'Community Safety Partnerships' }).waitFor();
    assert.match(await qa(page, 'public-next-meetings').first().innerText(), /Thursday 13 March 2031 at 10:00/);
    await session.expectAccessiblePage('start');
    await alsoOnAPhone('start');

    await page.getByLabel('Search published meetings, minutes and reports').fill('knife');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search results for ‘knife’' }).waitFor();
    const found = await qa(page, 'found-item').innerText();
    assert.match(found, /Knife crime in the city centre/);
    assert.doesNotMatch(await page.locator('main').innerText(), /named family/, 'never a Part II item');
    await session.expectAccessiblePage('public-search');
    await alsoOnAPhone('public-search');

    // A pasted run of 3,000 letters with no space wraps on a phone rather than widening the page.
    const pasted = 'knife'.repeat(600);
    await page.goto(`/public/search?q=${pasted}`);
    assert.match(await page.locator('h1').innerText(), /^Search results for ‘(knife){20,}/);
    await alsoOnAPhone('public-search-long');
    await page.goBack();

    await page.getByRole('link', { name: 'Knife crime in the city centre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thursday 13 March 2031 at 10:00' }).waitFor();
    assert.equal((await page.getByRole('link', { name: 'Community Safety Partnerships' }).count()) > 0, true, 'back to the public home');
    await session.expectAccessiblePage('public-meeting');
  });

  step('the sign-in page refuses a wrong password, then signs the officer in', async () => {
    await signIn.open();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor());
    await session.expectAccessiblePage('sign-in');

    await signIn.signIn(session.accounts.officer.email, 'not the password at all');
    await errorSummary(page).waitFor();
    assert.match(await errorSummary(page).innerText(), /Enter a correct email address and password/);
    assert.match(await inlineError(page, 'email').innerText(), /Enter a correct email address and password/);
    assert.equal(await page.getByLabel('Email address').inputValue(), session.accounts.officer.email, 'the email address is kept');
    assert.match(await page.title(), /^Error: /);
    await session.expectAccessiblePage('sign-in-wrong-password');

    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
    await page.waitForURL(`${session.baseUrl}/`);
  });

  step('the home page lists Coventry and nothing else', async () => {
    // An officer's home is My work: the partnership's outstanding work, then their partnerships.
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    const rows = await tableRows(qa(page, 'partnership-list'));
    assert.deepEqual(rows, [['Coventry Community Safety Partnership', 'West Midlands', 'Coventry City Council']]);
    assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0, 'an officer has no administration link');
    await session.expectAccessiblePage('home');
    await alsoOnAPhone('home');
  });

  step('the Coventry page is its overview, and its header searches the partnership', async () => {
    await page.getByRole('link', { name: 'Coventry Community Safety Partnership' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coventry Community Safety Partnership' }).waitFor();
    assert.match(await qa(page, 'overview-meetings').innerText(), /Thursday 13 March 2031 at 10:00[\s\S]*Agenda published/);
    assert.match(await qa(page, 'overview-reference').innerText(), /Structure[\s\S]*Register of interests/);
    await session.expectAccessiblePage('partnership');
    await alsoOnAPhone('partnership');

    const search = page.getByRole('search', { name: 'Partnership search' });
    await search.getByLabel('Search Coventry').fill('knife');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search results for ‘knife’' }).waitFor();
    // An officer reads Part II: both items, each linking to its meeting.
    assert.match(
      await qa(page, 'found-item').innerText(),
      /Knife crime in the city centre[\s\S]*named family|named family[\s\S]*city centre/,
    );
    await session.expectAccessiblePage('partnership-search');
    await alsoOnAPhone('partnership-search');
    await page.getByRole('link', { name: 'Coventry', exact: true }).click();
  });

  step('the Coventry structure shows the groups as a diagram and a table', async () => {
    await page.getByRole('link', { name: 'Structure', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Structure' }).waitFor();
    const diagram = qa(page, 'structure-diagram');
    assert.equal(await diagram.locator('svg[role="group"]').count(), 1);
    assert.equal(await diagram.locator('rect').count(), 5, 'the board and its four sub-groups');
    const rows = await tableRows(qa(page, 'structure-table'));
    assert.equal(rows.length, 5);
    assert.equal(rows[0]?.[0], boardName);
    assert.equal(rows[0]?.[3], '–', 'the board reports to nobody');
    for (const row of rows.slice(1)) assert.match(row[3] ?? '', new RegExp(`^${boardName}`), `${row[0]} reports to the board`);
    await session.expectAccessiblePage('structure');
    await page.getByRole('link', { name: 'Coventry', exact: true }).click();
  });

  step('the groups list shows the board and its sub-groups', async () => {
    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Groups' }).waitFor();
    const names = (await tableRows(qa(page, 'record-list'))).map((row) => row[0]);
    assert.equal(names.length, 5);
    assert.ok(names.includes(boardName));
    assert.ok(names.includes('Coventry Prevent Group'));
    await session.expectAccessiblePage('groups');
  });

  step('a new group submitted empty shows the error summary and the inline error', async () => {
    await qa(page, 'add-record').click();
    await page.getByRole('heading', { level: 1, name: 'Add a group' }).waitFor();
    await session.expectAccessiblePage('group-new');
    await qa(page, 'save').click();
    await errorSummary(page).waitFor();
    assert.match(await errorSummary(page).innerText(), /There is a problem\s+Enter the group name/);
    assert.match(await inlineError(page, 'name').innerText(), /Enter the group name/);
    assert.match(await page.title(), /^Error: Add a group/);
    await session.expectAccessiblePage('group-new-error');
    // The summary's link takes the user to the field.
    await errorSummary(page).getByRole('link', { name: 'Enter the group name' }).click();
    assert.equal(await page.locator('#name:focus').count(), 1, 'the group name field has the focus');
  });

  step('the officer adds a sub-group that reports to the board', async () => {
    await page.getByLabel('Group name').fill(newGroup);
    await page.getByLabel('Reports to').selectOption({ label: boardName });
    await qa(page, 'save').click();
    await page.getByRole('heading', { level: 1, name: newGroup }).waitFor();
    newGroupUrl = page.url();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Group added/);
    assert.match(await page.locator('.govuk-caption-l').innerText(), new RegExp(`Sub-group of ${boardName}`));
    assert.match(await page.locator('main').innerText(), /No quorum rule yet/);
    await session.expectAccessiblePage('group-created');
  });

  step('the officer adds its terms of reference with a quorum of a number of voting members', async () => {
    await qa(page, 'terms-button').click();
    await page.getByRole('heading', { level: 1, name: 'Add terms of reference' }).waitFor();
    await session.expectAccessiblePage('terms-form');

    await page
      .getByLabel('Purpose')
      .fill('To keep the city centre safe at night, working with licensed premises and the night-time economy.');
    await page.getByLabel('Functions').fill('Review violence in the night-time economy\nAgree actions with licensed premises');
    await page.getByLabel('Key outcomes').fill('Fewer assaults in the city centre at night');
    await page.getByLabel('How often the group meets').selectOption({ label: 'Every six weeks' });
    await page.getByLabel('Who chairs the group').fill('Chief Inspector, Coventry Local Policing');
    await page.getByLabel('Notice for papers, in days (optional)').fill('5');
    await page.getByRole('radio', { name: 'Working days' }).check();
    await page.getByLabel('Membership', { exact: true }).fill('West Midlands Police\nVictim Support\nFederation of Small Businesses');
    await page.getByRole('radio', { name: 'A number of voting members' }).check();
    // The minimum appears only once that rule is picked.
    const minimum = page.getByLabel('Voting members needed');
    await minimum.waitFor({ state: 'visible' });
    await minimum.fill('2');
    await fillDate(page, 'These terms apply from', { day: '1', month: '5', year: '2025' });
    await session.expectAccessiblePage('terms-form-filled');
    await qa(page, 'save').click();

    await page.getByRole('heading', { level: 1, name: newGroup }).waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Terms of reference saved as version 1/);
    assert.match(await qa(page, 'quorum-rule').innerText(), /At least 2 voting members present\./);
    const terms = await qa(page, 'terms-summary').innerText();
    assert.match(terms, /Meets\s+Every six weeks/);
    assert.match(terms, /Chaired by\s+Chief Inspector, Coventry Local Policing/);
    assert.match(terms, /Papers sent out\s+5 working days before the meeting/);
    assert.match(terms, /Applies from\s+1 May 2025/);
    assert.match(terms, new RegExp(`Reports to\\s+${boardName}`));
    await session.expectAccessiblePage('group-with-terms');
  });

  step('the officer adds four Coventry people as members', async () => {
    for (const [index, member] of newMembers.entries()) {
      await qa(page, 'add-member').click();
      await page.getByRole('heading', { level: 1, name: 'Add a membership' }).waitFor();
      assert.equal(
        await page.getByLabel('Group', { exact: true }).inputValue(),
        newGroupUrl.split('/').pop(),
        'the group comes from the page',
      );
      await page.getByLabel('Person', { exact: true }).selectOption({ label: member.person });
      await page.getByLabel('Representing').selectOption({ label: member.representing });
      await page.getByRole('group', { name: 'Role' }).getByRole('radio', { name: member.role, exact: true }).check();
      await page.getByRole('group', { name: 'Voting member?' }).getByRole('radio', { name: member.voting, exact: true }).check();
      await fillDate(page, 'Start date', { day: '1', month: '5', year: '2025' });
      if (index === 0) await session.expectAccessiblePage('membership-form');
      await qa(page, 'save').click();
      // The form was opened from the group's page, so saving goes back there.
      await page.getByRole('heading', { level: 1, name: newGroup }).waitFor();
      assert.equal(page.url(), newGroupUrl);
      assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /Membership added/);
      if (index === 0) await session.expectAccessiblePage('membership-added');
    }
    const rows = await tableRows(qa(page, 'member-list'));
    assert.deepEqual(
      rows.map((row) => row.slice(0, 4)),
      byName(newMembers).map((m) => [
        m.name,
        m.authority ? `${m.representing} (Responsible Authority)` : m.representing,
        m.role,
        `${m.voting === 'Yes' ? 'Voting' : 'Non-voting'}, core`,
      ]),
    );
    assert.match(await qa(page, 'quorum-rule').innerText(), /At least 2 voting members present\./);
    assert.doesNotMatch(await qa(page, 'quorum-rule').innerText(), /cannot meet this rule/);
    await session.expectAccessiblePage('group-with-members');
  });

  step('the quorum check counts voting members only', async () => {
    await qa(page, 'check-quorum').click();
    await page.getByRole('heading', { level: 1, name: `Check quorum: ${newGroup}` }).waitFor();
    assert.match(await page.locator('main').innerText(), /The rule: At least 2 voting members present\./);
    await session.expectAccessiblePage('quorum-check');

    const present = page.getByRole('group', { name: 'Who is present?' });
    const tick = async (names: string[]) => {
      for (const member of newMembers) {
        const box = present.getByRole('checkbox', { name: new RegExp(`^${member.name} – `) });
        await box.setChecked(names.includes(member.name));
      }
      await qa(page, 'check').click();
      await qa(page, 'quorum-result').waitFor();
      return qa(page, 'quorum-result').innerText();
    };

    // One voting member and a non-voting adviser: not enough.
    const notQuorate = await tick(['Danny Long', 'Geoff Thomas']);
    assert.match(notQuorate, /^Not quorate/);
    assert.match(notQuorate, /1 voting member is present; at least 2 are needed/);
    assert.ok(await present.getByRole('checkbox', { name: /^Geoff Thomas – / }).isChecked(), 'the ticks are kept');
    await session.expectAccessiblePage('quorum-not-quorate');

    const quorate = await tick(['Danny Long', 'Gurdeep Hanspaul']);
    assert.match(quorate, /^Quorate/);
    assert.doesNotMatch(quorate, /Not quorate/);
    await session.expectAccessiblePage('quorum-quorate');
  });

  step('the membership list downloads as CSV', async () => {
    await page.goto(newGroupUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), qa(page, 'download-csv').click()]);
    assert.equal(download.suggestedFilename(), 'coventry-night-time-economy-group-members.csv');
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    assert.equal(header, 'Name,Representing,Role,Voting,Core or link,Responsible Authority,Named substitute,Start date,End date');
    assert.deepEqual(
      lines.map((line) => line.split(',').slice(0, 4)),
      byName(newMembers).map((m) => [m.name, m.representing, m.role, m.voting === 'Yes' ? 'Voting' : 'Non-voting']),
    );
    assert.deepEqual(
      lines.map((line) => line.split(',').slice(4)),
      byName(newMembers).map((m) => ['Core', m.authority ? 'Yes' : 'No', '', '1 May 2025', '']),
    );
  });

  step("the board's page states its quorum rule", async () => {
    await page.goto(`/partnerships/${coventryId}/groups`);
    await page.getByRole('link', { name: boardName }).click();
    await page.getByRole('heading', { level: 1, name: boardName }).waitFor();
    assert.equal(
      (await qa(page, 'quorum-rule').locator('p').first().innerText()).trim(),
      'Every Responsible Authority on the group present, and at least 6 community or voluntary representatives.',
    );
    assert.match(await page.locator('main').innerText(), new RegExp(newGroup), 'the new group is listed among its sub-groups');
    await session.expectAccessiblePage('board');
  });

  step('the new group appears in the structure', async () => {
    await page.getByRole('link', { name: 'Coventry', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Coventry Community Safety Partnership' }).waitFor();
    await page.getByRole('link', { name: 'Structure', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Structure' }).waitFor();
    assert.equal(await qa(page, 'structure-diagram').locator('rect').count(), 6);
    await assert.doesNotReject(qa(page, 'structure-diagram').getByRole('link', { name: newGroup }).waitFor());
    const row = (await tableRows(qa(page, 'structure-table'))).find((cells) => cells[0]?.endsWith(newGroup));
    assert.deepEqual(row?.slice(1), ['Danny Long', 'Every six weeks', boardName]);
    await session.expectAccessiblePage('partnership-with-new-group');
  });

  step('the officer signs out', async () => {
    // Without JavaScript the header's link opens a page with the sign-out button; with it, one click signs out.
    await page.goto('/sign-out');
    await page.getByRole('heading', { level: 1, name: 'Sign out' }).waitFor();
    await session.expectAccessiblePage('sign-out');
    await page.goto('/account');
    const signedIn = (await page.context().cookies()).filter((cookie) => cookie.name === 'safer_session');
    await signIn.signOut();
    // The cookie of the session just ended, as a browser left open on another computer still holds it.
    await page.context().addCookies(signedIn);
    await page.goto('/account');
    await page.waitForURL(/\/sign-in\?returnTo=%2Faccount&ended=yes$/);
    await qa(page, 'session-ended').getByText('Your session has ended, so you were signed out. Sign in again to carry on.').waitFor();
    await session.expectAccessiblePage('sign-in-session-ended');
    await page.goto('/sign-in');
  });

  step('the administrator sees administration, accounts, the audit log and areas', async () => {
    await signIn.signIn(session.accounts.admin.email, session.accounts.admin.password);
    await page.getByRole('heading', { level: 1, name: 'Your partnerships' }).waitFor();
    assert.equal(
      (await tableRows(qa(page, 'partnership-list'))).length,
      session.partnerships.size,
      'an administrator sees every partnership',
    );
    await session.expectAccessiblePage('admin-home');

    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await session.expectAccessiblePage('administration');

    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const accounts = (await tableRows(page.getByRole('table'))).map((row) => row.slice(0, 3));
    assert.deepEqual(accounts.sort(), [
      [session.accounts.admin.name, session.accounts.admin.email, 'Yes'],
      [session.accounts.analyst.name, session.accounts.analyst.email, 'No'],
      [session.accounts.member.name, session.accounts.member.email, 'No'],
      [session.accounts.officer.name, session.accounts.officer.email, 'No'],
    ]);
    await session.expectAccessiblePage('accounts');

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await session.expectAccessiblePage('audit-log');
    await page.getByLabel('Record').selectOption('group');
    await qa(page, 'audit-filter').getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/entityType=group/);
    const entries = await tableRows(qa(page, 'audit-table'));
    assert.ok(entries.length > 0);
    assert.ok(
      entries.every((row) => /group/i.test(row[3] ?? '')),
      'only group entries are listed',
    );
    const created = entries.find((row) => (row[3] ?? '').includes(newGroup));
    assert.ok(created, `the creation of ${newGroup} is in the log`);
    assert.equal(created[1], session.accounts.officer.name);
    assert.equal(created[2], 'Created');
    await session.expectAccessiblePage('audit-log-groups');

    await page.goto('/admin');
    await page.getByRole('link', { name: 'Areas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
    const areas = (await tableRows(qa(page, 'record-list'))).map((row) => row[0]);
    assert.deepEqual(areas.sort(), ['Devon and Cornwall', 'Leicestershire', 'West Midlands']);
    await session.expectAccessiblePage('areas');
  });

  step('on a phone, a board member reads the action log without the page scrolling sideways', async () => {
    // Set-up, not the journey: an action of the community safety plan in the board's log.
    const { actions, database, governance } = session.container;
    const [board] = (await governance.groups.list(coventryId)).filter((g) => g.name === boardName);
    assert.ok(board);
    const action = {
      partnershipId: coventryId,
      groupId: board.id,
      description: 'Agree a night-time economy licensing protocol with the city centre’s licensed premises',
      owner: 'Licensing and community safety manager, Coventry City Council',
      ownerPersonId: null,
      ownerOrganisationId: null,
      dueDate: '2031-06-30',
    };
    await actions.recordOutsideMeeting(database.db, systemPrincipal, action, 'for the community safety plan');

    await signIn.signOut();
    await signIn.signIn(session.accounts.member.email, session.accounts.member.password);
    await page.getByRole('heading', { level: 1, name: 'Your partnerships' }).waitFor();
    await page.goto(`/partnerships/${coventryId}/actions`);
    await page.getByRole('heading', { level: 1, name: 'Action log' }).waitFor();
    assert.ok((await tableRows(qa(page, 'action-log'))).length > 0, 'the demo partnership has actions');
    await session.expectAccessiblePage('member-actions');
    await alsoOnAPhone('member-actions');
  });
});

/**
 * Funding in a real browser: a Coventry officer records the Police and Crime Commissioner's grant for
 * this financial year (whichever it is when the journey runs) with last year's carry-over, proposes allocations (one that would go past the money available
 * is refused), the board agrees them in the minutes of its meeting, the chair releases them, the officer
 * returns the first quarter's spend (a bad amount is refused next to its input), puts the quarter's
 * financial report on the board's next agenda, and the funder's overseer reads the area side by side.
 * The figures are those of Coventry's 2016/17 grant (£409,728, a 25% cut, with £82,750 carried over).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { systemClock, todayInEngland } from '../../src/platform/clock.ts';
import { financialYearName, financialYearStart, formatDate } from '../../src/platform/dates.ts';
import {
  type Account,
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  fillDate,
  inlineError,
  SignInPage,
  startBrowserSession,
  summaryOf,
  tableRows,
  thursdayAfter,
} from '../helpers/browser.ts';
import { scheduleMeeting } from '../helpers/meetings.ts';
import { expectNoSidewaysScroll, scrollsSideways } from '../helpers/phone.ts';
import { textOfPdf } from '../helpers/pdf.ts';
import { appointChair } from '../helpers/people.ts';

const board = 'Coventry Police, Crime and Community Safety Partnership Board';
const funder = 'West Midlands Police and Crime Commissioner';
const minus = '\u2212';
/** The financial year today falls in (it starts on 1 April, in England): its quarter 1 has begun, whenever the journey runs. */
const year = Number(financialYearStart(todayInEngland(systemClock)).slice(0, 4));
/** '2026/27', last year's '2025/26', next year's '2027/28', and '2026-27' as the addresses write it. */
const yearLabel = financialYearName(year);
const lastYearLabel = financialYearName(year - 1);
const nextYearLabel = financialYearName(year + 1);
const yearSlug = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
/** The quarter under way: the officer returns its spend, since the chair releases the money in it. */
const quarter = Math.floor(((Number(todayInEngland(systemClock).slice(5, 7)) + 8) % 12) / 3) + 1;
const itemTitle = `PCC funding ${yearLabel}`;
const decisionWording = `The Board agreed the allocation of the Police and Crime Commissioner’s funding for ${yearLabel} as set out in the report.`;
const reportTitle = `Coventry Community Safety Partnership financial report, Quarter ${quarter} ${yearLabel}`;

/** Three allocations of different themes: to two organisations, and one still to be commissioned. */
const allocations = [
  {
    theme: 'Support for Victims & Vulnerable People',
    purpose: 'Contribution towards domestic security within DVA services',
    grantee: 'CCC - Adults Commissioning team',
    amount: '35,415',
  },
  {
    theme: 'Management of Perpetrators & Offenders including gangs & OCGs',
    purpose: 'DVA perpetrator mentoring programme',
    grantee: 'Mentoring West Midlands',
    amount: '55,000',
  },
  { theme: 'Operational Activity for Locations', purpose: 'Local initiative & contingency', grantee: null, amount: '4,813' },
] as const;

/** A date of the database as the date inputs take it. */
function dateParts(date: string): { day: string; month: string; year: string } {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

describe('funding journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let coventry = '';
  let areaId = '';
  let areaName = '';
  let nextMeetingId = '';
  let nextMeetingDate = '';
  /** The board meeting that agrees the allocations, a fortnight or so ago: added by the officer in the journey. */
  const agreeingDate = thursdayAfter(-14);
  let decisionHref = '';
  const chair: Account = { name: 'Cara Chair', email: 'chair@coventry.example', password: 'a long chair password' };
  const overseer: Account = { name: 'Owen Overseer', email: 'overseer@westmidlands-pcc.example', password: 'a long overseer password' };

  before(async () => {
    session = await startBrowserSession('funding');
    const { container } = session;
    coventry = session.partnerships.get('coventry') ?? '';
    const [partnership] = await container.governance.partnerships.list(null, { id: coventry });
    areaId = partnership?.areaId ?? '';
    const [area] = await container.governance.areas.list(null, { id: areaId });
    areaName = area?.name ?? '';
    assert.ok(areaId && areaName);

    // Set-up, not the journey: the board's chair, and the funder's overseer of Coventry's area.
    await container.accounts.createUser(systemPrincipal, { ...chair, isAdmin: false });
    const [boardOfChair] = (await container.governance.groups.list(coventry)).filter((g) => g.name === board);
    await appointChair(container, coventry, { ...chair, groupId: boardOfChair?.id ?? '' });
    const overseerId = await container.accounts.createUser(systemPrincipal, { ...overseer, isAdmin: false });
    await container.accounts.grantRole(systemPrincipal, overseerId, 'overseer', { partnershipId: null, areaId });

    // Set-up: the board's next meeting, still to come, which will take the financial report.
    const [boardGroup] = (await container.governance.groups.list(coventry)).filter((g) => g.name === board);
    assert.ok(boardGroup);
    nextMeetingDate = thursdayAfter(45);
    nextMeetingId = await scheduleMeeting(container.meetings, coventry, boardGroup.id, nextMeetingDate);

    const signIn = new SignInPage(session.page);
    await signIn.open();
    await session.expectAccessiblePage('sign-in');
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  const qa = (name: string) => session.page.locator(`[data-qa="${name}"]`);
  const yearPath = () => `/partnerships/${coventry}/funding/${yearSlug}`;
  /** The allocations of the year page, every theme's table together, without the themes' total rows. */
  const allocationRows = async () => {
    const rows: string[][] = [];
    for (const table of await qa('theme').all()) rows.push(...(await tableRows(table)).filter((row) => row[0] !== 'Total for the theme'));
    return rows;
  };

  it('the officer records the year’s grant with last year’s carry-over, and sees the money available', async () => {
    const { page } = session;
    await page.goto(`/partnerships/${coventry}`);
    await page.getByRole('link', { name: 'Funding', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Funding' }).waitFor();
    assert.match(await qa('no-grants').innerText(), /No grant has been recorded yet/);
    await session.expectAccessiblePage('funding-empty');

    await qa('record-grant').click();
    await page.getByRole('heading', { level: 1, name: 'Record a grant' }).waitFor();
    await page.getByLabel('Financial year starting').fill(String(year));
    await page.getByLabel('Funder').fill(funder);
    await page.getByLabel('Grant for the year').fill('409,728');
    await page.getByLabel('Last year’s grant (optional)').fill('546,304');
    // Nothing was carried over into the first year recorded, so the form offers 0.
    assert.equal(await page.getByLabel('Carry-over from last year').inputValue(), '0');
    await page.getByLabel('Carry-over from last year').fill('82,750');
    await session.expectAccessiblePage('grant-form');
    await qa('save').click();
    await page.getByText(`Grant for ${yearLabel} recorded`).waitFor();
    await page.getByRole('heading', { level: 1, name: `Funding ${yearLabel}` }).waitFor();

    const grant = await summaryOf(qa('grant'));
    assert.equal(grant.get('Funder'), funder);
    assert.equal(grant.get('Grant'), '£409,728');
    assert.equal(grant.get('Change on last year'), `${minus}£136,576 (${minus}25%) on ${lastYearLabel}’s £546,304`);
    assert.equal(grant.get('Carry-over from last year'), '£82,750');
    assert.equal(await qa('available').innerText(), '£492,478');
    assert.equal(await qa('allocated').innerText(), '£0');
    assert.equal(await qa('unallocated').innerText(), '£492,478');
    await session.expectAccessiblePage('year-new');

    await page.getByRole('link', { name: 'Funding', exact: true }).click();
    assert.deepEqual(await tableRows(qa('grants')), [[`Funding ${yearLabel}`, funder, '£409,728', '£82,750', '£492,478']]);
    await session.expectAccessiblePage('funding-years');
  });

  it('proposes three allocations, and refuses one that would go past the money available', async () => {
    const { page } = session;
    await page.goto(yearPath());
    const propose = async (allocation: { theme: string; purpose: string; grantee: string | null; amount: string }) => {
      await qa('propose').click();
      await page.getByLabel('Theme').fill(allocation.theme);
      await page.getByLabel('Purpose').fill(allocation.purpose);
      if (allocation.grantee === null) {
        await page.getByLabel('To be commissioned').check();
      } else {
        await page.getByLabel('An organisation').check();
        await page.getByLabel('Organisation', { exact: true }).fill(allocation.grantee);
      }
      await page.getByLabel('Amount').fill(allocation.amount);
    };
    for (const [index, allocation] of allocations.entries()) {
      await propose(allocation);
      if (index === 0) {
        assert.match(await page.locator('main').innerText(), /£492,478 of the £492,478 available is left to allocate/);
        await session.expectAccessiblePage('allocation-form');
      }
      await qa('save').click();
      await page.getByText(`Allocation ${index + 1} proposed`).waitFor();
    }
    assert.deepEqual(await allocationRows(), [
      ['1', allocations[0].purpose, allocations[0].grantee, '£35,415', 'Proposed', 'Not agreed yet'],
      ['2', allocations[1].purpose, allocations[1].grantee, '£55,000', 'Proposed', 'Not agreed yet'],
      ['3', allocations[2].purpose, 'To be commissioned', '£4,813', 'Proposed', 'Not agreed yet'],
    ]);
    assert.equal(await qa('allocated').innerText(), '£95,228');
    assert.equal(await qa('unallocated').innerText(), '£397,250');
    assert.match(await qa('total-allocated').innerText(), /Allocated in all: £95,228\./);
    await session.expectAccessiblePage('year-proposed');

    // £400,000 more would be £2,750 past the £492,478 available.
    const tooMuch = {
      theme: 'Operational Activity for Locations',
      purpose: 'CCTV Modernisation',
      grantee: 'Coventry City Council',
      amount: '400,000',
    };
    await propose(tooMuch);
    const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
    await qa('save').click();
    assert.equal((await response).status(), 400);
    const refusal = `This would allocate £2,750 more than the £492,478 available for ${yearLabel}: only £397,250 is left to allocate`;
    assert.match(await errorSummary(page).innerText(), new RegExp(refusal.replace(/[().£,]/g, '\\$&')));
    assert.match(await inlineError(page, 'amount').innerText(), new RegExp(refusal.replace(/[().£,]/g, '\\$&')));
    assert.equal(await page.getByLabel('Amount').inputValue(), '400,000');
    assert.equal(await page.getByLabel('Purpose').inputValue(), tooMuch.purpose);
    assert.equal(await page.getByLabel('Organisation', { exact: true }).inputValue(), tooMuch.grantee);
    assert.ok(await page.getByLabel('An organisation').isChecked());
    await session.expectAccessiblePage('allocation-refused');

    await page.goto(yearPath());
    assert.equal((await allocationRows()).length, 3);
    assert.equal(await qa('allocated').innerText(), '£95,228');
  });

  it('the board agrees them in the minutes of its meeting, and the officer records the agreement', async () => {
    const { page } = session;
    // No decision of the board yet: the page says how allocations are agreed.
    await qa('agree').click();
    assert.match(await page.locator('main').innerText(), /There is no board decision to record yet/);
    await session.expectAccessiblePage('agree-no-decision');

    // The officer adds the board meeting that was held, its item, and the decision in its minutes.
    await page.goto(`/partnerships/${coventry}/meetings`);
    await page.getByRole('button', { name: 'Add a meeting' }).click();
    await page.getByLabel('Group').selectOption({ label: board });
    await page.getByLabel('Ordinary', { exact: true }).check();
    await fillDate(page, 'Date', dateParts(agreeingDate));
    await page.getByLabel('Start time').fill('14:00');
    await page.getByLabel('Place').fill('Committee Room 3, Council House');
    await session.expectAccessiblePage('meeting-form');
    await qa('save').click();
    await page.getByText('Meeting added').waitFor();
    const agreeingMeetingUrl = page.url();

    await qa('add-item').click();
    await page.getByLabel('Item', { exact: true }).fill(itemTitle);
    await page.getByRole('group', { name: 'Section' }).getByLabel('For decision or discussion').check();
    await page.getByLabel('Yes, it is public').check();
    await qa('save').click();
    await page.getByText(`"${itemTitle}" added to the agenda`).waitFor();
    await session.expectAccessiblePage('agreeing-meeting');

    await page.getByRole('link', { name: `Minutes of ${itemTitle}` }).click();
    await page.getByRole('heading', { level: 1, name: itemTitle }).waitFor();
    await page
      .getByLabel('Minutes of this item')
      .fill(`The Partnership Officer presented the proposed allocations of the ${yearLabel} grant.`);
    await qa('save-narrative').click();
    await page.getByText('Minutes saved').waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Agreed', exact: true }).isChecked());
    await page.getByLabel('Decision', { exact: true }).fill(decisionWording);
    await qa('save-decision').click();
    await page.getByText('Decision recorded').waitFor();
    assert.match(await qa('decisions').innerText(), new RegExp(`${decisionWording.replace(/[().]/g, '\\$&')}\\s+Agreed`));
    await session.expectAccessiblePage('agreeing-minutes');
    decisionHref = new URL(page.url()).pathname;
    assert.match(decisionHref, new RegExp(`^${new URL(agreeingMeetingUrl).pathname}/items/[^/]+/minutes$`));

    await page.goto(yearPath());
    await qa('agree').click();
    await page.getByRole('heading', { level: 1, name: `Record the board’s agreement: ${yearLabel}` }).waitFor();
    // Each decision is a choice with its wording in full beneath it.
    await page.getByRole('radio', { name: `${formatDate(agreeingDate)}, ${board}` }).check();
    assert.match(
      await page.getByRole('group', { name: 'The board’s decision' }).innerText(),
      new RegExp(decisionWording.slice(0, 40).replace(/[().]/g, '\\$&')),
    );
    const ticks = page.getByRole('group', { name: 'Allocations the board agreed' }).getByRole('checkbox');
    assert.equal(await ticks.count(), 3);
    for (const tick of await ticks.all()) assert.ok(await tick.isChecked(), 'every proposed allocation starts ticked');
    await session.expectAccessiblePage('agree-form');
    await qa('save').click();
    await page.getByText('3 allocations agreed by the board').waitFor();

    const rows = await allocationRows();
    assert.deepEqual(
      rows.map((row) => row[4]),
      ['Agreed by the board', 'Agreed by the board', 'Agreed by the board'],
    );
    // The link reads the meeting's date ("19 November 2026") on the page, and tells a screen reader what it is.
    for (const [index, row] of rows.entries()) {
      assert.match(row[5] ?? '', new RegExp(`^Board decision of ${formatDate(agreeingDate)}\\s*, agreeing allocation ${index + 1}$`));
    }
    const decisionLink = page.getByRole('link', {
      // Chromium reads a space before the comma: the visually hidden text is positioned on its own.
      name: new RegExp(`^Board decision of ${formatDate(agreeingDate)}\\s*, agreeing allocation 1$`),
    });
    assert.equal(await decisionLink.getAttribute('href'), decisionHref);
    // Releasing the money is the chair's, not the officer's.
    assert.equal(await qa('release').count(), 0);
    assert.equal(await qa('agree').count(), 0);
    await session.expectAccessiblePage('year-agreed');

    await decisionLink.click();
    await page.getByRole('heading', { level: 1, name: itemTitle }).waitFor();
    assert.equal(new URL(page.url()).pathname, decisionHref);
    await new SignInPage(page).signOut();
  });

  it('the chair releases the funding the board agreed', async () => {
    const { page } = session;
    await new SignInPage(page).signIn(chair.email, chair.password);
    await page.goto(`/partnerships/${coventry}`);
    await page.getByRole('link', { name: 'Funding', exact: true }).click();
    await page.getByRole('link', { name: `Funding ${yearLabel}` }).click();
    // The chair may release, but proposes nothing.
    assert.equal(await qa('propose').count(), 0);
    await session.expectAccessiblePage('chair-year');

    await qa('release').click();
    await page.getByRole('heading', { level: 1, name: `Release funding: ${yearLabel}` }).waitFor();
    assert.match(await qa('release-total').innerText(), /The board has agreed 3 allocations not yet released: £95,228 in all\./);
    const ticks = page.getByRole('group', { name: 'Allocations to release' }).getByRole('checkbox');
    assert.equal(await ticks.count(), 3);
    assert.match(await page.locator('main').innerText(), new RegExp(`Agreed by the ${board} on ${formatDate(agreeingDate)}`));
    await session.expectAccessiblePage('release-form');
    await qa('save').click();
    // Nothing is released until the chair has read what will be, to whom, and what follows.
    await page.getByRole('heading', { level: 1, name: 'Release 3 allocations, £95,228 in all?' }).waitFor();
    const rows = await qa('confirm-rows').innerText();
    assert.match(rows, /Total\s+£95,228/);
    // Each allocation with its amount and grantee.
    assert.match(rows, /£35,415: CCC - Adults Commissioning team/);
    assert.match(rows, /£55,000: Mentoring West Midlands/);
    assert.match(rows, /£4,813: To be commissioned/);
    assert.match(await qa('confirm-happens').innerText(), /£95,228 is released to the grantees above: it can be spent from now on\./);
    assert.match(await qa('confirm-happens').innerText(), /can no longer be changed or withdrawn/);
    await session.expectAccessiblePage('release-confirm');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('release-confirm-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await qa('confirm').click();
    await page.getByText('3 allocations released').waitFor();
    assert.deepEqual(
      (await allocationRows()).map((row) => row[4]),
      ['Released by the chair', 'Released by the chair', 'Released by the chair'],
    );
    assert.equal(await qa('release').count(), 0);
    await session.expectAccessiblePage('chair-released');
    await new SignInPage(page).signOut();
  });

  it('the officer returns the first quarter’s spend, a bad amount refused next to its input', async () => {
    const { page } = session;
    await new SignInPage(page).signIn(session.accounts.officer.email, session.accounts.officer.password);
    await page.goto(yearPath());
    await page.getByRole('link', { name: `Enter spend for Quarter ${quarter}, ${yearLabel}` }).click();
    await page.getByRole('heading', { level: 1, name: `Spend for Quarter ${quarter}, ${yearLabel}` }).waitFor();
    const spent = (reference: number) => page.getByLabel(new RegExp(`Spent in the quarter on allocation ${reference}, `));
    const forecast = (reference: number) => page.getByLabel(new RegExp(`Forecast for the year of allocation ${reference}, `));
    assert.deepEqual(
      (await tableRows(qa('spend'))).map((row) => row.slice(0, 3)),
      [
        ['1', allocations[0].purpose, '£35,415'],
        ['2', allocations[1].purpose, '£55,000'],
        ['3', allocations[2].purpose, '£4,813'],
      ],
    );
    await session.expectAccessiblePage('spend-form');

    await spent(1).fill('6,000');
    await forecast(1).fill('30,000');
    await spent(2).fill('lots');
    const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST');
    await qa('save').click();
    assert.equal((await response).status(), 400);
    const problem = 'Allocation 2, spent in the quarter: "lots" is not an amount of money: write it like £4,813.50';
    assert.match(await errorSummary(page).innerText(), new RegExp(problem.replace(/[().£,]/g, '\\$&')));
    const badId = (await spent(2).getAttribute('id')) ?? '';
    assert.match(await inlineError(page, badId).innerText(), new RegExp(problem.replace(/[().£,]/g, '\\$&')));
    assert.equal(await spent(1).inputValue(), '6,000');
    assert.equal(await forecast(1).inputValue(), '30,000');
    assert.equal(await spent(2).inputValue(), 'lots');
    await session.expectAccessiblePage('spend-refused');

    // A slip of the keyboard past the allocation comes back with a warning, asking for the reason and a confirmation.
    await spent(2).fill('99,999,999');
    await qa('save').click();
    await qa('beyond-allocation').waitFor();
    assert.match(
      await qa('beyond-allocation').innerText(),
      /This return takes allocation 2 to £99,999,999, £99,944,999 past its £55,000\./,
    );
    assert.match(await errorSummary(page).innerText(), /Enter the reason for spending beyond the allocation/);
    await session.expectAccessiblePage('spend-beyond-allocation');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('spend-beyond-allocation-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Allocation 3 is left blank: it has no return yet.
    await spent(2).fill('12,500');
    await qa('save').click();
    await page.getByText(`Spend for Quarter ${quarter}, ${yearLabel} saved: 2 allocations`).waitFor();
    assert.deepEqual(await tableRows(qa('position')), [
      [allocations[0].theme, '£35,415', '£6,000', '£30,000', '£5,415'],
      [allocations[1].theme, '£55,000', '£12,500', '£55,000', '£0'],
      [allocations[2].theme, '£4,813', '£0', '£4,813', '£0'],
      ['Total', '£95,228', '£18,500', '£89,813', '£5,415'],
    ]);
    await session.expectAccessiblePage('year-spent');
  });

  it('on a phone, the funding pages fit the screen: a wide table scrolls in its own box, never the page', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 375, height: 800 });
    const pages = {
      'funding-phone': `/partnerships/${coventry}/funding`,
      'year-phone': yearPath(),
      'spend-phone': `${yearPath()}/spend/q${quarter}`,
      'year-end-phone': `${yearPath()}/year-end`,
    };
    try {
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(path);
        await session.expectAccessiblePage(name);
        await expectNoSidewaysScroll(page, name);
      }
      // The year's allocations are wider than a phone: their box scrolls, and takes focus to be scrolled by keyboard.
      await page.goto(yearPath());
      const box = page.locator('.safer-table-wrap', { has: qa('theme') }).first();
      assert.equal(await box.getAttribute('role'), 'region');
      assert.ok(await scrollsSideways(box), 'the table scrolls in its box');
      assert.equal(await box.getAttribute('tabindex'), '0');
      // Above it, a line says the table scrolls; at laptop width the table fits, and the line goes.
      const hint = page.locator('[data-qa="table-scrolls"]:has(+ .safer-table-wrap [data-qa="theme"])').first();
      await hint.waitFor({ state: 'visible' });
      assert.equal(await hint.textContent(), 'This table is wider than the screen: scroll it sideways to see every column.');
      await page.setViewportSize({ width: 1280, height: 900 });
      await hint.waitFor({ state: 'hidden' });
      assert.equal(await box.getAttribute('tabindex'), null);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('reads the financial report, downloads its PDF and puts it on the board’s next agenda', async () => {
    const { page } = session;
    await page.getByRole('link', { name: `Financial report, Quarter ${quarter}, ${yearLabel}` }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Financial report, Quarter ${quarter}, ${yearLabel}`) }).waitFor();
    const headline = await summaryOf(qa('headline'));
    assert.equal(headline.get('Grant'), '£409,728');
    assert.equal(headline.get('Change on last year'), `${minus}£136,576 (${minus}25%) on ${lastYearLabel}’s £546,304`);
    assert.equal(headline.get('Carry-over from last year'), '£82,750');
    assert.equal(headline.get('Money available'), '£492,478');
    assert.equal(headline.get('Allocated'), '£95,228');
    assert.equal(headline.get('Not yet allocated'), '£397,250');
    assert.deepEqual(await tableRows(qa('allocations')), [
      ['1', allocations[0].purpose, 'Released by the chair', '£35,415', '£6,000', '£30,000', '£5,415'],
      ['2', allocations[1].purpose, 'Released by the chair', '£55,000', '£12,500', '£55,000', '£0'],
      ['3', allocations[2].purpose, 'Released by the chair', '£4,813', '£0', '£4,813', '£0'],
    ]);
    assert.deepEqual(await tableRows(qa('themes')), [
      [allocations[0].theme, '£35,415', '£6,000', '£30,000', '£5,415'],
      [allocations[1].theme, '£55,000', '£12,500', '£55,000', '£0'],
      [allocations[2].theme, '£4,813', '£0', '£4,813', '£0'],
      ['Total', '£95,228', '£18,500', '£89,813', '£5,415'],
    ]);
    assert.deepEqual(await tableRows(qa('missing')), [['3', allocations[2].purpose, 'To be commissioned', `Q${quarter}`]]);
    // Built on a missing return, the report says at its head that it is provisional.
    assert.match(await qa('provisional').innerText(), /Provisional: 1 spend return is missing, from 1 allocation \(2 of 3 owed/);
    await session.expectAccessiblePage('report');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('report-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    const download = page.waitForEvent('download');
    await qa('report-files').getByRole('link', { name: 'Download as PDF' }).click();
    const pdf = await readFile(await (await download).path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = textOfPdf(pdf);
    assert.match(text, new RegExp(`financial report, Quarter ${quarter} ${yearLabel}`));
    assert.match(text, /409,728/);

    await qa('attach').click();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(`^Put the financial report for Quarter ${quarter}, ${yearLabel}`) })
      .waitFor();
    // Only meetings still to come are offered: not the meeting that agreed the allocations.
    const offered = await page.getByLabel('Meeting').locator('option').allInnerTexts();
    assert.deepEqual(offered, ['Select a meeting', `${formatDate(nextMeetingDate)}, ${board}`]);
    await page.getByLabel('Meeting').selectOption({ label: `${formatDate(nextMeetingDate)}, ${board}` });
    await session.expectAccessiblePage('attach-form');
    await qa('save').click();
    await page.getByText(`"${reportTitle}" added to the agenda with its paper`).waitFor();
    assert.match(page.url(), new RegExp(`/meetings/${nextMeetingId}#agenda$`));
    const item = qa('agenda').locator('li.safer-agenda__item').filter({ hasText: reportTitle });
    assert.match(await item.innerText(), /To receive the quarterly financial report on the spend of the partnership’s funding/);
    assert.match(
      await item.locator('[data-qa="papers"]').innerText(),
      new RegExp(`${reportTitle.replace(/[/]/g, '\\$&')}\\s+\\(PDF, \\d+ KB\\)`),
    );
    await session.expectAccessiblePage('meeting-with-report');
    await new SignInPage(page).signOut();
  });

  it('the funder’s overseer reads the area’s funding side by side, and downloads it as a CSV', async () => {
    const { page } = session;
    await new SignInPage(page).signIn(overseer.email, overseer.password);
    await page.goto(`/partnerships/${coventry}/funding`);
    // The overseer reads the partnership's funding, but records nothing.
    assert.equal(await qa('record-grant').count(), 0);
    await session.expectAccessiblePage('overseer-funding');
    await qa('area-funding').click();
    await page.getByRole('heading', { level: 1, name: `Funding in ${areaName}, ${yearLabel}` }).waitFor();
    // The carry-over into next year is told apart from the carry-over from last year; no carry-over has been asked yet.
    assert.deepEqual(
      (await qa('area-funding').locator('thead th').allInnerTexts()).map((heading) => heading.trim()),
      [
        'Partnership',
        'Grant',
        'Carry-over from last year',
        'Money available',
        'Allocated (including proposals)',
        'Released',
        'Spent to date',
        `Carry-over into ${nextYearLabel}: asked`,
        `Carry-over into ${nextYearLabel}: agreed`,
      ],
    );
    const rows = await tableRows(qa('area-funding'));
    const coventryRow = rows.find((row) => row[0] === 'Coventry');
    assert.deepEqual(coventryRow, [
      'Coventry',
      '£409,728',
      '£82,750',
      '£492,478',
      '£95,228',
      '£95,228',
      `£18,500 (latest return: Q${quarter})`,
      'Not asked',
      'Not asked',
    ]);
    assert.deepEqual(rows.at(-1), ['Total', '£409,728', '£82,750', '£492,478', '£95,228', '£95,228', '£18,500', '£0', '£0']);
    await session.expectAccessiblePage('area');

    const download = page.waitForEvent('download');
    await qa('download').click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.equal(
      header,
      `Partnership,Grant,Carry-over from last year,Money available,Allocated (including proposals),Released,Spent to date,Spend returned to,Carry-over into ${nextYearLabel}: asked,Carry-over into ${nextYearLabel}: agreed,Carry-over into ${nextYearLabel}: the funder’s decision`,
    );
    assert.ok(
      lines.includes(
        `Coventry Community Safety Partnership,409728.00,82750.00,492478.00,95228.00,95228.00,18500.00,Q${quarter},,,Not asked`,
      ),
      csv,
    );

    await page.getByRole('link', { name: 'Coventry', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Funding ${yearLabel}` }).waitFor();
    assert.equal(await qa('propose').count(), 0);
    assert.equal(await qa('release').count(), 0);
    await session.expectAccessiblePage('overseer-year');
  });
});

/**
 * Seed 000 through the browser: a Coventry officer holds the Community Safety Partnership meeting of
 * 30 November 2007 again, from a demo that has the 2007 partnership and its members but not the
 * meeting — attendance, the fifteen items, their minutes with every Action line, the next meeting
 * moved to 28 February 2008 — then circulates the minutes, records their approval at that meeting,
 * and the chair signs them. The Word and PDF files must read like the original.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { seedCoventry2007Group } from '../../src/modules/meetings/index.ts';
import { standardItems } from '../../src/modules/meetings/agenda.ts';
import {
  group2007,
  inAttendance2007,
  type Item2007,
  items2007,
  members2007,
  minuteTaker2007,
  nextMeeting2007,
} from '../../src/modules/meetings/demo/coventry2007.data.ts';
import { outcomeNames } from '../../src/modules/meetings/outcomes.ts';
import {
  type Account,
  type BrowserSession,
  browserTestOptions,
  fillDate,
  SignInPage,
  startBrowserSession,
  tableRows,
} from '../helpers/browser.ts';
import { textOfPdf } from '../helpers/pdf.ts';
import { appointChair } from '../helpers/people.ts';

const meetingCrumb = `${group2007.name}, 30 November 2007`;
const chair: Account = { name: 'Mark Taylor', email: 'mark.taylor@coventry.example', password: 'a long chair password' };

/** The title an item has on the agenda: standard items keep the standard wording. */
const agendaTitle = (item: Item2007) => standardItems.find((s) => s.key === item.standardItem)?.title ?? item.title;
const present = members2007.filter((m) => m.status === 'present');
const apologies = members2007.filter((m) => m.status === 'apologies');
const actions = items2007.flatMap((item) => item.actions ?? []);
const attendeeLine = (a: { name: string; organisation: string }) => `${a.name}, ${a.organisation}`;

/** What the officer does on the meeting's pages, in their words. */
class MeetingPages {
  readonly page: Page;
  readonly session: BrowserSession;

  constructor(session: BrowserSession) {
    this.session = session;
    this.page = session.page;
  }

  qa(name: string) {
    return this.page.locator(`[data-qa="${name}"]`);
  }

  /** Waits for the flash that a save shows, then checks the page it landed on. */
  async saved(flash: string, pageName: string): Promise<void> {
    await this.page.getByText(flash, { exact: true }).first().waitFor();
    await this.session.expectAccessiblePage(pageName);
  }

  async backToMeeting(): Promise<void> {
    await this.page.getByRole('link', { name: meetingCrumb, exact: true }).click();
    await this.session.expectAccessiblePage('meeting');
  }

  async addMeeting(date: { day: string; month: string; year: string }, startTime: string, place: string): Promise<void> {
    await this.page.goto(`/partnerships/${this.session.partnerships.get('coventry')}/meetings`);
    await this.session.expectAccessiblePage('meetings');
    await this.page.getByRole('button', { name: 'Add a meeting' }).click();
    await this.page.getByLabel('Group').selectOption({ label: group2007.name });
    await this.page.getByLabel('Ordinary', { exact: true }).check();
    await fillDate(this.page, 'Date', date);
    await this.page.getByLabel('Start time').fill(startTime);
    await this.page.getByLabel('Place').fill(place);
    await this.session.expectAccessiblePage('add-meeting');
    await this.qa('save').click();
    await this.saved('Meeting added', 'meeting-added');
  }

  /** The link to each item's minutes, read from the agenda once. */
  async minutesLinks(): Promise<string[]> {
    const links = items2007.map((item) => this.page.getByRole('link', { name: `Minutes of ${agendaTitle(item)}`, exact: true }));
    return Promise.all(links.map(async (link) => (await link.getAttribute('href')) ?? ''));
  }

  async minuteItem(item: Item2007, href: string): Promise<void> {
    await this.page.goto(href);
    await this.page.getByRole('heading', { level: 1, name: agendaTitle(item) }).waitFor();
    await this.session.expectAccessiblePage('item-minutes');
    if (item.narrative) {
      await this.page.getByLabel('Minutes of this item').fill(item.narrative);
      await this.qa('save-narrative').click();
      await this.saved('Minutes saved', 'item-minutes-saved');
    }
    for (const decision of item.decisions ?? []) {
      await this.page.getByRole('radio', { name: outcomeNames[decision.outcome], exact: true }).check();
      await this.page.getByLabel('Decision', { exact: true }).fill(decision.wording);
      await this.qa('save-decision').click();
      await this.saved('Decision recorded', 'item-decision');
    }
    for (const action of item.actions ?? []) {
      await this.page.getByLabel('Action', { exact: true }).fill(action.description);
      // The minutes' words as written: "Someone else" keeps them as they are.
      await this.page.getByRole('radio', { name: 'Someone else' }).check();
      await this.page.getByLabel('Who', { exact: true }).fill(action.owner);
      await this.qa('save-action').click();
      await this.saved(`Action recorded for ${action.owner}`, 'item-action');
    }
  }
}

describe('the Coventry Community Safety Partnership meeting of 30 November 2007, in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let pages: MeetingPages;
  let meetingUrl: string;

  before(async () => {
    session = await startBrowserSession('coventry2007');
    const coventry = session.partnerships.get('coventry') ?? '';
    await seedCoventry2007Group(session.container.governance, coventry);
    await session.container.accounts.createUser(systemPrincipal, { ...chair, isAdmin: false });
    const [board] = await session.container.governance.groups.list(coventry);
    await appointChair(session.container, coventry, { ...chair, groupId: board?.id ?? '' });
    pages = new MeetingPages(session);
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  it('adds the meeting and records who came: 24 present, 15 apologies, and the meeting quorate and held', async () => {
    const { page } = session;
    await pages.addMeeting({ day: '30', month: '11', year: '2007' }, '10:00', 'Council House, Coventry');
    meetingUrl = page.url();

    await pages.qa('record-attendance').click();
    await page.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
    for (const member of members2007) {
      const seat = page.getByRole('group', { name: `${member.name} – ${member.organisation}`, exact: true });
      await seat.getByLabel(member.status === 'present' ? 'Present' : 'Sent apologies').check();
    }
    await page.getByLabel('Also in attendance (optional)').fill(inAttendance2007.map(attendeeLine).join('\n'));
    await page.getByLabel('Minute taker (optional)').fill(attendeeLine(minuteTaker2007));
    await session.expectAccessiblePage('attendance-form');
    await pages.qa('save').click();
    await pages.saved('Attendance recorded', 'attendance');
    assert.match(await pages.qa('meeting-quorum').innerText(), /Quorate/);
    const listed = await pages.qa('attendance').innerText();
    assert.match(listed, new RegExp(`Present \\(${present.length}\\)`));
    assert.match(listed, /Apologies \(15\)/);
    assert.match(
      listed,
      /In attendance\s+Penny Smith \(West Midlands Probation Services Unpaid Work Unit\)\s+Pete Morgan \(Vulnerable Adult Team\)/,
    );
    assert.match(listed, /Minute taker\s+Denise Kellam \(Community Safety Team, Coventry City Council\)/);
    assert.equal(present.length + inAttendance2007.length + 1, 24);

    await pages.qa('record-held').click();
    await pages.saved('Recorded that the meeting was held', 'meeting-held');
    assert.match(await pages.qa('meeting-summary').innerText(), /Status\s+Held/);
  });

  it('builds the fifteen numbered items of the minutes, with their presenters', async () => {
    const { page } = session;
    // The 2007 agenda had no item for declarations of interest.
    await page.getByRole('link', { name: 'Remove Declarations of interest' }).click();
    await session.expectAccessiblePage('remove-declarations');
    await pages.qa('confirm-remove').click();
    await pages.saved('Item taken off the agenda', 'agenda-without-declarations');

    for (const item of items2007.filter((i) => !i.standardItem)) {
      await pages.qa('add-item').click();
      await page.getByLabel('Item', { exact: true }).fill(item.title);
      await page.getByRole('group', { name: 'Section' }).getByLabel('For decision or discussion').check();
      await page.getByLabel('Presented by (optional)').fill(item.presenter ?? '');
      await page.getByLabel('Yes, it is public').check();
      await session.expectAccessiblePage('agenda-item-form');
      await pages.qa('save').click();
      await pages.saved(`"${item.title}" added to the agenda`, 'agenda');
    }
    const agenda = (await pages.qa('agenda').innerText()).replace(/\s+/g, ' ');
    let from = 0;
    for (const [index, item] of items2007.entries()) {
      const at = agenda.indexOf(`${index + 1}. ${agendaTitle(item)}`, from);
      assert.ok(at >= from, `item ${index + 1}, ${agendaTitle(item)}, in order on the agenda:\n${agenda}`);
      from = at;
    }
    assert.match(agenda, /Alcohol Needs Assessment Update Presented by Lesley Sigston/);
  });

  it('minutes every item: its narrative, decisions 4.1 and 4.2 supported, quarterly meetings endorsed, every Action line', async () => {
    const links = await pages.minutesLinks();
    for (const [index, item] of items2007.entries()) await pages.minuteItem(item, links[index] ?? '');
    await pages.backToMeeting();

    const { page } = session;
    await page.goto(`/partnerships/${session.partnerships.get('coventry')}/decisions`);
    await session.expectAccessiblePage('decisions-register');
    const register = await pages.qa('decisions-register').innerText();
    assert.match(
      register,
      /4\.1 The CCSP is recommended to endorse the continued use of the Citywide Designated Public Places Order\.\s+Supported/,
    );
    assert.match(register, /4\.2 If agreed[^\n]*\s+Supported/);
    assert.match(register, /Those present at the meeting endorsed the move to quarterly meetings\s+Agreed/);
    assert.doesNotMatch(register, /not quorate/);
    await page.goto(`/partnerships/${session.partnerships.get('coventry')}/actions`);
    await session.expectAccessiblePage('action-log');
    const log = await tableRows(pages.qa('action-log'));
    assert.deepEqual(
      log.map((row) => [row[0], row[1]]),
      actions.map((a) => [a.description, a.owner]),
    );
  });

  it('moves the next meeting from 6 to 28 February 2008, to The Welcome Centre, with the reason', async () => {
    const { page } = session;
    const { rescheduled } = nextMeeting2007;
    await pages.addMeeting({ day: '6', month: '2', year: '2008' }, nextMeeting2007.startTime, nextMeeting2007.location);
    await pages.qa('reschedule').click();
    await fillDate(page, 'New date', { day: '28', month: '2', year: '2008' });
    await page.getByLabel('New start time').fill('09:30');
    await page.getByLabel('Place').fill(rescheduled.location);
    await page.getByLabel('Why the meeting is moving').fill(rescheduled.reason);
    await session.expectAccessiblePage('reschedule');
    await pages.qa('save').click();
    await pages.saved('Meeting moved to Thursday 28 February 2008 at 09:30', 'next-meeting-moved');
    assert.match(
      await pages.qa('meeting-changes').innerText(),
      /Moved from Wednesday 6 February 2008 at 10:00 to Thursday 28 February 2008 at 09:30[\s\S]*Reason: To distribute and discuss the Strategic Assessment and Community Safety Strategy/,
    );
    assert.match(
      await pages.qa('meeting-summary').innerText(),
      /The Welcome Centre \(Christian Life Ministries, Parkside, Coventry CV1 2HG\)/,
    );
  });

  it('circulates the minutes, records their approval at the next meeting, and the chair signs them', async () => {
    const { page } = session;
    await page.goto(meetingUrl);
    await session.expectAccessiblePage('meeting-minuted');
    await pages.qa('circulate').click();
    await page.getByRole('heading', { level: 1, name: 'Circulate the minutes of 30 November 2007?' }).waitFor();
    assert.match(await pages.qa('confirm-recipients').innerText(), /^(An e-mail will go to|Nobody will be e-mailed)/);
    await session.expectAccessiblePage('minutes-circulate-confirm');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('minutes-circulate-confirm-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await pages.qa('confirm').click();
    await page.getByText(/Minutes marked as circulated\. (E-mailed|Nobody was e-mailed)/).waitFor();
    await session.expectAccessiblePage('minutes-circulated');
    await pages.qa('approve').click();
    await page.getByLabel('Approved at the meeting of').selectOption({ label: '28 February 2008 at 09:30' });
    await session.expectAccessiblePage('approve-minutes');
    await pages.qa('save').click();
    await pages.saved('Minutes approved as a true and accurate record', 'minutes-approved');
    assert.equal(await pages.qa('sign').count(), 0, 'an officer cannot sign for the chair');

    const signIn = new SignInPage(page);
    await signIn.signOut();
    await signIn.signIn(chair.email, chair.password);
    await page.goto(meetingUrl);
    await session.expectAccessiblePage('meeting-for-chair');
    await pages.qa('sign').click();
    await page.getByRole('heading', { level: 1, name: 'Sign the minutes of 30 November 2007?' }).waitFor();
    await session.expectAccessiblePage('minutes-sign-confirm');
    await pages.qa('confirm').click();
    await pages.saved('Minutes signed', 'minutes-signed');
    const life = await pages.qa('minutes-life').innerText();
    assert.match(life, /Approved and signed by the chair/);
    assert.match(life, /At the meeting of 28 February 2008, as a true and accurate record/);
    assert.match(life, /Signed\s+Mark Taylor/);
  });

  it('gives the minutes to print, and as Word and PDF files that read like the original', async () => {
    const { page } = session;
    await pages.qa('print-minutes').click();
    await session.expectAccessiblePage('minutes-print');
    const [presentTable, apologiesTable] = await page.locator('[data-qa="printable-minutes"] table').all();
    assert.ok(presentTable && apologiesTable);
    const presentRows = await tableRows(presentTable);
    assert.equal(presentRows.length, 24);
    assert.deepEqual(presentRows[0], ['Mark Taylor (Chair)', 'West Midlands Fire Service']);
    assert.equal((await tableRows(apologiesTable)).length, 15);

    const download = async (qa: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), pages.qa(qa).click()]);
      return readFile(await file.path());
    };
    const xml = await (await JSZip.loadAsync(await download('minutes-docx'))).file('word/document.xml')?.async('string');
    assert.ok(xml);
    const word = xml
      .replace(/<w:tab\/>/g, ' ')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
    // The PDF's standard fonts draw the en dash as 0x96 (WinAnsi).
    const pdf = textOfPdf(await download('minutes-pdf'))
      .replace(/\x96/g, '–')
      .replace(/\s+/g, ' ');

    for (const [name, text] of [
      ['Word', word],
      ['PDF', pdf],
    ] as const) {
      const has = (expected: string) => assert.ok(text.includes(expected), `the ${name} minutes say "${expected}"`);
      has('Mark Taylor (Chair)');
      for (const member of [...present, ...apologies]) {
        has(member.name);
        has(member.organisation);
      }
      for (const other of inAttendance2007) has(`${other.name} (in attendance)`);
      has(`${minuteTaker2007.name} (Minutes)`);
      for (const [index, item] of items2007.entries()) has(`${index + 1}. ${agendaTitle(item)}`);
      for (const action of actions) has(`Action: ${action.owner}`);
      has('Signed: Mark Taylor (Chair)');
    }
    for (const action of actions) assert.ok(word.includes(`Action: ${action.owner} – ${action.description}`));
  });
});

/**
 * The meeting cycle in a real browser: a Coventry officer plans the board's year, reads the papers
 * deadline, and moves a meeting as the seed 000 meeting was moved ("to distribute and discuss the
 * Strategic Assessment").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserSession, browserTestOptions, fillDate, SignInPage, startBrowserSession, tableRows } from '../helpers/browser.ts';

const board = 'Coventry Police, Crime and Community Safety Partnership Board';

describe('meetings journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;

  before(async () => {
    session = await startBrowserSession('meetings');
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  it('plans the board’s meetings, shows their deadlines and moves one with its reason', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    await page.goto(`/partnerships/${session.partnerships.get('coventry')}`);
    await page.getByRole('link', { name: 'Meetings', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await session.expectAccessiblePage('meetings-empty');

    await qa('plan-cycle').click();
    await page.getByLabel('Group').selectOption({ label: board });
    await fillDate(page, 'First day of the year to plan', { day: '1', month: '4', year: '2026' });
    await page.getByLabel('Start time').fill('14:00');
    await page.getByLabel('Place').fill('Committee Room 3, Council House');
    await session.expectAccessiblePage('plan-cycle');
    await qa('save').click();
    await page.getByText('4 meetings planned.').waitFor();
    // Coming up or earlier depends on the day the test runs: together they are the year's four.
    const listed: string[] = [];
    for (const table of ['upcoming-meetings', 'past-meetings']) {
      if (await qa(table).count()) listed.push(...(await tableRows(qa(table))).map((row) => row[0] ?? ''));
    }
    assert.deepEqual(listed.sort(), [
      'Thursday 14 January 2027 at 14:00',
      'Thursday 8 October 2026 at 14:00',
      'Thursday 9 April 2026 at 14:00',
      'Thursday 9 July 2026 at 14:00',
    ]);
    await session.expectAccessiblePage('meetings-planned');

    await page.getByRole('link', { name: 'Thursday 14 January 2027 at 14:00' }).click();
    assert.match(await qa('deadlines').innerText(), /Agenda and papers out by\s+7 January 2027/);
    await session.expectAccessiblePage('meeting');

    await qa('reschedule').click();
    await fillDate(page, 'New date', { day: '28', month: '1', year: '2027' });
    await page.getByLabel('Why the meeting is moving').fill('To distribute and discuss the Strategic Assessment');
    await session.expectAccessiblePage('reschedule');
    await qa('save').click();
    await page.getByText('Meeting moved to Thursday 28 January 2027 at 14:00').waitFor();
    assert.match(
      await qa('meeting-changes').innerText(),
      /Moved from Thursday 14 January 2027 at 14:00 to Thursday 28 January 2027 at 14:00[\s\S]*Reason: To distribute and discuss the Strategic Assessment/,
    );
    assert.match(await qa('deadlines').innerText(), /Agenda and papers out by\s+21 January 2027/);
    await session.expectAccessiblePage('meeting-moved');
  });

  it('builds the agenda: items in sections, a confidential item with its reason, reordered', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    // A meeting that has taken place: attendance and minutes are recorded only once a meeting has started.
    await page.goto(`/partnerships/${session.partnerships.get('coventry')}/meetings`);
    await page.getByRole('link', { name: 'Thursday 8 October 2026 at 14:00' }).click();
    const addItem = async (title: string, section: string, confidentialReason?: string) => {
      await qa('add-item').click();
      await page.getByLabel('Item', { exact: true }).fill(title);
      await page.getByRole('group', { name: 'Section' }).getByLabel(section).check();
      if (confidentialReason) {
        await page.getByLabel('No, it is confidential (Part II, exempt information)').check();
        await page.getByLabel('Why it is confidential').fill(confidentialReason);
      } else {
        await page.getByLabel('Yes, it is public').check();
      }
      await qa('save').click();
      await page.getByText(`"${title}" added to the agenda`).waitFor();
    };
    await addItem('Designated Public Places Order recommendations', 'For decision or discussion');
    await qa('add-item').click();
    await page.getByLabel('No, it is confidential (Part II, exempt information)').check();
    await session.expectAccessiblePage('agenda-item-form');
    await page.goBack();
    await addItem('Strategic Assessment', 'For decision or discussion');
    await addItem('Harm reduction case review', 'Briefing (discussed by exception)', 'Information about individuals');
    await page.getByRole('button', { name: 'Move up Strategic Assessment' }).click();
    const agenda = await qa('agenda').innerText();
    const lines = agenda
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^\d+\.$/.test(line) || line.length > 0);
    const order = [
      'Welcome, introductions and apologies',
      'Strategic Assessment',
      'Designated Public Places Order recommendations',
      'Date of next meeting',
      // Part II items come last.
      'Harm reduction case review',
    ];
    const positions = order.map((title) => lines.findIndex((line) => line.startsWith(title)));
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      `agenda order:\n${agenda}`,
    );
    assert.match(agenda, /Not for publication \(Part II\): Information about individuals/);
    await session.expectAccessiblePage('agenda');
  });

  it('records attendance, with a substitute, and shows the quorum', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    await qa('record-attendance').click();
    await page.getByRole('heading', { level: 1, name: 'Record attendance' }).waitFor();
    const member = (legend: string) => page.getByRole('group', { name: new RegExp(`^${legend} – `) });
    await member('Cllr Abbott').getByLabel('Present').check();
    await member('Andy Wade').getByLabel('Sent apologies').check();
    await member('Danny Long').getByLabel('Sent a substitute').check();
    await member('Danny Long').getByLabel('Who came in their place').selectOption({ label: 'Hasson Shigdar (West Midlands Police)' });
    await page.getByLabel('Also in attendance (optional)').fill('Partnership Analyst, West Midlands Police');
    await session.expectAccessiblePage('attendance-form');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('attendance-form-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await qa('save').click();
    await page.getByText('Attendance recorded').waitFor();
    assert.match(await qa('meeting-quorum').innerText(), /Not quorate[\s\S]*key decisions are deferred/);
    const listed = await qa('attendance').innerText();
    assert.match(listed, /Present \(1\)\s+Cllr Abbott \(Coventry City Council\)/);
    assert.match(listed, /Substitutes \(1\)\s+Hasson Shigdar for Danny Long \(West Midlands Police\)/);
    assert.match(listed, /Apologies \(1\)\s+Andy Wade/);
    await session.expectAccessiblePage('attendance');
  });

  it('minutes an item: the decision of an inquorate meeting stands deferred, the action joins the log', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    await page.getByRole('link', { name: 'Minutes of Designated Public Places Order recommendations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Designated Public Places Order recommendations' }).waitFor();
    // Typed, then straight to "Record decision": the narrative is saved with it, not lost.
    await page.getByLabel('Minutes of this item').fill('The review of the Designated Public Places Order was presented.');
    await page.getByLabel('Supported').check();
    await page.getByLabel('Decision', { exact: true }).fill('Recommendations 4.1 and 4.2 were supported');
    await qa('save-decision').click();
    await page.getByText('Decision recorded').waitFor();
    assert.equal(
      await page.getByLabel('Minutes of this item').inputValue(),
      'The review of the Designated Public Places Order was presented.',
    );
    await page.reload();
    assert.equal(
      await page.getByLabel('Minutes of this item').inputValue(),
      'The review of the Designated Public Places Order was presented.',
    );
    // The attendance recorded earlier made this meeting inquorate.
    assert.match(await qa('decisions').innerText(), /Deferred to the next meeting \(the meeting was not quorate\)/);
    await page.getByLabel('Action', { exact: true }).fill('Consult residents on the DPPO area');
    await page.getByRole('radio', { name: 'Someone else' }).check();
    await page.getByLabel('Who', { exact: true }).fill('All agencies');
    await fillDate(page, 'Due date (optional)', { day: '31', month: '3', year: '2027' });
    await qa('save-action').click();
    await page.getByText('Action recorded for All agencies').waitFor();
    await session.expectAccessiblePage('item-minutes');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('item-minutes-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`/partnerships/${session.partnerships.get('coventry')}/decisions`);
    assert.match(await qa('decisions-register').innerText(), /Recommendations 4\.1 and 4\.2 were supported\s+Deferred to the next meeting/);
    await session.expectAccessiblePage('decisions-register');
    await page.goto(`/partnerships/${session.partnerships.get('coventry')}/actions`);
    assert.match(await qa('action-log').innerText(), /Consult residents on the DPPO area\s+All agencies\s+31 March 2027\s+Open/);
    await session.expectAccessiblePage('action-log');
    await page.getByRole('link', { name: 'Consult residents on the DPPO area' }).click();
    await page.getByLabel('In progress').check();
    await page.getByLabel('Update').fill('Consultation letters sent');
    await qa('save').click();
    await page.getByText('Update added').waitFor();
    assert.match(await qa('action-updates').innerText(), /In progress[\s\S]*Consultation letters sent/);
    await session.expectAccessiblePage('action');
  });
});

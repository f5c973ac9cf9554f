/**
 * Papers in a real browser: a Coventry officer uploads a paper to an agenda item, is told what is
 * wrong with a file that is not a paper, publishes the agenda, and finds its public part on the
 * public page, where the confidential item does not appear.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BrowserSession, browserTestOptions, errorSummary, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { pdfOf } from '../helpers/papers.ts';
import { addAgendaItem, scheduleMeeting } from '../helpers/meetings.ts';

describe('papers journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;

  before(async () => {
    session = await startBrowserSession('papers');
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  it('uploads a paper, refuses an impostor, publishes the agenda and shows its public part', async () => {
    const { page, container } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    const coventry = session.partnerships.get('coventry') ?? '';
    const [board] = (await container.governance.groups.list(coventry)).filter((g) => g.name.endsWith('Partnership Board'));
    assert.ok(board);
    const meetingId = await scheduleMeeting(container.meetings, coventry, board.id, '2027-10-14');
    const item = (title: string, confidential: boolean) =>
      addAgendaItem(container.agenda, coventry, meetingId, title, { confidential, presenter: 'Partnership Analyst' });
    await item('Strategic Assessment', false);
    await item('Case review', true);

    await page.goto(`/partnerships/${coventry}/meetings/${meetingId}`);
    await page.getByRole('link', { name: 'Add a paper to Strategic Assessment' }).click();
    await session.expectAccessiblePage('upload-form');

    await page.getByLabel('File').setInputFiles({ name: 'assessment.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a PDF') });
    await page.getByLabel('Title of the paper (optional)').fill('Strategic Assessment 2027');
    await qa('save').click();
    assert.match(await errorSummary(page).innerText(), /The selected file must be a PDF/);
    assert.equal(await page.getByLabel('Title of the paper (optional)').inputValue(), 'Strategic Assessment 2027');
    await session.expectAccessiblePage('upload-refused');

    const pdf = await pdfOf('The Strategic Assessment');
    await page.getByLabel('File').setInputFiles({ name: 'assessment.pdf', mimeType: 'application/pdf', buffer: pdf });
    await qa('save').click();
    await page.getByText('Paper "Strategic Assessment 2027" added').waitFor();
    assert.match(await qa('papers').innerText(), /Strategic Assessment 2027\s+\(PDF, \d+ KB\)/);

    await qa('publish').click();
    await page.getByRole('heading', { level: 1, name: 'Publish the agenda for 14 October 2027?' }).waitFor();
    assert.match(await qa('confirm-recipients').innerText(), /^(An e-mail will go to|Nobody will be e-mailed)/);
    await session.expectAccessiblePage('publish-confirm');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('publish-confirm-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await qa('confirm').click();
    await page.getByText(/Agenda published on .*: its public part is on the public page\. (E-mailed|Nobody was e-mailed)/).waitFor();
    await session.expectAccessiblePage('meeting-published');

    await page.getByRole('link', { name: 'public page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thursday 14 October 2027 at 14:00' }).waitFor();
    const agenda = await qa('public-agenda').innerText();
    assert.match(agenda, /Strategic Assessment 2027/);
    assert.doesNotMatch(agenda, /Case review/);
    // Part II items come last, after the closing business.
    assert.match(agenda, /6\.\s+Date of next meeting[\s\S]*7\.\s+Confidential item \(Part II\): not for publication/);
    await session.expectAccessiblePage('public-meeting');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Strategic Assessment 2027' }).click();
    assert.equal((await download).suggestedFilename(), 'assessment.pdf');

    // Withdrawn with a reason: the public page says so, and shows neither the agenda nor its papers.
    await page.goto(`/partnerships/${coventry}/meetings/${meetingId}`);
    await qa('withdraw').click();
    await page.getByRole('heading', { level: 1, name: 'Withdraw the agenda for 14 October 2027?' }).waitFor();
    await session.expectAccessiblePage('withdraw-confirm');
    await qa('confirm').click();
    assert.match(await errorSummary(page).innerText(), /Enter why the agenda is being withdrawn/);
    await session.expectAccessiblePage('withdraw-no-reason');
    await page.getByLabel('Why is the agenda being withdrawn?').fill('The Strategic Assessment is being revised');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('withdraw-confirm-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await qa('confirm').click();
    await page.getByText(/Agenda withdrawn: the public page now says so, with your reason\./).waitFor();
    await page.getByRole('link', { name: 'public page' }).click();
    assert.match(
      await qa('agenda-withdrawn').innerText(),
      /^This agenda was withdrawn on .*: The Strategic Assessment is being revised\.$/,
    );
    assert.equal(await page.getByRole('link', { name: 'Strategic Assessment 2027' }).count(), 0);
    await session.expectAccessiblePage('public-meeting-withdrawn');
  });
});

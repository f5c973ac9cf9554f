/**
 * A member acts for themselves in a real browser: sends apologies naming a colleague to come instead, declares an
 * interest on an agenda item, and later comments on the circulated draft minutes; the officer finds the apologies on
 * the attendance form, records the interest in the minutes, and resolves the comment.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/platform/principal.ts';
import { type BrowserSession, browserTestOptions, SignInPage, startBrowserSession } from '../helpers/browser.ts';
import { addAgendaItem, scheduleMeeting } from '../helpers/meetings.ts';
import { addPerson } from '../helpers/people.ts';

describe('members journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;
  let signIn: SignInPage;
  let meetingId: string;
  let coventry: string;

  before(async () => {
    session = await startBrowserSession('members');
    const { container } = session;
    coventry = session.partnerships.get('coventry') ?? '';
    const [board] = await container.governance.groups.list(coventry);
    // A board meeting still to come, with an item to declare on; the member is one of the board's seats.
    meetingId = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2030-01-10');
    await addAgendaItem(container.agenda, coventry, meetingId, 'Night-time economy funding');
    const [seat] = await container.governance.membershipsOn(coventry, board?.id ?? '', '2030-01-10');
    assert.ok(seat);
    await addPerson(container.governance, coventry, { name: 'Colin Colleague', email: null, organisationId: seat.organisationId });
    const account = (await container.accounts.listUsers()).find((user) => user.email === session.accounts.member.email);
    await container.governance.linkAccount(systemPrincipal, coventry, seat.personId, account?.id ?? '');
    signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.member.email, session.accounts.member.password);
  });
  after(() => session?.close());

  const qa = (name: string) => session.page.locator(`[data-qa="${name}"]`);
  const meetingPath = () => `/partnerships/${coventry}/meetings/${meetingId}`;
  const switchTo = async (who: 'officer' | 'member') => {
    await signIn.signOut();
    await signIn.signIn(session.accounts[who].email, session.accounts[who].password);
  };

  it('sends apologies with a substitute and declares an interest; the officer sees them on the attendance form and in the minutes', async () => {
    const { page } = session;
    await page.goto(meetingPath());
    await session.expectAccessiblePage('meeting-member');
    await qa('send-apologies').click();
    await session.expectAccessiblePage('apologies-form');
    await page.getByLabel('Who will come in your place (optional)').selectOption({ label: 'Colin Colleague' });
    await page.getByLabel('Note for the officer (optional)').fill('At a court hearing');
    await qa('save').click();
    assert.match(await qa('your-apologies').innerText(), /with Colin Colleague coming in your place/);

    await qa('declare-interest').first().click();
    await session.expectAccessibleStates('interest-form', { errors: true });
    await page.getByRole('group', { name: 'Kind of interest' }).getByLabel('Financial interest').check();
    await page.getByLabel('Nature of the interest').fill('My employer bids for the funding');
    await qa('save').click();
    assert.match(await qa('your-interests').innerText(), /Financial interest, My employer bids for the funding/);
    await session.expectAccessiblePage('meeting-member-acted');
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('meeting-member-acted-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Time passes: the meeting is now under way (moved into the past, as the clock cannot be).
    await session.container.database.db.updateTable('meetings').set({ meetingDate: '2026-01-08' }).where('id', '=', meetingId).execute();
    await switchTo('officer');
    await page.goto(`${meetingPath()}/attendance`);
    const substituteChosen = page.locator('select[id^="substitute-"] option:checked', { hasText: 'Colin Colleague' });
    assert.equal(await substituteChosen.count(), 1, 'the substitute named in the apologies is chosen');
    await session.expectAccessiblePage('attendance-prefilled');

    await page.goto(meetingPath());
    assert.match(await qa('apologies-sent').innerText(), /Colin Colleague as substitute.*At a court hearing/);
    await page.getByRole('link', { name: '“Night-time economy funding”' }).click();
    await session.expectAccessiblePage('item-minutes-declared');
    await qa('record-declared').click();
    await page.getByText('Declaration of interest recorded').waitFor();
    assert.match(await qa('declarations').innerText(), /Financial interest: My employer bids for the funding/);
  });

  it('comments on the circulated minutes, and the officer resolves the comment', async () => {
    const { page, container } = session;
    await container.minutes.circulate(systemPrincipal, coventry, meetingId, (await container.minutes.life(coventry, meetingId)).version);
    await switchTo('member');
    await page.goto(meetingPath());
    await qa('comment-on-minutes').click();
    await session.expectAccessibleStates('comment-form', { errors: true });
    await page.getByLabel('What your comment is about').selectOption({ label: '4. Night-time economy funding' });
    await page.getByLabel('Your comment', { exact: true }).fill('Please say the bid was from my employer');
    await qa('send-comment').click();
    await page.getByText('Comment sent to the officer').waitFor();

    await switchTo('officer');
    await page.goto(`${meetingPath()}/minutes/comments`);
    await session.expectAccessiblePage('comments-officer');
    await qa('resolve').click();
    await session.expectAccessiblePage('resolve-errors');
    await page.getByLabel('Resolved: changed the minutes').check();
    await page.getByRole('textbox', { name: /Note for/ }).fill('Item 4 now says so');
    await qa('resolve').click();
    await page.getByText('Comment resolved').waitFor();
    assert.match(await qa('resolution').innerText(), /Resolved: changed the minutes Item 4 now says so/);
    await page.setViewportSize({ width: 375, height: 800 });
    await session.expectAccessiblePage('comments-resolved-phone');
  });
});

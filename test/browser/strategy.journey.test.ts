/**
 * The strategy in a real browser: a Coventry officer records the 2016/17 strategic assessment, sets a
 * priority owned by a sub-group and a cross-cutting one, adds an objective and an action of the plan,
 * and finds that action in the sub-group's action log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserSession,
  browserTestOptions,
  errorSummary,
  fillDate,
  SignInPage,
  startBrowserSession,
  tableRows,
} from '../helpers/browser.ts';
import { pdfOf } from '../helpers/papers.ts';

const harmReduction = 'Coventry Harm Reduction and Vulnerable Victims Forum';
const priorityTitle = 'Domestic abuse, sexual violence, hate crime and modern day slavery';
const objectiveTitle = 'Reduce repeat victims of domestic violence and abuse';
const actionText = 'Review every repeat referral at the Forum';

describe('strategy journey in a browser', browserTestOptions(), () => {
  let session: BrowserSession;

  before(async () => {
    session = await startBrowserSession('strategy');
    const signIn = new SignInPage(session.page);
    await signIn.open();
    await signIn.signIn(session.accounts.officer.email, session.accounts.officer.password);
  });
  after(() => session?.close());

  it('records an assessment, its priorities and the plan, whose action reaches the action log', async () => {
    const { page } = session;
    const qa = (name: string) => page.locator(`[data-qa="${name}"]`);
    const coventry = session.partnerships.get('coventry') ?? '';

    await page.goto(`/partnerships/${coventry}`);
    await page.getByRole('link', { name: 'Strategy', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Strategy' }).waitFor();
    await session.expectAccessiblePage('strategy-empty');

    await qa('add-assessment').click();
    await page.getByLabel('Title').fill('Coventry Community Safety Strategic Assessment 2016/17');
    await qa('save').click();
    assert.match(await errorSummary(page).innerText(), /Enter the financial year starting[\s\S]*Enter a summary[\s\S]*Enter the findings/);
    assert.equal(await page.getByLabel('Title').inputValue(), 'Coventry Community Safety Strategic Assessment 2016/17');
    await session.expectAccessiblePage('assessment-errors');
    await page.getByLabel('Financial year starting').fill('2016');
    await page
      .getByLabel('Summary')
      .fill('Created by West Midlands Police analysts on behalf of the CSP, informed by local data, members and the public survey.');
    await page.getByLabel('Findings').fill('Domestic abuse remains the largest source of harm.\nHate crime reports are stable.');
    await qa('save').click();
    await page.getByText('Strategic assessment added').waitFor();
    await session.expectAccessiblePage('assessment');

    await qa('add-document').click();
    await page
      .getByLabel('File')
      .setInputFiles({ name: 'Strategic Assessment.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Assessment') });
    await session.expectAccessiblePage('document-form');
    await qa('save').click();
    await page.getByText('Document "Strategic Assessment.pdf" added').waitFor();
    assert.match(await qa('documents').innerText(), /Strategic Assessment\s+\(PDF, \d+ KB/);

    await qa('add-priority').click();
    assert.match(await page.getByLabel('Strategic assessment').locator('option:checked').innerText(), /2016\/17/);
    await page.getByLabel('Priority', { exact: true }).fill(priorityTitle);
    await page.getByLabel('Owned by a sub-group').check();
    await page.getByLabel('Group', { exact: true }).selectOption({ label: harmReduction });
    await session.expectAccessiblePage('priority-form');
    await qa('save').click();
    await page.getByText('Priority added').waitFor();

    await qa('add-priority').click();
    await page.getByLabel('Priority', { exact: true }).fill('Road safety');
    await page.getByLabel('Cross-cutting: owned collectively by the partnership').check();
    await qa('save').click();
    await page.getByText('Priority added').waitFor();
    assert.deepEqual(await tableRows(qa('priorities')), [
      [priorityTitle, harmReduction],
      ['Road safety', 'Cross-cutting: owned collectively by the partnership'],
    ]);
    await session.expectAccessiblePage('assessment-with-priorities');

    await page.getByRole('link', { name: priorityTitle }).click();
    await session.expectAccessiblePage('priority');
    await qa('add-objective').click();
    await page.getByLabel('Objective', { exact: true }).fill(objectiveTitle);
    await qa('save').click();
    await page.getByText('Objective added').waitFor();

    await page.getByRole('link', { name: `Add an action to ${objectiveTitle}` }).click();
    assert.match(await page.locator('main').innerText(), new RegExp(`goes into the action log of the ${harmReduction}`));
    await page.getByLabel('Action', { exact: true }).fill(actionText);
    await page.getByRole('radio', { name: 'An organisation' }).check();
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Coventry City Council' });
    await fillDate(page, 'Due date (optional)', { day: '31', month: '12', year: '2016' });
    await session.expectAccessiblePage('plan-action-form');
    await qa('save').click();
    await page.getByText(`Action added to the action log of the ${harmReduction}`).waitFor();
    assert.match((await tableRows(qa('open-actions')))[0]?.join(' | ') ?? '', new RegExp(`${actionText} \\| Coventry City Council`));
    await session.expectAccessiblePage('priority-with-action');

    await page.getByRole('link', { name: objectiveTitle, exact: true }).click();
    assert.match(await page.locator('main table').innerText(), new RegExp(`${actionText}\\s+Coventry City Council`));
    await session.expectAccessiblePage('objective');
    await page.goBack();

    await page.getByRole('link', { name: 'Strategic assessment 2016/17' }).first().click();
    await qa('plan-link').click();
    await page.getByRole('heading', { level: 1, name: 'Community safety plan 2016/17' }).waitFor();
    assert.match(await qa('plan').innerText(), new RegExp(`1\\. ${priorityTitle}[\\s\\S]*1\\.1 ${objectiveTitle}[\\s\\S]*${actionText}`));
    await session.expectAccessiblePage('plan');

    await page.goto(`/partnerships/${coventry}/actions`);
    const row = (await tableRows(qa('action-log'))).find((cells) => cells[0] === actionText);
    assert.deepEqual(row?.slice(4), [harmReduction, 'Community safety plan']);
    await session.expectAccessiblePage('action-log');
    await page.getByRole('link', { name: actionText }).click();
    assert.match(await qa('action-summary').innerText(), new RegExp(`${harmReduction}: an action of the community safety plan`));
    await session.expectAccessiblePage('plan-action');
  });
});

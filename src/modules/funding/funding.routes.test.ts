import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import type { Container } from '../../container.ts';
import { todayInEngland } from '../../platform/clock.ts';
import { financialYearStart } from '../../platform/dates.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemoFunding } from './demo/funding.seed.ts';
import { returnsStanding } from './position.ts';

const password = 'a long enough password';

describe('funding pages for a Coventry officer', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let base = '';
  const suite = suiteScope();

  before(async () => {
    ({ app, container, client: officer, coventry } = await build(suite, { as: 'officer' }));
    await seedDemoFunding(container, coventry);
    base = `/partnerships/${coventry}/funding`;
  });

  /** A user of Safer holding one role, signed in. */
  async function signedInAs(email: string, grant: (userId: string) => Promise<void>): Promise<Browser> {
    const userId = await container.accounts.createUser(systemPrincipal, { email, name: email, password, isAdmin: false });
    await grant(userId);
    const browser = new Browser(app);
    await browser.signIn(email, password);
    return browser;
  }

  /** The released allocations of 2016/17, by reference. */
  async function released2016() {
    const { allocations } = await container.funding.year(coventry, 2016);
    return allocations.filter((allocation) => allocation.state === 'released').sort((a, b) => a.reference - b.reference);
  }

  it('shows the year’s grant, its change on last year and what is left to allocate', async () => {
    const list = await officer.get(base);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="${base}/2016-17">Funding 2016/17</a>`));
    const page = await officer.get(`${base}/2016-17`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Funding 2016\/17<\/h1>/);
    assert.match(page.body, /West Midlands Police and Crime Commissioner/);
    assert.match(page.body, /−£136,576 \(−25%\) on 2015\/16’s £546,304/);
    assert.match(page.body, /£82,750/);
    assert.match(page.body, /data-qa="available">£492,478</);
    assert.match(page.body, /Support for Victims &amp; Vulnerable People/);
    assert.match(page.body, /Released by the chair/);
    assert.match(page.body, /data-qa="unallocated">Nothing is left to allocate</);
    assert.match(page.body, /href="[^"]*\/2016-17\/spend\/q1">Enter spend for Quarter 1, 2016\/17/);
  });

  it('records a grant, refusing one that is not money with the problem next to its field', async () => {
    const form = { yearStarting: '2017', funder: 'West Midlands PCC', amount: '400,000', previousAmount: '', carryOver: '0', notes: '' };
    const wrong = await officer.post(base, { ...form, amount: 'lots' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /id="amount-error"[\s\S]*Grant for the year must be an amount of money/);
    assert.match(wrong.body, /value="lots"/);
    assert.match(wrong.body, /value="West Midlands PCC"/);
    const saved = await officer.post(base, form);
    assert.equal(saved.statusCode, 302);
    assert.equal(saved.headers.location, `${base}/2017-18`);
    const page = await officer.get(`${base}/2017-18`);
    assert.match(page.body, /Grant for 2017\/18 recorded/);
    assert.match(page.body, /Funding 2017\/18/);
    assert.match(page.body, /−£9,728 \(−2\.4%\) on 2016\/17’s £409,728/);
    assert.match(page.body, /data-qa="allocated">£0</);
    assert.match(page.body, /data-qa="unallocated">£400,000</);
    // The grant's form shows its money as a person would type it.
    const edit = await officer.get(`${base}/2017-18/edit`);
    assert.match(edit.body, /name="amount" type="text" value="400,000"/);
  });

  it('refuses an allocation past the money available next to Amount, keeping what was typed', async () => {
    const form = {
      theme: 'Road safety',
      purpose: 'Average speed cameras on the ring road',
      granteeKind: 'organisation',
      grantee: 'West Midlands Police',
      amount: '400,000.01',
    };
    const over = await officer.post(`${base}/2017-18/allocations`, form);
    assert.equal(over.statusCode, 400);
    assert.match(over.body, /id="amount-error"[\s\S]*This would allocate £0.01 more than the £400,000 available for 2017\/18/);
    assert.match(over.body, /value="400,000.01"/);
    assert.match(over.body, /Average speed cameras on the ring road<\/textarea>/);
    assert.match(over.body, /value="West Midlands Police"/);
    const proposed = await officer.post(`${base}/2017-18/allocations`, { ...form, amount: '1,500.50' });
    assert.equal(proposed.statusCode, 302);
    const page = await officer.get(String(proposed.headers.location));
    assert.match(page.body, /Allocation 1 proposed/);
    assert.match(page.body, /data-qa="allocated">£1,500.50</);
    assert.match(page.body, /data-qa="unallocated">£398,499.50</);
    // The board's agreement: nothing chosen is refused next to the decision, with the allocations as ticked.
    const [allocation] = (await container.funding.year(coventry, 2017)).allocations;
    assert.ok(allocation);
    const agreePage = await officer.get(`${base}/2017-18/agree`);
    assert.equal(agreePage.statusCode, 200);
    assert.match(agreePage.body, new RegExp(`value="${allocation.id}" checked`));
    const noDecision = await officer.post(`${base}/2017-18/agree`, { decisionId: '', allocationIds: allocation.id });
    assert.equal(noDecision.statusCode, 400);
    assert.match(noDecision.body, /id="decisionId-error"/);
    assert.match(noDecision.body, new RegExp(`value="${allocation.id}" checked`));
    const [decision] = await container.funding.boardDecisions(coventry);
    assert.ok(decision);
    const agreed = await officer.post(`${base}/2017-18/agree`, { decisionId: decision.id, allocationIds: allocation.id });
    assert.equal(agreed.statusCode, 302);
    assert.match((await officer.get(String(agreed.headers.location))).body, /1 allocation agreed by the board/);
  });

  it('offers no Withdraw for an allocation the board agreed, and refuses one posted with why', async () => {
    const agreed = (await container.funding.year(coventry, 2017)).allocations.find((a) => a.state === 'agreed');
    assert.ok(agreed, 'the allocation agreed by the board above');
    const href = `${base}/2017-18/allocations/${agreed.id}`;
    const page = await officer.get(href);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Agreed by the board/);
    assert.doesNotMatch(page.body, /data-qa="withdraw"/);
    const confirm = await officer.get(`${href}/withdraw`);
    assert.doesNotMatch(confirm.body, /data-qa="withdraw-form"/);
    assert.match(confirm.body, /only the board can change or take it back/);
    const posted = await officer.post(`${href}/withdraw`, { version: String(agreed.version) });
    assert.equal(posted.statusCode, 302);
    assert.equal(posted.headers.location, href);
    const after = await officer.get(href);
    assert.match(after.body, /The board has agreed this allocation, so only the board can change or take it back/);
    assert.equal((await container.funding.allocation(coventry, 2017, agreed.id)).allocation.state, 'agreed');
  });

  it('refuses spend that is not money next to its input, keeping everything typed', async () => {
    const [first, second] = await released2016();
    assert.ok(first && second);
    const url = `${base}/2016-17/spend/q1`;
    const form = await officer.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`<label class="govuk-label govuk-visually-hidden" for="spent-${first.id}">`));
    const wrong = await officer.post(url, {
      [`spent-${first.id}`]: 'about a grand',
      [`forecast-${first.id}`]: '39,000',
      [`spent-${second.id}`]: '8,750.25',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, new RegExp(`id="spent-${first.id}-error"[\\s\\S]*&quot;about a grand&quot; is not an amount of money`));
    assert.match(wrong.body, /value="about a grand"/);
    assert.match(wrong.body, /value="39,000"/);
    assert.match(wrong.body, /value="8,750.25"/);
    assert.equal((await released2016())[1]?.spend.length, 0);
    const saved = await officer.post(url, { [`spent-${first.id}`]: '9,000', [`spent-${second.id}`]: '8,750.25' });
    assert.equal(saved.statusCode, 302);
    const [afterFirst, afterSecond] = await released2016();
    assert.deepEqual(afterFirst?.spend, [{ quarter: 1, spent: 900_000, forecast: null }]);
    assert.deepEqual(afterSecond?.spend, [{ quarter: 1, spent: 875_025, forecast: null }]);
    // What is stored is shown again as typed.
    assert.match((await officer.get(url)).body, /value="8,750.25"/);
    // A form left blank saves nothing, and says so.
    const blank = await officer.post(`${base}/2016-17/spend/q3`, { [`spent-${first.id}`]: '', [`forecast-${first.id}`]: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.match(
      blank.body,
      new RegExp(`govuk-error-summary[\\s\\S]*href="#spent-${first.id}">Enter the spend for at least one allocation<`),
    );
    assert.ok(!(await released2016()).some((allocation) => allocation.spend.some((entry) => entry.quarter === 3)));
    const report = await officer.get(`${base}/2016-17/reports/q1`);
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Financial report, Quarter 1, 2016\/17/);
    assert.match(report.body, /£17,750.25/);
    assert.match(report.body, /−£136,576 \(−25%\) on 2015\/16’s £546,304/);
    // The year is over: every other quarter's report is offered.
    for (const quarter of [2, 3, 4]) assert.match(report.body, new RegExp(`href="${base}/2016-17/reports/q${quarter}">`));
  });

  it('asks for the reason and a confirmation before saving spend beyond an allocation, keeping what was typed', async () => {
    const [first] = await released2016();
    assert.ok(first);
    const url = `${base}/2016-17/spend/q1`;
    const typo = { [`spent-${first.id}`]: '99,999,999' };
    const warned = await officer.post(url, typo);
    assert.equal(warned.statusCode, 400);
    assert.match(warned.body, /This return takes allocation 1 to £99,999,999, £99,960,999 past its £39,000\./);
    assert.match(warned.body, /href="#beyondAllocationReason">Enter the reason for spending beyond the allocation</);
    assert.match(warned.body, /href="#beyondAllocationConfirmed">Confirm the spend beyond the allocation is right</);
    assert.match(warned.body, /value="99,999,999"/);
    const unconfirmed = await officer.post(url, { ...typo, beyondAllocationReason: 'Extra sessions agreed by the funder' });
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, />Extra sessions agreed by the funder</);
    assert.doesNotMatch(unconfirmed.body, /Enter the reason for spending beyond the allocation/);
    assert.deepEqual((await released2016())[0]?.spend, [{ quarter: 1, spent: 900_000, forecast: null }], 'nothing saved yet');
    const confirmed = await officer.post(url, {
      ...typo,
      beyondAllocationReason: 'Extra sessions agreed by the funder',
      beyondAllocationConfirmed: 'yes',
    });
    assert.equal(confirmed.statusCode, 302);
    const report = await officer.get(`${base}/2016-17/reports/q1`);
    assert.match(report.body, /£99,960,999 overspent/);
    // Put back as it was, for the figures the later steps check.
    assert.equal((await officer.post(url, { [`spent-${first.id}`]: '9,000' })).statusCode, 302);
  });

  it('imports nothing from a CSV with a bad row, and names the line', async () => {
    const [first, second] = await released2016();
    assert.ok(first && second);
    const url = `${base}/2016-17/spend-import`;
    const csv = `reference,quarter,spent\r\n${first.reference},Q2,100\r\n${second.reference},Q2,lots\r\n`;
    const refused = await officer.upload(url, {}, { name: 'spend.csv', content: Buffer.from(csv) });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Line 3: spent: &quot;lots&quot; is not an amount of money/);
    assert.match(refused.body, /nothing was imported/);
    assert.match(refused.body, /id="file-error"[\s\S]*Line 3/);
    assert.ok(!(await released2016())[0]?.spend.some((entry) => entry.quarter === 2));
    const ansi = await officer.upload(
      url,
      {},
      { name: 'spend.csv', content: Buffer.from('reference,quarter,spent\r\n1,Q2,\xa3100\r\n', 'latin1') },
    );
    assert.equal(ansi.statusCode, 400);
    assert.match(ansi.body, /The file must be saved as CSV UTF-8/);
    const good = await officer.upload(url, { importValidRows: 'yes' }, { name: 'spend.csv', content: Buffer.from(csv) });
    assert.equal(good.statusCode, 302);
    assert.match((await officer.get(String(good.headers.location))).body, /1 spend return imported\. 1 row with problems was left out\./);
    const template = await officer.get(`${base}/2016-17/spend/q2/template.csv`);
    assert.match(String(template.headers['content-type']), /text\/csv/);
    assert.match(template.body, /reference,purpose,quarter,spent,forecast/);
  });

  it('answers 404 for a year or quarter that is not one', async () => {
    for (const url of [
      `${base}/2016-18`,
      `${base}/2016`,
      `${base}/16-17`,
      `${base}/2031-32`,
      `${base}/2016-17/spend/q5`,
      `${base}/2016-17/spend/Q1x`,
      `${base}/2016-17/reports/q0`,
      `${base}/2016-17/reports/q1/files/report.xls`,
      `${base}/2016-17/allocations/no-such-allocation`,
      `${base}/2016-18/edit`,
      `${base}/2016-18/allocations/new`,
      `${base}/2016-17/spend/q5/template.csv`,
      `${base}/2016-17/reports/q7/attach`,
    ]) {
      assert.equal((await officer.get(url)).statusCode, 404, url);
    }
    // Posted to, too: the page is not found, whatever the form says.
    const posted = await officer.post(`${base}/2016-18/agree`, { decisionId: 'x', allocationIds: 'y' });
    assert.equal(posted.statusCode, 404);
    assert.match(posted.body, /Page not found/);
  });

  it('shows the year end with its underspend', async () => {
    const page = await officer.get(`${base}/2016-17/year-end`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Year end: 2016\/17/);
    // The seed allocates all the £492,478 available (£409,728 and £82,750 carried over) and returns no spend;
    // the tests above returned £9,000 and £8,750.25 in Q1 and £100 in Q2: £17,850.25. £492,478 less that is £474,627.75.
    const totals = page.body.slice(page.body.indexOf('data-qa="totals"'));
    assert.match(totals, /Allocated but not spent\s*<\/dt>\s*<dd[^>]*>\s*£474,627.75\s*</);
    assert.match(totals, /Never allocated\s*<\/dt>\s*<dd[^>]*>\s*£0\s*</);
    // Built on missing returns, the underspend is provisional and names them; no carry-over is offered until they are in.
    assert.match(totals, /Total underspend \(provisional: returns missing\)\s*<\/dt>\s*<dd[^>]*>\s*<strong>£474,627.75<\/strong>/);
    assert.match(page.body, /data-qa="provisional"[\s\S]*Provisional: \d+ spend returns are missing/);
    assert.match(page.body, /Spend returns missing/);
    assert.doesNotMatch(page.body, /data-qa="request-carry-over"/);
    const underspend = page.body.slice(page.body.indexOf('data-qa="underspend"'), page.body.indexOf('data-qa="totals"'));
    assert.match(underspend, /<strong>£492,478<\/strong>[\s\S]*<strong>£17,850.25<\/strong>[\s\S]*<strong>£474,627.75<\/strong>/);
  });

  it('shows the funder every partnership of the area, and refuses a member', async () => {
    const [partnership] = await container.governance.partnerships.list(null, { id: coventry });
    const areaId = partnership?.areaId ?? '';
    const overseer = await signedInAs('overseer@example.com', (userId) =>
      container.accounts.grantRole(systemPrincipal, userId, 'overseer', { partnershipId: null, areaId }),
    );
    // The latest year with a grant, unless another is asked for.
    const latest = await overseer.get(`/areas/${areaId}/funding`);
    assert.equal(latest.statusCode, 200);
    assert.match(latest.body, /Funding in [^<]*, 2017\/18/);
    assert.match(latest.body, new RegExp(`href="/areas/${areaId}/funding\\?year=2016-17">2016/17</a>`));
    const area = await overseer.get(`/areas/${areaId}/funding?year=2016-17`);
    assert.match(area.body, /Funding in [^<]*, 2016\/17/);
    assert.match(area.body, new RegExp(`href="${base}/2016-17">`));
    assert.match(area.body, /£409,728/);
    assert.match(area.body, /£17,850.25 \(latest return: Q2\)/);
    // The carry-over into next year is told apart from the carry-over from last year.
    assert.match(area.body, />Carry-over from last year</);
    assert.match(area.body, />Allocated \(including proposals\)</);
    assert.match(area.body, />Carry-over into 2017\/18: asked</);
    assert.match(area.body, />Carry-over into 2017\/18: agreed</);
    assert.match(area.body, />\s*Not asked\s*<[\s\S]*>\s*Not asked\s*</);
    const csv = await overseer.get(`/areas/${areaId}/funding/download.csv?year=2016-17`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(
      csv.body,
      /Partnership,Grant,Carry-over from last year,Money available,Allocated \(including proposals\),Released,Spent to date,Spend returned to,Carry-over into 2017\/18: asked,Carry-over into 2017\/18: agreed,Carry-over into 2017\/18: the funder’s decision\r?\n/,
    );
    assert.match(csv.body, /,409728\.00,82750\.00,492478\.00,492478\.00,492478\.00,17850\.25,Q2,,,Not asked\r?\n/);
    // A request waits for the funder: the agreed column does not say none was asked. It needs every return first:
    // each one still missing is sent as nothing spent, quarter by quarter.
    const { missing } = returnsStanding((await container.funding.report(coventry, 2016, 4)).position);
    for (const quarter of [1, 2, 3, 4] as const) {
      const nothingSpent = Object.fromEntries(
        missing.filter((line) => line.quarters.includes(quarter)).map((line) => [`spent-${line.id}`, '0']),
      );
      if (Object.keys(nothingSpent).length)
        assert.equal((await officer.post(`${base}/2016-17/spend/q${quarter}`, nothingSpent)).statusCode, 302);
    }
    const asked = await officer.post(`${base}/2016-17/carry-over`, { amount: '100,000', reason: 'Commissioning slipped a quarter' });
    assert.equal(asked.statusCode, 302);
    const waiting = await overseer.get(`/areas/${areaId}/funding?year=2016-17`);
    assert.match(waiting.body, />\s*£100,000\s*<\/td>\s*<td[^>]*>\s*Waiting for the funder\s*</);
    assert.doesNotMatch(waiting.body, /Not asked/);
    const waitingCsv = await overseer.get(`/areas/${areaId}/funding/download.csv?year=2016-17`);
    assert.match(waitingCsv.body, /,17850\.25,Q4,100000\.00,,Requested: waiting for the funder\r?\n/);
    assert.equal((await overseer.get(`/areas/${areaId}/funding?year=2016-2017`)).statusCode, 404);
    // The funder sees the partnership's funding, and is offered the way back to the area; home leads to the area too.
    assert.match((await overseer.get(base)).body, new RegExp(`href="/areas/${areaId}/funding"`));
    assert.match((await overseer.get('/')).body, new RegExp(`href="/areas/${areaId}/funding">Funding across `));

    const member = await signedInAs('member@example.com', (userId) =>
      container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null }),
    );
    assert.equal((await member.get(`/areas/${areaId}/funding`)).statusCode, 403);
    assert.equal((await member.get(`/areas/${areaId}/funding/download.csv`)).statusCode, 403);
    assert.equal((await member.get(`${base}/2016-17`)).statusCode, 200);
    assert.doesNotMatch((await member.get('/')).body, /Areas you oversee/);
    assert.equal((await member.get(`${base}/2016-17/spend/q1`)).statusCode, 403);
  });

  it('leaves the bracket out of the change on last year when last year’s grant was £0', async () => {
    // 2015/16, before the seeded year: a grant where last year's was nothing, so no percentage can be given.
    const saved = await officer.post(base, {
      yearStarting: '2015',
      funder: 'West Midlands PCC',
      amount: '546,304',
      previousAmount: '0',
      carryOver: '0',
      notes: '',
    });
    assert.equal(saved.statusCode, 302);
    const report = await officer.get(`${base}/2015-16/reports/q1`);
    assert.equal(report.statusCode, 200);
    assert.doesNotMatch(report.body, /No comparison/);
    assert.match(report.body, /Change on last year\s*<\/dt>\s*<dd[^>]*>\s*\+£546,304 on 2014\/15’s £0\s*</);
  });

  it('offers no spend or report for a quarter not yet begun', async () => {
    // Next financial year (from 1 April, in England): none of its quarters has begun.
    const next = Number(financialYearStart(todayInEngland({ now: () => new Date() })).slice(0, 4)) + 1;
    const slug = `${next}-${String((next + 1) % 100).padStart(2, '0')}`;
    const saved = await officer.post(base, {
      yearStarting: String(next),
      funder: 'West Midlands PCC',
      amount: '400,000',
      previousAmount: '',
      carryOver: '0',
      notes: '',
    });
    assert.equal(saved.statusCode, 302);
    const year = await officer.get(`${base}/${slug}`);
    assert.equal(year.statusCode, 200);
    assert.doesNotMatch(year.body, new RegExp(`${slug}/(spend|reports)/q`));
    assert.equal((await officer.get(`${base}/${slug}/spend/q1`)).statusCode, 404);
    assert.equal((await officer.post(`${base}/${slug}/spend/q1`, {})).statusCode, 404);
    assert.equal((await officer.get(`${base}/${slug}/reports/q1`)).statusCode, 404);
    const importPage = await officer.get(`${base}/${slug}/spend-import`);
    assert.equal(importPage.statusCode, 200);
    assert.doesNotMatch(importPage.body, /template\.csv/);
    // The year end shows the money available so far, as no quarter 4 report exists yet.
    const yearEnd = await officer.get(`${base}/${slug}/year-end`);
    assert.equal(yearEnd.statusCode, 200);
    assert.match(yearEnd.body, /The year has not ended yet/);
    assert.match(yearEnd.body, /<strong>£400,000<\/strong>/);
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { systemClock, todayInEngland } from '../../platform/clock.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { addDays } from '../../platform/workingDays.ts';
import type { Email } from '../notifications/index.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import { addMember, addPerson, appointChair } from '../../../test/helpers/people.ts';

const today = todayInEngland(systemClock);

describe('the steps on a meeting page that ask first, for a Coventry officer', () => {
  const scope = suiteScope();
  const mailer = { sent: [] as Email[], send: (email: Email) => Promise.resolve(void mailer.sent.push(email)) };
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let groupId: string;

  before(async () => {
    let boardId: string;
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer', mailer }));
    groupId = await container.governance.groups.create(systemPrincipal, coventry, { name: 'Steps Test Group', parentId: boardId });
    const [organisation] = await container.governance.organisations.list(coventry);
    const organisationId = organisation?.id ?? '';
    for (const [name, email] of [
      ['Tia Told', 'tia.told@example.org'],
      ['Noel Noaddress', null],
    ] as const) {
      const personId = await addPerson(container.governance, coventry, { name, email, organisationId });
      await addMember(container.governance, coventry, { groupId, personId, organisationId, role: 'member' });
    }
  });

  const meetingOn = async (meetingDate: string) => {
    const id = await scheduleMeeting(container.meetings, coventry, groupId, meetingDate);
    return { id, base: `/partnerships/${coventry}/meetings/${id}` };
  };
  const willTell =
    /An e-mail will go to 1 person: Tia Told\. No e-mail address is held for 1 person, so they will not be told: Noel Noaddress\./;
  const told = /E-mailed 1 person: Tia Told\. No e-mail address is held for 1 person, so they were not told: Noel Noaddress\./;

  it('offers no attendance or minutes for a meeting still to come, and says from when', async () => {
    const ahead = addDays(today, 14);
    const { base } = await meetingOn(ahead);
    const page = (await officer.get(base)).body;
    assert.doesNotMatch(page, /data-qa="record-attendance"|data-qa="circulate"|data-qa="approve"|data-qa="record-held"/);
    assert.match(
      page,
      new RegExp(`This meeting starts on ${describeWhen(ahead, '14:00')}: its attendance and minutes can be recorded from then\\.`),
    );
    assert.match(page, /The minutes can be written, circulated and approved once the meeting has started/);
    const refused = await officer.post(`${base}/minutes/circulate`, { version: '1' });
    assert.equal(refused.statusCode, 302);
    assert.match((await officer.get(base)).body, /This meeting starts on [^<]*: its attendance and minutes can be recorded from then/);
  });

  it('does not choose the kind of a new meeting for the user', async () => {
    const form = (await officer.get(`/partnerships/${coventry}/meetings/new`)).body;
    assert.match(form, /name="kind"/);
    assert.doesNotMatch(form, /name="kind"[^>]*checked/);
  });

  it('publishes the agenda after a page that says what happens and whom it e-mails, then says whom', async () => {
    const { base } = await meetingOn(addDays(today, 21));
    assert.match((await officer.get(base)).body, new RegExp(`href="${base}/publish"[^>]*data-qa="publish"`));
    const asked = await officer.get(`${base}/publish`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Publish the agenda for [^<]*\?<\/h1>/);
    // What will happen follows who can be told: one member has no address.
    assert.match(asked.body, /Members with an e-mail address are e-mailed a link to the agenda\./);
    assert.doesNotMatch(asked.body, /The group’s members are e-mailed/);
    assert.match(asked.body, willTell);
    assert.match((await officer.get(base)).body, /The agenda has not been published/, 'asking is not publishing');

    assert.equal((await officer.post(`${base}/publish`, {})).statusCode, 302);
    const page = (await officer.get(base)).body;
    assert.match(page, new RegExp(`Agenda published on ${formatDate(today)}: its public part is on the public page\\. ${told.source}`));
    assert.doesNotMatch(page, /data-qa="publish"/);
    assert.match(page, /data-qa="withdraw"/);
    await container.notifications.runDueJobs();
    assert.deepEqual(
      mailer.sent.filter((e) => e.subject.startsWith('Agenda and papers published')).map((e) => e.to),
      ['tia.told@example.org'],
    );
  });

  it('does not offer publishing once the meeting is held, and a page asked for anyway says why', async () => {
    const { id, base } = await meetingOn('2026-10-15');
    assert.match((await officer.get(base)).body, /data-qa="publish"/);
    await container.meetings.recordHeld(systemPrincipal, coventry, id, 1);
    assert.doesNotMatch((await officer.get(base)).body, /data-qa="publish"/);
    const asked = await officer.get(`${base}/publish`);
    assert.equal(asked.statusCode, 302);
    assert.match((await officer.get(base)).body, /This meeting has been held, so its agenda is settled/);
    await officer.post(`${base}/publish`, {});
    assert.match((await officer.get(base)).body, /This meeting has been held, so its agenda is settled/);
    assert.equal((await container.meetings.get(coventry, id)).meeting.publishedAt, null);
  });

  it('withdraws a published agenda only with a reason, which the public page then gives, without the agenda or papers', async () => {
    const { id, base } = await meetingOn(addDays(today, 28));
    const itemId = await addAgendaItem(container.agenda, coventry, id, 'Night-time economy');
    await officer.upload(`${base}/items/${itemId}/papers`, { title: 'NTE report' }, { name: 'nte.pdf', content: await pdfOf('NTE') });
    await officer.post(`${base}/publish`, {});
    const publicBase = `/public${base}`;
    const visitor = new Browser(app);
    assert.match((await visitor.get(publicBase)).body, /NTE report/);
    assert.match((await visitor.get('/public/search?q=Night-time')).body, /Night-time economy/);

    const asked = await officer.get(`${base}/withdraw`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Withdraw the agenda for [^<]*\?<\/h1>/);
    assert.match(asked.body, /Why is the agenda being withdrawn\?/);
    assert.match(asked.body, willTell);
    assert.match(asked.body, /Members with an e-mail address are e-mailed that it was withdrawn, with your reason\./);
    const noReason = await officer.post(`${base}/withdraw`, { reason: '  ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /govuk-error-summary/);
    assert.match(noReason.body, /Enter why the agenda is being withdrawn/);
    assert.equal((await container.meetings.get(coventry, id)).meeting.agendaWithdrawnAt, null);
    const hidden = await officer.post(`${base}/withdraw`, { reason: 'Wrong\u0000figures' });
    assert.equal(hidden.statusCode, 400, 'a hidden character is refused as in any text, not a 500');
    assert.match(hidden.body, /govuk-error-summary/);

    const reason = 'The report went out with the wrong figures.';
    assert.equal((await officer.post(`${base}/withdraw`, { reason })).statusCode, 302);
    const page = (await officer.get(base)).body;
    assert.match(page, new RegExp(`Agenda withdrawn: the public page now says so, with your reason\\. ${told.source}`));
    // The reason ends with its own full stop: the sentence about it does not add another.
    assert.match(page, /withdrawn on [^:]+: The report went out with the wrong figures\. The public page says so\./);
    assert.doesNotMatch(page, /figures\.\./);
    assert.match(page, /data-qa="publish"[^>]*>\s*Publish agenda again/);

    const publicPage = (await visitor.get(publicBase)).body;
    assert.match(
      publicPage,
      new RegExp(`This agenda was withdrawn on ${formatDate(today)}: The report went out with the wrong figures\\.</div>`),
    );
    assert.doesNotMatch(publicPage, /NTE report|Night-time economy|data-qa="public-pack"/);
    assert.equal((await visitor.get(`${publicBase}/agenda-pack.pdf`)).statusCode, 404);
    const paperId = /papers\/([0-9a-f-]{36})/.exec((await officer.get(base)).body)?.[1] ?? '';
    assert.equal((await visitor.get(`${publicBase}/papers/${paperId}`)).statusCode, 404);
    assert.match((await visitor.get('/public/search?q=Night-time')).body, /Nothing was found/, 'the public search forgets it too');

    const audit = await container.audit.list({ entityType: 'meeting' }, { limit: 100, offset: 0 });
    assert.ok(
      audit.rows.some((entry) => entry.summary.includes(`Withdrew the agenda of Steps Test Group`) && entry.summary.endsWith(reason)),
    );
    await container.notifications.runDueJobs();
    const withdrawal = mailer.sent.find((e) => e.subject.startsWith('Agenda withdrawn'));
    assert.equal(withdrawal?.to, 'tia.told@example.org');
    assert.match(withdrawal?.text ?? '', new RegExp(`The reason given: ${reason}`));

    await officer.post(`${base}/publish`, {});
    assert.doesNotMatch((await visitor.get(publicBase)).body, /This agenda was withdrawn/, 'published again');
  });

  it('circulates the minutes after saying that it e-mails the members, then names them; the chair signs after a page that asks', async () => {
    const { id, base } = await meetingOn('2026-10-15');
    const { id: next } = await meetingOn('2026-11-19');
    assert.match((await officer.get(base)).body, new RegExp(`href="${base}/minutes/circulate"[^>]*data-qa="circulate"`));
    const asked = await officer.get(`${base}/minutes/circulate`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Circulate the minutes of 15 October 2026\?/);
    assert.match(asked.body, willTell);
    assert.match(asked.body, /name="version" value="1"/);
    assert.equal((await officer.post(`${base}/minutes/circulate`, { version: '1' })).statusCode, 302);
    assert.match(
      (await officer.get(base)).body,
      /Minutes marked as circulated\. E-mailed 1 person: Tia Told\. No e-mail address is held for 1 person, so they were not told: Noel Noaddress\./,
    );
    await container.notifications.runDueJobs();
    const notice = mailer.sent.find((e) => e.subject.startsWith('Draft minutes circulated'));
    assert.equal(notice?.to, 'tia.told@example.org');
    assert.match(notice?.text ?? '', new RegExp(`/partnerships/${coventry}/meetings/${id}/minutes/print`));
    assert.match(notice?.text ?? '', new RegExp(`Comment on them[^\\n]*\\n\\S*/partnerships/${coventry}/meetings/${id}/minutes/comments`));

    await container.minutes.approve(systemPrincipal, coventry, id, 2, next);
    await container.accounts.createUser(systemPrincipal, {
      email: 'steps.chair@example.com',
      name: 'Cllr Steps',
      password: 'chair password 12',
      isAdmin: false,
    });
    await appointChair(container, coventry, { email: 'steps.chair@example.com', name: 'Cllr Steps', groupId });
    const chair = new Browser(app);
    await chair.signIn('steps.chair@example.com', 'chair password 12');
    assert.equal((await officer.get(`${base}/minutes/sign`)).statusCode, 403);
    const sign = await chair.get(`${base}/minutes/sign`);
    assert.equal(sign.statusCode, 200);
    assert.match(sign.body, /Sign the minutes of 15 October 2026\?/);
    assert.match(sign.body, /recorded as signed by Cllr Steps today/);
    assert.match(sign.body, /Nobody is e-mailed/);
    assert.equal((await container.minutes.life(coventry, id)).status, 'approved', 'asking is not signing');
    assert.equal((await chair.post(`${base}/minutes/sign`, { version: '3' })).statusCode, 302);
    assert.equal((await container.minutes.life(coventry, id)).status, 'signed');
  });
});

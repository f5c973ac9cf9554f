import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { GrantedRole } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { docxOf, pdfOf, xlsxOf } from '../../../test/helpers/papers.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import { expectTaggedPdf, textOfPdf } from '../../../test/helpers/pdf.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';

describe('papers, the agenda pack and publication', () => {
  const scope = suiteScope();
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;
  const password = 'a long enough password';

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
  });

  /** A signed-in browser for an account holding one role in a partnership. */
  async function signedInAs(role: GrantedRole, partnershipId: string, email: string): Promise<Browser> {
    const userId = await container.accounts.createUser(systemPrincipal, { email, name: email, password, isAdmin: false });
    // As if the account had followed a link e-mailed to it: it becomes the person with that address.
    await container.accounts.markEmailVerified(userId);
    await container.accounts.grantRole(systemPrincipal, userId, role, { partnershipId, areaId: null });
    const browser = new Browser(app);
    await browser.signIn(email, password);
    return browser;
  }

  /** A board meeting with one public item and one confidential (Part II) item. */
  async function boardMeeting(meetingDate: string) {
    const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, meetingDate, '10:00');
    const item = (title: string, confidential: boolean) =>
      addAgendaItem(container.agenda, coventry, meetingId, title, { confidential, presenter: 'Partnership Analyst' });
    const publicItemId = await item('Strategic Assessment', false);
    const confidentialItemId = await item('Case review of a named family', true);
    const base = `/partnerships/${coventry}/meetings/${meetingId}`;
    return { meetingId, publicItemId, confidentialItemId, base, publicBase: `/public${base}` };
  }

  const upload = (base: string, itemId: string, file: { name: string; content: Buffer }, title = '') =>
    officer.upload(`${base}/items/${itemId}/papers`, { title }, file);

  /** The id of the paper a page links to by its title. */
  const paperIdOn = (body: string, title: string) => new RegExp(`papers/([0-9a-f-]{36})">${title}<`).exec(body)?.[1] ?? '';

  it('takes a PDF paper and lists it with its item, neither late nor a supplement before the deadline', async () => {
    const { base, publicItemId } = await boardMeeting('2027-06-10');
    const form = await officer.get(`${base}/items/${publicItemId}/papers/new`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /smaller than 20 MB/);
    const added = await upload(
      base,
      publicItemId,
      { name: 'assessment.pdf', content: await pdfOf('The assessment') },
      'Strategic Assessment 2027',
    );
    assert.equal(added.statusCode, 302);
    const page = await officer.get(base);
    assert.match(page.body, /Paper &quot;Strategic Assessment 2027&quot; added/);
    const papers = page.body.slice(page.body.indexOf('data-qa="papers"'));
    assert.match(papers, />Strategic Assessment 2027<\/a>\s*\(PDF, \d+ KB\)/);
    assert.doesNotMatch(papers.slice(0, papers.indexOf('</ul>')), /Late|Supplement/);
  });

  it('refuses a file that is named .pdf but is text, with the message by the field and the title kept', async () => {
    const { base, publicItemId } = await boardMeeting('2027-06-17');
    const fake = await upload(base, publicItemId, { name: 'report.pdf', content: Buffer.from('Just some words, not a PDF') }, 'My report');
    assert.equal(fake.statusCode, 400);
    assert.match(fake.body, /There is a problem/);
    assert.match(fake.body, /href="#file">The selected file must be a PDF, Word document/);
    assert.match(fake.body, /id="file-error"/);
    assert.match(fake.body, /value="My report"/);
    const zipAsWord = await upload(base, publicItemId, { name: 'notes.docx', content: Buffer.from('PK\u0003\u0004 not really a zip') });
    assert.equal(zipAsWord.statusCode, 400);
  });

  it('refuses a file over 20 MB, and a form without a file, without a server error', async () => {
    const { base, publicItemId } = await boardMeeting('2027-06-24');
    const big = Buffer.concat([await pdfOf('Big'), Buffer.alloc(20 * 1024 * 1024)]);
    const tooBig = await upload(base, publicItemId, { name: 'big.pdf', content: big });
    assert.equal(tooBig.statusCode, 400);
    assert.match(tooBig.body, /The selected file must be smaller than 20 MB/);
    const none = await upload(base, publicItemId, { name: '', content: Buffer.alloc(0) });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select a file/);
  });

  it('checks the CSRF token of an upload', async () => {
    const { base, publicItemId } = await boardMeeting('2027-07-01');
    const forged = await officer.upload(
      `${base}/items/${publicItemId}/papers`,
      {},
      { name: 'a.pdf', content: await pdfOf('Forged') },
      { csrf: false },
    );
    assert.equal(forged.statusCode, 403);
  });

  it('takes Word, Excel and CSV papers, checked by their content', async () => {
    const { base, publicItemId } = await boardMeeting('2027-07-08');
    for (const file of [
      { name: 'plan.docx', content: await docxOf('The plan') },
      { name: 'figures.xlsx', content: await xlsxOf() },
      { name: 'crimes.csv', content: Buffer.from('Ward,Crimes\nFoleshill,12\n') },
    ]) {
      assert.equal((await upload(base, publicItemId, file)).statusCode, 302, file.name);
    }
    const page = await officer.get(base);
    assert.match(page.body, />plan<\/a>\s*\(Word/);
    assert.match(page.body, />figures<\/a>\s*\(Excel/);
    assert.match(page.body, />crimes<\/a>\s*\(CSV/);
  });

  it('marks a paper uploaded after the papers deadline as late', async () => {
    // The papers deadline of this meeting, derived from the group's terms, passed long ago.
    const { base, publicItemId } = await boardMeeting('2026-04-09');
    assert.equal((await upload(base, publicItemId, { name: 'late.pdf', content: await pdfOf('Late') })).statusCode, 302);
    const page = await officer.get(base);
    assert.match(page.body, />late<\/a>\s*\(PDF, \d+ KB\)\s*<strong class="govuk-tag govuk-tag--red">Late<\/strong>/);
  });

  it('sends a paper as an attachment that is not sniffed, to those who may have it only', async () => {
    const { base, publicItemId, confidentialItemId, meetingId } = await boardMeeting('2027-07-15');
    const content = await pdfOf('Public paper');
    await upload(base, publicItemId, { name: 'Public paper.pdf', content });
    await upload(base, confidentialItemId, { name: 'Family details.pdf', content: await pdfOf('Confidential paper') });
    const page = await officer.get(base);
    const publicPaper = paperIdOn(page.body, 'Public paper');
    const confidentialPaper = paperIdOn(page.body, 'Family details');
    assert.ok(publicPaper && confidentialPaper);

    const download = await officer.get(`${base}/papers/${publicPaper}`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.equal(download.headers['content-disposition'], 'attachment; filename="public-paper.pdf"');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(download.rawPayload, content);

    // Part II papers are for the group's members: known by their account's e-mail address.
    const [organisation] = await container.governance.organisations.list(coventry);
    assert.ok(organisation);
    const personId = await addPerson(container.governance, coventry, {
      name: 'Mo Member',
      email: 'Member@Example.com',
      organisationId: organisation.id,
    });
    await addMember(container.governance, coventry, { groupId: boardId, personId, organisationId: organisation.id, role: 'member' });
    const member = await signedInAs('member', coventry, 'member@example.com');
    assert.equal((await member.get(`${base}/papers/${confidentialPaper}`)).statusCode, 200);
    assert.match((await member.get(base)).body, new RegExp(`papers/${confidentialPaper}`));
    const notInTheGroup = await signedInAs('member', coventry, 'someone.else@example.com');
    assert.equal((await notInTheGroup.get(`${base}/papers/${confidentialPaper}`)).statusCode, 404);
    const theirPack = textOfPdf((await notInTheGroup.get(`${base}/agenda-pack.pdf`)).rawPayload);
    assert.match(theirPack, /Strategic Assessment/);
    assert.doesNotMatch(theirPack, /Case review of a named family/);
    assert.match(textOfPdf((await member.get(`${base}/agenda-pack.pdf`)).rawPayload), /Case review of a named family/);
    const analyst = await signedInAs('analyst', coventry, 'analyst@example.com');
    assert.equal((await analyst.get(`${base}/papers/${publicPaper}`)).statusCode, 200);
    assert.equal((await analyst.get(`${base}/papers/${confidentialPaper}`)).statusCode, 404);
    assert.doesNotMatch((await analyst.get(base)).body, new RegExp(`papers/${confidentialPaper}`));

    const [plymouth] = (await container.governance.partnerships.list(null)).filter((p) => p.shortName.includes('Plymouth'));
    assert.ok(plymouth);
    const outsider = await signedInAs('officer', plymouth.id, 'plymouth@example.com');
    const elsewhere = `/partnerships/${plymouth.id}/meetings/${meetingId}/papers/${confidentialPaper}`;
    assert.equal((await outsider.get(elsewhere)).statusCode, 404);
    assert.equal((await outsider.get(`${base}/papers/${confidentialPaper}`)).statusCode, 403);

    const visitor = new Browser(app);
    assert.match(String((await visitor.get(`${base}/papers/${publicPaper}`)).headers.location), /^\/sign-in/);
  });

  it('builds the agenda pack: front sheet, agenda, PDF papers appended, page numbers, other papers available separately', async () => {
    const { base, publicItemId, confidentialItemId } = await boardMeeting('2027-07-22');
    await upload(base, publicItemId, { name: 'assessment.pdf', content: await pdfOf('Assessment page one', 'Assessment page two') });
    await upload(base, publicItemId, { name: 'figures.xlsx', content: await xlsxOf() });
    await upload(base, confidentialItemId, { name: 'family.pdf', content: await pdfOf('Names of the family') });

    const pack = await officer.get(`${base}/agenda-pack.pdf`);
    assert.equal(pack.statusCode, 200);
    assert.equal(pack.headers['content-type'], 'application/pdf');
    const text = textOfPdf(pack.rawPayload);
    assert.match(text, /Safer Coventry|Coventry/);
    assert.match(text, /Thursday 22 July 2027 at 10:00/);
    assert.match(text, /Council House/);
    assert.match(text, /4\. Strategic Assessment/);
    assert.match(text, /Presented by Partnership Analyst/);
    assert.match(text, /5\. Any other business/);
    assert.match(text, /7\. Case review of a named family/, 'Part II items come last');
    assert.match(text, /Part II, not for publication: Information about individuals/);
    assert.match(text, /Paper: figures \(Excel, available separately\)/);
    assert.match(text, /Assessment page two/);
    assert.match(text, /Names of the family/);
    // Front sheet, agenda, two pages of the assessment, one of the family paper.
    assert.equal((await PDFDocument.load(pack.rawPayload)).getPageCount(), 5);
    for (let page = 1; page <= 5; page++) assert.match(text, new RegExp(`Page ${page} of 5`));
    // The front sheet and agenda are tagged; the papers' pages are as they were sent.
    await expectTaggedPdf(pack.rawPayload, /^Agenda and papers: /, [3, 4, 5]);

    const publicPack = textOfPdf((await officer.get(`${base}/agenda-pack.pdf?public=yes`)).rawPayload);
    assert.match(publicPack, /Agenda and papers \(public version\)/);
    assert.doesNotMatch(publicPack, /Case review|Names of the family|Information about individuals/);
    assert.match(publicPack, /Page 4 of 4/);
  });

  it('publishes the agenda: public page, pack and papers without sign-in, with nothing confidential', async () => {
    const { base, publicBase, publicItemId, confidentialItemId } = await boardMeeting('2027-07-29');
    await upload(base, publicItemId, { name: 'assessment.pdf', content: await pdfOf('Assessment') });
    await upload(base, confidentialItemId, { name: 'family.pdf', content: await pdfOf('Names of the family') });
    const visitor = new Browser(app);
    assert.equal((await visitor.get(publicBase)).statusCode, 404);
    assert.equal((await visitor.get(`${publicBase}/meeting.ics`)).statusCode, 404);
    assert.equal((await visitor.get(`${publicBase}/agenda-pack.pdf`)).statusCode, 404);

    const published = await officer.post(`${base}/publish`, {});
    assert.equal(published.statusCode, 302);
    const page = await officer.get(base);
    assert.match(page.body, /Agenda published on/);
    assert.match(page.body, /Agenda and papers published on/);
    assert.doesNotMatch(page.body, /data-qa="publish"/);
    const confidentialPaper = paperIdOn(page.body, 'family');
    const publicPaper = paperIdOn(page.body, 'assessment');

    const publicPage = await visitor.get(publicBase);
    assert.equal(publicPage.statusCode, 200);
    assert.match(publicPage.body, /Strategic Assessment/);
    assert.match(publicPage.body, />assessment<\/a>/);
    assert.doesNotMatch(publicPage.body, /Case review|family|Information about individuals/);
    // The Part II item keeps its number, and says no more than that it is withheld.
    assert.match(publicPage.body, /Confidential item \(Part II\): not for publication/);
    const publicPack = textOfPdf((await visitor.get(`${publicBase}/agenda-pack.pdf`)).rawPayload);
    assert.match(publicPack, /Strategic Assessment/);
    assert.doesNotMatch(publicPack, /Case review|Names of the family/);
    const paper = await visitor.get(`${publicBase}/papers/${publicPaper}`);
    assert.equal(paper.statusCode, 200);
    assert.equal(paper.headers['x-content-type-options'], 'nosniff');
    assert.match(String(paper.headers['content-disposition']), /^attachment/);
    assert.equal((await visitor.get(`${publicBase}/papers/${confidentialPaper}`)).statusCode, 404);

    const list = await visitor.get(`/public/partnerships/${coventry}/meetings`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Thursday 29 July 2027 at 10:00/);
    assert.doesNotMatch(list.body, /Thursday 22 July 2027/);
  });

  it('lists a paper added after publication as a supplement', async () => {
    const { base, publicBase, publicItemId } = await boardMeeting('2027-08-05');
    await officer.post(`${base}/publish`, {});
    await upload(base, publicItemId, { name: 'update.pdf', content: await pdfOf('Update') });
    const page = await officer.get(base);
    assert.match(page.body, />update<\/a>\s*\(PDF, \d+ KB\)\s*<strong class="govuk-tag govuk-tag--blue">Supplement<\/strong>/);
    assert.match(
      (await new Browser(app).get(publicBase)).body,
      />update<\/a> \(PDF, \d+ KB\) <strong class="govuk-tag govuk-tag--blue">Supplement/,
    );
    const pack = textOfPdf((await officer.get(`${base}/agenda-pack.pdf`)).rawPayload);
    assert.match(pack, /Paper: update \(in this pack\), supplement/);
  });

  it('gives a published meeting as an iCalendar file, and the group a feed of its published meetings', async () => {
    const { base, publicBase } = await boardMeeting('2027-08-12');
    const { publicBase: unpublished } = await boardMeeting('2027-08-19');
    await officer.post(`${base}/publish`, {});
    // A Host header of someone else's choosing does not get into the calendar.
    const visitor = new Browser(app, { host: 'phishing.example' });
    const ics = await visitor.get(`${publicBase}/meeting.ics`);
    assert.equal(ics.statusCode, 200);
    assert.match(String(ics.headers['content-type']), /^text\/calendar/);
    assert.match(String(ics.headers['content-disposition']), /^attachment; filename=".*\.ics"/);
    // 10:00 in England in August is 09:00 UTC (British Summer Time).
    assert.match(ics.body, /BEGIN:VEVENT/);
    assert.match(ics.body, /DTSTART:20270812T090000Z/);
    assert.match(ics.body, /DURATION:PT2H/);
    assert.match(ics.body, /LOCATION:Council House/);
    // Long lines are folded at 75 characters.
    // The service's public address (PUBLIC_URL), whatever Host the request came with.
    assert.match(ics.body.replace(/\r\n\t/g, ''), new RegExp(`URL:http://localhost:3000${publicBase}\r\n`));
    assert.doesNotMatch(ics.body, /phishing/);

    const feed = await visitor.get(`/public/partnerships/${coventry}/groups/${boardId}/meetings.ics`);
    assert.equal(feed.statusCode, 200);
    assert.match(feed.body, /X-WR-CALNAME:/);
    assert.match(feed.body, /DTSTART:20270812T090000Z/);
    assert.doesNotMatch(feed.body, /DTSTART:20270819/);
    assert.doesNotMatch(feed.body, new RegExp(unpublished.split('/').at(-1) ?? 'none'));
  });

  it('links the public version of approved minutes from the public page, without Part II items', async () => {
    // Minutes are approved at a later meeting that has taken place.
    const { meetingId, base, publicBase } = await boardMeeting('2025-08-28');
    const later = await scheduleMeeting(container.meetings, coventry, boardId, '2025-11-27', '10:00');
    await officer.post(`${base}/publish`, {});
    const visitor = new Browser(app);
    assert.match((await visitor.get(publicBase)).body, /The minutes are published once they have been approved/);
    assert.equal((await visitor.get(`${publicBase}/minutes.pdf`)).statusCode, 404);

    await container.minutes.approve(systemPrincipal, coventry, meetingId, 1, later);
    const page = await visitor.get(publicBase);
    assert.match(page.body, /data-qa="public-minutes"/);
    assert.match(page.body, new RegExp(`href="${publicBase}/minutes.pdf"`));
    const minutes = await visitor.get(`${publicBase}/minutes.pdf`);
    assert.equal(minutes.statusCode, 200);
    const text = textOfPdf(minutes.rawPayload);
    assert.match(text, /Minutes \(public version\)/);
    await expectTaggedPdf(minutes.rawPayload, /^Minutes \(public version\): /);
    assert.match(text, /Strategic Assessment/);
    assert.doesNotMatch(text, /Case review/);
    assert.equal((await visitor.get(`${publicBase}/minutes.docx`)).statusCode, 200);
  });
});

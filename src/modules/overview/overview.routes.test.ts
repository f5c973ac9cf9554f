import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { type GrantedRole, systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { seedDemoPerformance } from '../performance/index.ts';

// Today, for every test here: Sunday 6 December 2026.
const clock = { now: () => new Date('2026-12-06T10:00:00Z') };

describe('the public home, the partnership overview and search', () => {
  const scope = suiteScope();
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let visitor: Browser;
  let coventry: string;
  let boardId: string;
  let otherPartnership: { id: string; name: string };
  const ids = { held: '', approvedAt: '', published: '', unpublished: '', soon: '' };

  async function signedInAs(role: GrantedRole, email: string): Promise<Browser> {
    const password = 'a long enough password';
    const userId = await container.accounts.createUser(systemPrincipal, { email, name: email, password, isAdmin: false });
    await container.accounts.grantRole(systemPrincipal, userId, role, { partnershipId: coventry, areaId: null });
    const browser = new Browser(app);
    await browser.signIn(email, password);
    return browser;
  }

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer', clock }));
    visitor = new Browser(app);
    const item = (meetingId: string, title: string, confidential = false) =>
      addAgendaItem(container.agenda, coventry, meetingId, title, { confidential });

    // Held in October, published, its minutes approved in November: public item and Part II item.
    ids.held = await scheduleMeeting(container.meetings, coventry, boardId, '2026-10-01', '10:00');
    const knife = await item(ids.held, 'Knife crime hotspots review');
    const family = await item(ids.held, 'Case review of a named family', true);
    await container.papers.publish(systemPrincipal, coventry, ids.held);
    await container.minutes.saveNarrative(systemPrincipal, coventry, ids.held, knife, 0, 'The board agreed to fund street wardens.');
    await container.minutes.saveNarrative(systemPrincipal, coventry, ids.held, family, 0, 'The Smith household was rehoused.');
    ids.approvedAt = await scheduleMeeting(container.meetings, coventry, boardId, '2026-11-05', '10:00');
    const draft = await item(ids.approvedAt, 'Wardens draft minutes item');
    await container.minutes.saveNarrative(systemPrincipal, coventry, ids.approvedAt, draft, 0, 'Draft words about wardens, never public.');
    // An action overdue since November, one not yet due.
    await container.minutes.addAction(systemPrincipal, coventry, ids.held, knife, {
      description: 'Recruit the street wardens',
      owner: { kind: 'other', name: 'Community Safety Manager' },
      dueDate: '2026-11-30',
    });
    await container.minutes.addAction(systemPrincipal, coventry, ids.held, family, {
      description: 'Visit the household in Hillfields',
      owner: { kind: 'other', name: 'Housing' },
      dueDate: '2027-03-31',
    });

    await container.minutes.circulate(systemPrincipal, coventry, ids.held, 1);
    await container.minutes.approve(systemPrincipal, coventry, ids.held, 2, ids.approvedAt);

    // To come: one published, one not; one two days off whose papers deadline has passed.
    ids.published = await scheduleMeeting(container.meetings, coventry, boardId, '2027-01-14', '14:00');
    await item(ids.published, 'Anti-social behaviour in Foleshill');
    await item(ids.published, 'Confidential informant payments', true);
    await container.papers.publish(systemPrincipal, coventry, ids.published);
    ids.unpublished = await scheduleMeeting(container.meetings, coventry, boardId, '2027-02-11', '14:00');
    await item(ids.unpublished, 'Zebra crossing draft item');
    ids.soon = await scheduleMeeting(container.meetings, coventry, boardId, '2026-12-06', '14:00');
    const soonItem = await item(ids.soon, 'Late paper item');
    await officer.upload(
      `/partnerships/${coventry}/meetings/${ids.soon}/items/${soonItem}/papers`,
      { title: 'Wardens late paper' },
      {
        name: 'late.pdf',
        content: await pdfOf('Late'),
      },
    );

    // Another partnership with records of the same words: never found from Coventry.
    const [other] = (await container.governance.partnerships.list(null)).filter((p) => p.id !== coventry);
    otherPartnership = { id: other?.id ?? '', name: other?.name ?? '' };
    const [otherGroup] = await container.governance.groups.list(otherPartnership.id);
    const otherMeeting = await scheduleMeeting(container.meetings, otherPartnership.id, otherGroup?.id ?? '', '2027-01-20');
    await addAgendaItem(container.agenda, otherPartnership.id, otherMeeting, 'Wardens across the county');
    await container.papers.publish(systemPrincipal, otherPartnership.id, otherMeeting);
  });

  describe('the public home (signed out)', () => {
    it('is where / takes a visitor, and lists each partnership with its next published meetings and approved minutes', async () => {
      const root = await visitor.get('/');
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/public');
      const home = await visitor.get('/public');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<form[^>]*role="search"/);
      const coventrySection = sectionOf(home.body, coventry);
      assert.match(coventrySection, new RegExp(`href="/public/partnerships/${coventry}/meetings/${ids.published}"`));
      assert.match(
        coventrySection,
        new RegExp(
          `data-qa="public-recent-minutes">\\s*<li><a class="govuk-link" href="/public/partnerships/${coventry}/meetings/${ids.held}"`,
        ),
      );
      assert.doesNotMatch(home.body, new RegExp(`${ids.unpublished}|${ids.soon}|${ids.approvedAt}`), 'no unpublished meeting');
      assert.match(coventrySection, new RegExp(`href="/public/partnerships/${coventry}/meetings">All published meetings`));
      assert.match(coventrySection, new RegExp(`href="/public/partnerships/${coventry}/performance">All performance reports`));
      assert.match(home.body, new RegExp(`href="/public/partnerships/${otherPartnership.id}/meetings"`));
    });

    it('lists the partnerships that publish first, by name, with links to jump to them, and names the rest once at the end', async () => {
      const home = (await visitor.get('/public')).body;
      const all = await container.governance.partnerships.list(null);
      const publishing = all.filter((p) => p.id === coventry || p.id === otherPartnership.id).sort((a, b) => a.name.localeCompare(b.name));
      const silent = all.filter((p) => !publishing.includes(p));
      assert.ok(silent.length > 0, 'the demo has partnerships with nothing published');
      const sections = [...home.matchAll(/aria-labelledby="partnership-([^"]+)"/g)].map((match) => match[1]);
      assert.deepEqual(
        sections,
        publishing.map((p) => p.id),
      );
      const jump = qa(home, 'public-jump');
      for (const p of publishing) assert.match(jump, new RegExp(`href="#partnership-${p.id}"`));
      assert.match(jump, /href="#nothing-yet">Partnerships with nothing published yet</);
      const nothingYet = qa(home, 'public-nothing-yet');
      assert.match(nothingYet, /^data-qa="public-nothing-yet">Nothing published yet:/);
      for (const p of silent) assert.ok(nothingYet.includes(`href="/public/partnerships/${p.id}/meetings">${p.name}<`), p.name);
      assert.ok(home.indexOf('data-qa="public-nothing-yet"') > home.lastIndexOf('data-qa="public-partnership"'));
    });

    it('lists published reports only, never a draft', async () => {
      await container.performance.saveSummary(systemPrincipal, coventry, '2026-27 Q2', 'A draft summary', null);
      const home = await visitor.get('/public');
      assert.match(sectionOf(home.body, coventry), /No performance report has been published yet/);
    });

    it('leads back to the public home from every public page', async () => {
      for (const path of [
        `/public/partnerships/${coventry}/meetings`,
        `/public/partnerships/${coventry}/meetings/${ids.held}`,
        `/public/partnerships/${coventry}/performance`,
        '/public/search?q=wardens',
      ]) {
        const page = await visitor.get(path);
        assert.equal(page.statusCode, 200, path);
        assert.match(page.body, /class="govuk-breadcrumbs__link" href="\/public">Community Safety Partnerships</, path);
      }
    });
  });

  describe('the public search (signed out)', () => {
    it('finds published agenda items and approved minutes, never Part II, drafts or unpublished agendas', async () => {
      const found = await visitor.get('/public/search?q=wardens');
      assert.equal(found.statusCode, 200);
      // The approved minutes of the October meeting, and the other partnership's published item.
      assert.match(
        found.body,
        new RegExp(
          `data-qa="found-minutes"[\\s\\S]*href="/public/partnerships/${coventry}/meetings/${ids.held}">Knife crime hotspots review<`,
        ),
      );
      assert.match(found.body, /Wardens across the county/);
      assert.doesNotMatch(
        found.body,
        /Wardens draft minutes item|Wardens late paper|Recruit the street wardens/,
        'no draft minutes, unpublished paper or action',
      );

      for (const words of ['Case review', 'Smith household', 'informant', 'Zebra', 'Late paper']) {
        const page = await visitor.get(`/public/search?q=${encodeURIComponent(words)}`);
        assert.equal(page.statusCode, 200, words);
        assert.match(page.body, /Nothing was found/, words);
      }
      const published = await visitor.get('/public/search?q=Foleshill');
      assert.match(
        published.body,
        new RegExp(`href="/public/partnerships/${coventry}/meetings/${ids.published}">Anti-social behaviour in Foleshill<`),
      );
    });

    it('takes LIKE wildcards as themselves, a first visit as a form, and an empty search as an error', async () => {
      assert.match((await visitor.get('/public/search?q=%25')).body, /Nothing was found/);
      assert.match((await visitor.get('/public/search?q=_')).body, /Nothing was found/);
      const first = await visitor.get('/public/search');
      assert.equal(first.statusCode, 200);
      assert.doesNotMatch(first.body, /Nothing was found|govuk-error-summary/);
      for (const path of ['/public/search?q=', '/public/search?q=%20%20']) {
        const empty = await visitor.get(path);
        assert.equal(empty.statusCode, 200);
        assert.doesNotMatch(empty.body, /Nothing was found/);
        assert.match(empty.body, /<title>Error: /);
        assert.match(empty.body, /govuk-error-summary[\s\S]*href="#search-page">Enter words to search for</);
        assert.match(empty.body, /id="search-page-error" class="govuk-error-message">[\s\S]*Enter words to search for/);
      }
    });

    it('finds a published report by what it reports on, and says which of its indicators matched', async () => {
      await seedDemoPerformance(container.governance, container.performance, coventry);
      const report = `href="/public/partnerships/${coventry}/performance/2015-16-q4">Performance report, Quarter 4, 2015/16<`;
      const hate = await visitor.get('/public/search?q=hate%20crime');
      assert.match(hate.body, new RegExp(`data-qa="found-report"[\\s\\S]*${report}`));
      assert.match(hate.body, /Reports on Hate crime incidents reported/);
      const total = await visitor.get('/public/search?q=Total%20recorded%20crime');
      assert.match(total.body, new RegExp(report));
      assert.match(total.body, /Reports on Total recorded crime and Total recorded crime per 1,000 population, year to date/);
    });

    it('finds what holds every word typed, in any order', async () => {
      const found = await visitor.get('/public/search?q=review%20HOTSPOTS');
      assert.match(found.body, new RegExp(`href="/public/partnerships/${coventry}/meetings/${ids.held}">Knife crime hotspots review<`));
      assert.match((await visitor.get('/public/search?q=hotspots%20abuse')).body, /Nothing was found/);
    });
  });

  describe('the partnership overview', () => {
    it('shows the next meetings with their deadlines, late papers, minutes to circulate, overdue actions, the latest report and money', async () => {
      const page = await officer.get(`/partnerships/${coventry}`);
      assert.equal(page.statusCode, 200);
      const meetings = qa(page.body, 'overview-meetings');
      // In date order: today (its papers deadline, a Saturday, moved back to Friday and has passed; agenda unpublished; a paper came late), then January.
      assert.ok(meetings.indexOf(`${ids.soon}`) < meetings.indexOf(`${ids.published}`));
      assert.match(
        meetings,
        /Agenda and papers due out by 4 December 2026<br>\s*<strong class="govuk-tag govuk-tag--red">Agenda overdue<\/strong>\s*<strong class="govuk-tag govuk-tag--orange">1 paper late/,
      );
      assert.match(meetings, /Agenda published/);
      const minutes = qa(page.body, 'overview-minutes');
      assert.match(minutes, new RegExp(`meetings/${ids.approvedAt}"`), 'November meeting: minutes not circulated');
      assert.doesNotMatch(minutes, new RegExp(ids.held), 'October meeting: minutes approved');
      assert.match(page.body, /data-qa="overview-overdue">1 action is overdue</);
      assert.match(page.body, /Performance report, Quarter 3, 2026\/27|Draft, not yet approved/);
      assert.match(page.body, /data-qa="overview-money">No grant recorded for 2026\/27</);
      assert.match(page.body, /No tasking document issued yet/);
      assert.match(qa(page.body, 'overview-reference'), /Register of interests[\s\S]*Chair and vice-chair appointments/);
      assert.match(page.body, new RegExp(`href="/public/partnerships/${coventry}/meetings" data-qa="public-page">See the public page`));
    });

    it('says what is left to allocate this financial year', async () => {
      await container.funding.recordGrant(systemPrincipal, coventry, {
        yearStarting: 2026,
        funder: 'Police and Crime Commissioner',
        amount: 5_000_000,
        previousAmount: null,
        carryOver: 0,
        notes: null,
      });
      const page = await officer.get(`/partnerships/${coventry}`);
      assert.match(page.body, /data-qa="overview-money">£50,000(\.00)? of £50,000(\.00)? left to allocate</);
    });

    it('shows at most five meetings in each list, the most urgent first, and links to the rest', async () => {
      for (const date of ['2026-03-05', '2026-04-02', '2026-05-07', '2026-06-04', '2026-07-02', '2026-09-03']) {
        await scheduleMeeting(container.meetings, coventry, boardId, date, '10:00');
      }
      // The Prevent group's terms give its minutes 7 days: these two are overdue.
      const [prevent] = (await container.governance.groups.list(coventry)).filter((g) => g.name === 'Coventry Prevent Group');
      const overdueIds = [];
      for (const date of ['2026-10-08', '2026-08-06'])
        overdueIds.push(await scheduleMeeting(container.meetings, coventry, prevent?.id ?? '', date, '10:00'));
      for (const date of ['2027-03-11', '2027-04-08', '2027-05-13', '2027-06-10', '2027-07-08']) {
        await scheduleMeeting(container.meetings, coventry, boardId, date, '10:00');
      }
      const page = await officer.get(`/partnerships/${coventry}`);
      const minutes = qa(page.body, 'overview-minutes');
      const rows = minutes.split('govuk-summary-list__row').slice(1);
      // The overdue first, the longest overdue first; then the most recent: 9 wait, so 4 are left to the meetings list.
      assert.deepEqual(
        rows.map((row) => /Overdue/.test(row)),
        [true, true, false, false, false],
      );
      assert.match(rows[0] ?? '', new RegExp(overdueIds[1] ?? ''));
      assert.match(rows[1] ?? '', new RegExp(overdueIds[0] ?? ''));
      assert.match(rows[2] ?? '', new RegExp(ids.approvedAt));
      assert.deepEqual(
        rows.slice(2).map((row) => /\d+ \w+ 2026/.exec(row)?.[0]),
        ['5 November 2026', '3 September 2026', '2 July 2026'],
      );
      assert.match(
        page.body,
        new RegExp(
          `data-qa="overview-minutes-more"><a class="govuk-link" href="/partnerships/${coventry}/meetings">and 4 more meetings whose minutes are not yet circulated<`,
        ),
      );
      assert.equal(qa(page.body, 'overview-meetings').split('govuk-summary-list__row').length - 1, 5);
      assert.match(page.body, /data-qa="overview-meetings-more"><a class="govuk-link" href="[^"]+\/meetings">and 3 more meetings to come</);
    });

    it('counts for a member only the actions they may see', async () => {
      const member = await signedInAs('member', 'overview-member@example.com');
      const page = await member.get(`/partnerships/${coventry}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-qa="overview-overdue">1 action is overdue</);
    });
  });

  describe('the search across a partnership', () => {
    it('is in the signed-in header of a partnership’s pages, as a search landmark with a label', async () => {
      const page = await officer.get(`/partnerships/${coventry}/meetings`);
      assert.match(
        page.body,
        new RegExp(`<form class="safer-search" method="get" action="/partnerships/${coventry}/search" role="search"`),
      );
      assert.match(page.body, /<label class="govuk-label govuk-label--s" for="header-search">Search /);
    });

    it('groups what it finds by kind, each linking to its page, and never another partnership’s', async () => {
      const found = await officer.get(`/partnerships/${coventry}/search?q=wardens`);
      assert.equal(found.statusCode, 200);
      assert.match(
        qa(found.body, 'found-minutes'),
        new RegExp(`href="/partnerships/${coventry}/meetings/${ids.held}/items/[0-9a-f-]+/minutes">Knife crime hotspots review<`),
      );
      assert.match(qa(found.body, 'found-item'), /Wardens draft minutes item/);
      assert.match(
        qa(found.body, 'found-paper'),
        new RegExp(`href="/partnerships/${coventry}/meetings/${ids.soon}/papers/[0-9a-f-]+">Wardens late paper<`),
      );
      assert.match(qa(found.body, 'found-action'), /Recruit the street wardens/);
      assert.doesNotMatch(found.body, /Wardens across the county/);
      assert.doesNotMatch(found.body, new RegExp(otherPartnership.id));
      const other = await officer.get(`/partnerships/${coventry}/search?q=county`);
      assert.doesNotMatch(other.body, /Wardens across the county/);
    });

    it('finds what holds every word typed, in any order, and says so when nothing was typed', async () => {
      const found = await officer.get(`/partnerships/${coventry}/search?q=wardens%20street%20recruit`);
      assert.match(qa(found.body, 'found-action'), /Recruit the street wardens/);
      assert.match((await officer.get(`/partnerships/${coventry}/search?q=wardens%20abuse`)).body, /Nothing was found/);
      const empty = await officer.get(`/partnerships/${coventry}/search?q=`);
      assert.match(empty.body, /govuk-error-summary[\s\S]*Enter words to search for/);
    });

    it('finds people and organisations', async () => {
      const [person] = await container.governance.people.list(coventry);
      const found = await officer.get(`/partnerships/${coventry}/search?q=${encodeURIComponent(person?.name ?? '')}`);
      assert.match(qa(found.body, 'found-person'), new RegExp(`href="/partnerships/${coventry}/people/${person?.id ?? ''}"`));
      const [organisation] = await container.governance.organisations.list(coventry);
      const org = await officer.get(`/partnerships/${coventry}/search?q=${encodeURIComponent(organisation?.name ?? '')}`);
      assert.match(qa(org.body, 'found-organisation'), new RegExp(`/partnerships/${coventry}/organisations/${organisation?.id ?? ''}`));
    });

    it('shows a Part II item’s title, minutes and actions only to those who may read Part II', async () => {
      const member = await signedInAs('member', 'search-member@example.com');
      for (const words of ['Case review', 'Smith household', 'Hillfields', 'informant']) {
        assert.match((await officer.get(`/partnerships/${coventry}/search?q=${encodeURIComponent(words)}`)).body, /data-qa="found-/, words);
        const page = await member.get(`/partnerships/${coventry}/search?q=${encodeURIComponent(words)}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Nothing was found/, words);
      }
    });

    it('is not open to someone signed out, nor to another partnership’s address', async () => {
      assert.equal((await visitor.get(`/partnerships/${coventry}/search?q=wardens`)).statusCode, 302);
    });
  });
});

/** The part of a page in the element marked data-qa="name", to its end (roughly: up to the next data-qa). */
function qa(body: string, name: string): string {
  const start = body.indexOf(`data-qa="${name}"`);
  assert.ok(start >= 0, `data-qa="${name}" is on the page`);
  const next = body.indexOf('data-qa="', start + name.length + 10);
  return body.slice(start, next < 0 ? undefined : next);
}

/** A partnership's section of the public home. */
function sectionOf(body: string, partnershipId: string): string {
  const start = body.indexOf(`aria-labelledby="partnership-${partnershipId}"`);
  assert.ok(start >= 0);
  const end = body.indexOf('</section>', start);
  return body.slice(start, end);
}

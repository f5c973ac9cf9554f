/**
 * Part II (confidential) business, as each kind of reader meets it: the minutes page, its print, PDF and Word,
 * the decisions register, the action log, an action's page and the meeting page show it only to the group's
 * readers (its members and the partnership's officers); every read that includes it leaves a 'view' entry in
 * the audit log, and a read whose entry cannot be written is refused.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../src/container.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { GrantedRole } from '../src/platform/principal.ts';
import { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { textOfDocx } from './helpers/docx.ts';
import { addAgendaItem, scheduleMeeting } from './helpers/meetings.ts';
import { pdfOf } from './helpers/papers.ts';
import { addMember, addPerson } from './helpers/people.ts';
import { wordsOfPdf } from './helpers/pdf.ts';

/** Words that appear only in the Part II item and what was minuted under it. */
const secrets = [/Case review of a named family/, /family was rehoused/, /Refer the family to MARAC/, /Visit the family weekly/];
const publicWords = [/Strategic Assessment/, /assessment was welcomed/, /Adopt the assessment/, /Publish the assessment/];

describe('Part II business, by reader', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;
  const suite = suiteScope();
  let base: string;
  let later: string;
  let partTwoActionId: string;
  let partTwoItemId: string;
  let paperId: string;
  const readers = new Map<string, Browser>();
  const password = 'a long enough password';

  async function signedIn(email: string, grant: (userId: string) => Promise<void>, isAdmin = false): Promise<Browser> {
    const userId = await container.accounts.createUser(systemPrincipal, { email, name: email, password, isAdmin });
    // As if the account had followed a link e-mailed to it: it becomes the person with that address.
    await container.accounts.markEmailVerified(userId);
    await grant(userId);
    const browser = new Browser(app);
    await browser.signIn(email, password);
    return browser;
  }
  const withRole = (role: GrantedRole, email: string) =>
    signedIn(email, (userId) => container.accounts.grantRole(systemPrincipal, userId, role, { partnershipId: coventry, areaId: null }));

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(suite));
    const { minutes, agenda, meetings, governance, papers } = container;
    const meetingId = await scheduleMeeting(meetings, coventry, boardId, '2016-07-21');
    const laterId = await scheduleMeeting(meetings, coventry, boardId, '2016-09-15');
    base = `/partnerships/${coventry}/meetings/${meetingId}`;
    later = `/partnerships/${coventry}/meetings/${laterId}`;
    const publicItemId = await addAgendaItem(agenda, coventry, meetingId, 'Strategic Assessment');
    partTwoItemId = await addAgendaItem(agenda, coventry, meetingId, 'Case review of a named family', { confidential: true });
    const minute = async (itemId: string, narrative: string, decision: string, action: string) => {
      await minutes.saveNarrative(systemPrincipal, coventry, meetingId, itemId, 0, narrative);
      await minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
        wording: decision,
        outcome: 'agreed',
        recommendedTo: null,
        votesFor: null,
        votesAgainst: null,
        votesAbstaining: null,
      });
      return minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
        description: action,
        owner: { kind: 'other', name: 'All agencies' },
        dueDate: '2016-08-31',
      });
    };
    await minute(publicItemId, 'The assessment was welcomed.', 'Adopt the assessment', 'Publish the assessment');
    partTwoActionId = await minute(partTwoItemId, 'The family was rehoused.', 'Refer the family to MARAC', 'Visit the family weekly');
    paperId = await papers.upload(systemPrincipal, coventry, meetingId, partTwoItemId, {
      fileName: 'family.pdf',
      bytes: await pdfOf('Names of the family'),
      title: 'Family details',
    });

    const [organisation] = await governance.organisations.list(coventry);
    const personId = await addPerson(governance, coventry, {
      name: 'Mo Member',
      email: 'mo@example.com',
      organisationId: organisation?.id ?? '',
    });
    await addMember(governance, coventry, { groupId: boardId, personId, organisationId: organisation?.id ?? '', role: 'member' });
    const { areaId } = await governance.partnerships.get(null, coventry);
    readers.set(
      'overseer',
      await signedIn('overseer@example.com', (u) =>
        container.accounts.grantRole(systemPrincipal, u, 'overseer', { partnershipId: null, areaId }),
      ),
    );
    readers.set('member not on the group', await withRole('member', 'someone@example.com'));
    readers.set('group member', await withRole('member', 'mo@example.com'));
    readers.set('officer', officer);
  });

  /** Everything a reader can reach about the meeting, as one text. */
  async function everything(reader: Browser, query: string): Promise<{ texts: string[]; text: string; statuses: number[] }> {
    const got = await Promise.all(
      [
        `${base}/minutes/print${query}`,
        `${base}/minutes/file.pdf${query}`,
        `${base}/minutes/file.docx${query}`,
        `/partnerships/${coventry}/decisions`,
        `/partnerships/${coventry}/decisions/download.csv`,
        `/partnerships/${coventry}/decisions?q=family`,
        `/partnerships/${coventry}/actions`,
        `/partnerships/${coventry}/actions/download.csv`,
        `/partnerships/${coventry}/actions/${partTwoActionId}`,
        `${base}/items/${partTwoItemId}/minutes`,
        base,
        later,
      ].map((url) => reader.get(url)),
    );
    const texts = await Promise.all(
      got.map(async (response, index) =>
        index === 1 ? wordsOfPdf(response.rawPayload) : index === 2 ? textOfDocx(response.rawPayload) : response.body,
      ),
    );
    return { texts, text: texts.join('\n'), statuses: got.map((response) => response.statusCode) };
  }

  for (const name of ['overseer', 'member not on the group']) {
    for (const query of ['', '?public=no']) {
      it(`shows the ${name} no Part II narrative, decision or action (${query || 'no query'})`, async () => {
        const reader = readers.get(name);
        assert.ok(reader);
        const { text, statuses } = await everything(reader, query);
        for (const secret of secrets) assert.doesNotMatch(text, secret);
        for (const seen of publicWords) assert.match(text, seen);
        // The Part II action's page and the item's minutes are not found; everything else is served.
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 200, 200]);
        assert.match(text, /Confidential item \(Part II\): not for publication/, 'the meeting page keeps the item in its place');
        // The registers say who sees Part II business; the print, PDF and Word say what they leave out, and who may read it.
        assert.match(text, /Decisions of confidential \(Part II\) items are shown only to the members of the group that met/);
        assert.match(text, /Actions of confidential \(Part II\) items are shown only to the members of the group that met/);
        const { texts } = await everything(reader, query);
        for (const minutes of texts.slice(0, 3)) {
          assert.match(
            minutes.replace(/\s+/g, ' '),
            /1 confidential \(Part II\) item is left out: only the group.s members and the partnership.s officers may read it/,
          );
        }
      });
    }
  }

  for (const name of ['group member', 'officer']) {
    it(`shows the ${name} the Part II business everywhere, and the public version when asked`, async () => {
      const reader = readers.get(name);
      assert.ok(reader);
      const { text, statuses } = await everything(reader, '');
      for (const secret of secrets) assert.match(text, secret);
      assert.deepEqual(new Set(statuses), new Set([200]));
      if (name === 'officer') assert.doesNotMatch(text, /items are shown only to the members of the group that met/);
      for (const minutes of (await everything(reader, '')).texts.slice(0, 3)) {
        assert.match(
          minutes.replace(/\s+/g, ' '),
          /Confidential: this copy includes Part II \(exempt\) business and is not for publication/,
        );
      }
      const asked = await everything(reader, '?public=yes');
      const publicVersion = asked.texts.slice(0, 3).join('\n');
      for (const secret of secrets) assert.doesNotMatch(publicVersion, secret);
      assert.match(publicVersion, /Strategic Assessment/);
    });
  }

  const views = async (entityId: string) =>
    (await container.audit.list({ action: 'view' }, { limit: 100, offset: 0 })).rows.filter((row) => row.entityId === entityId);

  it('audits each read that includes Part II, once, with who, what and when; a read of the public part leaves none', async () => {
    const member = readers.get('group member');
    assert.ok(member);
    const meetingId = base.split('/').at(-1) ?? '';
    const before = (await views(meetingId)).length;
    const pdf = await member.get(`${base}/minutes/file.pdf`);
    assert.equal(pdf.statusCode, 200);
    const entries = await views(meetingId);
    assert.equal(entries.length, before + 1);
    const entry = entries[0];
    assert.equal(entry?.userName, 'mo@example.com');
    assert.equal(entry?.entityType, 'minutes');
    assert.equal(entry?.partnershipId, coventry);
    assert.match(entry?.summary ?? '', /Viewed the minutes \(PDF\) of .*21 July 2016, with Part II: "Case review of a named family"/);
    assert.ok(Date.now() - Date.parse(entry?.at ?? '') < 60_000);

    assert.equal((await member.get(`${base}/papers/${paperId}`)).statusCode, 200);
    const [paperView] = await views(paperId);
    assert.match(paperView?.summary ?? '', /Downloaded the Part II paper "Family details"/);
    assert.equal((await member.get(`${base}/agenda-pack.pdf`)).statusCode, 200);
    assert.equal((await views(meetingId)).filter((row) => row.entityType === 'agenda_pack').length, 1);

    // The public version, and a reader outside the group, read no Part II: nothing is recorded.
    const count = (await container.audit.list({ action: 'view' }, { limit: 1, offset: 0 })).total;
    await member.get(`${base}/minutes/file.pdf?public=yes`);
    await member.get(`${base}/agenda-pack.pdf?public=yes`);
    await readers.get('member not on the group')?.get(`${base}/minutes/print`);
    assert.equal((await container.audit.list({ action: 'view' }, { limit: 1, offset: 0 })).total, count);

    const admin = await signedIn('admin@example.com', () => Promise.resolve(), true);
    const page = await admin.get('/admin/audit?action=view');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<option value="view" selected>Viewed confidential material<\/option>/);
    assert.match(page.body, /Downloaded the Part II paper &quot;Family details&quot;/);
    assert.doesNotMatch(page.body, /Recorded a decision/);
  });

  it('refuses a Part II read whose audit entry cannot be written, and still serves the public part', async () => {
    const member = readers.get('group member');
    assert.ok(member);
    await sql`create trigger refuse_views before insert on audit_log when new.action = 'view'
      begin select raise(abort, 'the audit log is unavailable'); end`.execute(container.database.db);
    try {
      for (const url of [`${base}/papers/${paperId}`, `${base}/agenda-pack.pdf`, `${base}/minutes/file.pdf`, `${base}/minutes/print`]) {
        const refused = await member.get(url);
        assert.equal(refused.statusCode, 500, url);
        for (const secret of [...secrets, /Names of the family/]) assert.doesNotMatch(refused.body, secret, url);
      }
      assert.equal((await member.get(`${base}/minutes/file.pdf?public=yes`)).statusCode, 200);
    } finally {
      await sql`drop trigger refuse_views`.execute(container.database.db);
    }
  });
});

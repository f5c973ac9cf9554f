/**
 * The account a person is, set on the person's page by an officer: found by its address, within the officer's reach,
 * and what it then gives the account (the member role, and the Part II business of the person's groups) while the
 * person sits on a group.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope, testPassword } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { addPerson } from '../../../test/helpers/people.ts';

for (const database of testDatabases()) {
  describe(`linking a person to an account on their page, on ${database.engine}`, () => {
    const scope = suiteScope();
    let app: FastifyInstance;
    let container: Container;
    let officer: Browser;
    let coventry: string;
    let warwickshire: string;
    let boardId: string;
    let organisationId: string;
    let personId: string;
    let personPage: string;
    let meetingPage: string;
    let membershipId: string;
    let annId: string;
    let annClient: Browser | undefined;

    const account = (email: string, name: string) =>
      container.accounts.createUser(systemPrincipal, { email, name, password: testPassword, isAdmin: false });
    const rolesOf = async (userId: string) => [...((await container.accounts.loadPrincipal(userId))?.partnershipRoles.get(coventry) ?? [])];
    const linkedTo = async () => (await container.governance.people.get(coventry, personId)).userId;
    /** Ann, signed in once: her roles are read again at each request, as the link and her membership change. */
    const annBrowser = async () => {
      if (!annClient) {
        annClient = new Browser(app);
        await annClient.signIn('ann.smith@coventry.gov.uk', testPassword);
      }
      return annClient;
    };

    before(async () => {
      ({ app, container, client: officer, coventry, boardId } = await build(scope, { database: await database.create() }));
      const { governance } = container;
      warwickshire = (await governance.partnerships.list(null)).find((p) => p.id !== coventry)?.id ?? '';
      organisationId = (await governance.organisations.list(coventry))[0]?.id ?? '';
      personId = await addPerson(governance, coventry, { name: 'Ann Smith', email: 'ann.smith@coventry.gov.uk', organisationId });
      membershipId = await governance.memberships.create(systemPrincipal, coventry, {
        groupId: boardId,
        personId,
        organisationId,
        role: 'member',
        voting: true,
        core: true,
        startDate: '2016-04-01',
        endDate: null,
        substitutePersonId: null,
      });
      annId = await account('Ann.Smith@coventry.gov.uk', 'Ann Smith');
      personPage = `/partnerships/${coventry}/people/${personId}`;
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2016-07-21');
      await addAgendaItem(container.agenda, coventry, meetingId, 'Case review of a named family', { confidential: true });
      meetingPage = `/partnerships/${coventry}/meetings/${meetingId}`;
    });

    it('shows the officer that the person has no account, and asks only for its address', async () => {
      const page = await officer.get(personPage);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 class="govuk-heading-m">Account<\/h2>/);
      assert.match(page.body, /Not linked to an account\./);
      assert.match(page.body, new RegExp(`href="${personPage}/account">Link to an account`));
      const form = await officer.get(`${personPage}/account`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Email address of their account/);
      assert.doesNotMatch(form.body, /<select/, 'no list of accounts to choose from');
    });

    it('says what is wrong next to the field and keeps what was typed', async () => {
      const blank = await officer.post(`${personPage}/account`, { email: '' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /href="#email">Enter the email address of their account/);
      const malformed = await officer.post(`${personPage}/account`, { email: 'ann.smith at coventry' });
      assert.equal(malformed.statusCode, 400);
      assert.match(malformed.body, /Enter an email address in the correct format, like name@example.com/);
      assert.match(malformed.body, /value="ann.smith at coventry"/);
      const unknown = await officer.post(`${personPage}/account`, { email: 'nobody.here@coventry.gov.uk' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /id="email-error"[^]*There is no account with this email address that you can link/);
      assert.match(unknown.body, /value="nobody.here@coventry.gov.uk"/);
      assert.equal(await linkedTo(), null);
    });

    it('refuses an officer an account that holds roles only in another partnership, or is deactivated; an administrator may link the first', async () => {
      const elsewhere = await account('raj.patel@warwickshire.gov.uk', 'Raj Patel');
      await container.accounts.grantRole(systemPrincipal, elsewhere, 'officer', { partnershipId: warwickshire, areaId: null });
      const refused = await officer.post(`${personPage}/account`, { email: 'raj.patel@warwickshire.gov.uk' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /There is no account with this email address that you can link/);
      const gone = await account('gone@coventry.gov.uk', 'Gone');
      const { user } = await container.accounts.getUser(gone);
      await container.accounts.setActive(systemPrincipal, gone, user.version, false);
      assert.equal((await officer.post(`${personPage}/account`, { email: 'gone@coventry.gov.uk' })).statusCode, 400);
      assert.equal(await linkedTo(), null);

      // An administrator reaches every partnership's staff, but still only active accounts.
      const administrator = await container.accounts.loadPrincipal(await account('admin.two@example.com', 'Admin Two'));
      assert.ok(administrator);
      const asAdmin = { ...administrator, isAdmin: true };
      assert.equal((await container.accounts.accountToLink(asAdmin, coventry, 'RAJ.PATEL@warwickshire.gov.uk')).id, elsewhere);
      await assert.rejects(container.accounts.accountToLink(asAdmin, coventry, 'gone@coventry.gov.uk'), /no active account/);
    });

    it('links the account an officer names, shows it on the page, audits it, and makes the account a member who reads the group’s Part II', async () => {
      assert.equal((await (await annBrowser()).get(`/partnerships/${coventry}`)).statusCode, 403, 'no role before the link');
      const linked = await officer.post(`${personPage}/account`, { email: ' ANN.SMITH@coventry.gov.uk ' });
      assert.equal(linked.statusCode, 302);
      assert.equal(linked.headers.location, personPage);
      assert.equal(await linkedTo(), annId);
      const page = await officer.get(personPage);
      assert.match(page.body, /Account linked/);
      assert.match(page.body, /<td class="govuk-table__cell">ann.smith@coventry.gov.uk<\/td>/);
      assert.match(page.body, new RegExp(`href="${personPage}/account/unlink">Unlink from this account`));
      const { rows } = await container.audit.list({ action: 'update' }, { limit: 5, offset: 0 });
      assert.ok(rows.some((row) => row.summary === 'Linked Ann Smith to an account'));

      assert.deepEqual(await rolesOf(annId), ['member']);
      const meeting = await (await annBrowser()).get(meetingPage);
      assert.equal(meeting.statusCode, 200);
      assert.match(meeting.body, /Case review of a named family/, 'the Part II item of her group');
    });

    it('keeps the account section from anyone but officers and administrators', async () => {
      const page = await (await annBrowser()).get(personPage);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /ann.smith@coventry.gov.uk<\/td>|Link to an account|Unlink from this account/);
    });

    it('refuses a second person for the account, next to the field', async () => {
      const other = await addPerson(container.governance, coventry, { name: 'A Smith', email: null, organisationId });
      const refused = await officer.post(`/partnerships/${coventry}/people/${other}/account`, { email: 'ann.smith@coventry.gov.uk' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /href="#email">That account is already another person of this partnership/);
      assert.match(refused.body, /value="ann.smith@coventry.gov.uk"/);
    });

    it('takes the member role away when the membership ends, and gives it back when it is current again', async () => {
      const membership = async () => container.governance.memberships.get(coventry, membershipId);
      const change = async (endDate: string | null) => {
        const m = await membership();
        await container.governance.memberships.update(systemPrincipal, coventry, membershipId, m.version, {
          groupId: m.groupId,
          personId: m.personId,
          organisationId: m.organisationId,
          role: m.role,
          voting: m.voting,
          core: m.core,
          startDate: m.startDate,
          endDate,
          substitutePersonId: m.substitutePersonId,
        });
      };
      await change('2020-03-31');
      assert.deepEqual(await rolesOf(annId), []);
      assert.equal((await (await annBrowser()).get(meetingPage)).statusCode, 403);
      await change(null);
      assert.deepEqual(await rolesOf(annId), ['member']);
    });

    it('unlinks after a confirmation, and the account is no longer a member', async () => {
      const asked = await officer.get(`${personPage}/account/unlink`);
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /Unlink Ann Smith from their account\?/);
      assert.match(asked.body, /Ann Smith \(ann.smith@coventry.gov.uk\)/);
      assert.equal(await linkedTo(), annId, 'asking changes nothing');
      const done = await officer.post(`${personPage}/account/unlink`, {});
      assert.equal(done.statusCode, 302);
      assert.equal(await linkedTo(), null);
      assert.match((await officer.get(personPage)).body, /Account unlinked/);
      assert.deepEqual(await rolesOf(annId), []);
      assert.equal((await (await annBrowser()).get(`/partnerships/${coventry}`)).statusCode, 403);
      const again = await officer.get(`${personPage}/account/unlink`);
      assert.equal(again.statusCode, 302, 'nothing to unlink: back to the page, which says so');
    });

    it("lets an officer link an account of their own partnership's staff, who then reads the Part II of the person's group", async () => {
      const analyst = await account('pat.analyst@coventry.gov.uk', 'Pat Analyst');
      await container.accounts.grantRole(systemPrincipal, analyst, 'analyst', { partnershipId: coventry, areaId: null });
      const pat = new Browser(app);
      await pat.signIn('pat.analyst@coventry.gov.uk', testPassword);
      assert.doesNotMatch((await pat.get(meetingPage)).body, /Case review of a named family/, 'not on the board: no Part II');
      assert.equal((await officer.post(`${personPage}/account`, { email: 'pat.analyst@coventry.gov.uk' })).statusCode, 302);
      assert.equal(await linkedTo(), analyst);
      assert.deepEqual(await rolesOf(analyst), ['analyst', 'member']);
      assert.match((await pat.get(meetingPage)).body, /Case review of a named family/, 'now the person on the board');
    });
  });
}

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Container } from '../../container.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope, testPassword } from '../../../test/helpers/build.ts';

const password = testPassword;

describe('governance pages for a Coventry officer', () => {
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;

  const scope = suiteScope();

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
  });

  it('shows the partnership structure as a diagram and as a table, linked from the partnership’s overview', async () => {
    assert.match(
      (await officer.get(`/partnerships/${coventry}`)).body,
      new RegExp(`href="/partnerships/${coventry}/structure">Structure</a>`),
    );
    const page = await officer.get(`/partnerships/${coventry}/structure`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg[^>]+aria-labelledby="structure-heading structure-caption"/);
    const table = page.body.slice(page.body.indexOf('data-qa="structure-table"'));
    for (const name of ['Coventry Offender Management Group', 'Coventry Prevent Group']) assert.ok(table.includes(name), name);
    assert.match(table, /Bi-monthly \(every two months\)/);
  });

  it('lists an area’s partnerships on its page', async (t) => {
    const { client: admin, container: built, coventry: id } = await build(t, { as: 'admin' });
    const { areaId, name } = await built.governance.partnerships.get(null, id);
    const page = await admin.get(`/admin/areas/${areaId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/admin/partnerships/${id}">${name}</a>`));
  });

  it("shows the board's quorum rule and its 44 members, and downloads them as CSV", async () => {
    const page = await officer.get(`/partnerships/${coventry}/groups/${boardId}`);
    assert.match(page.body, /Every Responsible Authority on the group present, and at least 6 community or voluntary representatives/);
    assert.match(page.body, /44 current members/);
    const csv = await officer.get(`/partnerships/${coventry}/groups/${boardId}/members.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(
      String(csv.headers['content-disposition']),
      /^attachment; filename="coventry-police-crime-and-community-safety-partnership-board-members.csv"$/,
    );
    const rows: string[][] = parse(csv.body, { bom: true });
    assert.deepEqual(rows[0], [
      'Name',
      'Representing',
      'Role',
      'Voting',
      'Core or link',
      'Responsible Authority',
      'Named substitute',
      'Start date',
      'End date',
    ]);
    assert.equal(rows.length, 45);
    assert.ok(rows.some((row) => row[0] === "Darren O'Shaughnessy" && row[3] === 'Non-voting'));
  });

  it('pages a long list, searches every column and downloads what it shows', async () => {
    const all = await container.governance.memberships.list(coventry);
    assert.ok(all.length > 50, `Coventry has ${all.length} memberships`);
    const first = await officer.get(`/partnerships/${coventry}/memberships`);
    assert.match(first.body, new RegExp(`${all.length} records`));
    assert.match(first.body, /href="\/partnerships\/[^"]+\/memberships\?page=2"/);
    assert.equal((first.body.match(/<tr class="govuk-table__row">/g) ?? []).length, 51, 'a heading row and 50 records');
    const search = await officer.get(`/partnerships/${coventry}/memberships?q=Federation+of+Small`);
    assert.match(search.body, /3 records matching &quot;Federation of Small&quot;/);
    const csv = await officer.get(`/partnerships/${coventry}/memberships/download.csv?q=Federation+of+Small`);
    const rows: string[][] = parse(csv.body, { bom: true });
    assert.deepEqual(rows[0], ['Member', 'Group', 'Representing', 'Role']);
    assert.deepEqual(
      rows
        .slice(1)
        .map((row) => row[0])
        .sort(),
      ['Linsey Hunter', 'Linsey Luke', 'Steve Mills'],
    );
  });

  it('checks quorum for the members ticked', async () => {
    const members = await container.governance.listMemberships(coventry, { groupId: boardId });
    const nobody = await officer.get(`/partnerships/${coventry}/groups/${boardId}/quorum?checked=yes`);
    assert.match(nobody.body, /govuk-tag--red">\s*Not quorate/);
    assert.match(nobody.body, /0 community or voluntary representatives are present; at least 6 are needed/);
    const everyone = members.map((m) => `present=${m.id}`).join('&');
    const all = await officer.get(`/partnerships/${coventry}/groups/${boardId}/quorum?checked=yes&${everyone}`);
    assert.match(all.body, /govuk-tag--green">\s*Quorate/);
  });

  it('adds a member from the group page, keeping the typed values when the dates are wrong', async () => {
    const [person] = (await container.governance.people.list(coventry)).filter((p) => p.name === 'Gurmit Shoker');
    const [organisation] = (await container.governance.organisations.list(coventry)).filter((o) => o.name.startsWith('Victim Support'));
    assert.ok(person && organisation);
    const form = {
      groupId: boardId,
      personId: person.id,
      organisationId: organisation.id,
      role: 'member',
      voting: 'yes',
      core: 'link',
      'startDate-day': '21',
      'startDate-month': '7',
      'startDate-year': '2016',
      'endDate-day': '1',
      'endDate-month': '4',
      'endDate-year': '2016',
    };
    const wrong = await officer.post(`/partnerships/${coventry}/memberships`, form);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The end date must be the same as or after the start date/);
    assert.match(wrong.body, /name="startDate-day" type="text" value="21"/);
    assert.match(wrong.body, /value="link" checked/);
    const right = await officer.post(`/partnerships/${coventry}/memberships`, {
      ...form,
      'endDate-day': '',
      'endDate-month': '',
      'endDate-year': '',
    });
    assert.equal(right.statusCode, 302);
    const edit = await officer.get(`${String(right.headers.location)}/edit`);
    assert.match(edit.body, /value="link" checked/, 'a link member stays a link member when edited');
    assert.match(edit.body, /name="voting" type="radio" value="yes" checked/);
    const personPage = await officer.get(`/partnerships/${coventry}/people/${person.id}`);
    assert.match(personPage.body, /Coventry Police, Crime and Community Safety Partnership Board/);
    assert.match((await officer.get(`/partnerships/${coventry}/groups/${boardId}`)).body, /45 current members/);
  });

  it('refuses a chair who is not a voting member of the group, next to the person, keeping what was typed', async () => {
    const members = new Set((await container.governance.listMemberships(coventry, { groupId: boardId })).map((m) => m.personId));
    const outsider = (await container.governance.people.list(coventry)).find((p) => !members.has(p.id));
    assert.ok(outsider);
    const form = {
      groupId: boardId,
      role: 'chair',
      personId: outsider.id,
      yearStarting: '2019',
      'appointedOn-day': '16',
      'appointedOn-month': '5',
      'appointedOn-year': '2019',
      appointedBy: 'Elected by Board members',
    };
    const refused = await officer.post(`/partnerships/${coventry}/chair-appointments`, form);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, new RegExp(`href="#personId">${outsider.name} is not a voting member of this group on 16 May 2019`));
    assert.match(refused.body, /id="personId-error"/);
    assert.match(refused.body, new RegExp(`<option value="${outsider.id}" selected`));
    assert.match(refused.body, /name="appointedBy" type="text" value="Elected by Board members"/);
    assert.match(refused.body, /name="yearStarting" type="text" value="2019"/);
  });

  it('saves a review of the terms of reference as a new version and keeps the old one', async () => {
    const form = await officer.get(`/partnerships/${coventry}/groups/${boardId}/terms/new`);
    assert.match(form.body, /Saving makes version 2/);
    assert.match(form.body, /name="communityMinimum" type="text" value="6"/);
    assert.match(form.body, /name="basedOn" value="1"/);
    const review = {
      purpose: 'Provide the governance for the statutory Community Safety Partnership for Coventry.',
      functions: 'Oversee the strategic assessment\nAgree the annual spending plan',
      keyOutcomes: '',
      cadence: 'quarterly',
      chairRole: 'Elected annually by Board members',
      papersNoticeDays: '5',
      papersNoticeUnit: 'working',
      membershipSpecification: 'Responsible Authorities\nCommunities and voluntary sector',
      quorumKind: 'responsible_authorities_and_community',
      communityMinimum: '5',
      voteMajority: 'two_thirds_of_votes_cast',
      'effectiveFrom-day': '1',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2017',
    };
    assert.match(form.body, /name="voteMajority" type="radio" value="votes_cast" checked/);
    const saved = await officer.post(`/partnerships/${coventry}/groups/${boardId}/terms`, { ...review, basedOn: '1' });
    assert.equal(saved.statusCode, 302);
    assert.match((await officer.get(`/partnerships/${coventry}/groups/${boardId}/terms/2`)).body, /Two thirds of the votes cast/);
    // A second review begun from version 1 would silently replace version 2: refused, with the typing kept.
    const stale = await officer.post(`/partnerships/${coventry}/groups/${boardId}/terms`, {
      ...review,
      chairRole: 'Leader of the Council',
      basedOn: '1',
    });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Someone else saved version 2 of these terms of reference/);
    assert.match(stale.body, /value="Leader of the Council"/);
    assert.match(stale.body, /name="basedOn" value="2"/);
    const history = await officer.get(`/partnerships/${coventry}/groups/${boardId}/terms`);
    assert.match(history.body, /Version 2<\/a> \(in force\)/);
    assert.match(history.body, /Version 1<\/a>/);
    const old = await officer.get(`/partnerships/${coventry}/groups/${boardId}/terms/1`);
    assert.match(old.body, /This is an earlier version/);
    assert.match(old.body, /at least 6 community or voluntary representatives/);
  });

  it('keeps the terms in force until a reviewed version applies', async () => {
    const [prevent] = (await container.governance.groups.list(coventry)).filter((g) => g.name === 'Coventry Prevent Group');
    assert.ok(prevent);
    const saved = await officer.post(`/partnerships/${coventry}/groups/${prevent.id}/terms`, {
      purpose: 'Deliver the Coventry Prevent Delivery Plan',
      functions: 'Develop and deliver the plan',
      cadence: 'monthly',
      chairRole: 'Assistant Director Policy, Partnership and Performance',
      papersNoticeDays: '7',
      papersNoticeUnit: 'calendar',
      membershipSpecification: 'Community Safety Team',
      quorumKind: 'count',
      minimum: '4',
      'effectiveFrom-day': '1',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2099',
      basedOn: '1',
    });
    assert.equal(saved.statusCode, 302);
    const page = await officer.get(`/partnerships/${coventry}/groups/${prevent.id}`);
    assert.match(page.body, /Version 2 has been agreed and applies from 1 April 2099/);
    assert.match(page.body, /Version 1, in force from/);
    // The quorum still follows version 1 until version 2 applies.
    assert.match(page.body, /At least 1 in 3 of the voting members present/);
    assert.doesNotMatch(page.body, /At least 4 voting members present/);
  });

  it("keeps a person's archived organisation when the person is edited", async () => {
    const organisationId = await container.governance.organisations.create(systemPrincipal, coventry, {
      name: 'Coventry Street Pastors',
      sector: 'community_voluntary',
      responsibleAuthority: false,
    });
    const personId = await container.governance.people.create(systemPrincipal, coventry, {
      name: 'Sam Pastor',
      jobTitle: null,
      organisationId,
      email: null,
    });
    await container.governance.organisations.setArchived(systemPrincipal, coventry, organisationId, 1, true);
    const form = await officer.get(`/partnerships/${coventry}/people/${personId}/edit`);
    assert.match(form.body, new RegExp(`<option value="${organisationId}" selected>Coventry Street Pastors \\(archived\\)</option>`));
    const saved = await officer.post(`/partnerships/${coventry}/people/${personId}`, {
      name: 'Sam Pastor',
      jobTitle: 'Coordinator',
      organisationId,
      version: '1',
    });
    assert.equal(saved.statusCode, 302);
    assert.equal((await container.governance.people.get(coventry, personId)).organisationId, organisationId);
    // A new person cannot be given the archived organisation.
    const fresh = await officer.post(`/partnerships/${coventry}/people`, { name: 'New Pastor', organisationId });
    assert.equal(fresh.statusCode, 400);
    assert.match(fresh.body, /Select an organisation in this partnership/);
  });

  it('asks for the missing number when a quorum rule needs one', async () => {
    const response = await officer.post(`/partnerships/${coventry}/groups/${boardId}/terms`, {
      purpose: 'Purpose',
      functions: 'One',
      cadence: 'monthly',
      chairRole: 'Chair',
      papersNoticeUnit: 'working',
      membershipSpecification: 'Members',
      quorumKind: 'fraction',
      numerator: '2',
      'effectiveFrom-day': '1',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2017',
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Enter the bottom number of the fraction/);
    assert.match(response.body, /name="numerator" type="text" value="2"/);
  });

  it('writes names that look like formulas into the CSV as text', async () => {
    const personId = await container.governance.people.create(systemPrincipal, coventry, {
      name: '=HYPERLINK("http://evil.example","Click")',
      jobTitle: null,
      organisationId: null,
      email: null,
    });
    const [organisation] = await container.governance.organisations.list(coventry);
    await container.governance.memberships.create(systemPrincipal, coventry, {
      groupId: boardId,
      personId,
      organisationId: organisation?.id ?? '',
      role: 'member',
      voting: false,
      core: false,
      startDate: '2016-04-01',
      endDate: null,
      substitutePersonId: null,
    });
    const csv = await officer.get(`/partnerships/${coventry}/groups/${boardId}/members.csv`);
    const rows: string[][] = parse(csv.body, { bom: true });
    assert.ok(rows.some((row) => row[0] === `'=HYPERLINK("http://evil.example","Click")`));
  });

  it('hides an archived partnership from its officers', async () => {
    const [melton] = (await container.governance.partnerships.list(null)).filter((p) => p.shortName === 'Melton');
    assert.ok(melton);
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'melton@example.com',
      name: 'Mel',
      password,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemPrincipal, userId, 'officer', { partnershipId: melton.id, areaId: null });
    const meltonOfficer = new Browser(app);
    await meltonOfficer.signIn('melton@example.com', password);
    assert.equal((await meltonOfficer.get(`/partnerships/${melton.id}`)).statusCode, 200);
    await container.governance.partnerships.setArchived(systemPrincipal, null, melton.id, melton.version, true);
    assert.equal((await meltonOfficer.get(`/partnerships/${melton.id}`)).statusCode, 404);
    assert.equal((await meltonOfficer.post(`/partnerships/${melton.id}/organisations`, { name: 'New' })).statusCode, 404);
  });

  it('will not show another partnership to a Coventry officer', async () => {
    const [plymouth] = (await container.governance.partnerships.list(null)).filter((p) => p.name === 'Safer Plymouth');
    assert.ok(plymouth);
    assert.equal((await officer.get(`/partnerships/${plymouth.id}`)).statusCode, 403);
    const [plymouthGroup] = await container.governance.groups.list(plymouth.id);
    assert.ok(plymouthGroup);
    // A Plymouth record reached through the Coventry address is not found, not shown or changed.
    assert.equal((await officer.get(`/partnerships/${coventry}/groups/${plymouthGroup.id}`)).statusCode, 404);
    const change = await officer.post(`/partnerships/${coventry}/groups/${plymouthGroup.id}`, {
      name: 'Renamed',
      version: String(plymouthGroup.version),
    });
    assert.equal(change.statusCode, 404);
    assert.equal((await container.governance.groups.get(plymouth.id, plymouthGroup.id)).name, plymouthGroup.name);
  });
});

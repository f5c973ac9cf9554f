/** An administrator gives and takes away roles: each shown and audited with where it is held. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { systemPrincipal } from '../../platform/principal.ts';
import { build, testPassword } from '../../../test/helpers/build.ts';

it('gives a role in a partnership or an area, names where on the account and in the audit log, and takes it away', async (t) => {
  const { client: admin, container, coventry } = await build(t, { as: 'admin' });
  const { name, areaId } = await container.governance.partnerships.get(null, coventry);
  const { name: areaName } = await container.governance.areas.get(null, areaId);
  const userId = await container.accounts.createUser(systemPrincipal, {
    email: 'rita.role@example.com',
    name: 'Rita Role',
    password: testPassword,
    isAdmin: false,
  });
  assert.equal((await admin.post(`/admin/users/${userId}/roles`, { role: 'officer', partnershipId: coventry })).statusCode, 302);
  assert.equal((await admin.post(`/admin/users/${userId}/roles`, { role: 'overseer', areaId })).statusCode, 302);
  const page = await admin.get(`/admin/users/${userId}`);
  assert.ok(page.body.includes(`<td class="govuk-table__cell">${name}</td>`), 'the partnership is named');
  assert.ok(page.body.includes(`<td class="govuk-table__cell">${areaName}</td>`), 'the area is named');
  assert.equal(page.body.match(/>\s*Roles\s*</g)?.length, 1, 'the roles are headed "Roles" once, the table captioned by it');
  const summaries = async () => (await container.audit.list({ action: 'grant' }, { limit: 10, offset: 0 })).rows.map((r) => r.summary);
  assert.ok((await summaries()).includes(`Gave Rita Role the officer role in ${name}`));
  assert.ok((await summaries()).includes(`Gave Rita Role the overseer role in ${areaName}`));

  const { grants } = await container.accounts.getUser(userId);
  const officer = grants.find((grant) => grant.role === 'officer');
  assert.ok(officer);
  assert.equal((await admin.post(`/admin/users/${userId}/roles/${officer.id}/remove`, {})).statusCode, 302);
  const { rows } = await container.audit.list({ action: 'revoke' }, { limit: 10, offset: 0 });
  assert.deepEqual(
    rows.map((row) => row.summary),
    [`Removed Rita Role's officer role in ${name}`],
  );
  assert.deepEqual(
    (await container.accounts.getUser(userId)).grants.map((grant) => grant.role),
    ['overseer'],
  );
});

it('refuses a role in a partnership that is not offered, with the message next to the field', async (t) => {
  const { client: admin, container } = await build(t, { as: 'admin', seed: false });
  const userId = await container.accounts.createUser(systemPrincipal, {
    email: 'rita.role@example.com',
    name: 'Rita Role',
    password: testPassword,
    isAdmin: false,
  });
  const refused = await admin.post(`/admin/users/${userId}/roles`, { role: 'officer', partnershipId: 'no-such-partnership' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Select a partnership/);
  assert.deepEqual((await container.accounts.getUser(userId)).grants, []);
});

it('lists the people records the account is, each linking to its page, and says when its address was verified', async (t) => {
  const { client: admin, container, coventry } = await build(t, { as: 'admin' });
  const userId = await container.accounts.createUser(systemPrincipal, {
    email: 'lee.link@example.com',
    name: 'Lee Link',
    password: testPassword,
    isAdmin: false,
  });
  const before = await admin.get(`/admin/users/${userId}`);
  assert.match(before.body, /Email address verified[^]*Not yet verified/);
  assert.match(before.body, /data-qa="people-of-account">Not linked to any partnership’s person record/);

  const [organisation] = await container.governance.organisations.list(coventry);
  const personId = await container.governance.people.create(systemPrincipal, coventry, {
    name: 'Lee Link',
    jobTitle: null,
    organisationId: organisation?.id ?? null,
    email: null,
  });
  await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
  await container.accounts.markEmailVerified(userId);
  const page = await admin.get(`/admin/users/${userId}`);
  const { name } = await container.governance.partnerships.get(null, coventry);
  assert.match(
    page.body,
    new RegExp(
      `<a class="govuk-link" href="/partnerships/${coventry}/people/${personId}">Lee Link \\(${organisation?.name}\\)</a> in ${name}`,
    ),
  );
  assert.doesNotMatch(page.body, /Not yet verified/);
  assert.match(page.body, /Email address verified\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*\d{1,2} [A-Z][a-z]+ \d{4}/);
});

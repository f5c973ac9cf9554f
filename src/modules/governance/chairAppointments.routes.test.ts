/** The chair role follows the chair appointments: what an administrator sees on an account, and cannot give by hand. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Container } from '../../container.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope, testPassword } from '../../../test/helpers/build.ts';
import { appointChair } from '../../../test/helpers/people.ts';

describe('the chair role on an account', () => {
  let container: Container;
  let coventry: string;
  let boardId: string;
  let admin: Browser;
  const password = testPassword;

  const scope = suiteScope();

  before(async () => {
    ({ container, coventry, boardId, client: admin } = await build(scope, { as: 'admin' }));
  });

  it('says where the chair role comes from: the appointment of the person the account is', async () => {
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'Cara.Chair@example.com',
      name: 'Cara Chair',
      password,
      isAdmin: false,
    });
    const before = await admin.get(`/admin/users/${userId}`);
    assert.match(before.body, /data-qa="chair-appointments">Not a chair or vice-chair this year/);
    assert.match(before.body, /The member and chair roles are not given here/);
    await appointChair(container, coventry, { email: 'cara.chair@example.com', name: 'Cara Chair', groupId: boardId });
    const page = await admin.get(`/admin/users/${userId}`);
    const year = (await container.governance.listChairAppointments(coventry, { groupId: boardId }))[0]?.yearStarting ?? 0;
    assert.match(
      page.body,
      new RegExp(`Coventry[^<]*: chair of Coventry Police, Crime and Community Safety Partnership Board for ${year} to ${year + 1}`),
    );
    assert.match(page.body, new RegExp(`href="/partnerships/${coventry}/chair-appointments"`));
    const principal = await container.accounts.loadPrincipal(userId);
    assert.deepEqual([...(principal?.partnershipRoles.get(coventry) ?? [])], ['member', 'chair']);
  });

  // Found by an attack test: officers type people's e-mail addresses, so an appointment alone made any account a
  // chair — another partnership's member (who then read this one), or the officer who made it (who then released
  // funding alone).
  it("makes no account chair by its e-mail address alone, and never the partnership's officer", async () => {
    const groups = await container.governance.groups.list(coventry);
    const subGroup = groups.find((group) => group.id !== boardId);
    assert.ok(subGroup);
    await appointChair(container, coventry, { email: 'stranger@example.com', name: 'A Stranger', groupId: subGroup.id });
    const strangerId = await container.accounts.createUser(systemPrincipal, {
      email: 'stranger@example.com',
      name: 'A Stranger',
      password,
      isAdmin: false,
    });
    assert.equal((await container.accounts.loadPrincipal(strangerId))?.partnershipRoles.get(coventry), undefined);

    const officerId = await container.accounts.createUser(systemPrincipal, {
      email: 'self.appointed@example.com',
      name: 'Self Appointed',
      password,
      isAdmin: false,
    });
    await container.accounts.grantRole(systemPrincipal, officerId, 'officer', { partnershipId: coventry, areaId: null });
    await appointChair(container, coventry, {
      email: 'self.appointed@example.com',
      name: 'Self Appointed',
      groupId: subGroup.id,
      role: 'vice_chair',
    });
    const officer = await container.accounts.loadPrincipal(officerId);
    assert.equal(officer?.partnershipRoles.get(coventry)?.has('chair'), false);
  });

  it('does not offer the chair role to give, and refuses it next to the field, keeping the partnership chosen', async () => {
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'hopeful@example.com',
      name: 'Hopeful',
      password,
      isAdmin: false,
    });
    const page = await admin.get(`/admin/users/${userId}`);
    const form = page.body.slice(page.body.indexOf('data-qa="grant-form"'));
    assert.doesNotMatch(form, /name="role" type="radio" value="chair"/);
    assert.match(form, /name="role" type="radio" value="officer"/);
    const refused = await admin.post(`/admin/users/${userId}/roles`, { role: 'chair', partnershipId: coventry });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#role">Select a role/);
    assert.match(refused.body, new RegExp(`<option value="${coventry}" selected`));
    assert.deepEqual((await container.accounts.getUser(userId)).grants, []);
  });
});

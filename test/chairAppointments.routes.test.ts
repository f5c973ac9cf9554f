/** The chair role follows the chair appointments: what an administrator sees on an account, and cannot give by hand. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { Container } from '../src/container.ts';
import { Browser } from './helpers/app.ts';
import { startAsCoventryOfficer } from './helpers/coventry.ts';
import { appointChair } from './helpers/people.ts';

describe('the chair role on an account', () => {
  let app: FastifyInstance;
  let container: Container;
  let coventry: string;
  let boardId: string;
  let close: () => Promise<void>;
  let admin: Browser;
  const password = 'a long enough password';

  before(async () => {
    ({ app, container, coventry, boardId, close } = await startAsCoventryOfficer());
    await container.accounts.createUser(systemPrincipal, { email: 'admin@example.com', name: 'Ada Admin', password, isAdmin: true });
    admin = new Browser(app);
    await admin.signIn('admin@example.com', password);
  });
  after(() => close());

  it('says where the chair role comes from: the appointment of the person with the same e-mail address', async () => {
    const userId = await container.accounts.createUser(systemPrincipal, {
      email: 'Cara.Chair@example.com',
      name: 'Cara Chair',
      password,
      isAdmin: false,
    });
    const before = await admin.get(`/admin/users/${userId}`);
    assert.match(before.body, /data-qa="chair-appointments">Not a chair or vice-chair this year/);
    assert.match(before.body, /The chair role, which signs minutes and releases funding, is not given here/);
    await appointChair(container, coventry, { email: 'cara.chair@example.com', name: 'Cara Chair', groupId: boardId });
    const page = await admin.get(`/admin/users/${userId}`);
    const year = (await container.governance.listChairAppointments(coventry, { groupId: boardId }))[0]?.yearStarting ?? 0;
    assert.match(
      page.body,
      new RegExp(`Coventry[^<]*: chair of Coventry Police, Crime and Community Safety Partnership Board for ${year} to ${year + 1}`),
    );
    assert.match(page.body, new RegExp(`href="/partnerships/${coventry}/chair-appointments"`));
    const principal = await container.accounts.loadPrincipal(userId);
    assert.deepEqual([...(principal?.partnershipRoles.get(coventry) ?? [])], ['chair']);
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

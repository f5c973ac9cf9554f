import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { memberOfGroup, memberPassword, type MemberWithWork } from '../../../test/helpers/myWork.ts';

describe("a member's own interests, by the pages", () => {
  const scope = suiteScope();
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let ann: Browser;
  let annAccount: MemberWithWork;
  let bob: MemberWithWork;
  let base: string;

  before(async () => {
    let boardId: string;
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
    annAccount = await memberOfGroup(container, coventry, boardId, { email: 'ann@example.com', name: 'Ann Smith' });
    bob = await memberOfGroup(container, coventry, boardId, { email: 'bob@example.com', name: 'Bob Jones' });
    ann = new Browser(app);
    await ann.signIn('ann@example.com', memberPassword);
    base = `/partnerships/${coventry}/my-interests`;
  });

  const interestsOf = async (member: MemberWithWork) => (await container.governance.myInterests(member.userId, coventry)).interests;

  it('declares an interest, saying what to fix and keeping what was typed when a part is missing', async () => {
    const refused = await ann.post(base, { category: 'membership', description: '' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /Describe the interest/);
    assert.match(refused.body, /value="membership" checked/);
    const declared = await ann.post(base, { category: 'membership', description: 'Trustee of Coventry Haven' });
    assert.equal(declared.statusCode, 302);
    assert.equal(declared.headers.location, base);
    const page = await ann.get(base);
    assert.match(page.body, /Trustee of Coventry Haven/);
    assert.match(page.body, /Still correct/);
  });

  it('changes, confirms and ends it, and the officer sees on the register that the member updated it', async () => {
    const [interest] = await interestsOf(annAccount);
    assert.ok(interest);
    const changeForm = await ann.get(`${base}/${interest.id}/change`);
    assert.equal(changeForm.statusCode, 200);
    assert.match(changeForm.body, /Trustee of Coventry Haven/);
    assert.equal(
      (await ann.post(`${base}/${interest.id}/change`, { version: '1', category: 'membership', description: 'Chair of Coventry Haven' }))
        .statusCode,
      302,
    );
    assert.equal((await ann.post(`${base}/${interest.id}/reviewed`, { version: '2' })).headers.location, base);
    const badEnd = await ann.post(`${base}/${interest.id}/end`, {
      version: '3',
      'endedOn-day': '1',
      'endedOn-month': '1',
      'endedOn-year': '1999',
    });
    assert.equal(badEnd.statusCode, 400);
    assert.match(badEnd.body, /must be on or after/);
    const register = await officer.get(`/partnerships/${coventry}/interests`);
    assert.match(register.body, /updated by the member on/);
  });

  it("finds no other person's interest by its id: not to read, change, confirm or end", async () => {
    const id = await container.governance.interests.create(systemPrincipal, coventry, {
      personId: bob.personId,
      category: 'financial',
      description: 'Shares in a security firm',
      declaredOn: '2026-01-01',
      endedOn: null,
    });
    assert.equal((await ann.get(`${base}/${id}/change`)).statusCode, 404);
    assert.equal((await ann.get(`${base}/${id}/end`)).statusCode, 404);
    assert.equal((await ann.post(`${base}/${id}/change`, { version: '1', category: 'other', description: 'Mine now' })).statusCode, 404);
    assert.equal((await ann.post(`${base}/${id}/reviewed`, { version: '1' })).statusCode, 404);
    const [held] = await interestsOf(bob);
    assert.equal(held?.description, 'Shares in a security firm');
    assert.equal(held?.version, 1);
  });

  it('tells an account that is no one of the partnership how to become its person', async () => {
    const page = await officer.get(base);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Ask your partnership officer to link your account/);
  });
});

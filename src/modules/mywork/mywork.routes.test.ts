import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { giveAction, memberOfGroup, memberPassword } from '../../../test/helpers/myWork.ts';

describe('My work, the home page of an account that is someone', () => {
  const scope = suiteScope();
  let app: FastifyInstance;
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;
  let ann: Browser;
  let actionId: string;

  before(async () => {
    ({ app, container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
    const member = await memberOfGroup(container, coventry, boardId, { email: 'ann@example.com', name: 'Ann Smith' });
    await scheduleMeeting(container.meetings, coventry, boardId, '2099-06-11', '10:00');
    actionId = await giveAction(container, coventry, boardId, {
      description: 'Map the night-time economy hotspots',
      owner: 'Ann Smith',
      dueDate: '2020-01-31',
      personId: member.personId,
    });
    ann = new Browser(app);
    await ann.signIn('ann@example.com', memberPassword);
  });

  it('shows a member their next meeting and their action, overdue, with a form that updates it and returns here', async () => {
    const home = await ann.get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<h1 class="govuk-heading-l">My work<\/h1>/);
    assert.match(home.body, /Thursday 11 June 2099 at 10:00/);
    assert.match(home.body, /Map the night-time economy hotspots/);
    assert.match(home.body, /Overdue/);
    assert.match(home.body, new RegExp(`action="/partnerships/${coventry}/actions/${actionId}"`));

    const updated = await ann.post(`/partnerships/${coventry}/actions/${actionId}`, {
      version: '1',
      status: 'in_progress',
      note: 'Walked the city centre with the police',
      returnTo: '/',
    });
    assert.equal(updated.statusCode, 302);
    assert.equal(updated.headers.location, '/');
    const { updates } = await container.actions.action(coventry, actionId, systemPrincipal);
    assert.equal(updates[0]?.note, 'Walked the city centre with the police');
  });

  it('shows a problem with an update on the action’s page, with what was typed and the way back kept', async () => {
    const refused = await ann.post(`/partnerships/${coventry}/actions/${actionId}`, {
      version: '2',
      status: 'done',
      note: '',
      returnTo: '/',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Enter the update/);
    assert.match(refused.body, /<input type="hidden" name="returnTo" value="\/">/);
  });

  it('never returns to another site', async () => {
    const sent = await ann.post(`/partnerships/${coventry}/actions/${actionId}`, {
      version: '2',
      status: 'done',
      note: 'Done',
      returnTo: '//evil.example/',
    });
    assert.equal(sent.statusCode, 302);
    assert.equal(sent.headers.location, `/partnerships/${coventry}/actions/${actionId}`);
  });

  it("shows an officer the partnership's outstanding work", async () => {
    const home = await officer.get('/');
    assert.match(home.body, /Outstanding work/);
    assert.match(home.body, /data-qa="officer-outstanding"/);
  });

  it('leaves the home of an account that is no one as it was', async () => {
    const { client } = await build(scope, { as: 'member' });
    const home = await client.get('/');
    assert.match(home.body, /<h1 class="govuk-heading-l">Your partnerships<\/h1>/);
    assert.doesNotMatch(home.body, /My work/);
  });
});

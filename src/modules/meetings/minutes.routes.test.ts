import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { seedDemoFunding } from '../funding/index.ts';

describe("an item's minutes page, one form for an officer", () => {
  const scope = suiteScope();
  let container: Container;
  let officer: Browser;
  let coventry: string;
  let boardId: string;

  before(async () => {
    ({ container, client: officer, coventry, boardId } = await build(scope, { as: 'officer' }));
  });

  async function itemPage(meetingDate: string, title: string) {
    const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, meetingDate);
    const itemId = await addAgendaItem(container.agenda, coventry, meetingId, title);
    return { meetingId, itemId, base: `/partnerships/${coventry}/meetings/${meetingId}/items/${itemId}/minutes` };
  }

  it('saves the typed narrative with any button, and keeps whatever else was typed', async () => {
    const { meetingId, itemId, base } = await itemPage('2016-07-21', 'Designated Public Places Order');
    const page = await officer.get(base);
    assert.equal((page.body.match(/<form method="post"/g) ?? []).length, 1, 'one form on the page');
    assert.match(page.body, new RegExp(`href="/partnerships/${coventry}/meetings/${meetingId}" data-qa="back">Back to the meeting`));

    // A decision with a problem: nothing is lost, and the narrative is already saved.
    const typed = {
      intent: 'record:decision',
      version: '0',
      narrative: 'The review of the DPPO was presented.',
      outcome: 'supported',
      description: 'Consult residents',
    };
    const refused = await officer.post(base, typed);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Enter the decision/);
    assert.match(refused.body, /The review of the DPPO was presented\./);
    assert.match(refused.body, /Consult residents/);
    assert.match(refused.body, /value="supported" checked/);
    assert.equal((await container.minutes.itemMinutes(coventry, meetingId, itemId)).narrative, 'The review of the DPPO was presented.');

    // Typed further and recorded: the narrative's change is saved too, and the half-typed action waits on the page.
    const recorded = await officer.post(base, {
      ...typed,
      version: '1',
      narrative: 'The review of the DPPO was presented and discussed.',
      wording: 'Recommendations 4.1 and 4.2 were supported',
    });
    assert.equal(recorded.statusCode, 302);
    const minutes = await container.minutes.itemMinutes(coventry, meetingId, itemId);
    assert.equal(minutes.narrative, 'The review of the DPPO was presented and discussed.');
    assert.deepEqual(
      minutes.decisions.map((d) => d.wording),
      ['Recommendations 4.1 and 4.2 were supported'],
    );
    const after = await officer.get(base);
    assert.match(after.body, /Decision recorded/);
    assert.match(after.body, /<textarea[^>]*id="description"[^>]*>Consult residents<\/textarea>/);
    assert.doesNotMatch((await officer.get(base)).body, /<textarea[^>]*id="description"[^>]*>Consult residents/, 'kept once only');
  });

  it('changes and removes what draft minutes record, and on signed minutes offers only a correction', async () => {
    const { meetingId, itemId, base } = await itemPage('2016-10-20', 'Night-time economy');
    const nextId = await scheduleMeeting(container.meetings, coventry, boardId, '2017-01-19');
    const plain = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null };
    const decision = await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, {
      ...plain,
      outcome: 'agreed',
      wording: 'Fund two street pastors',
    });
    const action = await container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
      description: 'Write to the pastors',
      owner: { kind: 'other', name: 'Officer' },
      dueDate: null,
    });
    const draft = await officer.get(base);
    assert.match(draft.body, new RegExp(`value="change:decision:${decision}"`));
    assert.match(draft.body, new RegExp(`value="remove:action:${action}"`));

    // Change: the button saves what was typed, then opens the decision's own page.
    const toChange = await officer.post(base, {
      intent: `change:decision:${decision}`,
      version: '0',
      narrative: 'Pastors were discussed.',
    });
    assert.equal(toChange.headers.location, `${base}/decisions/${decision}`);
    assert.equal((await container.minutes.itemMinutes(coventry, meetingId, itemId)).narrative, 'Pastors were discussed.');
    const form = await officer.get(`${base}/decisions/${decision}`);
    assert.match(form.body, /Fund two street pastors<\/textarea>/);
    assert.match(form.body, /name="version" value="1"/);
    const changed = await officer.post(`${base}/decisions/${decision}`, {
      outcome: 'agreed',
      wording: 'Fund three street pastors',
      version: '1',
    });
    assert.equal(changed.statusCode, 302);
    assert.match((await officer.get(base)).body, /Fund three street pastors/);

    // A form opened before that change is refused, with what was typed kept and the version now stored.
    const stale = await officer.post(`${base}/decisions/${decision}`, {
      outcome: 'agreed',
      wording: 'Fund four street pastors',
      version: '1',
    });
    assert.equal(stale.statusCode, 400);
    assert.match(stale.body, /Someone else changed this record while you were editing it/);
    assert.match(stale.body, /Fund four street pastors<\/textarea>/);
    assert.match(stale.body, /name="version" value="2"/);
    assert.equal((await container.minutes.itemMinutes(coventry, meetingId, itemId)).decisions[0]?.wording, 'Fund three street pastors');
    assert.match(form.body, /<h1[^>]*>\s*Change a decision\s*</);
    assert.match((await officer.get(`${base}/actions/${action}`)).body, /<h1[^>]*>\s*Change an action\s*</);

    // Remove: asked first, then gone.
    const ask = await officer.get(`${base}/actions/${action}/remove`);
    assert.match(ask.body, /Remove this action\?/);
    assert.match(ask.body, /Write to the pastors \(Officer\)/);
    assert.match(ask.body, /name="version" value="1"/);
    // Asked before someone changed the action: refused, and the action stays.
    await container.minutes.changeEntry(systemPrincipal, coventry, meetingId, itemId, action, 1, {
      kind: 'action',
      input: { description: 'Write to the pastors', owner: { kind: 'other', name: 'Officer' }, dueDate: '2016-11-01' },
    });
    assert.equal((await officer.post(`${base}/actions/${action}/remove`, { version: '1' })).statusCode, 302);
    assert.match((await officer.get(base)).body, /Someone else changed this record while you were editing it/);
    assert.equal((await container.minutes.itemMinutes(coventry, meetingId, itemId)).actions.length, 1);
    assert.equal((await officer.post(`${base}/actions/${action}/remove`, { version: '2' })).statusCode, 302);
    const removed = await officer.get(base);
    assert.match(removed.body, /Action removed/);
    assert.match(removed.body, /No actions recorded/);

    await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
    await container.minutes.approve(systemPrincipal, coventry, meetingId, 2, nextId);
    await container.minutes.sign(systemPrincipal, coventry, meetingId, 3, 'Cllr Abbott');
    const signed = await officer.get(base);
    assert.doesNotMatch(signed.body, /<form method="post"/, 'no form the service would refuse');
    assert.doesNotMatch(signed.body, /change:decision|remove:decision/);
    assert.match(signed.body, /These minutes have been approved[\s\S]*href="[^"]+\/minutes\/amendments\/new"[^>]*>Record a correction/);
    assert.match(signed.body, /Pastors were discussed\./);
    const closed = await officer.get(`${base}/decisions/${decision}`);
    assert.doesNotMatch(closed.body, /data-qa="record-form"/);
    assert.match(closed.body, /These minutes have been approved/);
    assert.doesNotMatch((await officer.get(`${base}/decisions/${decision}/remove`)).body, /data-qa="confirm-form"/);
    const late = await officer.post(`${base}/decisions/${decision}`, { outcome: 'agreed', wording: 'Rewritten', version: '2' });
    assert.equal(late.statusCode, 409);
    assert.equal((await container.minutes.itemMinutes(coventry, meetingId, itemId)).decisions[0]?.wording, 'Fund three street pastors');
  });

  it('refuses to change the outcome of a decision that funding rests on, saying so by the field', async (t) => {
    const funded = await build(t, { as: 'officer' });
    await seedDemoFunding(funded.container, funded.coventry);
    const { allocations } = await funded.container.funding.year(funded.coventry, 2016);
    const decision = (await funded.container.minutes.decisionsRegister(funded.coventry, systemPrincipal)).find(
      (d) => d.id === allocations[0]?.decision?.id,
    );
    assert.ok(decision);
    const page = `/partnerships/${funded.coventry}/meetings/${decision.meetingId}/items/${decision.agendaItemId}/minutes/decisions/${decision.id}`;
    const refused = await funded.client.post(page, { outcome: 'not_agreed', wording: 'Not agreed after all', version: '1' });
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      /id="outcome-error"[\s\S]*The outcome cannot change: 18 allocations of funding rest on this decision\. Change its wording, or record a correction once the minutes are approved\./,
    );
    assert.match(refused.body, /Not agreed after all<\/textarea>/);
    assert.match(refused.body, /value="not_agreed" checked/);
    const reworded = await funded.client.post(page, { outcome: 'agreed', wording: `${decision.wording} in full`, version: '1' });
    assert.equal(reworded.statusCode, 302);
    const kept = (await funded.container.minutes.decisionsRegister(funded.coventry, systemPrincipal)).find((d) => d.id === decision.id);
    assert.deepEqual([kept?.outcome, kept?.wording], ['agreed', `${decision.wording} in full`]);
  });

  it('refuses a vote before attendance is recorded, saying so by the field', async () => {
    const { base } = await itemPage('2016-11-17', 'Street pastors');
    const vote = await officer.post(base, {
      intent: 'record:decision',
      version: '0',
      outcome: 'agreed',
      wording: 'Fund the pastors',
      votesFor: '3',
      votesAgainst: '5',
    });
    assert.equal(vote.statusCode, 400);
    assert.match(vote.body, /id="votesFor-error"[\s\S]*Record attendance before recording a vote/);
    assert.match(vote.body, /value="3"/);
  });

  it('says when a vote changed the outcome chosen', async () => {
    const { meetingId, base } = await itemPage('2016-12-15', 'Street pastors funding');
    const { members } = await container.attendance.attendance(coventry, meetingId);
    await container.attendance.record(systemPrincipal, coventry, meetingId, '', {
      members: members.map(({ member }) => ({
        membershipId: member.id,
        status: member.voting ? 'present' : 'apologies',
        substitutePersonId: null,
      })),
      inAttendance: [],
      minuteTaker: null,
    });
    const decide = (wording: string, votes: Record<string, string>) =>
      officer.post(base, { intent: 'record:decision', version: '0', outcome: 'agreed', wording, ...votes });
    assert.equal((await decide('Fund the pastors', { votesFor: '3', votesAgainst: '5' })).statusCode, 302);
    assert.match((await officer.get(base)).body, /Decision recorded as not agreed: the vote was not carried/);
    await decide('Fund the wardens', { votesFor: '6', votesAgainst: '2' });
    const carried = (await officer.get(base)).body;
    assert.match(carried, /Decision recorded\s*</);
    assert.doesNotMatch(carried, /the vote was/);
  });
});

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope, testPassword } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { addPerson } from '../../../test/helpers/people.ts';

for (const database of testDatabases()) {
  describe(`a member's own apologies, interests and comments, through the pages, on ${database.engine}`, () => {
    const scope = suiteScope();
    let now = new Date('2026-07-01T08:00:00Z');
    let container: Container;
    let member: Browser;
    let officer: Browser;
    let nonMember: Browser;
    let coventry: string;
    let meetingPath: string;
    let itemId: string;
    let plymouthItemId: string;
    let seat: { id: string; personId: string; organisationId: string };
    let colleagueId: string;
    let strangerId: string;

    /** The clock moved on to a later day, when each signs in afresh: a session ends eight hours after signing in. */
    async function laterDay(when: string): Promise<void> {
      now = new Date(when);
      const again = async (email: string) => {
        const browser = new Browser(member.app);
        await browser.signIn(email, testPassword);
        return browser;
      };
      [member, officer, nonMember] = [
        await again('member@example.com'),
        await again('officer@example.com'),
        await again('nora@example.com'),
      ];
    }

    /** A signed-in account with a role in Coventry, the person given. */
    async function signedIn(email: string, role: 'member' | 'officer', personId: string | null): Promise<Browser> {
      const userId = await container.accounts.createUser(systemPrincipal, { email, name: email, password: testPassword, isAdmin: false });
      await container.accounts.grantRole(systemPrincipal, userId, role, { partnershipId: coventry, areaId: null });
      if (personId) await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
      const browser = new Browser(member.app);
      await browser.signIn(email, testPassword);
      return browser;
    }

    before(async () => {
      let boardId: string;
      ({
        container,
        client: member,
        coventry,
        boardId,
      } = await build(scope, {
        as: 'nobody',
        database: await database.create(),
        clock: { now: () => now },
      }));
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2026-07-21');
      meetingPath = `/partnerships/${coventry}/meetings/${meetingId}`;
      itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
      const plymouth = (await container.governance.partnerships.list(null)).find((p) => p.id !== coventry);
      const [plymouthBoard] = await container.governance.groups.list(plymouth?.id ?? '');
      const plymouthMeeting = await scheduleMeeting(container.meetings, plymouth?.id ?? '', plymouthBoard?.id ?? '', '2026-07-22');
      plymouthItemId = await addAgendaItem(container.agenda, plymouth?.id ?? '', plymouthMeeting, 'Plymouth business');
      const seats = await container.governance.membershipsOn(coventry, boardId, '2026-07-21');
      const [first] = seats;
      const other = seats.find((s) => s.organisationId !== first?.organisationId);
      assert.ok(first && other);
      seat = first;
      strangerId = other.personId;
      colleagueId = await addPerson(container.governance, coventry, {
        name: 'Colin Colleague',
        email: null,
        organisationId: seat.organisationId,
      });
      member = await signedIn('member@example.com', 'member', seat.personId);
      officer = await signedIn('officer@example.com', 'officer', null);
      const nora = await addPerson(container.governance, coventry, {
        name: 'Nora Nonmember',
        email: null,
        organisationId: seat.organisationId,
      });
      nonMember = await signedIn('nora@example.com', 'member', nora);
    });

    it('sends apologies with a substitute of the member’s organisation only, once, and the officer finds them on the attendance form', async () => {
      assert.match((await member.get(meetingPath)).body, /data-qa="send-apologies"/);
      const form = (await member.get(`${meetingPath}/apologies`)).body;
      assert.match(form, /Colin Colleague/);
      assert.doesNotMatch(form, new RegExp(`value="${strangerId}"`), 'no one of another organisation is offered');

      const attacker = await member.post(`${meetingPath}/apologies`, { substitutePersonId: strangerId, note: 'Kept as typed' });
      assert.equal(attacker.statusCode, 400);
      assert.match(attacker.body, /Select someone from your organisation, or no one/);
      assert.match(attacker.body, /Kept as typed/);

      const sends = await Promise.all(
        Array.from({ length: 10 }, () => member.post(`${meetingPath}/apologies`, { substitutePersonId: colleagueId, note: '' })),
      );
      assert.ok(
        sends.every((send) => send.statusCode === 302 || send.statusCode === 400),
        sends.map((s) => s.statusCode).join(),
      );
      assert.equal((await container.memberActs.apologies(coventry, meetingPath.split('/').at(-1) ?? '')).length, 1);
      assert.match((await member.get(meetingPath)).body, /You sent apologies on .*, with Colin Colleague coming in your place/);
      assert.match((await officer.get(meetingPath)).body, /data-qa="apologies-sent"[\s\S]*Colin Colleague as substitute/);

      const refused = await nonMember.post(`${meetingPath}/apologies`, { substitutePersonId: '', note: '' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Only members of .* can do this/);
      assert.doesNotMatch(refused.body, /data-qa="record-form"/, 'no form that cannot succeed');
    });

    it('declares an interest on an item of the meeting, 404 for another partnership’s item, and the officer records it in one click', async () => {
      const interest = { category: 'financial', interestId: '', nature: 'My employer bids for the contract' };
      assert.equal((await member.post(`${meetingPath}/items/${itemId}/interest`, interest)).statusCode, 302);
      assert.equal((await member.get(`${meetingPath}/items/${plymouthItemId}/interest`)).statusCode, 404);
      assert.equal((await member.post(`${meetingPath}/items/${plymouthItemId}/interest`, interest)).statusCode, 404);
      const blank = await member.post(`${meetingPath}/items/${itemId}/interest`, { category: '', nature: '' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /Select the kind of interest/);

      await laterDay('2026-07-21T14:30:00Z');
      const closed = (await member.get(`${meetingPath}/apologies`)).body;
      assert.match(closed, /this can only be done before it starts/);
      assert.doesNotMatch(closed, /data-qa="record-form"/);
      const attendance = (await officer.get(`${meetingPath}/attendance`)).body;
      assert.match(attendance, new RegExp(`name="status-${seat.id}" type="radio" value="substitute" checked`));
      assert.match(attendance, new RegExp(`<option value="${colleagueId}" selected>`));

      const itemPage = (await officer.get(`${meetingPath}/items/${itemId}/minutes`)).body;
      assert.match(itemPage, /Declared beforehand by <strong>/);
      const [declared] = await container.memberActs.declaredInterests(systemPrincipal, coventry, meetingPath.split('/').at(-1) ?? '');
      assert.equal(
        (await officer.post(`${meetingPath}/items/${itemId}/minutes/declared`, { declaredId: declared?.id ?? '' })).statusCode,
        302,
      );
      assert.match(
        (await officer.get(`${meetingPath}/items/${itemId}/minutes`)).body,
        /Financial interest: My employer bids for the contract/,
      );
    });

    it('takes comments only while the minutes are circulated, and the officer resolves each', async () => {
      const meetingId = meetingPath.split('/').at(-1) ?? '';
      const comments = `${meetingPath}/minutes/comments`;
      assert.doesNotMatch((await member.get(comments)).body, /data-qa="comment-form"/);
      assert.equal((await member.post(comments, { agendaItemId: '', comment: 'Too early' })).statusCode, 400);
      await container.minutes.circulate(systemPrincipal, coventry, meetingId, (await container.minutes.life(coventry, meetingId)).version);

      assert.match((await member.get(meetingPath)).body, /data-qa="comment-on-minutes"/);
      assert.equal((await member.post(comments, { agendaItemId: itemId, comment: 'Say the order was renewed' })).statusCode, 302);
      assert.equal((await nonMember.post(comments, { agendaItemId: '', comment: 'Not mine to make' })).statusCode, 400);
      const [comment] = await container.memberActs.comments(systemPrincipal, coventry, meetingId);
      assert.ok(comment);
      assert.match((await officer.get(meetingPath)).body, /Comments from members on the draft minutes<\/a>: 1, 1 not yet resolved/);

      const noNote = await officer.post(`${comments}/resolve`, { commentId: comment.id, [`resolution-${comment.id}`]: 'changed' });
      assert.equal(noNote.statusCode, 400);
      assert.match(noNote.body, /Enter a note for the member/);
      assert.equal((await member.post(`${comments}/resolve`, { commentId: comment.id })).statusCode, 403);
      const resolved = await officer.post(`${comments}/resolve`, {
        commentId: comment.id,
        [`resolution-${comment.id}`]: 'changed',
        [`note-${comment.id}`]: 'Item 1 now says so',
      });
      assert.equal(resolved.statusCode, 302);
      assert.match((await member.get(comments)).body, /Resolved: changed the minutes<\/strong> Item 1 now says so/);

      const [board] = await container.governance.groups.list(coventry);
      const next = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2026-07-28');
      await laterDay('2026-07-28T15:00:00Z');
      await container.minutes.approve(
        systemPrincipal,
        coventry,
        meetingId,
        (await container.minutes.life(coventry, meetingId)).version,
        next,
      );
      const after = (await member.get(comments)).body;
      assert.doesNotMatch(after, /data-qa="comment-form"/);
      assert.match(after, /comments on them are closed/);
      assert.equal((await member.post(comments, { agendaItemId: '', comment: 'Too late' })).statusCode, 400);
    });
  });
}

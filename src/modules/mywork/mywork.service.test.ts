import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { systemPrincipal, type Principal } from '../../platform/principal.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { giveAction, memberOfGroup, memberPassword, type MemberWithWork } from '../../../test/helpers/myWork.ts';
import type { MyWork } from './index.ts';

const decided = { recommendedTo: null, votesFor: null, votesAgainst: null, votesAbstaining: null, outcome: 'supported' as const };

for (const database of testDatabases()) {
  describe(`My work, on ${database.engine}`, () => {
    const scope = suiteScope();
    let now = new Date('2026-12-01T09:00:00Z');
    let container: Container;
    let coventry: string;
    let boardId: string;
    let otherGroupId: string;
    let member: MemberWithWork;

    const principalOf = async (userId: string): Promise<Principal> => {
      const principal = await container.accounts.loadPrincipal(userId);
      assert.ok(principal);
      return principal;
    };
    const workOf = async (userId: string): Promise<MyWork> => {
      const work = await container.myWork.myWork(await principalOf(userId));
      assert.ok(work, 'the account has work');
      return work;
    };

    before(async () => {
      ({ container, coventry, boardId } = await build(scope, {
        database: await database.create(),
        as: 'nobody',
        clock: { now: () => now },
      }));
      otherGroupId = await container.governance.groups.create(systemPrincipal, coventry, {
        name: 'Night Time Economy Group',
        parentId: null,
      });
      member = await memberOfGroup(container, coventry, boardId, { email: 'ann.smith@coventry.gov.uk', name: 'Ann Smith' });
    });

    it('is nothing for an account that is no one and officer of nothing: its home stays as it was', async () => {
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'no.one@example.com',
        name: 'No One',
        password: memberPassword,
        isAdmin: false,
      });
      await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
      assert.equal(await container.myWork.myWork(await principalOf(userId)), null);
    });

    it("lists the person's next meetings, their and their organisation's actions overdue first, by the owner columns only", async () => {
      await scheduleMeeting(container.meetings, coventry, boardId, '2026-12-17', '10:00');
      await scheduleMeeting(container.meetings, coventry, otherGroupId, '2026-12-10', '10:00');
      const { personId, organisationId } = member;
      await giveAction(container, coventry, boardId, { description: 'Later', owner: 'Ann Smith', dueDate: '2027-01-31', personId });
      await giveAction(container, coventry, boardId, {
        description: 'Overdue',
        owner: 'The council',
        dueDate: '2026-11-01',
        organisationId,
      });
      // Named as her in the text, but given to no one by the columns: not hers on My work.
      await giveAction(container, coventry, boardId, { description: 'By name only', owner: 'Ann Smith', dueDate: '2026-11-01' });
      const [part] = (await workOf(member.userId)).asMember;
      assert.ok(part);
      // Only the groups the person sits on: not the other group's meeting of 10 December.
      assert.deepEqual(
        part.nextMeetings.map((m) => [m.when, m.location, m.agendaPublished, m.papersDue]),
        [['Thursday 17 December 2026 at 10:00', 'Council House', false, '2026-12-16']],
      );
      assert.deepEqual(
        part.actions.map((a) => [a.description, a.overdue]),
        [
          ['Overdue', true],
          ['Later', false],
        ],
      );
    });

    it('lists the minutes waiting for the group’s approval, and the interests with when each was last reviewed', async () => {
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2026-11-19', '10:00');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Strategic Assessment');
      await container.minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, { ...decided, wording: 'Agreed' });
      await container.minutes.circulate(systemPrincipal, coventry, meetingId, 1);
      await container.governance.declareInterest({ userId: member.userId }, coventry, {
        category: 'membership',
        description: 'Trustee of Coventry Haven',
      });
      const [part] = (await workOf(member.userId)).asMember;
      assert.deepEqual(
        part?.minutesToApprove.map((m) => m.when),
        ['Thursday 19 November 2026 at 10:00'],
      );
      assert.deepEqual(
        part?.interests.map((i) => [i.description, i.reviewedOn]),
        [['Trustee of Coventry Haven', '2026-12-01']],
      );
    });

    it('says what changed in the person’s groups since the sign-in before this one, a Part II decision only of their groups', async () => {
      const signIn = async (at: string) => {
        now = new Date(at);
        assert.equal((await container.accounts.signIn(member.email, memberPassword, '127.0.0.1')).outcome, 'signed-in');
      };
      await signIn('2026-12-02T09:00:00Z');
      await signIn('2026-12-02T10:00:00Z');
      now = new Date('2026-12-02T11:00:00Z');
      const next = await scheduleMeeting(container.meetings, coventry, boardId, '2027-01-21', '10:00');
      await addAgendaItem(container.agenda, coventry, next, 'Plan refresh');
      await container.papers.publish(systemPrincipal, coventry, next);
      const past = await scheduleMeeting(container.meetings, coventry, boardId, '2026-11-26', '10:00');
      const secret = await addAgendaItem(container.agenda, coventry, past, 'Case review of a named family', { confidential: true });
      await container.minutes.addDecision(systemPrincipal, coventry, past, secret, { ...decided, wording: 'Agreed' });
      const theirs = await scheduleMeeting(container.meetings, coventry, otherGroupId, '2026-11-26', '10:00');
      const hidden = await addAgendaItem(container.agenda, coventry, theirs, 'Closure order on a named address', { confidential: true });
      await container.minutes.addDecision(systemPrincipal, coventry, theirs, hidden, { ...decided, wording: 'Agreed' });
      await giveAction(container, coventry, boardId, {
        description: 'Draft the plan',
        owner: 'Ann Smith',
        dueDate: null,
        personId: member.personId,
      });
      await signIn('2026-12-03T09:00:00Z');

      const work = await workOf(member.userId);
      assert.equal(work.since, '2026-12-02T10:00:00.000Z');
      const texts = work.asMember[0]?.changes.shown.map((c) => c.text) ?? [];
      assert.ok(
        texts.some((t) => t.startsWith('Agenda published: Coventry')),
        texts.join('\n'),
      );
      assert.ok(
        texts.some((t) => t.includes('Case review of a named family')),
        'a Part II decision of their own group',
      );
      assert.ok(!texts.some((t) => t.includes('Closure order')), 'never a Part II decision of a group they do not sit on');
      assert.ok(texts.some((t) => t === 'Action given to Ann Smith: Draft the plan'));
      assert.equal(texts.length, 3);
    });

    it("gives an officer the partnership's outstanding work", async () => {
      now = new Date('2026-12-14T09:00:00Z');
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'officer@coventry.gov.uk',
        name: 'Olu Officer',
        password: memberPassword,
        isAdmin: false,
      });
      await container.accounts.grantRole(systemPrincipal, userId, 'officer', { partnershipId: coventry, areaId: null });
      const work = await workOf(userId);
      assert.deepEqual(work.asMember, []);
      const [part] = work.asOfficer;
      assert.equal(part?.partnershipId, coventry);
      // The three actions given above due 1 November 2026 are overdue; the minutes of 26 November are not yet circulated.
      assert.equal(part?.outstanding.overdueActions, 2);
      // Monday 14 December: the agenda of Thursday's meeting is due out on Wednesday, and not yet published.
      assert.deepEqual(
        part?.outstanding.deadlinesThisWeek.map((d) => [d.date, d.text.replace(/ for .* Group,/, ' for the group,')]),
        [['2026-12-16', 'Agenda and papers for the group, Thursday 17 December 2026 at 10:00']],
      );
    });
  });
}

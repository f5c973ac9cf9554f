import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { addPerson } from '../../../test/helpers/people.ts';
import { type Container, createContainer } from '../../container.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { type Principal, systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';

/** 1 July 2026, 09:00 in England: the board meets on 21 July at 14:00. */
const beforeTheMeeting = new Date('2026-07-01T08:00:00Z');
const duringTheMeeting = new Date('2026-07-21T14:30:00Z');

for (const database of testDatabases()) {
  describe(`members acting for themselves on ${database.engine}`, () => {
    let now = beforeTheMeeting;
    let container: Container;
    let coventry: string;
    let meetingId: string;
    let itemId: string;
    let partTwoId: string;
    let plymouthItemId: string;
    let plymouthPersonId: string;
    /** A board member's account, one not on the board, and the people involved. */
    let member: Principal;
    let outsider: Principal;
    let selfId: string;
    let colleagueId: string;
    let otherOrganisationPersonId: string;

    async function account(email: string, personId: string): Promise<Principal> {
      const userId = await container.accounts.createUser(systemPrincipal, {
        email,
        name: email,
        password: 'a long enough password',
        isAdmin: false,
      });
      await container.accounts.grantRole(systemPrincipal, userId, 'member', { partnershipId: coventry, areaId: null });
      await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
      return {
        userId,
        name: email,
        email,
        isAdmin: false,
        partnershipRoles: new Map([[coventry, new Set(['member'] as const)]]),
        overseerAreaIds: new Set(),
      };
    }

    before(async () => {
      container = createContainer(testConfig, { database: await database.create(), clock: { now: () => now } });
      const partnerships = await seedDemo(container.governance);
      coventry = partnerships.get('coventry') ?? '';
      const plymouth = partnerships.get('plymouth') ?? '';
      const [board] = await container.governance.groups.list(coventry);
      assert.ok(board);
      meetingId = await scheduleMeeting(container.meetings, coventry, board.id, '2026-07-21');
      itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
      partTwoId = await addAgendaItem(container.agenda, coventry, meetingId, 'A family at risk', { confidential: true });
      const [plymouthBoard] = await container.governance.groups.list(plymouth);
      const plymouthMeeting = await scheduleMeeting(container.meetings, plymouth, plymouthBoard?.id ?? '', '2026-07-22');
      plymouthItemId = await addAgendaItem(container.agenda, plymouth, plymouthMeeting, 'Plymouth business');
      const [plymouthOrganisation] = await container.governance.organisations.list(plymouth);
      plymouthPersonId = await addPerson(container.governance, plymouth, {
        name: 'Pat Plymouth',
        email: null,
        organisationId: plymouthOrganisation?.id ?? '',
      });

      const seats = await container.governance.membershipsOn(coventry, board.id, '2026-07-21');
      const seat = seats[0];
      const otherSeat = seats.find((s) => s.organisationId !== seat?.organisationId);
      assert.ok(seat && otherSeat);
      selfId = seat.personId;
      otherOrganisationPersonId = otherSeat.personId;
      colleagueId = await addPerson(container.governance, coventry, {
        name: 'Colin Colleague',
        email: null,
        organisationId: seat.organisationId,
      });
      member = await account('member@example.com', selfId);
      const notOnTheBoard = await addPerson(container.governance, coventry, {
        name: 'Nora Nonmember',
        email: null,
        organisationId: seat.organisationId,
      });
      outsider = await account('outsider@example.com', notOnTheBoard);
    });
    after(() => container.database.close());

    it('sends apologies naming a colleague of the same organisation, audited, and shows them to the officer', async () => {
      const { memberActs } = container;
      await memberActs.sendApologies(member, coventry, meetingId, { substitutePersonId: colleagueId, note: 'On leave' });
      const [sent] = await memberActs.apologies(coventry, meetingId);
      assert.equal(sent?.personId, selfId);
      assert.equal(sent?.substituteName, 'Colin Colleague');
      assert.equal(sent?.note, 'On leave');
      assert.equal(sent?.sentBy, member.userId);
      const audited = await container.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'apologies').execute();
      assert.equal(audited.length, 1);
      assert.match(audited[0]?.summary ?? '', /Sent apologies of .* with Colin Colleague as substitute/);
      const { self } = await memberActs.standing(member, coventry, meetingId);
      assert.ok(self);
      assert.ok(!(await memberActs.substitutesFor(coventry, self)).some((person) => person.id === selfId), 'not themselves');
    });

    it('refuses a substitute who is not of the member’s organisation and partnership, or the member themselves', async () => {
      for (const substitutePersonId of [selfId, otherOrganisationPersonId, plymouthPersonId, 'no-such-person']) {
        await assert.rejects(
          container.memberActs.sendApologies(member, coventry, meetingId, { substitutePersonId, note: null }),
          (error: unknown) => error instanceof FieldValidationError && error.field === 'substitutePersonId',
          substitutePersonId,
        );
      }
      const [kept] = await container.memberActs.apologies(coventry, meetingId);
      assert.equal(kept?.substitutePersonId, colleagueId, 'the refused sends changed nothing');
    });

    it('holds one apology per member per meeting under 10 parallel sends', async () => {
      const sends = await Promise.allSettled(
        Array.from({ length: 10 }, (_, n) =>
          container.memberActs.sendApologies(member, coventry, meetingId, { substitutePersonId: null, note: `Send ${n}` }),
        ),
      );
      for (const send of sends) {
        if (send.status === 'rejected') assert.ok(send.reason instanceof FieldValidationError, String(send.reason));
      }
      assert.ok(sends.some((send) => send.status === 'fulfilled'));
      const rows = await container.database.db.selectFrom('meetingApologies').selectAll().where('meetingId', '=', meetingId).execute();
      assert.equal(rows.length, 1);
    });

    it('refuses apologies from someone not on the group, and from an account that is no person', async () => {
      await assert.rejects(
        container.memberActs.sendApologies(outsider, coventry, meetingId, { substitutePersonId: null, note: null }),
        /Only members of .* can do this/,
      );
      await assert.rejects(
        container.memberActs.sendApologies(systemPrincipal, coventry, meetingId, { substitutePersonId: null, note: null }),
        /not linked to a person/,
      );
    });

    it('declares an interest on an item of the meeting only, and Part II items only to their readers', async () => {
      const { memberActs } = container;
      const declaredId = await memberActs.declareInterest(member, coventry, meetingId, itemId, {
        category: 'financial',
        interestId: null,
        nature: 'My employer bids for the contract',
      });
      await assert.rejects(
        memberActs.declareInterest(member, coventry, meetingId, plymouthItemId, { category: 'other', interestId: null, nature: 'x' }),
        NotFoundError,
      );
      await assert.rejects(
        memberActs.declareInterest(outsider, coventry, meetingId, partTwoId, { category: 'other', interestId: null, nature: 'x' }),
        NotFoundError,
        'a Part II item is not found by someone who may not read it',
      );
      await assert.rejects(
        memberActs.declareInterest(outsider, coventry, meetingId, itemId, { category: 'other', interestId: null, nature: 'x' }),
        /Only members/,
      );
      const othersInterest = await container.governance.interests.create(systemPrincipal, coventry, {
        personId: otherOrganisationPersonId,
        category: 'employment',
        description: 'Trustee of a local charity',
        declaredOn: '2026-04-01',
        endedOn: null,
      });
      await assert.rejects(
        memberActs.declareInterest(member, coventry, meetingId, itemId, { category: 'other', interestId: othersInterest, nature: 'x' }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'interestId',
        'another person’s entry in the register',
      );
      assert.deepEqual((await memberActs.declaredInterests(outsider, coventry, meetingId)).length, 0, 'a member sees only their own');
      const [seen] = await memberActs.declaredInterests(systemPrincipal, coventry, meetingId, itemId);
      assert.equal(seen?.id, declaredId);
    });

    it('closes apologies and declarations at the start, and the officer records a declared interest in the minutes once', async () => {
      const { memberActs } = container;
      now = duringTheMeeting;
      await assert.rejects(memberActs.withdrawApologies(member, coventry, meetingId), /can only be done before it starts/);
      await assert.rejects(
        memberActs.sendApologies(member, coventry, meetingId, { substitutePersonId: null, note: null }),
        /before it starts/,
      );
      await assert.rejects(
        memberActs.declareInterest(member, coventry, meetingId, itemId, { category: 'other', interestId: null, nature: 'late' }),
        /before it starts/,
      );
      const [declared] = await memberActs.declaredInterests(systemPrincipal, coventry, meetingId, itemId);
      assert.ok(declared);
      const clicks = await Promise.allSettled(
        Array.from({ length: 10 }, () => memberActs.recordInMinutes(systemPrincipal, coventry, meetingId, itemId, declared.id)),
      );
      assert.equal(clicks.filter((click) => click.status === 'fulfilled').length, 1);
      const { declarations } = await container.minutes.itemMinutes(coventry, meetingId, itemId);
      assert.deepEqual(
        declarations.map((d) => [d.personId, d.nature]),
        [[selfId, 'Financial interest: My employer bids for the contract']],
      );
    });

    it('takes comments only while the minutes are circulated, shows each member their own, and resolves each once', async () => {
      const { memberActs, minutes } = container;
      const comment = { agendaItemId: itemId, comment: 'Item 1 should say the order was renewed for three years' };
      await assert.rejects(memberActs.comment(member, coventry, meetingId, comment), /once they are circulated/);
      await minutes.circulate(systemPrincipal, coventry, meetingId, (await minutes.life(coventry, meetingId)).version);
      const commentId = await memberActs.comment(member, coventry, meetingId, comment);
      await memberActs.comment(member, coventry, meetingId, { agendaItemId: null, comment: 'My name is misspelt throughout' });
      await assert.rejects(memberActs.comment(outsider, coventry, meetingId, comment), /Only members/);
      await assert.rejects(
        memberActs.comment(member, coventry, meetingId, { ...comment, agendaItemId: plymouthItemId }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'agendaItemId',
      );
      assert.equal((await memberActs.comments(member, coventry, meetingId)).length, 2);
      assert.equal((await memberActs.comments(outsider, coventry, meetingId)).length, 0);

      await assert.rejects(
        memberActs.resolveComment(member, coventry, meetingId, commentId, { resolution: 'changed', note: 'Done' }),
        /officers/,
      );
      const resolutions = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          memberActs.resolveComment(systemPrincipal, coventry, meetingId, commentId, { resolution: 'changed', note: 'Corrected' }),
        ),
      );
      assert.equal(resolutions.filter((r) => r.status === 'fulfilled').length, 1);
      const resolved = (await memberActs.comments(member, coventry, meetingId)).find((c) => c.id === commentId);
      assert.equal(resolved?.resolution, 'changed');
      assert.equal(resolved?.resolutionNote, 'Corrected');

      const [board] = await container.governance.groups.list(coventry);
      const next = await scheduleMeeting(container.meetings, coventry, board?.id ?? '', '2026-07-28');
      now = new Date('2026-07-28T15:00:00Z');
      await minutes.approve(systemPrincipal, coventry, meetingId, (await minutes.life(coventry, meetingId)).version, next);
      await assert.rejects(memberActs.comment(member, coventry, meetingId, comment), /comments on them are closed/);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, demoBoardMeeting } from '../../../test/helpers/meetings.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { type Principal } from '../../platform/principal.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { signedIn } from '../../../test/helpers/principals.ts';

for (const database of testDatabases()) {
  describe(`Part II business and its readers on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let meetingId: string;
    let partTwoItemId: string;
    let partTwoActionId: string;
    let paperId: string;
    const outsider = signedIn({ email: 'someone@example.com' });
    // The board member's account, linked to their person record in the set-up.
    let member = signedIn({ email: 'mo@example.com' });
    const as = (reader: Principal) => reader;
    const decision = (wording: string) => ({
      wording,
      outcome: 'agreed' as const,
      recommendedTo: null,
      votesFor: null,
      votesAgainst: null,
      votesAbstaining: null,
    });
    const viewCount = async () => (await container.audit.list({ action: 'view' }, { limit: 1, offset: 0 })).total;

    before(async () => {
      let itemId: string;
      ({ container, coventry, meetingId, itemId } = await demoBoardMeeting(database));
      const { minutes, agenda, governance, papers } = container;
      partTwoItemId = await addAgendaItem(agenda, coventry, meetingId, 'Case review of a named family', { confidential: true });
      await minutes.addDecision(systemPrincipal, coventry, meetingId, itemId, decision('Consult on the order'));
      await minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
        description: 'Draft the order',
        owner: { kind: 'other', name: 'Sara Roach' },
        dueDate: null,
      });
      await minutes.saveNarrative(systemPrincipal, coventry, meetingId, partTwoItemId, 0, 'The family was rehoused.');
      await minutes.addDecision(systemPrincipal, coventry, meetingId, partTwoItemId, decision('Refer the family to MARAC'));
      partTwoActionId = await minutes.addAction(systemPrincipal, coventry, meetingId, partTwoItemId, {
        description: 'Visit the family weekly',
        owner: { kind: 'other', name: 'Sara Roach' },
        dueDate: null,
      });
      paperId = await papers.upload(systemPrincipal, coventry, meetingId, partTwoItemId, {
        fileName: 'family.pdf',
        bytes: await pdfOf('Names of the family'),
        title: null,
      });
      const [board] = await governance.groups.list(coventry);
      const [organisation] = await governance.organisations.list(coventry);
      const organisationId = organisation?.id ?? '';
      const personId = await addPerson(governance, coventry, { name: 'Mo Member', email: 'Mo@Example.com', organisationId });
      await addMember(governance, coventry, { groupId: board?.id ?? '', personId, organisationId, role: 'member' });
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'mo@example.com',
        name: 'Mo Member',
        password: 'a long enough password 1',
        isAdmin: false,
      });
      await governance.linkAccount(systemPrincipal, coventry, personId, userId);
      member = { ...member, userId };
    });
    after(() => container.database.close());

    it('keeps Part II decisions and actions from readers outside the group, in lists, pages, counts and the action itself', async () => {
      const wordings = async (viewer: Principal) => (await container.minutes.decisionsRegister(coventry, viewer)).map((d) => d.wording);
      assert.deepEqual(await wordings(outsider), ['Consult on the order']);
      assert.deepEqual((await wordings(member)).sort(), ['Consult on the order', 'Refer the family to MARAC']);
      assert.equal((await container.minutes.decisionsRegisterPage(coventry, outsider, 'family', { limit: 10, offset: 0 })).total, 0);

      const descriptions = async (viewer: Principal) => (await container.actions.actionLog(coventry, viewer)).map((a) => a.description);
      assert.deepEqual(await descriptions(outsider), ['Draft the order']);
      assert.deepEqual((await descriptions(member)).sort(), ['Draft the order', 'Visit the family weekly']);
      assert.equal((await container.actions.actionLogPage(coventry, outsider, {}, { limit: 10, offset: 0 })).total, 1);
      await assert.rejects(container.actions.action(coventry, partTwoActionId, outsider), NotFoundError);
      assert.equal((await container.actions.action(coventry, partTwoActionId, member)).action.confidential, true);
    });

    it('gives the minutes without Part II to readers outside the group or asking for the public version, unaudited', async () => {
      const before = await viewCount();
      const theirs = await container.minutes.readMinutes(as(outsider), coventry, meetingId, { as: 'PDF' });
      assert.equal(theirs.publicVersion, true);
      assert.ok(!theirs.items.some((item) => item.confidential));
      const asked = await container.minutes.readMinutes(as(member), coventry, meetingId, { as: 'PDF', publicVersion: true });
      assert.ok(!asked.items.some((item) => item.confidential));
      await assert.rejects(container.minutes.readItemMinutes(as(outsider), coventry, meetingId, partTwoItemId), NotFoundError);
      await assert.rejects(container.papers.file(as(outsider), coventry, meetingId, paperId), NotFoundError);
      assert.equal(await viewCount(), before);
    });

    it("gives the group's reader Part II, and records each read as a 'view' with who, what and where", async () => {
      const before = await viewCount();
      const record = await container.minutes.readMinutes(as(member), coventry, meetingId, { as: 'Word' });
      const partTwo = record.items.find((item) => item.id === partTwoItemId);
      assert.equal(partTwo?.narrative, 'The family was rehoused.');
      assert.equal(record.publicVersion, false);
      await container.minutes.readItemMinutes(as(member), coventry, meetingId, partTwoItemId);
      await container.papers.file(as(member), coventry, meetingId, paperId);
      await container.papers.pack(as(member), 'Safer Coventry', coventry, meetingId);
      const { rows, total } = await container.audit.list({ action: 'view' }, { limit: 10, offset: 0 });
      assert.equal(total, before + 4);
      assert.deepEqual(rows.map((row) => row.entityType).sort(), ['agenda_pack', 'minutes', 'minutes', 'paper']);
      assert.ok(rows.every((row) => row.partnershipId === coventry && row.action === 'view'));
    });

    it('refuses a Part II read whose audit entry cannot be written', async () => {
      const { db } = container.database;
      if (database.engine === 'sqlite') {
        await sql`create trigger refuse_views before insert on audit_log when new.action = 'view'
          begin select raise(abort, 'the audit log is unavailable'); end`.execute(db);
      } else {
        await sql`create function refuse_views() returns trigger language plpgsql as $$
          begin raise exception 'the audit log is unavailable'; end $$`.execute(db);
        await sql`create trigger refuse_views before insert on audit_log for each row
          when (new.action = 'view') execute function refuse_views()`.execute(db);
      }
      await assert.rejects(container.minutes.readMinutes(as(member), coventry, meetingId, { as: 'PDF' }), /audit log is unavailable/);
      await assert.rejects(container.minutes.readItemMinutes(as(member), coventry, meetingId, partTwoItemId), /audit log is unavailable/);
      await assert.rejects(container.papers.file(as(member), coventry, meetingId, paperId), /audit log is unavailable/);
      await assert.rejects(container.papers.pack(as(member), 'Safer Coventry', coventry, meetingId), /audit log is unavailable/);
      // What holds no Part II is still served.
      assert.ok((await container.minutes.readMinutes(as(outsider), coventry, meetingId, { as: 'PDF' })).items.length > 0);
    });
  });
}

/**
 * What approved minutes rest on stands with them: the attendance they record, and the meeting's date. Found by the
 * attack review of issue 17: signed minutes' attendance could be recorded again (so a carried vote read as not
 * agreed), and a meeting with signed minutes could be cancelled or moved after the meeting that approved them.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, attendanceWith, groupOfFive, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';

for (const database of testDatabases()) {
  describe(`approved minutes fix their meeting and its attendance on ${database.engine}`, () => {
    const scope = suiteScope();
    let container: Container;
    let officer: Browser;
    let visitor: Browser;
    let coventry: string;
    let groupId: string;

    before(async () => {
      const built = await build(scope, { as: 'officer', database: await database.create() });
      ({ container, client: officer, coventry } = built);
      visitor = new Browser(built.app);
      groupId = await groupOfFive(container, coventry, 'Licensing group');
    });

    const attendanceOf = (id: string, present: number) => attendanceWith(container, coventry, id, present, 'absent');

    /** Three of five present and a decision carried 2 to 1, at `date`; the minutes taken as far as `until`. */
    async function meetingWithVote(date: string, nextDate: string, until: 'draft' | 'circulated' | 'signed') {
      const id = await scheduleMeeting(container.meetings, coventry, groupId, date);
      const next = await scheduleMeeting(container.meetings, coventry, groupId, nextDate);
      const itemId = await addAgendaItem(container.agenda, coventry, id, 'Late licences');
      await container.attendance.record(systemPrincipal, coventry, id, '', await attendanceOf(id, 3));
      await container.minutes.addDecision(systemPrincipal, coventry, id, itemId, {
        outcome: 'agreed',
        wording: 'Agreed to fund the night-time patrols',
        recommendedTo: null,
        votesFor: 2,
        votesAgainst: 1,
        votesAbstaining: 0,
      });
      if (until !== 'draft') await container.minutes.circulate(systemPrincipal, coventry, id, 1);
      if (until === 'signed') {
        await container.minutes.approve(systemPrincipal, coventry, id, 2, next);
        await container.minutes.sign(systemPrincipal, coventry, id, 3, 'Cllr Chair');
      }
      return { id, next, itemId, base: `/partnerships/${coventry}/meetings/${id}` };
    }

    const presentAt = async (id: string) =>
      (await container.attendance.attendance(coventry, id)).members.filter((m) => m.status === 'present').length;

    it('puts a meeting whose agenda was never published on the public page once its minutes are approved, and says so first', async () => {
      const { id, next, base } = await meetingWithVote('2026-02-12', '2026-03-12', 'circulated');
      const publicPage = `/public/partnerships/${coventry}/meetings/${id}`;
      assert.equal((await visitor.get(publicPage)).statusCode, 404);
      const asking = await officer.get(`${base}/minutes/approve`);
      assert.match(
        asking.body,
        /The agenda of this meeting was not published: once the minutes are approved, the meeting goes on the public page/,
      );
      await container.minutes.approve(systemPrincipal, coventry, id, 2, next);
      const { meeting } = await container.meetings.get(coventry, id);
      assert.notEqual(meeting.publishedAt, null);
      const shown = await visitor.get(publicPage);
      assert.equal(shown.statusCode, 200);
      assert.match(shown.body, /Late licences/);
      const { rows } = await container.audit.list({ entityType: 'meeting' }, { limit: 20, offset: 0 });
      assert.ok(rows.some((row) => row.entityId === id && /on the public page with its approved minutes/.test(row.summary)));
    });

    it('refuses attendance recorded again once the minutes are approved, and the page no longer offers it', async () => {
      const { id, itemId, base } = await meetingWithVote('2026-08-13', '2026-09-10', 'signed');
      const recordedAt = (await container.attendance.attendance(coventry, id)).recordedAt ?? '';
      const body: Record<string, string> = { basedOn: recordedAt };
      for (const { member } of (await container.attendance.attendance(coventry, id)).members) body[`status-${member.id}`] = 'present';
      const posted = await officer.post(`${base}/attendance`, body);
      assert.equal(posted.statusCode, 400);
      assert.match(posted.body, /These minutes have been approved and cannot change/);
      assert.equal(await presentAt(id), 3);
      const [decision] = (await container.minutes.itemMinutes(coventry, id, itemId)).decisions;
      assert.equal(decision?.outcome, 'agreed');
      const page = (await officer.get(base)).body;
      assert.doesNotMatch(page, /data-qa="record-attendance"|data-qa="reschedule"|data-qa="cancel-meeting"/);
    });

    it('tells an officer who tries to sign minutes that only the chair, by a chair appointment, can', async () => {
      const { base } = await meetingWithVote('2026-10-08', '2026-11-05', 'circulated');
      const refused = await officer.get(`${base}/minutes/sign`);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /data-qa="who-may">Only the chair can do this\. Someone is the chair through a chair appointment/);
    });

    it('settles the agenda once the minutes are circulated: no item added, changed or removed, and no publishing', async () => {
      const { id, itemId, base } = await meetingWithVote('2026-05-07', '2026-05-28', 'circulated');
      const settled = (error: unknown) =>
        error instanceof FieldValidationError &&
        error.message === 'The minutes of this meeting have been circulated, so its agenda and papers cannot change';
      await assert.rejects(addAgendaItem(container.agenda, coventry, id, 'Item added after circulation'), settled);
      const [item] = (await container.agenda.agenda(coventry, id)).flatMap((section) => section.items).filter((i) => i.id === itemId);
      await assert.rejects(container.agenda.removeItem(systemPrincipal, coventry, id, itemId, item?.version ?? 0), settled);
      await assert.rejects(container.agenda.moveItem(systemPrincipal, coventry, id, itemId, 'up'), settled);
      const paper = { fileName: 'Pathway leaflet.pdf', bytes: await pdfOf('Pathway leaflet'), title: null };
      await assert.rejects(container.papers.upload(systemPrincipal, coventry, id, itemId, paper), settled);
      await assert.rejects(
        container.papers.publish(systemPrincipal, coventry, id),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          error.message === 'The minutes of this meeting have been circulated, so its agenda is settled',
      );
      const page = (await officer.get(base)).body;
      assert.doesNotMatch(page, /data-qa="add-item"|data-qa="publish"|data-qa="add-paper"|\/items\/[^"/]+\/remove"/);
      assert.ok((await container.agenda.agenda(coventry, id)).flatMap((section) => section.items).some((i) => i.id === itemId));
    });

    it('refuses draft attendance with fewer voting members present than a vote at the meeting cast', async () => {
      const { id } = await meetingWithVote('2026-07-09', '2026-08-06', 'draft');
      await assert.rejects(
        container.attendance.record(
          systemPrincipal,
          coventry,
          id,
          (await container.attendance.attendance(coventry, id)).recordedAt ?? '',
          await attendanceOf(id, 2),
        ),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          error.message ===
            "A decision at this meeting records 3 votes, but 2 voting members are marked present. Mark everyone who voted, or change the decision's vote first.",
      );
      assert.equal(await presentAt(id), 3);
      // Three or more present is still a record the vote fits.
      await container.attendance.record(
        systemPrincipal,
        coventry,
        id,
        (await container.attendance.attendance(coventry, id)).recordedAt ?? '',
        await attendanceOf(id, 4),
      );
      assert.equal(await presentAt(id), 4);
    });

    it('refuses to move or cancel a meeting whose minutes are circulated, or one at which minutes were approved', async () => {
      const circulated = await meetingWithVote('2026-06-11', '2026-07-02', 'circulated');
      const signed = await meetingWithVote('2026-04-09', '2026-05-14', 'signed');
      const cases = [
        [circulated.id, 'The minutes of this meeting have been circulated, so it cannot be moved or cancelled'],
        [signed.id, 'The minutes of this meeting have been circulated, so it cannot be moved or cancelled'],
        [signed.next, 'Minutes of an earlier meeting were approved at this meeting, so it cannot be moved or cancelled'],
      ] as const;
      for (const [id, message] of cases) {
        const refused = (error: unknown) => error instanceof FieldValidationError && error.field === 'reason' && error.message === message;
        const { meeting } = await container.meetings.get(coventry, id);
        await assert.rejects(container.meetings.cancel(systemPrincipal, coventry, id, meeting.version, 'Never happened'), refused);
        await assert.rejects(
          container.meetings.reschedule(systemPrincipal, coventry, id, meeting.version, {
            meetingDate: '2027-03-11',
            startTime: '14:00',
            location: null,
            reason: 'Moved',
          }),
          refused,
        );
        const after = (await container.meetings.get(coventry, id)).meeting;
        assert.deepEqual([after.status, after.meetingDate], [meeting.status, meeting.meetingDate]);
      }
      // A meeting whose minutes are still a draft can still be put right.
      const draft = await meetingWithVote('2026-03-12', '2026-03-26', 'draft');
      const { meeting } = await container.meetings.get(coventry, draft.id);
      await container.meetings.reschedule(systemPrincipal, coventry, draft.id, meeting.version, {
        meetingDate: '2026-03-13',
        startTime: '14:00',
        location: null,
        reason: 'Typed the wrong day',
      });
      assert.equal((await container.meetings.get(coventry, draft.id)).meeting.meetingDate, '2026-03-13');
    });
  });
}

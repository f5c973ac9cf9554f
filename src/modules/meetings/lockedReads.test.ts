/**
 * A step that waits for a meeting's lock judges the meeting as it is once it holds it (decision 0065): a cancellation
 * or a publication committed while an attendance save, a paper's upload or removal, or a deferred decision's carrying
 * waited is seen. Found by the third attack review of issue 17 and the last read of its change. The other writer does
 * as meetings.service's change and papers.service's agendaStep do: the meeting's lock, then its change, in one
 * transaction, held while the step under test starts. PostgreSQL only: SQLite has one writer at a time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, inquorateMeetingWithDecision, demoCoventry, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import type { Container } from '../../container.ts';
import { lockRow } from '../../db/locks.ts';
import { systemPrincipal } from '../../platform/principal.ts';

const now = new Date('2030-01-10T12:00:00Z');
const clock = { now: () => now };

for (const database of testDatabases().filter((d) => d.engine === 'postgres')) {
  describe(`papers under the meeting lock, on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let groupId: string;
    before(async () => {
      ({ container, coventry, boardId: groupId } = await demoCoventry(database, clock));
    });
    after(() => container.database.close());

    it('does not add a paper to a meeting cancelled while the upload waited for its lock', async () => {
      const m = await scheduleMeeting(container.meetings, coventry, groupId, '2030-02-01');
      const itemId = await addAgendaItem(container.agenda, coventry, m, 'Late licences');
      const paper = { fileName: 'Leaflet.pdf', bytes: await pdfOf('Leaflet'), title: null };
      let upload: Promise<unknown> = Promise.resolve();
      await container.database.db.transaction().execute(async (trx) => {
        await lockRow(trx, 'meetings', m); // as meetings.service change() does for cancel
        await sql`update meetings set status = 'cancelled', version = version + 1 where id = ${m}`.execute(trx);
        upload = container.papers.upload(systemPrincipal, coventry, m, itemId, paper).then(
          (id) => ({ ok: id }),
          (e: Error) => ({ refused: e.message }),
        );
        await sleep(300); // the upload has read the meeting and now waits on the lock
      });
      const result = await upload;
      const { meeting } = await container.meetings.get(coventry, m);
      const { sections } = await container.papers.meetingPapers(coventry, m, 'group');
      const papers = sections.flatMap((s) => s.items).flatMap((i) => i.papers);
      assert.deepEqual(papers.length, 0, `paper added to a ${meeting.status} meeting: ${JSON.stringify(result)}`);
    });

    it('does not record attendance at a meeting cancelled while the save waited for its lock', async () => {
      const m = await scheduleMeeting(container.meetings, coventry, groupId, '2030-01-08');
      const { members } = await container.attendance.attendance(coventry, m);
      const input = {
        members: members.map(({ member }) => ({ membershipId: member.id, status: 'present' as const, substitutePersonId: null })),
        inAttendance: [],
        minuteTaker: null,
      };
      let save: Promise<unknown> = Promise.resolve();
      await container.database.db.transaction().execute(async (trx) => {
        await lockRow(trx, 'meetings', m);
        await sql`update meetings set status = 'cancelled', version = version + 1 where id = ${m}`.execute(trx);
        save = container.attendance.record(systemPrincipal, coventry, m, '', input).then(
          () => ({ ok: true }),
          (e: Error) => ({ refused: e.message }),
        );
        await sleep(300);
      });
      assert.deepEqual(await save, { refused: 'This meeting was cancelled: it has no minutes' });
      assert.equal((await container.attendance.attendance(coventry, m)).recordedAt, '');
    });

    it('does not remove a paper that went out with an agenda published while the removal waited', async () => {
      const m = await scheduleMeeting(container.meetings, coventry, groupId, '2030-03-01');
      const itemId = await addAgendaItem(container.agenda, coventry, m, 'Street lighting');
      const paperId = await container.papers.upload(systemPrincipal, coventry, m, itemId, {
        fileName: 'Report.pdf',
        bytes: await pdfOf('Report'),
        title: null,
      });
      let removal: Promise<unknown> = Promise.resolve();
      await container.database.db.transaction().execute(async (trx) => {
        await lockRow(trx, 'meetings', m); // as agendaStep('publish') does
        await sql`update meetings set published_at = ${now.toISOString()}, version = version + 1 where id = ${m}`.execute(trx);
        removal = container.papers.remove(systemPrincipal, coventry, m, paperId, 1).then(
          () => ({ ok: true }),
          (e: Error) => ({ refused: e.message }),
        );
        await sleep(300);
      });
      const result = await removal;
      const { sections } = await container.papers.meetingPapers(coventry, m, 'public');
      const papers = sections.flatMap((s) => s.items).flatMap((i) => i.papers);
      assert.equal(papers.length, 1, `a paper of the published agenda was removed: ${JSON.stringify(result)}`);
    });

    it('does not carry a deferred decision onto a meeting cancelled while the carry waited for its lock', async () => {
      const inquorate = await inquorateMeetingWithDecision(container, coventry, groupId, '2030-01-09');
      const next = await scheduleMeeting(container.meetings, coventry, groupId, '2030-01-20');
      let circulate: Promise<unknown> = Promise.resolve();
      await container.database.db.transaction().execute(async (trx) => {
        await lockRow(trx, 'meetings', next); // as meetings.service change() does for cancel
        await sql`update meetings set status = 'cancelled', version = version + 1 where id = ${next}`.execute(trx);
        circulate = container.minutes.circulate(systemPrincipal, coventry, inquorate, 1).then(
          () => ({ ok: true }),
          (e: Error) => ({ refused: e.message }),
        );
        await sleep(300);
      });
      await circulate;
      const titles = (await container.agenda.agenda(coventry, next)).flatMap((s) => s.items).map((i) => i.title);
      assert.ok(!titles.some((t) => /Night-time economy/.test(t)), 'deferred decision carried onto a cancelled meeting');
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { testDatabases } from '../../../test/helpers/database.ts';
import { pdfOf } from '../../../test/helpers/papers.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { DatabaseHandle } from '../../db/createDb.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditTrail, createAuditTrail } from '../audit/index.ts';
import { createGovernanceService, seedDemo } from '../governance/index.ts';
import {
  type AgendaPublished,
  type AgendaService,
  createAgendaService,
  createConfidentiality,
  createMeetingsService,
  createPapersService,
  governanceReads,
  type MeetingsService,
  type PapersService,
} from './index.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { signedIn } from '../../../test/helpers/principals.ts';
import { createPolicy } from '../../platform/policy.ts';

for (const database of testDatabases()) {
  describe(`papers and publication on ${database.engine}`, () => {
    let handle: DatabaseHandle;
    let audit: AuditTrail;
    let meetings: MeetingsService;
    let agenda: AgendaService;
    let papers: PapersService;
    let coventry: string;
    let boardId: string;
    let now = new Date('2027-06-01T09:00:00Z');
    const clock: Clock = { now: () => now };
    /** What the publication hook saw, and whether it runs inside the publishing transaction. */
    const notices: AgendaPublished[] = [];
    let failNextNotice = false;
    /** Someone in the partnership who is not on the group. */
    const outsider = signedIn({});

    before(async () => {
      handle = await database.create();
      audit = createAuditTrail({ db: handle.db, clock });
      const governance = createGovernanceService({ db: handle.db, audit, clock });
      meetings = createMeetingsService({ db: handle.db, audit, clock, governance: governanceReads(governance) });
      agenda = createAgendaService({ db: handle.db, audit, clock });
      papers = createPapersService({
        db: handle.db,
        audit,
        clock,
        meetings,
        agenda,
        confidentiality: createConfidentiality({
          db: handle.db,
          policy: createPolicy({ selves: (partnershipId, userId) => governance.selves(partnershipId, userId) }),
        }),
        onAgendaPublished(_trx: Kysely<Database>, published) {
          if (failNextNotice) {
            failNextNotice = false;
            return Promise.reject(new Error('the job could not be queued'));
          }
          notices.push(published);
          return Promise.resolve();
        },
      });
      coventry = (await seedDemo(governance)).get('coventry') ?? '';
      boardId = (await governance.groups.list(coventry)).find((group) => group.name.endsWith('Partnership Board'))?.id ?? '';
    });
    after(() => handle.close());

    /** A board meeting (papers due five working days before) with a public and a confidential item. */
    async function meetingOn(meetingDate: string) {
      const meetingId = await scheduleMeeting(meetings, coventry, boardId, meetingDate, '10:00');
      const add = (title: string, confidential: boolean) => addAgendaItem(agenda, coventry, meetingId, title, { confidential });
      return { meetingId, publicItem: await add('Strategic Assessment', false), confidentialItem: await add('Case review', true) };
    }

    const allPapers = async (meetingId: string, audience: 'public' | 'partnership' | 'group' = 'group') =>
      (await papers.meetingPapers(coventry, meetingId, audience)).sections.flatMap((s) => s.items.flatMap((i) => i.papers));

    it('keeps the bytes of a paper exactly, with the type found in them', async () => {
      const { meetingId, publicItem } = await meetingOn('2027-06-17');
      const bytes = await pdfOf('Assessment');
      const id = await papers.upload(systemPrincipal, coventry, meetingId, publicItem, { fileName: 'assessment.pdf', bytes, title: null });
      const { paper, content } = await papers.file(outsider, coventry, meetingId, id);
      assert.deepEqual(content, bytes);
      assert.equal(paper.title, 'assessment');
      assert.equal(paper.contentType, 'application/pdf');
      assert.equal(paper.sizeBytes, bytes.length);
      const entries = (await audit.list({ entityType: 'paper' }, { limit: 100, offset: 0 })).rows;
      assert.match(
        entries.find((entry) => entry.entityId === id)?.summary ?? '',
        /Added the paper "assessment" \(assessment\.pdf\) to the agenda of/,
      );
    });

    it('refuses a file whose content is not a paper, whatever its name', async () => {
      const { meetingId, publicItem } = await meetingOn('2027-06-24');
      await assert.rejects(
        papers.upload(systemPrincipal, coventry, meetingId, publicItem, { fileName: 'a.pdf', bytes: Buffer.from('words'), title: null }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'file',
      );
      assert.deepEqual(await allPapers(meetingId), []);
    });

    it('marks papers late after the deadline in England, and supplements after publication', async () => {
      // Thursday 8 July 2027: papers due out by Thursday 1 July.
      const { meetingId, publicItem } = await meetingOn('2027-07-08');
      const upload = async (at: string, fileName: string) => {
        now = new Date(at);
        await papers.upload(systemPrincipal, coventry, meetingId, publicItem, { fileName, bytes: await pdfOf(fileName), title: null });
      };
      await upload('2027-07-01T22:30:00Z', 'on-time.pdf'); // 23:30 on 1 July in England
      await upload('2027-07-01T23:30:00Z', 'late.pdf'); // 00:30 on 2 July in England
      now = new Date('2027-07-02T09:00:00Z');
      await papers.publish(systemPrincipal, coventry, meetingId);
      await upload('2027-07-02T10:00:00Z', 'supplement.pdf');
      assert.deepEqual(
        (await allPapers(meetingId)).map((p) => [p.title, p.late, p.supplement]),
        [
          ['on-time', false, false],
          ['late', true, false],
          ['supplement', true, true],
        ],
      );
    });

    it('shows each audience only what it may see', async () => {
      now = new Date('2027-06-01T09:00:00Z');
      const { meetingId, publicItem, confidentialItem } = await meetingOn('2027-07-15');
      const upload = async (itemId: string, fileName: string) =>
        papers.upload(systemPrincipal, coventry, meetingId, itemId, { fileName, bytes: await pdfOf(fileName), title: null });
      await upload(publicItem, 'public.pdf');
      const secret = await upload(confidentialItem, 'secret.pdf');
      await assert.rejects(papers.meetingPapers(coventry, meetingId, 'public'), NotFoundError);
      assert.deepEqual(
        (await allPapers(meetingId, 'partnership')).map((p) => p.title),
        ['public'],
      );
      assert.deepEqual(
        (await allPapers(meetingId, 'group')).map((p) => p.title),
        ['public', 'secret'],
      );
      await assert.rejects(papers.file(outsider, coventry, meetingId, secret), NotFoundError);
      await papers.publish(systemPrincipal, coventry, meetingId);
      const { sections } = await papers.meetingPapers(coventry, meetingId, 'public');
      // The Part II item keeps its place and number, and shows nothing of itself.
      const withheld = sections.flatMap((s) => s.items).filter((item) => item.confidential);
      assert.deepEqual(
        withheld.map(({ title, presenter, purpose, confidentialReason, papers: listed }) => ({
          title,
          presenter,
          purpose,
          confidentialReason,
          listed,
        })),
        [
          {
            title: 'Confidential item (Part II): not for publication',
            presenter: null,
            purpose: null,
            confidentialReason: null,
            listed: [],
          },
        ],
      );
      await assert.rejects(papers.file('public', coventry, meetingId, secret), NotFoundError);
      const pack = await papers.pack('public', 'Safer Coventry', coventry, meetingId);
      assert.ok(!pack.pdf.toString('latin1').includes('Case review'));
    });

    it('publishes once, records when and who, and tells the hook in the same transaction', async () => {
      const { meetingId } = await meetingOn('2027-07-22');
      now = new Date('2027-07-10T08:00:00Z');
      failNextNotice = true;
      await assert.rejects(papers.publish(systemPrincipal, coventry, meetingId), /the job could not be queued/);
      assert.equal((await meetings.get(coventry, meetingId)).meeting.publishedAt, null, 'a failed hook undoes the publication');
      const published = await papers.publish(systemPrincipal, coventry, meetingId);
      assert.deepEqual(published, {
        partnershipId: coventry,
        meetingId,
        groupId: boardId,
        publishedAt: '2027-07-10T08:00:00.000Z',
        publishedBy: systemPrincipal.userId,
      });
      assert.deepEqual(notices.at(-1), published);
      const { meeting } = await meetings.get(coventry, meetingId);
      assert.equal(meeting.publishedAt, '2027-07-10T08:00:00.000Z');
      await assert.rejects(papers.publish(systemPrincipal, coventry, meetingId), FieldValidationError);
      assert.ok((await papers.published(coventry, boardId)).some((m) => m.id === meetingId));
    });

    it('removes a paper before publication, with a version check, and keeps those that went out with the agenda', async () => {
      now = new Date('2027-06-01T09:00:00Z');
      const { meetingId, publicItem } = await meetingOn('2027-07-29');
      const upload = async (fileName: string) =>
        papers.upload(systemPrincipal, coventry, meetingId, publicItem, { fileName, bytes: await pdfOf(fileName), title: null });
      const draft = await upload('draft.pdf');
      await assert.rejects(papers.remove(systemPrincipal, coventry, meetingId, draft, 7), ConflictError);
      await papers.remove(systemPrincipal, coventry, meetingId, draft, 1);
      assert.deepEqual(await allPapers(meetingId), []);
      const entries = (await audit.list({ entityType: 'paper' }, { limit: 100, offset: 0 })).rows;
      assert.ok(entries.some((entry) => entry.action === 'archive' && entry.entityId === draft));

      const sent = await upload('sent.pdf');
      now = new Date('2027-06-02T09:00:00Z');
      await papers.publish(systemPrincipal, coventry, meetingId);
      await assert.rejects(papers.remove(systemPrincipal, coventry, meetingId, sent, 1), /went out with the published agenda/);
      now = new Date('2027-06-03T09:00:00Z');
      const supplement = await upload('supplement.pdf');
      await papers.remove(systemPrincipal, coventry, meetingId, supplement, 1);
      assert.deepEqual(
        (await allPapers(meetingId)).map((p) => p.title),
        ['sent'],
      );
    });
  });
}

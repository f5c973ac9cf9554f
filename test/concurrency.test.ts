/**
 * Check-then-write rules under ten parallel requests, on both engines: exactly what the rule allows gets in,
 * the others are refused with a message for the field, and the database holds what the rule allows.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { systemPrincipal } from '../src/platform/principal.ts';
import { ConflictError, FieldValidationError } from '../src/platform/errors.ts';
import type { Container } from '../src/container.ts';
import type { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { scheduleMeeting } from './helpers/meetings.ts';
import { pdfOf } from './helpers/papers.ts';

const parallel = 10;

/** Runs the same work ten times at once and sorts what came back. */
async function tenAtOnce<T>(work: () => Promise<T>): Promise<{ done: T[]; refused: string[] }> {
  const settled = await Promise.allSettled(Array.from({ length: parallel }, work));
  const refused = settled.flatMap((outcome) => {
    if (outcome.status === 'fulfilled') return [];
    const error: unknown = outcome.reason;
    if (error instanceof FieldValidationError || error instanceof ConflictError) return [error.message];
    throw error;
  });
  return { done: settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])), refused };
}

for (const database of testDatabases()) {
  describe(`check-then-write rules under ${parallel} parallel writers on ${database.engine}`, () => {
    const suite = suiteScope();
    let coventry: { container: Container; officer: Browser; coventry: string; boardId: string };

    before(async () => {
      const built = await build(suite, { database: await database.create() });
      coventry = { ...built, officer: built.client };
    });

    it('adds one membership of a person on a group from ten identical POSTs, and quorum counts them once', async () => {
      const { container, officer, boardId } = coventry;
      const partnershipId = coventry.coventry;
      const [person] = (await container.governance.people.list(partnershipId)).filter((p) => p.name === 'Gurmit Shoker');
      const [organisation] = (await container.governance.organisations.list(partnershipId)).filter((o) =>
        o.name.startsWith('Victim Support'),
      );
      assert.ok(person && organisation);
      const before = await container.governance.membershipsOn(partnershipId, boardId, '2026-01-01');
      const form = {
        groupId: boardId,
        personId: person.id,
        organisationId: organisation.id,
        role: 'member',
        voting: 'yes',
        core: 'core',
        'startDate-day': '1',
        'startDate-month': '4',
        'startDate-year': '2025',
      };
      const token = await officer.csrfToken(`/partnerships/${partnershipId}/memberships/new`);
      const responses: LightMyRequestResponse[] = await Promise.all(
        Array.from({ length: parallel }, () =>
          officer.post(`/partnerships/${partnershipId}/memberships`, { ...form, _csrf: token }, { csrf: false }),
        ),
      );
      const statuses = responses.map((response) => response.statusCode).sort();
      assert.deepEqual(statuses, [302, ...Array<number>(parallel - 1).fill(400)]);
      for (const refused of responses.filter((response) => response.statusCode === 400))
        assert.match(refused.body, /This person is already a member of this group from 1 April 2025/);
      const after = await container.governance.membershipsOn(partnershipId, boardId, '2026-01-01');
      assert.equal(after.filter((m) => m.personId === person.id).length, 1);
      assert.equal(after.length, before.length + 1);
    });

    it('numbers ten items added to one section at once 1 to 10', async () => {
      const { container, boardId } = coventry;
      const meetingId = await scheduleMeeting(container.meetings, coventry.coventry, boardId, '2026-05-14');
      let n = 0;
      const { done } = await tenAtOnce(() =>
        container.agenda.addItem(systemPrincipal, coventry.coventry, meetingId, {
          title: `Item ${++n}`,
          section: 'decision',
          presenter: null,
          purpose: null,
          confidential: false,
          confidentialReason: null,
        }),
      );
      assert.equal(done.length, parallel);
      const items = (await container.agenda.agenda(coventry.coventry, meetingId)).flatMap((section) => section.items);
      const positions = items.filter((item) => item.section === 'decision').map((item) => item.position);
      assert.deepEqual(
        positions.toSorted((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
    });

    it('puts a report on a meeting’s agenda once when it is attached ten times at once', async () => {
      const { container, boardId } = coventry;
      const meetingId = await scheduleMeeting(container.meetings, coventry.coventry, boardId, '2026-06-11');
      const pdf = await pdfOf('Performance report');
      const report = { title: 'Performance report, 2025-26 Q4', purpose: 'To review performance', pdf, confidentialReason: null };
      const { done, refused } = await tenAtOnce(() => container.papers.attachReport(systemPrincipal, coventry.coventry, meetingId, report));
      assert.equal(done.length, 1);
      assert.equal(refused.length, parallel - 1);
      for (const message of refused) assert.match(message, /^“Performance report, 2025-26 Q4” is already on the agenda of /);
      const items = (await container.agenda.agenda(coventry.coventry, meetingId)).flatMap((section) => section.items);
      assert.equal(items.filter((item) => item.title === report.title).length, 1);
    });

    it('records a meeting’s attendance once from ten forms based on the same empty record', async () => {
      const { container, boardId } = coventry;
      const meetingId = await scheduleMeeting(container.meetings, coventry.coventry, boardId, '2026-02-12');
      const { members } = await container.attendance.attendance(coventry.coventry, meetingId);
      const input = {
        members: members.map(({ member }) => ({ membershipId: member.id, status: 'present' as const, substitutePersonId: null })),
        inAttendance: [],
        minuteTaker: null,
      };
      const { done, refused } = await tenAtOnce(() =>
        container.attendance.record(systemPrincipal, coventry.coventry, meetingId, '', input),
      );
      assert.equal(done.length, 1);
      assert.equal(refused.length, parallel - 1);
      const recorded = await container.attendance.attendance(coventry.coventry, meetingId);
      assert.equal(recorded.members.filter((m) => m.status === 'present').length, members.length);
      const rows = await container.database.db.selectFrom('attendance').select('id').where('meetingId', '=', meetingId).execute();
      assert.equal(rows.length, members.length, 'each seat recorded once');
    });

    it('plans a group’s year once when the cycle is planned ten times at once', async () => {
      const { container, boardId } = coventry;
      const cycle = {
        groupId: boardId,
        ordinal: 2 as const,
        weekday: 4,
        startTime: '10:00',
        location: 'Council House',
        from: '2027-04-01',
      };
      const { done } = await tenAtOnce(() => container.meetings.scheduleCycle(systemPrincipal, coventry.coventry, cycle));
      const [first, ...others] = done.filter((result) => result.scheduled.length > 0);
      assert.equal(others.length, 0, 'one of the ten plans the year; the others find it planned');
      const planned = await container.meetings.list(coventry.coventry, { groupId: boardId, from: '2027-04-01', to: '2028-03-31' });
      assert.deepEqual(
        planned.map((meeting) => meeting.meetingDate),
        first?.scheduled,
      );
    });

    it('keeps one strategic assessment a year when ten are added at once', async () => {
      const { container } = coventry;
      const input = {
        yearStarting: 2030,
        title: 'Strategic Assessment 2030/31',
        summary: 'Summary',
        findings: 'Findings',
        surveyResults: null,
      };
      const { done, refused } = await tenAtOnce(() => container.strategy.assessments.create(systemPrincipal, coventry.coventry, input));
      assert.equal(done.length, 1);
      for (const message of refused) assert.match(message, /There is already a strategic assessment for 2030/);
      const assessments = await container.strategy.assessments.list(coventry.coventry);
      assert.equal(assessments.filter((assessment) => assessment.yearStarting === 2030).length, 1);
    });

    it('writes an item’s minutes once from ten forms based on none, and numbers ten priorities 1 to 10', async () => {
      const { container, boardId } = coventry;
      const meetingId = await scheduleMeeting(container.meetings, coventry.coventry, boardId, '2026-03-12');
      const [item] = (await container.agenda.agenda(coventry.coventry, meetingId)).flatMap((section) => section.items);
      assert.ok(item);
      const minutes = await tenAtOnce(() =>
        container.minutes.saveNarrative(systemPrincipal, coventry.coventry, meetingId, item.id, 0, 'Noted.'),
      );
      assert.equal(minutes.done.length, 1);
      assert.equal(minutes.refused.length, parallel - 1);

      const assessment = { yearStarting: 2031, title: 'Strategic Assessment 2031/32', summary: 'S', findings: 'F', surveyResults: null };
      const assessmentId = await container.strategy.assessments.create(systemPrincipal, coventry.coventry, assessment);
      let n = 0;
      await tenAtOnce(() =>
        container.strategy.priorities.create(systemPrincipal, coventry.coventry, {
          assessmentId,
          title: `Priority ${++n}`,
          description: null,
          ownerGroupId: boardId,
        }),
      );
      const priorities = (await container.strategy.priorities.list(coventry.coventry)).filter((p) => p.assessmentId === assessmentId);
      assert.deepEqual(
        priorities.map((priority) => priority.position).toSorted((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { systemClock } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import type { DatabaseHandle } from '../../db/createDb.ts';
import { createAuditTrail } from '../audit/index.ts';
import { createGovernanceService, seedDemo } from '../governance/index.ts';
import { createAgendaService, createMeetingsService, createWorkProgrammeService, governanceReads, type MeetingsService } from './index.ts';
import { scheduleMeeting } from '../../../test/helpers/meetings.ts';

for (const database of testDatabases()) {
  describe(`meetings on ${database.engine}`, () => {
    let handle: DatabaseHandle;
    let meetings: MeetingsService;
    let coventry: string;
    let boardId: string;

    before(async () => {
      handle = await database.create();
      const audit = createAuditTrail({ db: handle.db, clock: systemClock });
      const governance = createGovernanceService({ db: handle.db, audit, clock: systemClock });
      meetings = createMeetingsService({ db: handle.db, audit, clock: systemClock, governance: governanceReads(governance) });
      coventry = (await seedDemo(governance)).get('coventry') ?? '';
      const [board] = await governance.groups.list(coventry);
      boardId = board?.id ?? '';
    });
    after(() => handle.close());

    const cycle = { ordinal: 2 as const, weekday: 4, startTime: '10:00', location: 'Council House', from: '2026-04-01' };

    it("plans the quarterly board's year, once", async () => {
      const first = await meetings.scheduleCycle(systemPrincipal, coventry, { ...cycle, groupId: boardId });
      assert.deepEqual(first.scheduled, ['2026-04-09', '2026-07-09', '2026-10-08', '2027-01-14']);
      const again = await meetings.scheduleCycle(systemPrincipal, coventry, { ...cycle, groupId: boardId });
      assert.deepEqual(again, { scheduled: [], alreadyThere: ['2026-04-09', '2026-07-09', '2026-10-08', '2027-01-14'] });
      assert.equal((await meetings.list(coventry, { groupId: boardId })).length, 4);
    });

    it('derives the deadline for papers from the terms of reference: 5 working days, across Easter', async () => {
      const [april] = await meetings.list(coventry, { groupId: boardId, from: '2026-04-09', to: '2026-04-09' });
      assert.ok(april);
      const { deadlines } = await meetings.get(coventry, april.id);
      assert.deepEqual(deadlines, {
        papersDue: '2026-03-31',
        minutesDue: null,
        actionsDue: null,
        rules: { papersDue: '5 working days before the meeting', minutesDue: null, actionsDue: null },
      });
    });

    it('needs terms of reference to know how often a group meets', async () => {
      const governance = createGovernanceService({
        db: handle.db,
        audit: createAuditTrail({ db: handle.db, clock: systemClock }),
        clock: systemClock,
      });
      const groupId = await governance.groups.create(systemPrincipal, coventry, { name: 'New Working Group', parentId: boardId });
      await assert.rejects(
        meetings.scheduleCycle(systemPrincipal, coventry, { ...cycle, groupId }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'groupId',
      );
    });

    it('moves a meeting keeping the old date and the reason (seed 000: 6 to 28 February 2008)', async () => {
      const id = await meetings.schedule(systemPrincipal, coventry, {
        groupId: boardId,
        kind: 'ordinary',
        meetingDate: '2008-02-06',
        startTime: '14:00',
        location: 'Committee Room 3',
      });
      const reason = 'To distribute and discuss the Strategic Assessment';
      await meetings.reschedule(systemPrincipal, coventry, id, 1, {
        meetingDate: '2008-02-28',
        startTime: '14:00',
        location: null,
        reason,
      });
      const { meeting, changes } = await meetings.get(coventry, id);
      assert.equal(meeting.status, 'rescheduled');
      assert.equal(meeting.meetingDate, '2008-02-28');
      assert.equal(changes.length, 1);
      assert.deepEqual([changes[0]?.fromDate, changes[0]?.toDate, changes[0]?.reason], ['2008-02-06', '2008-02-28', reason]);
      await assert.rejects(
        meetings.reschedule(systemPrincipal, coventry, id, 1, {
          meetingDate: '2008-03-06',
          startTime: '14:00',
          location: null,
          reason: 'x',
        }),
        ConflictError,
      );
    });

    it('moves a meeting to another place when the new one is given (seed 000: to The Welcome Centre)', async () => {
      const id = await meetings.schedule(systemPrincipal, coventry, {
        groupId: boardId,
        kind: 'ordinary',
        meetingDate: '2008-02-06',
        startTime: '10:00',
        location: 'Council House, Committee Rooms 5 + 6',
      });
      const reason = 'To distribute and discuss the Strategic Assessment and Community Safety Strategy';
      await meetings.reschedule(systemPrincipal, coventry, id, 1, {
        meetingDate: '2008-02-28',
        startTime: '09:30',
        location: 'The Welcome Centre',
        reason,
      });
      assert.equal((await meetings.get(coventry, id)).meeting.location, 'The Welcome Centre');
    });

    it('records that a meeting was held, on its day or after, never a cancelled or future one', async () => {
      const at = (meetingDate: string) => scheduleMeeting(meetings, coventry, boardId, meetingDate, '10:00');
      const past = await at('2007-11-30');
      await meetings.recordHeld(systemPrincipal, coventry, past, 1);
      assert.equal((await meetings.get(coventry, past)).meeting.status, 'held');
      await assert.rejects(meetings.recordHeld(systemPrincipal, coventry, past, 1), ConflictError);
      await assert.rejects(
        meetings.cancel(systemPrincipal, coventry, past, 2, 'Too late'),
        /has been held, so it cannot be moved or cancelled/,
      );
      await assert.rejects(
        meetings.reschedule(systemPrincipal, coventry, past, 2, {
          meetingDate: '2007-12-07',
          startTime: '10:00',
          location: null,
          reason: 'x',
        }),
        FieldValidationError,
      );
      await assert.rejects(meetings.recordHeld(systemPrincipal, coventry, await at('2099-01-08'), 1), FieldValidationError);
      const cancelled = await at('2007-12-14');
      await meetings.cancel(systemPrincipal, coventry, cancelled, 1, 'No business');
      await assert.rejects(meetings.recordHeld(systemPrincipal, coventry, cancelled, 2), FieldValidationError);
    });

    it('lists the meetings still to come the way a single meeting is checked: today until it is held, not cancelled', async () => {
      const audit = createAuditTrail({ db: handle.db, clock: systemClock });
      const governance = createGovernanceService({ db: handle.db, audit, clock: systemClock });
      const clock = { now: () => new Date('2030-03-14T12:00:00Z') };
      const on14March = createMeetingsService({ db: handle.db, audit, clock, governance: governanceReads(governance) });
      const groupId = await governance.groups.create(systemPrincipal, coventry, { name: 'Meetings To Come Group', parentId: boardId });
      const at = (meetingDate: string) => scheduleMeeting(on14March, coventry, groupId, meetingDate);
      const [yesterday, heldToday, today, cancelled, moved] = [
        await at('2030-03-13'),
        // Held this morning: it has started, so it can be recorded as held.
        await scheduleMeeting(on14March, coventry, groupId, '2030-03-14', '11:00'),
        await at('2030-03-14'),
        await at('2030-03-20'),
        await at('2030-03-21'),
      ];
      await on14March.recordHeld(systemPrincipal, coventry, heldToday, 1);
      await on14March.cancel(systemPrincipal, coventry, cancelled, 1, 'No business');
      await on14March.reschedule(systemPrincipal, coventry, moved, 1, {
        meetingDate: '2030-03-28',
        startTime: '10:00',
        location: null,
        reason: 'x',
      });
      const toCome = (await on14March.toCome(coventry, { groupId })).map((meeting) => meeting.id);
      assert.deepEqual(toCome, [today, moved]);
      for (const id of [yesterday, heldToday, today, cancelled, moved]) {
        const accepted = await on14March.stillToCome(coventry, id).then(
          () => true,
          () => false,
        );
        assert.equal(accepted, toCome.includes(id), id);
      }
      // A work programme item is planned only for a meeting still to come: not one held earlier today.
      const workProgramme = createWorkProgrammeService({
        db: handle.db,
        audit,
        clock,
        governance: governanceReads(governance),
        meetings: on14March,
        agenda: createAgendaService({ db: handle.db, audit, clock }),
      });
      await assert.rejects(
        workProgramme.add(systemPrincipal, coventry, groupId, { title: 'Night-time economy', plannedMeetingId: heldToday, notes: null }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'plannedMeetingId',
      );
      await workProgramme.add(systemPrincipal, coventry, groupId, { title: 'Night-time economy', plannedMeetingId: today, notes: null });
    });

    it('cancels a meeting with a reason, and a cancelled meeting cannot be moved', async () => {
      const id = await meetings.schedule(systemPrincipal, coventry, {
        groupId: boardId,
        kind: 'extraordinary',
        meetingDate: '2026-06-18',
        startTime: '10:00',
        location: 'Online',
      });
      await meetings.cancel(systemPrincipal, coventry, id, 1, 'No business to transact');
      const { meeting, changes } = await meetings.get(coventry, id);
      assert.equal(meeting.status, 'cancelled');
      assert.equal(changes[0]?.reason, 'No business to transact');
      await assert.rejects(
        meetings.reschedule(systemPrincipal, coventry, id, 2, {
          meetingDate: '2026-06-25',
          startTime: '10:00',
          location: null,
          reason: 'x',
        }),
        FieldValidationError,
      );
    });
  });
}

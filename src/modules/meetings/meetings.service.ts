import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { formatDate } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { updateVersioned } from '../../platform/records.ts';
import { termsInForce } from '../governance/index.ts';
import type { GovernanceReads } from './governance.reads.ts';
import { addStandardItems } from './agenda.service.ts';
import { meetingDeadlines, type MeetingDeadlines } from './deadlines.ts';
import { cycleDates } from './meetingCycle.ts';
import { hasStarted } from './meetingTime.ts';
import { approvesMinutes, findMeetingMinutes } from './minutes.repository.ts';
import { approvingMeetings, whyFixed } from './minutesLife.ts';
import { isStillToCome, stillToCome } from './stillToCome.ts';
import {
  insertMeeting,
  insertMeetingChange,
  listMeetingChanges,
  listEarlierMeetings,
  listMeetings,
  partnershipVersion,
  type MeetingChangeRow,
  type MeetingFilter,
  type MeetingRow,
  type MeetingView,
  requireMeeting,
} from './meetings.repository.ts';
import type { CycleInput, MeetingInput, RescheduleInput } from './meetings.inputs.ts';

export interface MeetingDetails {
  meeting: MeetingView;
  deadlines: MeetingDeadlines;
  changes: MeetingChangeRow[];
  /** Whether it can now be recorded as held. */
  canRecordHeld: boolean;
  /** Whether it has started (see `meetingTime.ts`): until then it has no attendance or minutes. */
  started: boolean;
}

/** Why a meeting cannot be recorded as held now, or null if it can. */
function whyNotHeld(meeting: MeetingView, now: Date): string | null {
  if (meeting.status === 'cancelled') return 'This meeting was cancelled, so it was not held';
  if (meeting.status === 'held') return 'This meeting has already been recorded as held';
  if (!hasStarted(meeting, now)) return 'This meeting is still to come: record that it was held once it has started';
  return null;
}

export interface MeetingsService {
  list(partnershipId: string, filter?: MeetingFilter): Promise<MeetingView[]>;
  /** Meetings from today on (in England), and those before, newest first. */
  timeline(partnershipId: string, filter?: MeetingFilter): Promise<{ upcoming: MeetingView[]; past: MeetingView[] }>;
  /** Every meeting to come, and a page of the earlier ones (latest first) with how many there are. */
  timelinePage(
    partnershipId: string,
    filter: { groupId?: string | undefined },
    page: { limit: number; offset: number },
  ): Promise<{ upcoming: MeetingView[]; past: MeetingView[]; pastTotal: number }>;
  get(partnershipId: string, id: string): Promise<MeetingDetails>;
  /**
   * What a meeting's page and the partnership's overview are read from, as one word that changes whenever any of it
   * could (decision 0057): the partnership's count of changes, kept by triggers, and the minute now (every rule of
   * time on those pages compares a date or a meeting's start, to the minute). One indexed read.
   */
  pageVersion(partnershipId: string): Promise<string>;
  /** Many meetings, each with its deadlines: the terms of each group read once, however many meetings it has. */
  deadlinesOf<M extends { groupId: string; meetingDate: string }>(
    partnershipId: string,
    meetings: readonly M[],
  ): Promise<{ meeting: M; deadlines: MeetingDeadlines }[]>;
  /** The meetings still to come (see `stillToCome.ts`), of one group or all, in date order: where a report or an item can go. */
  toCome(partnershipId: string, filter?: { groupId?: string }): Promise<MeetingView[]>;
  /** A meeting a report can still go to (not held, cancelled or past); otherwise a refusal on the form's meetingId field. */
  stillToCome(partnershipId: string, id: string): Promise<MeetingView>;
  /** Plans a group's meetings for twelve months from its cadence; dates that already have a meeting are left alone. */
  scheduleCycle(actor: Actor, partnershipId: string, input: CycleInput): Promise<{ scheduled: string[]; alreadyThere: string[] }>;
  schedule(actor: Actor, partnershipId: string, input: MeetingInput): Promise<string>;
  /** The group's later meetings at which this one's minutes can be approved now: not cancelled, and started. */
  later(partnershipId: string, meetingId: string): Promise<MeetingView[]>;
  reschedule(actor: Actor, partnershipId: string, id: string, version: number, input: RescheduleInput): Promise<void>;
  cancel(actor: Actor, partnershipId: string, id: string, version: number, reason: string): Promise<void>;
  /** Records that a meeting took place: once it has started, and not if it was cancelled. */
  recordHeld(actor: Actor, partnershipId: string, id: string, version: number): Promise<void>;
}

/** What meetings need: governance's groups and the terms of reference in force. */
export interface MeetingsDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  governance: Pick<GovernanceReads, 'groups' | 'termsInForceOn' | 'termsHistory'>;
}

export function createMeetingsService({ db, audit, clock, governance }: MeetingsDependencies): MeetingsService {
  async function groupIn(partnershipId: string, groupId: string) {
    const [group] = (await governance.groups(partnershipId)).filter((g) => g.id === groupId);
    if (!group) throw new FieldValidationError('groupId', 'Select a group in this partnership');
    return group;
  }

  async function add(
    trx: Kysely<Database>,
    actor: Actor,
    meeting: Omit<MeetingRow, 'version' | 'createdAt' | 'updatedAt' | `published${string}` | `agendaWithdrawn${string}`>,
    groupName: string,
  ) {
    const now = isoNow(clock);
    // A new meeting's agenda is not yet published.
    const unpublished = {
      publishedAt: null,
      publishedBy: null,
      agendaWithdrawnAt: null,
      agendaWithdrawnBy: null,
      agendaWithdrawnReason: null,
    };
    const row = { ...meeting, ...unpublished, createdAt: now, updatedAt: now };
    await insertMeeting(trx, row);
    await addStandardItems(trx, row.partnershipId, row.id, now);
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'meeting',
      entityId: row.id,
      partnershipId: row.partnershipId,
      summary: `Scheduled a meeting of ${groupName} on ${formatDate(row.meetingDate)} at ${row.startTime}`,
      before: null,
      after: row,
    });
  }

  /** A change of date or a cancellation: version-checked, kept in the meeting's history and the audit log. */
  async function change(
    actor: Actor,
    partnershipId: string,
    id: string,
    version: number,
    change: { status: 'rescheduled' | 'cancelled'; meetingDate: string; startTime: string; location: string | null; reason: string },
  ) {
    await db.transaction().execute(async (trx) => {
      // Under the lock the steps of its minutes take, so that none of them can come between the check and the change.
      await lockRow(trx, 'meetings', id);
      const before = await requireMeeting(trx, partnershipId, id);
      if (before.version !== version) throw new ConflictError(before.version);
      if (before.status === 'cancelled') throw new FieldValidationError('reason', 'This meeting has been cancelled');
      if (before.status === 'held')
        throw new FieldValidationError('reason', 'This meeting has been held, so it cannot be moved or cancelled');
      const minutes = await findMeetingMinutes(trx, id);
      const fixed = whyFixed(minutes?.status ?? 'draft', await approvesMinutes(trx, id));
      if (fixed) throw new FieldValidationError('reason', fixed);
      const now = isoNow(clock);
      const rescheduled = change.status === 'rescheduled';
      const from = `${formatDate(before.meetingDate)} at ${before.startTime}`;
      await updateVersioned(trx, audit, actor, {
        table: 'meetings',
        id,
        partnershipId,
        version,
        what: 'meeting',
        changes: {
          status: change.status,
          meetingDate: change.meetingDate,
          startTime: change.startTime,
          location: change.location || before.location,
          updatedAt: now,
        },
        entry: async () => ({
          action: 'update',
          entityType: 'meeting',
          partnershipId,
          summary: rescheduled
            ? `Moved the meeting of ${before.groupName} from ${from} to ${formatDate(change.meetingDate)} at ${change.startTime}`
            : `Cancelled the meeting of ${before.groupName} on ${from}`,
          before,
          after: await requireMeeting(trx, partnershipId, id),
        }),
      });
      await insertMeetingChange(trx, {
        id: randomUUID(),
        meetingId: id,
        kind: change.status,
        fromDate: before.meetingDate,
        fromTime: before.startTime,
        toDate: rescheduled ? change.meetingDate : null,
        toTime: rescheduled ? change.startTime : null,
        reason: change.reason,
        changedAt: now,
        changedBy: actor.userId,
      });
    });
  }

  return {
    list: (partnershipId, filter = {}) => listMeetings(db, partnershipId, filter),

    async timeline(partnershipId, filter = {}) {
      const today = todayInEngland(clock);
      const meetings = await listMeetings(db, partnershipId, filter);
      return { upcoming: meetings.filter((m) => m.meetingDate >= today), past: meetings.filter((m) => m.meetingDate < today).reverse() };
    },

    async timelinePage(partnershipId, { groupId }, page) {
      const today = todayInEngland(clock);
      const [upcoming, { meetings: past, total }] = await Promise.all([
        listMeetings(db, partnershipId, { ...(groupId ? { groupId } : {}), from: today }),
        listEarlierMeetings(db, partnershipId, { before: today, groupId }, page),
      ]);
      return { upcoming, past, pastTotal: total };
    },

    async toCome(partnershipId, { groupId } = {}) {
      const today = todayInEngland(clock);
      return stillToCome(await listMeetings(db, partnershipId, { groupId, from: today }), today);
    },

    async stillToCome(partnershipId, id) {
      const meeting = await requireMeeting(db, partnershipId, id);
      if (!isStillToCome(meeting, todayInEngland(clock))) {
        throw new FieldValidationError('meetingId', 'Select a meeting that is still to come');
      }
      return meeting;
    },

    pageVersion: async (partnershipId) => `${await partnershipVersion(db, partnershipId)}:${clock.now().toISOString().slice(0, 16)}`,

    async get(partnershipId, id) {
      const meeting = await requireMeeting(db, partnershipId, id);
      const terms = await governance.termsInForceOn(partnershipId, meeting.groupId, meeting.meetingDate);
      return {
        meeting,
        deadlines: meetingDeadlines(meeting.meetingDate, terms),
        changes: await listMeetingChanges(db, id),
        canRecordHeld: whyNotHeld(meeting, clock.now()) === null,
        started: hasStarted(meeting, clock.now()),
      };
    },

    async deadlinesOf(partnershipId, meetings) {
      const groupIds = [...new Set(meetings.map((meeting) => meeting.groupId))];
      const histories = new Map(
        await Promise.all(groupIds.map(async (groupId) => [groupId, await governance.termsHistory(partnershipId, groupId)] as const)),
      );
      return meetings.map((meeting) => ({
        meeting,
        deadlines: meetingDeadlines(meeting.meetingDate, termsInForce(histories.get(meeting.groupId) ?? [], meeting.meetingDate)),
      }));
    },

    async scheduleCycle(actor, partnershipId, input) {
      const group = await groupIn(partnershipId, input.groupId);
      const terms = await governance.termsInForceOn(partnershipId, group.id, input.from);
      if (!terms) {
        throw new FieldValidationError(
          'groupId',
          `${group.name} has no terms of reference in force on that date, so how often it meets is not known`,
        );
      }
      const dates = cycleDates(terms.cadence, input, input.from);
      return db.transaction().execute(async (trx) => {
        // A year's cycle planned twice at once: the second waits, then sees the first's dates and adds none.
        await lockRow(trx, 'groups', group.id);
        const existing = new Set(
          (await listMeetings(trx, partnershipId, { groupId: group.id, from: input.from, to: dates.at(-1) ?? input.from })).map(
            (m) => m.meetingDate,
          ),
        );
        const scheduled = dates.filter((date) => !existing.has(date));
        for (const meetingDate of scheduled) {
          await add(
            trx,
            actor,
            {
              id: randomUUID(),
              partnershipId,
              groupId: group.id,
              meetingDate,
              startTime: input.startTime,
              location: input.location,
              kind: 'ordinary',
              status: 'scheduled',
              archivedAt: null,
            },
            group.name,
          );
        }
        return { scheduled, alreadyThere: dates.filter((date) => existing.has(date)) };
      });
    },

    async later(partnershipId, meetingId) {
      const meeting = await requireMeeting(db, partnershipId, meetingId);
      return approvingMeetings(
        meeting,
        await listMeetings(db, partnershipId, { groupId: meeting.groupId, from: meeting.meetingDate }),
        clock.now(),
      );
    },

    async schedule(actor, partnershipId, input) {
      const group = await groupIn(partnershipId, input.groupId);
      const id = randomUUID();
      await db
        .transaction()
        .execute((trx) => add(trx, actor, { id, partnershipId, ...input, status: 'scheduled', archivedAt: null }, group.name));
      return id;
    },

    async reschedule(actor, partnershipId, id, version, input) {
      await change(actor, partnershipId, id, version, { status: 'rescheduled', ...input });
    },

    async cancel(actor, partnershipId, id, version, reason) {
      const meeting = await requireMeeting(db, partnershipId, id);
      await change(actor, partnershipId, id, version, {
        status: 'cancelled',
        meetingDate: meeting.meetingDate,
        startTime: meeting.startTime,
        location: null,
        reason,
      });
    },

    async recordHeld(actor, partnershipId, id, version) {
      await db.transaction().execute(async (trx) => {
        const before = await requireMeeting(trx, partnershipId, id);
        if (before.version !== version) throw new ConflictError(before.version);
        const why = whyNotHeld(before, clock.now());
        if (why) throw new FieldValidationError('form', why);
        await updateVersioned(trx, audit, actor, {
          table: 'meetings',
          id,
          partnershipId,
          version,
          what: 'meeting',
          changes: { status: 'held', updatedAt: isoNow(clock) },
          entry: async () => ({
            action: 'update',
            entityType: 'meeting',
            partnershipId,
            summary: `Recorded that the meeting of ${before.groupName} on ${formatDate(before.meetingDate)} was held`,
            before,
            after: await requireMeeting(trx, partnershipId, id),
          }),
        });
      });
    },
  };
}

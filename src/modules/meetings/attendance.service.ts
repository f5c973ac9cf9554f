import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { financialYearStart } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { GovernanceReads } from './governance.reads.ts';
import {
  type AttendanceRow,
  attendanceDates,
  largestVote,
  listAttendance,
  meetingsWithAttendance,
  replaceAttendance,
} from './attendance.repository.ts';
import { findMeetingMinutes } from './minutes.repository.ts';
import { whyNot } from './minutesLife.ts';
import { tallyAttendance } from './attendanceRecord.ts';
import { listMeetings, type MeetingView, requireMeeting } from './meetings.repository.ts';
import { hasStarted, notStartedYet } from './meetingTime.ts';

export const memberStatuses = ['present', 'apologies', 'absent', 'substitute'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const isMemberStatus = (value: string): value is MemberStatus => (memberStatuses as readonly string[]).includes(value);

export interface AttendanceInput {
  /** The members marked on the form; a member left unmarked is recorded as absent. */
  members: { membershipId: string; status: MemberStatus; substitutePersonId: string | null }[];
  /** People at the meeting who are not members, e.g. presenters. */
  inAttendance: Attendee[];
  minuteTaker: Attendee | null;
}

/** Someone at a meeting who is not a member: a presenter, or the minute taker. */
export interface Attendee {
  name: string;
  organisation: string | null;
}

type Member = Awaited<ReturnType<GovernanceReads['membershipsOn']>>[number];

export interface MeetingAttendance {
  meeting: MeetingView;
  members: { member: Member; status: MemberStatus | null; substitutePersonId: string | null; substituteName: string | null }[];
  inAttendance: AttendanceRow[];
  minuteTaker: Attendee | null;
  /** When it was last saved ('' before it ever was): the form sends it back to catch a colleague's save in between. */
  recordedAt: string;
  /** Live from the group's rule; null before attendance is recorded or without a rule. */
  quorum: { quorate: boolean; shortfall: string[] } | null;
}

export interface AttendanceService {
  attendance(partnershipId: string, meetingId: string): Promise<MeetingAttendance>;
  /** Which of the meetings have their attendance recorded, asked once for them all (a list asks for its page's). */
  recordedOf(meetingIds: readonly string[]): Promise<Set<string>>;
  /** The group's attendance record over the financial year starting in April of `yearStarting`, from the meetings whose attendance was recorded. */
  yearRecord(
    partnershipId: string,
    groupId: string,
    yearStarting: number | null,
  ): Promise<ReturnType<typeof tallyAttendance> & { meetings: number; yearStarting: number; thisYear: number }>;
  record(actor: Actor, partnershipId: string, meetingId: string, basedOn: string, input: AttendanceInput): Promise<void>;
  /** The financial years (by their starting year) in which a meeting of the group has its attendance recorded, latest first. */
  yearsWithAttendance(partnershipId: string, groupId: string): Promise<number[]>;
}

/** Room enough for a long list of presenters and guests, one a line, but not a pasted document. */
export const attendeeLimits = { inAttendance: 50, name: 200, organisation: 200 } as const;

function minuteTakerOf(records: readonly AttendanceRow[]): Attendee | null {
  const record = records.find((r) => r.status === 'minute_taker');
  return record ? { name: record.attendeeName ?? '', organisation: record.attendeeOrganisation } : null;
}

/** What attendance needs: governance's members on a date, its quorum rule and its people. */
export interface AttendanceDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  governance: Pick<GovernanceReads, 'membershipsOn' | 'checkQuorum' | 'people'>;
}

export function createAttendanceService({ db, audit, clock, governance }: AttendanceDependencies): AttendanceService {
  async function load(trx: Kysely<Database>, partnershipId: string, meetingId: string): Promise<MeetingAttendance> {
    const meeting = await requireMeeting(trx, partnershipId, meetingId);
    const [members, records] = await Promise.all([
      governance.membershipsOn(partnershipId, meeting.groupId, meeting.meetingDate),
      listAttendance(trx, meetingId),
    ]);
    const bySeat = new Map(records.filter((r) => r.membershipId).map((r) => [r.membershipId, r]));
    // Substitutes are people of governance's register, named from it: asked only when someone came as one.
    const names = records.some((r) => r.substitutePersonId)
      ? new Map((await governance.people(partnershipId, { includeArchived: true })).map((person) => [person.id, person.name]))
      : new Map<string, string>();
    const recordedAt = records.reduce((latest, r) => (r.recordedAt > latest ? r.recordedAt : latest), '');
    // A substitute fills the seat of the member they stand in for.
    const seatsFilled = records
      .filter((r) => r.membershipId && (r.status === 'present' || r.status === 'substitute'))
      .map((r) => r.membershipId ?? '');
    return {
      meeting,
      members: members.map((member) => {
        const record = bySeat.get(member.id);
        return {
          member,
          status: record && isMemberStatus(record.status) ? record.status : null,
          substitutePersonId: record?.substitutePersonId ?? null,
          substituteName: (record?.substitutePersonId && names.get(record.substitutePersonId)) || null,
        };
      }),
      inAttendance: records.filter((r) => r.status === 'in_attendance'),
      minuteTaker: minuteTakerOf(records),
      recordedAt,
      quorum: recordedAt ? await governance.checkQuorum(partnershipId, meeting.groupId, seatsFilled, meeting.meetingDate) : null,
    };
  }

  return {
    attendance: (partnershipId, meetingId) => load(db, partnershipId, meetingId),
    recordedOf: (meetingIds) => meetingsWithAttendance(db, meetingIds),

    async yearsWithAttendance(partnershipId, groupId) {
      const dates = await attendanceDates(db, partnershipId, groupId);
      return [...new Set(dates.map((date) => Number(financialYearStart(date).slice(0, 4))))];
    },

    async yearRecord(partnershipId, groupId, asked) {
      const thisYear = Number(financialYearStart(todayInEngland(clock)).slice(0, 4));
      const yearStarting = asked ?? thisYear;
      const meetings = await listMeetings(db, partnershipId, { groupId, from: `${yearStarting}-04-01`, to: `${yearStarting + 1}-03-31` });
      const facts = [];
      for (const meeting of meetings.filter((m) => m.status !== 'cancelled')) {
        const { members, recordedAt } = await load(db, partnershipId, meeting.id);
        if (!recordedAt) continue;
        facts.push({
          seats: members.map(({ member }) => ({
            membershipId: member.id,
            personName: member.personName,
            organisationId: member.organisationId,
            organisationName: member.organisationName,
            responsibleAuthority: member.responsibleAuthority,
          })),
          statusBySeat: new Map(members.map((m) => [m.member.id, m.status ?? 'absent'])),
        });
      }
      return { ...tallyAttendance(facts), meetings: facts.length, yearStarting, thisYear };
    },

    async record(actor, partnershipId, meetingId, basedOn, input) {
      // Read through other services before the transaction: on SQLite, a query outside the
      // transaction's connection would wait for the transaction to finish.
      const current = await load(db, partnershipId, meetingId);
      if (current.meeting.status === 'cancelled')
        throw new FieldValidationError('form', 'This meeting was cancelled: there is no attendance to record');
      if (!hasStarted(current.meeting, clock.now())) throw new FieldValidationError('form', notStartedYet(current.meeting));
      const people = new Set((await governance.people(partnershipId)).map((person) => person.id));
      const seats = new Set(current.members.map((m) => m.member.id));
      const now = isoNow(clock);
      const row = (fields: Partial<AttendanceRow> & Pick<AttendanceRow, 'status'>): AttendanceRow => ({
        id: randomUUID(),
        partnershipId,
        meetingId,
        membershipId: null,
        substitutePersonId: null,
        attendeeName: null,
        attendeeOrganisation: null,
        recordedAt: now,
        recordedBy: actor.userId,
        ...fields,
      });
      if (current.members.length && !input.members.length) {
        throw new FieldValidationError(
          `status-${current.members[0]?.member.id ?? ''}`,
          'Mark who was present, sent apologies, was absent or sent a substitute',
        );
      }
      if (input.inAttendance.length > attendeeLimits.inAttendance) {
        throw new FieldValidationError('inAttendance', `Enter up to ${attendeeLimits.inAttendance} people, one on each line`);
      }
      for (const [field, attendee] of [
        ...input.inAttendance.map((a) => ['inAttendance', a] as const),
        ...(input.minuteTaker ? [['minuteTaker', input.minuteTaker] as const] : []),
      ]) {
        if (attendee.name.length > attendeeLimits.name || (attendee.organisation ?? '').length > attendeeLimits.organisation) {
          throw new FieldValidationError(field, `Each name and organisation must be ${attendeeLimits.name} characters or fewer`);
        }
      }
      const marked = new Set(input.members.map((m) => m.membershipId));
      const unmarked = current.members
        .filter(({ member }) => !marked.has(member.id))
        .map(({ member }) => ({ membershipId: member.id, status: 'absent' as const, substitutePersonId: null }));
      const rows: AttendanceRow[] = [];
      for (const member of [...input.members, ...unmarked]) {
        if (!seats.has(member.membershipId))
          throw new FieldValidationError('form', 'Someone on the form is not a member of the group on the day of the meeting');
        if (member.status === 'substitute' && (!member.substitutePersonId || !people.has(member.substitutePersonId))) {
          throw new FieldValidationError(`substitute-${member.membershipId}`, 'Select who came as the substitute');
        }
        rows.push(
          row({
            membershipId: member.membershipId,
            status: member.status,
            substitutePersonId: member.status === 'substitute' ? member.substitutePersonId : null,
          }),
        );
      }
      for (const other of input.inAttendance)
        rows.push(row({ status: 'in_attendance', attendeeName: other.name, attendeeOrganisation: other.organisation }));
      if (input.minuteTaker)
        rows.push(
          row({ status: 'minute_taker', attendeeName: input.minuteTaker.name, attendeeOrganisation: input.minuteTaker.organisation }),
        );

      const voting = new Set(current.members.filter(({ member }) => member.voting).map(({ member }) => member.id));
      const votingPresent = rows.filter(
        (r) => r.membershipId !== null && voting.has(r.membershipId) && (r.status === 'present' || r.status === 'substitute'),
      ).length;

      await db.transaction().execute(async (trx) => {
        // One record of a meeting's attendance at a time, and none beside a step of its minutes: under the meeting's
        // lock, as the minutes are, the second is checked against the first.
        await lockRow(trx, 'meetings', meetingId);
        // The attendance is part of the minutes: once they are approved it stands as approved. The meeting is judged
        // as it is under the lock, so one cancelled or moved while this waited is seen.
        const meeting = await requireMeeting(trx, partnershipId, meetingId);
        const status = (await findMeetingMinutes(trx, meetingId))?.status ?? 'draft';
        const frozen = whyNot('write', { status, meeting, approvedAt: null, now: clock.now() });
        if (frozen) throw new FieldValidationError('form', frozen);
        // A vote on the minutes was cast by voting members present: the attendance cannot say fewer were there.
        const votes = await largestVote(trx, meetingId);
        if (votes > votingPresent) {
          throw new FieldValidationError(
            'form',
            `A decision at this meeting records ${votes} votes, but ${votingPresent === 1 ? '1 voting member is' : `${votingPresent} voting members are`} marked present. Mark everyone who voted, or change the decision's vote first.`,
          );
        }
        const before = await listAttendance(trx, meetingId);
        const recordedAt = before.reduce((latest, r) => (r.recordedAt > latest ? r.recordedAt : latest), '');
        if (recordedAt !== basedOn) throw new ConflictError(0);
        await replaceAttendance(trx, meetingId, rows);
        await audit.record(trx, actor, {
          action: recordedAt ? 'update' : 'create',
          entityType: 'attendance',
          entityId: meetingId,
          partnershipId,
          summary: `Recorded attendance at ${current.meeting.groupName} on ${current.meeting.meetingDate}`,
          before: recordedAt ? before : null,
          after: rows,
        });
      });
    },
  };
}

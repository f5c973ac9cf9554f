/**
 * The life of a meeting's minutes: draft → circulated → approved at a later meeting "as a true and
 * accurate record" → signed by the chair. Approved minutes do not change; a correction is an amendment.
 * Every step waits for the meeting to start; approval is at a later meeting that has itself started.
 */
import type { MeetingMinutesTable, MeetingStatus } from '../../db/schema.ts';
import { describeWhen } from '../../platform/dates.ts';
import { hasStarted, notStartedYet, type TimedMeeting } from './meetingTime.ts';

export type MinutesStatus = MeetingMinutesTable['status'];

export const minutesStatusNames = {
  draft: 'Draft',
  circulated: 'Circulated',
  approved: 'Approved as a true and accurate record',
  signed: 'Approved and signed by the chair',
} as const satisfies Record<MinutesStatus, string>;

const allowed: Record<MinutesStatus, MinutesStatus[]> = {
  draft: ['circulated', 'approved'],
  circulated: ['approved'],
  approved: ['signed'],
  signed: [],
};

export function canMoveTo(from: MinutesStatus, to: MinutesStatus): boolean {
  return allowed[from].includes(to);
}

/** What approving minutes does to a meeting whose agenda was never published (`minutes.service.ts`), said before it is done. */
export const unpublishedAgenda =
  'The agenda of this meeting was not published: once the minutes are approved, the meeting goes on the public page with them, with its public items and papers (never Part II).';

/** Minutes can be written until they are approved. */
export function isEditable(status: MinutesStatus): boolean {
  return status === 'draft' || status === 'circulated';
}

/** Once approved, minutes take corrections only as amendments recorded beside them. */
export function canAmend(status: MinutesStatus): boolean {
  return !isEditable(status);
}

/** The steps a page offers and the service takes: writing, members' comments, and each move of the minutes' life. */
export type MinutesStep = 'write' | 'comment' | 'circulate' | 'approve' | 'sign';
const stepTo = { circulate: 'circulated', approve: 'approved', sign: 'signed' } as const satisfies Record<
  Exclude<MinutesStep, 'write' | 'comment'>,
  MinutesStatus
>;

export type DatedMeeting = TimedMeeting & { groupId: string; status: MeetingStatus };

export interface MinutesFacts {
  status: MinutesStatus;
  meeting: DatedMeeting;
  /** Once approved, the meeting that approved them. */
  approvedAt: TimedMeeting | null;
  now: Date;
}

/** Why a step cannot be taken now, in words for the page, or null when it can. */
export function whyNot(step: MinutesStep, { status, meeting, approvedAt, now }: MinutesFacts): string | null {
  if (meeting.status === 'cancelled') return 'This meeting was cancelled: it has no minutes';
  if (!hasStarted(meeting, now)) return notStartedYet(meeting);
  if (step === 'write') {
    return isEditable(status) ? null : 'These minutes have been approved and cannot change. Record a correction as an amendment.';
  }
  // Members comment on the draft while it is circulated to them, until it is approved.
  if (step === 'comment') {
    if (status === 'circulated') return null;
    return status === 'draft'
      ? 'The draft minutes can be commented on once they are circulated'
      : 'These minutes have been approved: comments on them are closed';
  }
  const to = stepTo[step];
  if (!canMoveTo(status, to)) return `Minutes that are ${minutesStatusNames[status].toLowerCase()} cannot be ${to}`;
  if (step === 'sign' && approvedAt && !hasStarted(approvedAt, now)) {
    return `The minutes can be signed once the meeting that approved them, on ${describeWhen(approvedAt.meetingDate, approvedAt.startTime)}, has started`;
  }
  return null;
}

/**
 * Why a meeting can no longer be moved or cancelled, or null: minutes circulated as its record, or minutes of an
 * earlier meeting approved at it, say that it took place when it did.
 */
export function whyFixed(status: MinutesStatus, approvesMinutes: boolean): string | null {
  if (status !== 'draft') return 'The minutes of this meeting have been circulated, so it cannot be moved or cancelled';
  if (approvesMinutes) return 'Minutes of an earlier meeting were approved at this meeting, so it cannot be moved or cancelled';
  return null;
}

/** Why the minutes cannot be approved at `at`: it must be a later meeting of the same group, not cancelled, that has started. */
export function whyNotApprovedAt(meeting: DatedMeeting, at: DatedMeeting | null, now: Date): string | null {
  if (!at || at.groupId !== meeting.groupId || at.meetingDate <= meeting.meetingDate || at.status === 'cancelled') {
    return 'Select a later meeting of the same group';
  }
  if (!hasStarted(at, now)) {
    return `The meeting on ${describeWhen(at.meetingDate, at.startTime)} has not started yet: record the approval at it or after it`;
  }
  return null;
}

/** The meetings at which the minutes of `meeting` can be approved now. */
export function approvingMeetings<M extends DatedMeeting>(meeting: DatedMeeting, candidates: readonly M[], now: Date): M[] {
  return candidates.filter((at) => whyNotApprovedAt(meeting, at, now) === null);
}

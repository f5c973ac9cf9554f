/**
 * Whether a meeting has started, on the clock in England: its date and start time are at or before now.
 * Attendance and minutes are recorded, a meeting recorded as held and minutes approved only at a meeting
 * that has started; the pages offer those steps by the same rule.
 */
import { describeWhen, englandTimeToUtc, formatDate } from '../../platform/dates.ts';
import { FieldValidationError } from '../../platform/errors.ts';

export interface TimedMeeting {
  meetingDate: string;
  startTime: string;
}

export function hasStarted(meeting: TimedMeeting, now: Date): boolean {
  return englandTimeToUtc(meeting.meetingDate, meeting.startTime).getTime() <= now.getTime();
}

/** What a page says, and a refusal gives, about a meeting still to start. */
export function notStartedYet(meeting: TimedMeeting): string {
  return `This meeting starts on ${describeWhen(meeting.meetingDate, meeting.startTime)}: its attendance and minutes can be recorded from then`;
}

/** An action agreed at a meeting falls due on or after the day it was agreed: an earlier date is a slip of typing. */
export function assertDueFromMeeting(meeting: Pick<TimedMeeting, 'meetingDate'>, dueDate: string | null): void {
  if (dueDate !== null && dueDate < meeting.meetingDate) {
    throw new FieldValidationError(
      'dueDate',
      `The due date must be on or after the day of the meeting, ${formatDate(meeting.meetingDate)}`,
    );
  }
}

/**
 * Whether a meeting has started, on the clock in England: its date and start time are at or before now.
 * Attendance and minutes are recorded, a meeting recorded as held and minutes approved only at a meeting
 * that has started; the pages offer those steps by the same rule.
 */
import { describeWhen, englandTimeToUtc } from '../../platform/dates.ts';

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

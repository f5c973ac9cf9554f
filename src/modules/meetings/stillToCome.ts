/**
 * Which meetings are still to come: what a report, a tasking document or a work programme item can be put
 * on the agenda of. A meeting's status is scheduled, rescheduled, cancelled or held; it is recorded as
 * held on its day or after, so a meeting today is still to come until then.
 */

export interface DatedMeeting {
  status: string;
  meetingDate: string;
}

/** Dated today or later (in England), and neither cancelled nor recorded as held. */
export function isStillToCome(meeting: DatedMeeting, today: string): boolean {
  return meeting.meetingDate >= today && meeting.status !== 'cancelled' && meeting.status !== 'held';
}

export function stillToCome<M extends DatedMeeting>(meetings: readonly M[], today: string): M[] {
  return meetings.filter((meeting) => isStillToCome(meeting, today));
}

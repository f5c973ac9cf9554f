/** Deadlines are derived from the group's terms of reference, never typed. */
import { addDays, shiftWorkingDays } from '../../platform/workingDays.ts';

export interface DeadlineTerms {
  papersNoticeDays: number | null;
  papersNoticeUnit: string;
  minutesCirculationDays: number | null;
  actionsCirculationWorkingDays: number | null;
}

export interface MeetingDeadlines {
  /** The last day for the agenda and papers to go out. */
  papersDue: string | null;
  minutesDue: string | null;
  actionsDue: string | null;
}

export function meetingDeadlines(meetingDate: string, terms: DeadlineTerms | null): MeetingDeadlines {
  if (!terms) return { papersDue: null, minutesDue: null, actionsDue: null };
  const notice = terms.papersNoticeDays;
  return {
    papersDue:
      notice === null
        ? null
        : terms.papersNoticeUnit === 'working'
          ? shiftWorkingDays(meetingDate, -notice)
          : addDays(meetingDate, -notice),
    minutesDue: terms.minutesCirculationDays === null ? null : addDays(meetingDate, terms.minutesCirculationDays),
    actionsDue: terms.actionsCirculationWorkingDays === null ? null : shiftWorkingDays(meetingDate, terms.actionsCirculationWorkingDays),
  };
}

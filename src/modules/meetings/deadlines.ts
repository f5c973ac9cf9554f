/**
 * Deadlines are derived from the group's terms of reference, never typed. Terms in working days count working
 * days; terms in calendar days count every day, and a deadline that then falls on a weekend or bank holiday
 * moves to a working day: after the meeting to the next one, before it (papers) to the one before, so that the
 * notice is still given (docs/decisions/0028-dates-times-and-deadlines.md). Each says which rule made it.
 */
import { formatDate } from '../../platform/dates.ts';
import { plural } from '../../platform/numbers.ts';
import { addDays, nearestWorkingDay, shiftWorkingDays, whyNotWorking } from '../../platform/workingDays.ts';

export interface DeadlineTerms {
  papersNoticeDays: number | null;
  papersNoticeUnit: string;
  minutesCirculationDays: number | null;
  actionsCirculationWorkingDays: number | null;
}

type DeadlineName = 'papersDue' | 'minutesDue' | 'actionsDue';

export interface MeetingDeadlines {
  /** The last day for the agenda and papers to go out. */
  papersDue: string | null;
  minutesDue: string | null;
  actionsDue: string | null;
  /** How each was worked out, for the page: "7 calendar days after the meeting, moved from 25 December, a bank holiday (Christmas Day)". */
  rules: Record<DeadlineName, string | null>;
}

interface Deadline {
  date: string;
  rule: string;
}

function inWorkingDays(meetingDate: string, days: number, direction: 1 | -1): Deadline {
  return {
    date: shiftWorkingDays(meetingDate, days * direction),
    rule: `${plural(days, 'working day', 'working days')} ${direction === 1 ? 'after' : 'before'} the meeting`,
  };
}

function inCalendarDays(meetingDate: string, days: number, direction: 1 | -1): Deadline {
  const counted = addDays(meetingDate, days * direction);
  const date = nearestWorkingDay(counted, direction);
  const rule = `${plural(days, 'calendar day', 'calendar days')} ${direction === 1 ? 'after' : 'before'} the meeting`;
  if (date === counted) return { date, rule };
  const from = counted.slice(0, 4) === date.slice(0, 4) ? formatDate(counted).replace(/ \d+$/, '') : formatDate(counted);
  return { date, rule: `${rule}, moved ${direction === 1 ? 'from' : 'back from'} ${from}, ${whyNotWorking(counted) ?? ''}` };
}

export function meetingDeadlines(meetingDate: string, terms: DeadlineTerms | null): MeetingDeadlines {
  const notice = terms?.papersNoticeDays ?? null;
  const minutes = terms?.minutesCirculationDays ?? null;
  const actions = terms?.actionsCirculationWorkingDays ?? null;
  const deadlines: Record<DeadlineName, Deadline | null> = {
    papersDue:
      notice === null
        ? null
        : terms?.papersNoticeUnit === 'working'
          ? inWorkingDays(meetingDate, notice, -1)
          : inCalendarDays(meetingDate, notice, -1),
    minutesDue: minutes === null ? null : inCalendarDays(meetingDate, minutes, 1),
    actionsDue: actions === null ? null : inWorkingDays(meetingDate, actions, 1),
  };
  return {
    papersDue: deadlines.papersDue?.date ?? null,
    minutesDue: deadlines.minutesDue?.date ?? null,
    actionsDue: deadlines.actionsDue?.date ?? null,
    rules: {
      papersDue: deadlines.papersDue?.rule ?? null,
      minutesDue: deadlines.minutesDue?.rule ?? null,
      actionsDue: deadlines.actionsDue?.rule ?? null,
    },
  };
}

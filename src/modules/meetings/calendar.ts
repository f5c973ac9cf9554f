/** Meetings as iCalendar, for one meeting's file and a group's feed. */
import { createEvents, type EventAttributes } from 'ics';
import { englandTimeToUtc } from '../../platform/dates.ts';

export interface CalendarMeeting {
  id: string;
  groupName: string;
  meetingDate: string;
  startTime: string;
  location: string;
  status: string;
  /** The meeting's public page. */
  url: string;
}

/** Meetings have a start and no end in the record: a calendar shows them as two hours. */
const meetingLength = { hours: 2 };

function event(meeting: CalendarMeeting): EventAttributes {
  return {
    uid: `${meeting.id}@safer`,
    title: meeting.groupName,
    start: englandTimeToUtc(meeting.meetingDate, meeting.startTime).getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: meetingLength,
    location: meeting.location,
    url: meeting.url,
    description: `Agenda and papers: ${meeting.url}`,
    // A cancelled meeting stays in the feed as cancelled, so that calendars take it out.
    status: meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
  };
}

export function meetingsCalendar(calendarName: string, meetings: readonly CalendarMeeting[]): string {
  const { error, value } = createEvents(meetings.map(event), { productId: 'safer/meetings', calName: calendarName });
  if (error || value === null) throw error ?? new Error('The calendar could not be made');
  return value;
}

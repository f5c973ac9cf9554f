/** Papers: whether a paper came late or as a supplement (derived from when it was uploaded), and when an agenda can be published. */
import { todayInEngland } from '../../platform/clock.ts';
import { formatDate } from '../../platform/dates.ts';
import type { MeetingStatus } from '../../db/schema.ts';
import type { MinutesStatus } from './minutesLife.ts';

/**
 * Late: uploaded (in England) after the day the agenda and papers were due out. Supplement: added
 * after the agenda was published.
 */
export function paperStanding(
  uploadedAt: string,
  meeting: { papersDue: string | null; publishedAt: string | null },
): { late: boolean; supplement: boolean } {
  const uploadedOn = todayInEngland({ now: () => new Date(uploadedAt) });
  return {
    late: meeting.papersDue !== null && uploadedOn > meeting.papersDue,
    supplement: meeting.publishedAt !== null && uploadedAt > meeting.publishedAt,
  };
}

export interface PublishableMeeting {
  status: MeetingStatus;
  publishedAt: string | null;
  agendaWithdrawnAt: string | null;
}

/**
 * Why the agenda cannot be published, a published one withdrawn, or its items and papers changed now (null where it can). Not
 * once the meeting is cancelled; not once its minutes are circulated as the record of what it took, which settles
 * the agenda. Publishing and withdrawing also end once the meeting is held, while items may still be added to minute
 * what was raised on the day. A withdrawn agenda can be published again.
 */
export function agendaRefusals(
  meeting: PublishableMeeting,
  minutes: MinutesStatus,
): { publish: string | null; withdraw: string | null; change: string | null } {
  const change =
    meeting.status === 'cancelled'
      ? 'This meeting has been cancelled, so its agenda and papers cannot change'
      : minutes !== 'draft'
        ? 'The minutes of this meeting have been circulated, so its agenda and papers cannot change'
        : null;
  const settled =
    meeting.status === 'cancelled'
      ? 'This meeting has been cancelled'
      : meeting.status === 'held'
        ? 'This meeting has been held, so its agenda is settled'
        : minutes !== 'draft'
          ? 'The minutes of this meeting have been circulated, so its agenda is settled'
          : null;
  const live = meeting.publishedAt !== null && meeting.agendaWithdrawnAt === null;
  return {
    publish: live ? `This agenda was published on ${formatDate(meeting.publishedAt)}` : settled,
    withdraw: !live
      ? meeting.agendaWithdrawnAt
        ? `This agenda was withdrawn on ${formatDate(meeting.agendaWithdrawnAt)}`
        : 'This agenda has not been published'
      : settled,
    change,
  };
}

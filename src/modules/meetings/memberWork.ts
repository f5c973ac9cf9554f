/**
 * The meetings part of a member's My work: the next meetings of the groups they sit on, the minutes waiting for
 * those groups' approval, and what has happened in those groups since a time (their last visit).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, todayInEngland } from '../../platform/clock.ts';
import { describeWhen } from '../../platform/dates.ts';
import type { PartTwoReadership } from '../../platform/policy.ts';
import type { MeetingsService } from './meetings.service.ts';
import { agendasPublishedSince, decisionsSince, minutesAwaitingApproval, minutesCirculatedSince } from './memberWork.repository.ts';

export interface MemberMeeting {
  when: string;
  groupName: string;
  location: string;
  href: string;
  agendaPublished: boolean;
  /** The last day for the agenda and papers to go out, while the agenda is not yet published. */
  papersDue: string | null;
}

export interface MemberMinutes {
  when: string;
  groupName: string;
  href: string;
  circulatedAt: string | null;
}

/** Something that happened in the member's groups: when, what, and the page it is on. */
export interface GroupChange {
  at: string;
  text: string;
  href: string;
}

export interface MemberWork {
  nextMeetings: MemberMeeting[];
  minutesToApprove: MemberMinutes[];
  /** Newest first; empty when there is no time to compare with (a first visit). */
  changes: GroupChange[];
}

export interface MemberWorkReader {
  /** The groups' work in one partnership, as a reader of these groups' Part II business sees it. */
  forGroups(partnershipId: string, groupIds: readonly string[], readership: PartTwoReadership, since: string | null): Promise<MemberWork>;
}

/** How many of a member's next meetings My work shows. */
const meetingsShown = 5;

export function createMemberWork({
  db,
  clock,
  meetings,
}: {
  db: Kysely<Database>;
  clock: Clock;
  meetings: Pick<MeetingsService, 'toCome' | 'get'>;
}): MemberWorkReader {
  return {
    async forGroups(partnershipId, groupIds, readership, since) {
      if (groupIds.length === 0) return { nextMeetings: [], minutesToApprove: [], changes: [] };
      const base = `/partnerships/${partnershipId}/meetings`;
      const [toCome, awaiting] = await Promise.all([meetings.toCome(partnershipId), minutesAwaitingApproval(db, partnershipId, groupIds)]);
      const mine = toCome.filter((meeting) => groupIds.includes(meeting.groupId) && meeting.status !== 'cancelled').slice(0, meetingsShown);
      const nextMeetings = await Promise.all(
        mine.map(async (meeting) => {
          const { deadlines } = await meetings.get(partnershipId, meeting.id);
          return {
            when: describeWhen(meeting.meetingDate, meeting.startTime),
            groupName: meeting.groupName,
            location: meeting.location,
            href: `${base}/${meeting.id}`,
            agendaPublished: meeting.publishedAt !== null,
            papersDue: meeting.publishedAt === null ? deadlines.papersDue : null,
          };
        }),
      );
      const minutesToApprove = awaiting.map((row) => ({
        when: describeWhen(row.meetingDate, row.startTime),
        groupName: row.groupName,
        href: `${base}/${row.meetingId}#minutes`,
        circulatedAt: row.circulatedAt,
      }));
      return { nextMeetings, minutesToApprove, changes: since ? await changesSince(partnershipId, groupIds, readership, since) : [] };
    },
  };

  async function changesSince(partnershipId: string, groupIds: readonly string[], readership: PartTwoReadership, since: string) {
    const base = `/partnerships/${partnershipId}/meetings`;
    const today = todayInEngland(clock);
    const [published, circulated, decided] = await Promise.all([
      agendasPublishedSince(db, partnershipId, groupIds, since),
      minutesCirculatedSince(db, partnershipId, groupIds, since),
      decisionsSince(db, partnershipId, groupIds, since, readership),
    ]);
    const of = (row: { groupName: string; meetingDate: string; startTime: string }) =>
      `${row.groupName}, ${row.meetingDate < today ? 'meeting of' : 'meeting on'} ${describeWhen(row.meetingDate, row.startTime)}`;
    return [
      ...published.map((row) => ({ at: row.at, text: `Agenda published: ${of(row)}`, href: `${base}/${row.meetingId}` })),
      ...circulated.map((row) => ({ at: row.at, text: `Minutes circulated: ${of(row)}`, href: `${base}/${row.meetingId}#minutes` })),
      ...decided.map((row) => ({
        at: row.at,
        text: `Decision recorded on “${row.itemTitle}”: ${of(row)}`,
        href: `${base}/${row.meetingId}/items/${row.itemId}/minutes`,
      })),
    ];
  }
}

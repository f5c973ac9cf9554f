/**
 * The meetings module's part of finding one's way: a partnership's meetings business found by words, the
 * figures its overview shows (the next meetings and their deadlines, late papers, minutes not yet
 * circulated), and what the public home shows of each partnership (published agendas and approved minutes).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, todayInEngland } from '../../platform/clock.ts';
import { addDays } from '../../platform/workingDays.ts';
import { describeWhen, formatDate } from '../../platform/dates.ts';
import type { Found, FoundKind } from '../../platform/finding.ts';
import type { PartTwoReadership } from '../../platform/policy.ts';
import { type FirstFew, firstFew } from '../../platform/shortLists.ts';
import type { MeetingDeadlines } from './deadlines.ts';
import {
  type FindScope,
  findMeetingBusiness,
  type FoundMeetingRow,
  minutesNotCirculated,
  papersOfMeetingsFrom,
  publishedMeetings,
} from './finding.repository.ts';
import type { MeetingsService } from './meetings.service.ts';
import { paperStanding } from './papers.ts';

export interface MeetingLink {
  when: string;
  groupName: string;
  href: string;
}

export interface NextMeeting extends MeetingLink {
  /** The last day for the agenda and papers to go out, and whether that day has passed with the agenda unpublished. */
  papersDue: string | null;
  agendaPublished: boolean;
  agendaOverdue: boolean;
  /** Papers that came after the papers deadline. */
  latePapers: number;
}

export interface MinutesToCirculate extends MeetingLink {
  minutesDue: string | null;
  overdue: boolean;
}

export interface MeetingsOverview {
  next: FirstFew<NextMeeting>;
  latePapers: number;
  /** The overdue first (longest overdue first), then the most recent. */
  minutesToCirculate: FirstFew<MinutesToCirculate>;
}

export interface MeetingsFinding {
  /** A partnership's meetings, items, papers, minutes and decisions that hold the words, as the reader may see them. */
  find(partnershipId: string, words: string, readership: PartTwoReadership, limit: number): Promise<Found[]>;
  /** Every partnership's public meetings business that holds the words: published agendas, approved minutes, never Part II. */
  findPublic(words: string, limit: number): Promise<Found[]>;
  overview(partnershipId: string, readership: PartTwoReadership): Promise<MeetingsOverview>;
  /** What the public home shows of a partnership: the next published meetings, and the latest with approved minutes. */
  publicDigest(partnershipId: string, count: number): Promise<{ upcoming: MeetingLink[]; minutes: MeetingLink[] }>;
}

export interface MeetingsFindingDependencies {
  db: Kysely<Database>;
  clock: Clock;
  meetings: Pick<MeetingsService, 'toCome' | 'deadlinesOf'>;
}

const meetingPage = (partnershipId: string, meetingId: string) => `/partnerships/${partnershipId}/meetings/${meetingId}`;
export const publicMeetingPage = (partnershipId: string, meetingId: string) =>
  `/public/partnerships/${partnershipId}/meetings/${meetingId}`;

/** How long ago a meeting's minutes may still be waiting to go out before the overview stops listing them. */
const minutesLookBackDays = 365;

/** Overdue minutes first, the longest overdue first; then the most recent meetings. */
function mostUrgentMinutes(a: MinutesToCirculate & { meetingDate: string }, b: MinutesToCirculate & { meetingDate: string }): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.overdue) return (a.minutesDue ?? '').localeCompare(b.minutesDue ?? '');
  return b.meetingDate.localeCompare(a.meetingDate);
}

function signedInHref(row: FoundMeetingRow): string {
  const meeting = meetingPage(row.partnershipId, row.meetingId);
  if (row.kind === 'paper') return `${meeting}/papers/${row.paperId ?? ''}`;
  if ((row.kind === 'minutes' || row.kind === 'decision') && row.itemId) return `${meeting}/items/${row.itemId}/minutes`;
  return meeting;
}

function publicHref(row: FoundMeetingRow): string {
  const meeting = publicMeetingPage(row.partnershipId, row.meetingId);
  return row.kind === 'paper' ? `${meeting}/papers/${row.paperId ?? ''}` : meeting;
}

const kindOf: Record<FoundMeetingRow['kind'], FoundKind> = {
  meeting: 'meeting',
  item: 'item',
  paper: 'paper',
  minutes: 'minutes',
  decision: 'decision',
};

function foundOf(row: FoundMeetingRow, href: (row: FoundMeetingRow) => string): Found {
  const when = describeWhen(row.meetingDate, row.startTime);
  return {
    kind: kindOf[row.kind],
    title: row.kind === 'meeting' ? `${row.groupName}: ${when}` : row.text,
    detail: row.kind === 'meeting' ? row.text : `${row.groupName}, ${formatDate(row.meetingDate)}`,
    href: href(row),
  };
}

export function createMeetingsFinding({ db, clock, meetings }: MeetingsFindingDependencies): MeetingsFinding {
  const scopeFor = (partnershipId: string, readership: PartTwoReadership): FindScope => ({ partnershipId, readership });

  return {
    async find(partnershipId, words, readership, limit) {
      const rows = await findMeetingBusiness(db, scopeFor(partnershipId, readership), words, limit);
      return rows.map((row) => foundOf(row, signedInHref));
    },

    async findPublic(words, limit) {
      const rows = await findMeetingBusiness(db, { published: true }, words, limit);
      return rows.map((row) => foundOf(row, publicHref));
    },

    async overview(partnershipId, readership) {
      const today = todayInEngland(clock);
      const toCome = firstFew(await meetings.toCome(partnershipId));
      const [papers, waiting] = await Promise.all([
        papersOfMeetingsFrom(db, partnershipId, today, readership),
        minutesNotCirculated(db, partnershipId, { from: addDays(today, -minutesLookBackDays), before: today }),
      ]);
      // Each meeting's deadlines from its group's terms, read once a group: the queries do not grow with the meetings.
      const [details, waitingWithDeadlines] = await Promise.all([
        meetings.deadlinesOf(partnershipId, toCome.shown),
        meetings.deadlinesOf(partnershipId, waiting),
      ]);
      const lateAt = (meetingId: string, deadlines: MeetingDeadlines, publishedAt: string | null) =>
        papers.filter(
          (paper) => paper.meetingId === meetingId && paperStanding(paper.createdAt, { papersDue: deadlines.papersDue, publishedAt }).late,
        ).length;
      const next = details.map(({ meeting, deadlines }) => ({
        when: describeWhen(meeting.meetingDate, meeting.startTime),
        groupName: meeting.groupName,
        href: meetingPage(partnershipId, meeting.id),
        papersDue: deadlines.papersDue,
        agendaPublished: meeting.publishedAt !== null,
        agendaOverdue: meeting.publishedAt === null && deadlines.papersDue !== null && deadlines.papersDue < today,
        latePapers: lateAt(meeting.id, deadlines, meeting.publishedAt),
      }));
      const minutesToCirculate = waitingWithDeadlines.map(({ meeting, deadlines }) => ({
        meetingDate: meeting.meetingDate,
        when: describeWhen(meeting.meetingDate, meeting.startTime),
        groupName: meeting.groupName,
        href: meetingPage(partnershipId, meeting.meetingId),
        minutesDue: deadlines.minutesDue,
        overdue: deadlines.minutesDue !== null && deadlines.minutesDue < today,
      }));
      return {
        next: { shown: next, more: toCome.more },
        latePapers: next.reduce((sum, meeting) => sum + meeting.latePapers, 0),
        minutesToCirculate: firstFew(minutesToCirculate.sort(mostUrgentMinutes).map(({ meetingDate: _, ...meeting }) => meeting)),
      };
    },

    async publicDigest(partnershipId, count) {
      const today = todayInEngland(clock);
      const published = await publishedMeetings(db, partnershipId);
      const link = (meeting: (typeof published)[number]) => ({
        when: describeWhen(meeting.meetingDate, meeting.startTime),
        groupName: meeting.groupName,
        href: publicMeetingPage(partnershipId, meeting.meetingId),
      });
      return {
        upcoming: published
          .filter((meeting) => meeting.meetingDate >= today && meeting.status !== 'cancelled')
          .reverse()
          .slice(0, count)
          .map(link),
        minutes: published
          .filter((meeting) => meeting.minutesApproved)
          .slice(0, count)
          .map(link),
      };
    },
  };
}

/**
 * Finding meetings' business by words, for the partnership's search (as its reader may see it) and the
 * public search (published agendas and approved minutes of public items only).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { seenBy } from '../../db/partTwo.ts';
import { containsEveryWord } from '../../db/text.ts';
import type { PartTwoReadership } from '../../platform/policy.ts';

/** Where a search looks: one partnership as a reader sees it, or every partnership's public pages. */
export type FindScope = { partnershipId: string; readership: PartTwoReadership } | { published: true };

export type FoundMeetingKind = 'meeting' | 'item' | 'paper' | 'minutes' | 'decision';

export interface FoundMeetingRow {
  kind: FoundMeetingKind;
  partnershipId: string;
  meetingId: string;
  itemId: string | null;
  paperId: string | null;
  groupName: string;
  meetingDate: string;
  startTime: string;
  text: string;
}

/** A meeting that is public: its agenda published and not withdrawn, its partnership not archived. */
const publishedMeeting = sql<boolean>`${sql.ref('meetings.publishedAt')} is not null and ${sql.ref('meetings.agendaWithdrawnAt')} is null and ${sql.ref('partnerships.archivedAt')} is null`;
const publicItem = sql<boolean>`${sql.ref('agendaItems.confidential')} = 0`;
const approvedMinutes = sql<boolean>`exists (select 1 from ${sql.table('meetingMinutes')} where ${sql.ref('meetingMinutes.meetingId')} = ${sql.ref('meetings.id')} and ${sql.ref('meetingMinutes.status')} in ('approved', 'signed'))`;

function meetingsOf(db: Kysely<Database>, scope: FindScope) {
  const query = db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .innerJoin('partnerships', 'partnerships.id', 'meetings.partnershipId')
    .where('meetings.archivedAt', 'is', null);
  return 'published' in scope ? query.where(publishedMeeting) : query.where('meetings.partnershipId', '=', scope.partnershipId);
}

/** The agenda items the scope may read: public ones only on the public pages, Part II as the reader's readership allows. */
function itemsOf(db: Kysely<Database>, scope: FindScope) {
  const query = meetingsOf(db, scope)
    .innerJoin('agendaItems', 'agendaItems.meetingId', 'meetings.id')
    .where('agendaItems.archivedAt', 'is', null);
  return 'published' in scope ? query.where(publicItem) : query.where(seenBy(scope.readership, 'meetings.groupId'));
}

const origin = [
  'meetings.partnershipId',
  'meetings.id as meetingId',
  'groups.name as groupName',
  'meetings.meetingDate',
  'meetings.startTime',
] as const;

/** Up to `limit` of each kind, newest meeting first. */
export async function findMeetingBusiness(db: Kysely<Database>, scope: FindScope, text: string, limit: number): Promise<FoundMeetingRow[]> {
  const published = 'published' in scope;
  const [meetings, items, papers, minutes, decisions] = await Promise.all([
    meetingsOf(db, scope)
      .where(containsEveryWord(['groups.name', 'meetings.location'], text))
      .select([...origin, 'meetings.location as text'])
      .orderBy('meetings.meetingDate', 'desc')
      .limit(limit)
      .execute(),
    itemsOf(db, scope)
      .where(containsEveryWord(['agendaItems.title'], text))
      .select([...origin, 'agendaItems.id as itemId', 'agendaItems.title as text'])
      .orderBy('meetings.meetingDate', 'desc')
      .limit(limit)
      .execute(),
    itemsOf(db, scope)
      .innerJoin('papers', 'papers.agendaItemId', 'agendaItems.id')
      .where('papers.archivedAt', 'is', null)
      .where(containsEveryWord(['papers.title'], text))
      .select([...origin, 'agendaItems.id as itemId', 'papers.id as paperId', 'papers.title as text'])
      .orderBy('meetings.meetingDate', 'desc')
      .limit(limit)
      .execute(),
    (published ? itemsOf(db, scope).where(approvedMinutes) : itemsOf(db, scope))
      .innerJoin('itemMinutes', 'itemMinutes.agendaItemId', 'agendaItems.id')
      .where(containsEveryWord(['itemMinutes.narrative'], text))
      .select([...origin, 'agendaItems.id as itemId', 'agendaItems.title as text'])
      .orderBy('meetings.meetingDate', 'desc')
      .limit(limit)
      .execute(),
    (published ? itemsOf(db, scope).where(approvedMinutes) : itemsOf(db, scope))
      .innerJoin('decisions', 'decisions.agendaItemId', 'agendaItems.id')
      .where(containsEveryWord(['decisions.wording'], text))
      .select([...origin, 'agendaItems.id as itemId', 'decisions.wording as text'])
      .orderBy('meetings.meetingDate', 'desc')
      .limit(limit)
      .execute(),
  ]);
  const rows = (kind: FoundMeetingKind, found: Omit<FoundMeetingRow, 'kind' | 'itemId' | 'paperId'>[]) =>
    found.map((row) => ({ itemId: null, paperId: null, ...row, kind }));
  return [
    ...rows('meeting', meetings),
    ...rows('item', items),
    ...rows('paper', papers),
    ...rows('minutes', minutes),
    ...rows('decision', decisions),
  ];
}

export interface MinutesWaiting {
  meetingId: string;
  groupName: string;
  meetingDate: string;
  startTime: string;
  groupId: string;
}

/** Meetings from `from` up to `before` (not cancelled) whose minutes have not gone out: no minutes yet, or a draft. */
export async function minutesNotCirculated(
  db: Kysely<Database>,
  partnershipId: string,
  { from, before }: { from: string; before: string },
): Promise<MinutesWaiting[]> {
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .leftJoin('meetingMinutes', 'meetingMinutes.meetingId', 'meetings.id')
    .where('meetings.partnershipId', '=', partnershipId)
    .where('meetings.archivedAt', 'is', null)
    .where('meetings.status', '!=', 'cancelled')
    .where('meetings.meetingDate', '>=', from)
    .where('meetings.meetingDate', '<', before)
    .where((eb) => eb.or([eb('meetingMinutes.status', 'is', null), eb('meetingMinutes.status', '=', 'draft')]))
    .select(['meetings.id as meetingId', 'groups.name as groupName', 'groups.id as groupId', 'meetings.meetingDate', 'meetings.startTime'])
    .orderBy('meetings.meetingDate')
    .execute();
}

/** The papers of meetings from `from` on that came after the papers deadline, by meeting (as the reader may see them). */
export async function papersOfMeetingsFrom(
  db: Kysely<Database>,
  partnershipId: string,
  from: string,
  readership: PartTwoReadership,
): Promise<{ meetingId: string; createdAt: string }[]> {
  return itemsOf(db, { partnershipId, readership })
    .innerJoin('papers', 'papers.agendaItemId', 'agendaItems.id')
    .where('papers.archivedAt', 'is', null)
    .where('meetings.meetingDate', '>=', from)
    .where('meetings.status', '!=', 'cancelled')
    .select(['meetings.id as meetingId', 'papers.createdAt'])
    .execute();
}

/** The partnership's published meetings (not archived) with whether their minutes are approved, newest first. */
export async function publishedMeetings(
  db: Kysely<Database>,
  partnershipId: string,
): Promise<(MinutesWaiting & { status: string; minutesApproved: boolean })[]> {
  const rows = await meetingsOf(db, { published: true })
    .where('meetings.partnershipId', '=', partnershipId)
    .select([
      'meetings.id as meetingId',
      'groups.name as groupName',
      'groups.id as groupId',
      'meetings.meetingDate',
      'meetings.startTime',
      'meetings.status',
      approvedMinutes.as('minutesApproved'),
    ])
    .orderBy('meetings.meetingDate', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, minutesApproved: Boolean(row.minutesApproved) }));
}

/** What a member's groups have coming and what has happened in them lately: the queries of My work. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { seenBy } from '../../db/partTwo.ts';
import type { PartTwoReadership } from '../../platform/policy.ts';

const anyOf = (groupIds: readonly string[]) => (groupIds.length ? groupIds : ['']);

/** Meetings of the groups whose minutes have gone out and wait for the group's approval. */
export function minutesAwaitingApproval(db: Kysely<Database>, partnershipId: string, groupIds: readonly string[]) {
  return db
    .selectFrom('meetingMinutes')
    .innerJoin('meetings', 'meetings.id', 'meetingMinutes.meetingId')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .select([
      'meetings.id as meetingId',
      'meetings.meetingDate',
      'meetings.startTime',
      'groups.name as groupName',
      'meetingMinutes.circulatedAt',
    ])
    .where('meetingMinutes.partnershipId', '=', partnershipId)
    .where('meetingMinutes.status', '=', 'circulated')
    .where('meetings.groupId', 'in', anyOf(groupIds))
    .orderBy('meetings.meetingDate')
    .execute();
}

/** Agendas of the groups published since the time given (and not withdrawn since). */
export function agendasPublishedSince(db: Kysely<Database>, partnershipId: string, groupIds: readonly string[], since: string) {
  return db
    .selectFrom('meetings')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .select([
      'meetings.id as meetingId',
      'meetings.meetingDate',
      'meetings.startTime',
      'groups.name as groupName',
      'meetings.publishedAt as at',
    ])
    .where('meetings.partnershipId', '=', partnershipId)
    .where('meetings.groupId', 'in', anyOf(groupIds))
    .where('meetings.publishedAt', '>', since)
    .$narrowType<{ at: string }>()
    .execute();
}

/** Minutes of the groups' meetings circulated since the time given. */
export function minutesCirculatedSince(db: Kysely<Database>, partnershipId: string, groupIds: readonly string[], since: string) {
  return db
    .selectFrom('meetingMinutes')
    .innerJoin('meetings', 'meetings.id', 'meetingMinutes.meetingId')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .select([
      'meetings.id as meetingId',
      'meetings.meetingDate',
      'meetings.startTime',
      'groups.name as groupName',
      'meetingMinutes.circulatedAt as at',
    ])
    .where('meetingMinutes.partnershipId', '=', partnershipId)
    .where('meetings.groupId', 'in', anyOf(groupIds))
    .where('meetingMinutes.circulatedAt', '>', since)
    .$narrowType<{ at: string }>()
    .execute();
}

/** Decisions of the groups' meetings recorded since the time given, a Part II item's only for its readers. */
export function decisionsSince(
  db: Kysely<Database>,
  partnershipId: string,
  groupIds: readonly string[],
  since: string,
  readership: PartTwoReadership,
) {
  return db
    .selectFrom('decisions')
    .innerJoin('meetings', 'meetings.id', 'decisions.meetingId')
    .innerJoin('groups', 'groups.id', 'meetings.groupId')
    .innerJoin('agendaItems', 'agendaItems.id', 'decisions.agendaItemId')
    .select([
      'decisions.id',
      'meetings.id as meetingId',
      'meetings.meetingDate',
      'meetings.startTime',
      'groups.name as groupName',
      'agendaItems.id as itemId',
      'agendaItems.title as itemTitle',
      'decisions.createdAt as at',
    ])
    .where('decisions.partnershipId', '=', partnershipId)
    .where('meetings.groupId', 'in', anyOf(groupIds))
    .where('decisions.createdAt', '>', since)
    .where(seenBy(readership, 'meetings.groupId'))
    .execute();
}

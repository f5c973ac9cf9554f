import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataSubject, PersonalData } from '../../platform/personalData.ts';

/** What the meetings hold about a person: attendance, apologies, interests declared on items, and minutes comments. */
export async function meetingsDataAbout(db: Kysely<Database>, { personIds, membershipIds }: DataSubject): Promise<PersonalData> {
  if (personIds.length === 0) return { attendance: [], apologies: [], itemInterests: [], declarations: [], minutesComments: [] };
  const meetings = db.selectFrom('meetings').innerJoin('groups', 'groups.id', 'meetings.groupId');
  const [attendance, apologies, itemInterests, declarations, minutesComments] = await Promise.all([
    meetings
      .innerJoin('attendance', 'attendance.meetingId', 'meetings.id')
      .selectAll('attendance')
      .select(['meetings.meetingDate', 'groups.name as groupName'])
      .where((eb) =>
        eb.or([
          eb('attendance.substitutePersonId', 'in', personIds),
          ...(membershipIds.length > 0 ? [eb('attendance.membershipId', 'in', membershipIds)] : []),
        ]),
      )
      .orderBy('meetings.meetingDate')
      .execute(),
    meetings
      .innerJoin('meetingApologies', 'meetingApologies.meetingId', 'meetings.id')
      .selectAll('meetingApologies')
      .select(['meetings.meetingDate', 'groups.name as groupName'])
      .where((eb) => eb.or([eb('meetingApologies.personId', 'in', personIds), eb('meetingApologies.substitutePersonId', 'in', personIds)]))
      .orderBy('meetings.meetingDate')
      .execute(),
    meetings
      .innerJoin('itemInterests', 'itemInterests.meetingId', 'meetings.id')
      .selectAll('itemInterests')
      .select(['meetings.meetingDate', 'groups.name as groupName'])
      .where('itemInterests.personId', 'in', personIds)
      .orderBy('meetings.meetingDate')
      .execute(),
    meetings
      .innerJoin('declarations', 'declarations.meetingId', 'meetings.id')
      .selectAll('declarations')
      .select(['meetings.meetingDate', 'groups.name as groupName'])
      .where('declarations.personId', 'in', personIds)
      .orderBy('meetings.meetingDate')
      .execute(),
    meetings
      .innerJoin('minutesComments', 'minutesComments.meetingId', 'meetings.id')
      .selectAll('minutesComments')
      .select(['meetings.meetingDate', 'groups.name as groupName'])
      .where('minutesComments.personId', 'in', personIds)
      .orderBy('meetings.meetingDate')
      .execute(),
  ]);
  return { attendance, apologies, itemInterests, declarations, minutesComments };
}

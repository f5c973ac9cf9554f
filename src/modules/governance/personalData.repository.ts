import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The people records an account is, by the explicit link (docs/decisions/0034). */
export async function personIdsOfAccount(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('people').select('id').where('userId', '=', userId).orderBy('id').execute();
  return rows.map(({ id }) => id);
}

/** What governance holds about these people: the records themselves, memberships, interests and chair appointments. */
export async function governanceDataAbout(db: Kysely<Database>, personIds: readonly string[]) {
  if (personIds.length === 0) return { people: [], memberships: [], interests: [], chairAppointments: [] };
  const [people, memberships, interests, chairAppointments] = await Promise.all([
    db
      .selectFrom('people')
      .innerJoin('partnerships', 'partnerships.id', 'people.partnershipId')
      .leftJoin('organisations', 'organisations.id', 'people.organisationId')
      .selectAll('people')
      .select(['partnerships.name as partnershipName', 'organisations.name as organisationName'])
      .where('people.id', 'in', personIds)
      .orderBy('people.createdAt')
      .execute(),
    db
      .selectFrom('memberships')
      .innerJoin('groups', 'groups.id', 'memberships.groupId')
      .innerJoin('organisations', 'organisations.id', 'memberships.organisationId')
      .selectAll('memberships')
      .select(['groups.name as groupName', 'organisations.name as organisationName'])
      .where((eb) => eb.or([eb('memberships.personId', 'in', personIds), eb('memberships.substitutePersonId', 'in', personIds)]))
      .orderBy('memberships.startDate')
      .execute(),
    db.selectFrom('interests').selectAll().where('personId', 'in', personIds).orderBy('declaredOn').execute(),
    db
      .selectFrom('chairAppointments')
      .innerJoin('groups', 'groups.id', 'chairAppointments.groupId')
      .selectAll('chairAppointments')
      .select('groups.name as groupName')
      .where('chairAppointments.personId', 'in', personIds)
      .orderBy('chairAppointments.appointedOn')
      .execute(),
  ]);
  return { people, memberships, interests, chairAppointments };
}

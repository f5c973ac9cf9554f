/** Which person records an account is: one per partnership at most (a unique index holds it). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PersonView } from './governance.repository.ts';

export interface PersonOfAccount {
  partnershipId: string;
  partnershipName: string;
  personId: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
}

/** The people records an account is, in partnerships and people not archived. */
export function listPeopleOfAccount(db: Kysely<Database>, userId: string): Promise<PersonOfAccount[]> {
  return db
    .selectFrom('people')
    .innerJoin('partnerships', 'partnerships.id', 'people.partnershipId')
    .leftJoin('organisations', 'organisations.id', 'people.organisationId')
    .select([
      'people.partnershipId',
      'partnerships.name as partnershipName',
      'people.id as personId',
      'people.name',
      'people.organisationId',
      'organisations.name as organisationName',
    ])
    .where('people.userId', '=', userId)
    .where('people.archivedAt', 'is', null)
    .where('partnerships.archivedAt', 'is', null)
    .orderBy('partnerships.name')
    .execute();
}

/** The person an account is in one partnership (none or one). */
export function findPersonOfAccount(db: Kysely<Database>, partnershipId: string, userId: string): Promise<PersonView | undefined> {
  return db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisationId')
    .selectAll('people')
    .select('organisations.name as organisationName')
    .where('people.partnershipId', '=', partnershipId)
    .where('people.userId', '=', userId)
    .where('people.archivedAt', 'is', null)
    .executeTakeFirst();
}

export async function setPersonAccount(db: Kysely<Database>, personId: string, userId: string | null, updatedAt: string): Promise<void> {
  await db.updateTable('people').set({ userId, updatedAt }).where('id', '=', personId).execute();
}

/**
 * People with this address and no account yet, in partnerships where the account is no one yet, where the address
 * names only that person: the links a proven address makes.
 */
export function listLinkableByEmail(
  db: Kysely<Database>,
  userId: string,
  email: string,
): Promise<{ id: string; partnershipId: string; name: string }[]> {
  const sameAddress = sql<string>`lower(${sql.ref('people.email')})`;
  return db
    .selectFrom('people')
    .select(['people.id', 'people.partnershipId', 'people.name'])
    .where(sameAddress, '=', email.toLowerCase())
    .where('people.userId', 'is', null)
    .where('people.archivedAt', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('people as other')
            .select('other.id')
            .whereRef('other.partnershipId', '=', 'people.partnershipId')
            .whereRef('other.id', '<>', 'people.id')
            .where((inner) =>
              inner.or([
                inner('other.userId', '=', userId),
                inner(sql<string>`lower(${sql.ref('other.email')})`, '=', email.toLowerCase()),
              ]),
            ),
        ),
      ),
    )
    .execute();
}

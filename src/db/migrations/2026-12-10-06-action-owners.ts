import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Actions whose owner was typed in words become owned by the record the words name: the one organisation of the
 * partnership with that name (trimmed, in any case), else the one person with it where no organisation has it.
 * The stored text becomes the record's name as the partnership spells it. Words naming none, or more than one,
 * stay as they are, for an officer to resolve on the action log's "Owners to resolve" page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const key = (column: string) => sql`lower(trim(${sql.ref(column)}))`;
  const unlinked = sql`actions.owner_person_id is null and actions.owner_organisation_id is null`;
  const organisationsNamed = sql`from organisations o
    where o.partnership_id = actions.partnership_id and ${key('o.name')} = ${key('actions.owner')}`;
  const peopleNamed = sql`from people p
    where p.partnership_id = actions.partnership_id and ${key('p.name')} = ${key('actions.owner')}`;

  await sql`
    update actions set
      owner_organisation_id = (select min(o.id) ${organisationsNamed}),
      owner = (select min(o.name) ${organisationsNamed})
    where ${unlinked} and (select count(*) ${organisationsNamed}) = 1
  `.execute(db);
  await sql`
    update actions set
      owner_person_id = (select min(p.id) ${peopleNamed}),
      owner = (select min(p.name) ${peopleNamed})
    where ${unlinked} and (select count(*) ${organisationsNamed}) = 0 and (select count(*) ${peopleNamed}) = 1
  `.execute(db);
}

/**
 * Nothing to undo here: the links cannot be told apart from those chosen since, and the migration before this one
 * drops the columns that hold them.
 */
export async function down(): Promise<void> {}

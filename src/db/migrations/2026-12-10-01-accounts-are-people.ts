import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A person record says which account it is, rather than the two being matched by e-mail address at each request.
  await db.schema
    .alterTable('people')
    .addColumn('user_id', 'text', (column) => column.references('users.id'))
    .execute();
  // An account is at most one person of a partnership.
  await db.schema
    .createIndex('people_user_per_partnership')
    .on('people')
    .columns(['user_id', 'partnership_id'])
    .unique()
    .where(sql.ref('user_id'), 'is not', null)
    .execute();
  // When the account's address was proven (an e-mailed link followed, or a provider's verified claim).
  await db.schema.alterTable('users').addColumn('email_verified_at', 'text').execute();
  // An action's owner is one of the partnership's people or organisations; `owner` stays as the text shown, and as
  // the owner itself only where it is neither ("other").
  await db.schema
    .alterTable('actions')
    .addColumn('owner_person_id', 'text', (column) => column.references('people.id'))
    .execute();
  await db.schema
    .alterTable('actions')
    .addColumn('owner_organisation_id', 'text', (column) => column.references('organisations.id'))
    .execute();
  await db.schema.createIndex('actions_owner_person').on('actions').column('owner_person_id').execute();
  await db.schema.createIndex('actions_owner_organisation').on('actions').column('owner_organisation_id').execute();

  // The links the service made by e-mail address until now become explicit: a person whose address is an
  // account's, where no other person of that partnership has it.
  await sql`
    update people set user_id = (select users.id from users where lower(users.email) = lower(people.email))
    where people.email is not null
      and exists (select 1 from users where lower(users.email) = lower(people.email))
      and not exists (
        select 1 from people other
        where other.partnership_id = people.partnership_id and other.id <> people.id
          and lower(other.email) = lower(people.email)
      )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('actions_owner_organisation').execute();
  await db.schema.dropIndex('actions_owner_person').execute();
  await db.schema.alterTable('actions').dropColumn('owner_organisation_id').execute();
  await db.schema.alterTable('actions').dropColumn('owner_person_id').execute();
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute();
  await db.schema.dropIndex('people_user_per_partnership').execute();
  await db.schema.alterTable('people').dropColumn('user_id').execute();
}

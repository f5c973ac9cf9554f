import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A person's own choices: action reminders (to them, whatever the group) and one e-mail a week instead of each.
  // No row means the defaults: reminders on, each notice as it happens.
  await db.schema
    .createTable('notice_preferences')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('reminders', 'integer', (c) => c.notNull())
    .addColumn('digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A group's notices of one kind ('publication' or 'minutes') that the person has turned off.
  await db.schema
    .createTable('notice_opt_outs')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_opt_outs_pk', ['person_id', 'group_id', 'kind'])
    .execute();
  // Notices kept for a weekly digest until it goes; deleted with the digest's sending.
  await db.schema
    .createTable('held_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('held_notices_person').on('held_notices').columns(['person_id', 'held_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['held_notices', 'notice_opt_outs', 'notice_preferences']) await db.schema.dropTable(table).execute();
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The majority a vote needs under the group's terms; terms that say nothing mean a simple majority of votes cast.
  await db.schema
    .alterTable('terms_of_reference')
    .addColumn('vote_majority', 'text', (c) => c.notNull().defaultTo('votes_cast'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('terms_of_reference').dropColumn('vote_majority').execute();
}

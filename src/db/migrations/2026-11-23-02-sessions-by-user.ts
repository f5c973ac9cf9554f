import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.
// Sessions record whose they are, so that deactivating an account or resetting its password ends them.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_id', 'text').execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_user').execute();
  await db.schema.alterTable('sessions').dropColumn('user_id').execute();
}

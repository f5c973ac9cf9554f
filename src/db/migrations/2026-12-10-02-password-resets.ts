import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A link to choose a new password: only the SHA-256 of its token is kept, so the table cannot be read for working
  // links. `spent_at` is set when it is used, or when a newer link for the account replaces it.
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('spent_at', 'text')
    .execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').columns(['user_id']).execute();
  await db.schema.createIndex('password_resets_expires').on('password_resets').columns(['expires_at']).execute();
  // An account's sign-in history is its latest entries: found by the entity and read newest first from the index.
  await db.schema.createIndex('audit_log_entity_at').on('audit_log').columns(['entity_type', 'entity_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_entity_at').execute();
  await db.schema.dropTable('password_resets').execute();
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Failed sign-ins counted by key: one row an account (by email address), one an address they came from.
  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_throttles_last_failure').on('sign_in_throttles').columns(['last_failure_at']).execute();
  // The attempts log it replaces locked an account out; nothing in it is worth keeping.
  await db.schema.dropTable('sign_in_attempts').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_email').on('sign_in_attempts').columns(['email', 'attempted_at']).execute();
  await db.schema.dropTable('sign_in_throttles').execute();
}

import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An account's authenticator: its secret sealed with a key the database does not hold, unconfirmed until a code
  // from it is entered, and the last time step whose code was used, so that no code is accepted twice.
  await db.schema
    .createTable('two_step_enrolments')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('sealed_secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_used_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Only a keyed hash of each recovery code; a code is used once, when its used_at is set.
  await db.schema
    .createTable('two_step_recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addUniqueConstraint('two_step_recovery_codes_user_hash', ['user_id', 'code_hash'])
    .execute();
  // The partnerships whose accounts must use two-step sign-in: a row while the requirement holds.
  await db.schema
    .createTable('two_step_requirements')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey().references('partnerships.id'))
    .addColumn('required_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('two_step_requirements').execute();
  await db.schema.dropTable('two_step_recovery_codes').execute();
  await db.schema.dropTable('two_step_enrolments').execute();
}

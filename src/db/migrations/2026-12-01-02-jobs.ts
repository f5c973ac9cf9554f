import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // NULLs are distinct on both engines, so only jobs that carry a key are kept to one.
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // A claim is a lease: a worker that dies mid-job leaves it to be claimed again once the lease runs out.
    .addColumn('locked_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['done_at', 'failed_at', 'run_after']).execute();

  // One reminder per action and due date: a new due date earns a new reminder.
  await db.schema
    .createTable('action_reminders')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_reminders_pk', ['action_id', 'due_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['action_reminders', 'jobs']) await db.schema.dropTable(table).execute();
}

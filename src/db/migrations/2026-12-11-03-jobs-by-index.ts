import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The daily reminders' actions are found by actions_partnership (partnership, status, due date). Forgetting old
  // jobs finds those given up on before a date (those done are found by jobs_due).
  await db.schema.createIndex('jobs_failed').on('jobs').column('failed_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_failed').execute();
}

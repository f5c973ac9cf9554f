import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The chair role now follows the chair and vice-chair appointments and is never given by hand: a chair role
  // given before would let someone sign minutes and release funding without being appointed.
  await sql`delete from role_grants where role = 'chair'`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to put back: which accounts held a chair role given by hand is in the audit log, not in a table.
}

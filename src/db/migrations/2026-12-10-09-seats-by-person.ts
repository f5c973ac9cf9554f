import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // The roles an account's person holds (their seats on groups, and the chairs among them) are read at every request,
  // from the person's side: by person, not by group or partnership.
  await db.schema.createIndex('memberships_person').on('memberships').column('person_id').execute();
  await db.schema.createIndex('chair_appointments_person').on('chair_appointments').column('person_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('chair_appointments_person').execute();
  await db.schema.dropIndex('memberships_person').execute();
}

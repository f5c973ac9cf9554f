import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // When the member last said the interest still holds ("still correct"), and when the member last changed it
  // themselves: the register shows both next to the entry.
  await db.schema.alterTable('interests').addColumn('reviewed_on', 'text').execute();
  await db.schema.alterTable('interests').addColumn('member_updated_on', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('interests').dropColumn('member_updated_on').execute();
  await db.schema.alterTable('interests').dropColumn('reviewed_on').execute();
}

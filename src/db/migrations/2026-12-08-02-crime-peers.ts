import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * A partnership's peer set for comparing crime figures: the partnerships its analyst chose. A partnership with no
 * rows has not chosen yet (its peers are then the other partnerships of its area); one is never its own peer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crime_peers')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('peer_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('chosen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crime_peers_pk', ['partnership_id', 'peer_id'])
    .addCheckConstraint('crime_peers_not_self', sql`partnership_id <> peer_id`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('crime_peers').execute();
}

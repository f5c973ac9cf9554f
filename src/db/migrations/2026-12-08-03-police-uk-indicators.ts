import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An indicator's figures are typed in (typed_in) or worked out by Safer from the imported police.uk data
  // (police_uk): of one crime type, or of all crime (crime_type null) with or without anti-social behaviour.
  await db.schema
    .alterTable('indicators')
    .addColumn('figures_from', 'text', (c) => c.notNull().defaultTo('typed_in'))
    .execute();
  await db.schema.alterTable('indicators').addColumn('crime_type', 'text').execute();
  await db.schema.alterTable('indicators').addColumn('includes_asb', 'integer').execute();
  // The figure the imported data gave at the last update: a confirmed figure stands, and the page shows the difference.
  await db.schema.alterTable('measurements').addColumn('police_uk_value', 'double precision').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('measurements').dropColumn('police_uk_value').execute();
  await db.schema.alterTable('indicators').dropColumn('includes_asb').execute();
  await db.schema.alterTable('indicators').dropColumn('crime_type').execute();
  await db.schema.alterTable('indicators').dropColumn('figures_from').execute();
}

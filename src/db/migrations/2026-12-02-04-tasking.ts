import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Tasking: the priority locations a partnership manages, the monthly tasking documents issued to its
 * tasking group, and the resources agencies commit to locations, with the result reported back.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('priority_locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // lsoa (a set of LSOA codes) or street (a set of police.uk location names).
    .addColumn('kind', 'text', (c) => c.notNull())
    // Why it is a priority, in the words of the strategic assessment.
    .addColumn('reason', 'text')
    .addColumn('priority_id', 'text', (c) => c.references('priorities.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();

  await db.schema
    .createTable('priority_location_places')
    .addColumn('location_id', 'text', (c) => c.notNull().references('priority_locations.id'))
    .addColumn('place', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('priority_location_places_pk', ['location_id', 'place'])
    .execute();

  // An issued document is kept as it was sent: later imports do not change what the group received.
  await db.schema
    .createTable('tasking_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('pdf', sql`bytea`, (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.references('users.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .execute();
  await db.schema
    .createIndex('tasking_documents_month')
    .on('tasking_documents')
    .columns(['partnership_id', 'group_id', 'month'])
    .unique()
    .execute();

  await db.schema
    .createTable('tasking_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    // The entry in the group's action log, owned by the agency.
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id'))
    // The month of the tasking document the resource answers.
    .addColumn('month', 'text', (c) => c.notNull())
    // A priority location, or an LSOA hotspot by its code.
    .addColumn('priority_location_id', 'text', (c) => c.references('priority_locations.id'))
    .addColumn('lsoa_code', 'text')
    .addColumn('place_name', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    // What will be done, in the agency's words (the action log's entry adds the place and dates).
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('result_reported_at', 'text')
    .addColumn('result_reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasking_actions_month').on('tasking_actions').columns(['partnership_id', 'month']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['tasking_actions', 'tasking_documents', 'priority_location_places', 'priority_locations']) {
    await db.schema.dropTable(table).execute();
  }
}

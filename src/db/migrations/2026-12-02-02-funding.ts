import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Funding: the grant a funder (the Police and Crime Commissioner) gives a partnership for a financial year,
 * the allocations the board decides, the quarterly spend returns against them, and the carry-over of a
 * year's underspend. Money is in whole pence throughout.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    // The financial year, by the year it starts in (2016 is 2016/17).
    .addColumn('year_starting', 'integer', (c) => c.notNull())
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('amount_pence', 'bigint', (c) => c.notNull())
    // Last year's grant where last year is not recorded here (the year before a partnership started using Safer).
    .addColumn('previous_amount_pence', 'bigint')
    .addColumn('carry_over_pence', 'bigint', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('grants_year').on('grants').columns(['partnership_id', 'year_starting']).unique().execute();

  await db.schema
    .createTable('allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('grant_id', 'text', (c) => c.notNull().references('grants.id'))
    // 1, 2, 3… within the grant: how a spend return names the allocation.
    .addColumn('reference', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    // organisation (named in grantee), commissioned (to be commissioned) or not_named.
    .addColumn('grantee_kind', 'text', (c) => c.notNull())
    .addColumn('grantee', 'text')
    .addColumn('amount_pence', 'bigint', (c) => c.notNull())
    .addColumn('priority_id', 'text', (c) => c.references('priorities.id'))
    // proposed, agreed (by a board decision), released (by the chair) or withdrawn.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.references('decisions.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('allocations_reference').on('allocations').columns(['grant_id', 'reference']).unique().execute();

  // Every move of an allocation's state, and who made it.
  await db.schema
    .createTable('allocation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('allocation_id', 'text', (c) => c.notNull().references('allocations.id'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.references('decisions.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('allocation_events_allocation').on('allocation_events').column('allocation_id').execute();

  await db.schema
    .createTable('spend_returns')
    .addColumn('allocation_id', 'text', (c) => c.notNull().references('allocations.id'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    // 1 to 4: the quarter of the grant's financial year.
    .addColumn('quarter', 'integer', (c) => c.notNull())
    .addColumn('spent_pence', 'bigint', (c) => c.notNull())
    // The spend expected for the whole year, as the grantee sees it at this quarter; none given means as allocated.
    .addColumn('forecast_pence', 'bigint')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('spend_returns_pk', ['allocation_id', 'quarter'])
    .execute();

  await db.schema
    .createTable('carry_over_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    // The grant whose underspend is asked to carry over into the next year.
    .addColumn('grant_id', 'text', (c) => c.notNull().unique().references('grants.id'))
    .addColumn('requested_pence', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    // requested, agreed or declined (by the funder).
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('agreed_pence', 'bigint')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('funder_note', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['carry_over_requests', 'spend_returns', 'allocation_events', 'allocations', 'grants']) {
    await db.schema.dropTable(table).execute();
  }
}

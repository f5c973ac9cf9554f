import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * A meeting's page and a partnership's overview are read from these tables (decision 0057): the meeting with its
 * group, terms, changes, agenda, papers, attendance, apologies, minutes, amendments, comments and declared interests,
 * the group's members with their people and organisations, the actions arising, and for the overview its reports,
 * tasking documents, and its grant with its allocations, spending and carry-over; the action log (the tasking actions
 * too) and the decisions register (the decisions too). Any change to any of them counts one more in the partnership's row of
 * partnership_versions, in the same transaction, so that what those pages read can be kept for as long as the count
 * has not moved. Each table says where its partnership is: a column of its own, or its parent's (a row and its table).
 */
const watched: { table: string; column: string; parent?: string }[] = [
  { table: 'partnerships', column: 'id' },
  { table: 'groups', column: 'partnership_id' },
  { table: 'terms_of_reference', column: 'partnership_id' },
  { table: 'people', column: 'partnership_id' },
  { table: 'organisations', column: 'partnership_id' },
  { table: 'memberships', column: 'partnership_id' },
  { table: 'meetings', column: 'partnership_id' },
  { table: 'meeting_changes', column: 'meeting_id', parent: 'meetings' },
  { table: 'agenda_items', column: 'partnership_id' },
  { table: 'papers', column: 'partnership_id' },
  { table: 'attendance', column: 'partnership_id' },
  { table: 'meeting_apologies', column: 'partnership_id' },
  { table: 'meeting_minutes', column: 'partnership_id' },
  { table: 'minutes_amendments', column: 'partnership_id' },
  { table: 'minutes_comments', column: 'partnership_id' },
  { table: 'item_interests', column: 'partnership_id' },
  { table: 'actions', column: 'partnership_id' },
  // The action log reads which tasking each action was agreed at.
  { table: 'tasking_actions', column: 'partnership_id' },
  // The decisions register.
  { table: 'decisions', column: 'partnership_id' },
  { table: 'performance_reports', column: 'partnership_id' },
  { table: 'tasking_documents', column: 'partnership_id' },
  { table: 'grants', column: 'partnership_id' },
  { table: 'allocations', column: 'partnership_id' },
  { table: 'allocation_events', column: 'partnership_id' },
  { table: 'spend_returns', column: 'partnership_id' },
  { table: 'carry_over_requests', column: 'partnership_id' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partnership_versions')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    // PostgreSQL: the transaction that counted last, so that a transaction changing many rows counts once.
    .addColumn('counted_by', 'bigint')
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Counted at commit (a deferred trigger), as access_generation and performance_versions are: the row is locked once the transaction has
    // every other lock it will take. A child whose parent is gone by then was deleted with it, and the parent counted.
    await sql`create function count_partnership_change() returns trigger language plpgsql as $$
      declare
        changed record;
        partnership text;
      begin
        -- Counted each transaction in turn, as every count kept at commit is (2026-12-11-06's countingTurn).
        perform pg_advisory_xact_lock(19, 53);
        if TG_OP = 'DELETE' then changed := OLD; else changed := NEW; end if;
        partnership := to_jsonb(changed) ->> TG_ARGV[0];
        if TG_NARGS > 1 then
          execute format('select partnership_id from %I where id = $1', TG_ARGV[1]) into partnership using partnership;
        end if;
        if partnership is not null then
          insert into partnership_versions (partnership_id, version, counted_by) values (partnership, 1, txid_current())
            on conflict (partnership_id) do update
              set version = partnership_versions.version + 1, counted_by = excluded.counted_by
              where partnership_versions.counted_by is distinct from excluded.counted_by;
        end if;
        return null;
      end $$`.execute(db);
    for (const { table, column, parent } of watched) {
      const args = parent ? sql`${sql.lit(column)}, ${sql.lit(parent)}` : sql`${sql.lit(column)}`;
      await sql`create constraint trigger ${sql.id(`${table}_partnership_changed`)} after insert or update or delete
        on ${sql.table(table)} deferrable initially deferred for each row execute function count_partnership_change(${args})`.execute(db);
    }
  } else {
    for (const { table, column, parent } of watched) {
      for (const change of ['insert', 'update', 'delete']) {
        const row = sql.raw(`${change === 'delete' ? 'old' : 'new'}.${column}`);
        // "where true": SQLite needs a where clause to read the upsert after a select.
        const partnership = parent
          ? sql`select partnership_id, 1 from ${sql.table(parent)} where id = ${row}`
          : sql`select ${row}, 1 where true`;
        await sql`create trigger ${sql.id(`${table}_partnership_changed_${change}`)} after ${sql.raw(change)} on ${sql.table(table)}
          begin
            insert into partnership_versions (partnership_id, version) ${partnership}
              on conflict (partnership_id) do update set version = version + 1;
          end`.execute(db);
      }
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const { table } of watched) await sql`drop trigger ${sql.id(`${table}_partnership_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function count_partnership_change()`.execute(db);
  } else {
    for (const { table } of watched) {
      for (const change of ['insert', 'update', 'delete'])
        await sql`drop trigger ${sql.id(`${table}_partnership_changed_${change}`)}`.execute(db);
    }
  }
  await db.schema.dropTable('partnership_versions').execute();
}

import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Who may do what is read from these tables at every request (decision 0053): the account and its roles, the
 * person it is, their memberships and chair appointments, the groups, partnerships and areas. Any change to any of
 * them counts one more in access_generation, in the same transaction, so that every process can keep what it read
 * for as long as the count has not moved, and never a moment longer.
 */
const accessTables = ['users', 'role_grants', 'people', 'memberships', 'chair_appointments', 'groups', 'partnerships', 'areas'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('generation', 'bigint', (c) => c.notNull())
    // PostgreSQL: the transaction that counted last, so that a transaction changing many rows counts once.
    .addColumn('counted_by', 'bigint')
    .execute();
  await sql`insert into access_generation (id, generation) values (1, 1)`.execute(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // Counted at commit (a deferred trigger): the row is locked only once the transaction has every other lock it
    // will take, so counting can make no transaction wait on another that waits on it. Upserted, as emptying every
    // table (the tests do) takes the row too.
    await sql`create function count_access_change() returns trigger language plpgsql as $$
      begin
        -- Counted each transaction in turn, as every count kept at commit is (2026-12-11-06's countingTurn).
        perform pg_advisory_xact_lock(19, 53);
        insert into access_generation (id, generation, counted_by) values (1, 1, txid_current())
          on conflict (id) do update set generation = access_generation.generation + 1, counted_by = excluded.counted_by
          where access_generation.counted_by is distinct from excluded.counted_by;
        return null;
      end $$`.execute(db);
    for (const table of accessTables) {
      await sql`create constraint trigger ${sql.id(`${table}_access_changed`)} after insert or update or delete
        on ${sql.table(table)} deferrable initially deferred for each row execute function count_access_change()`.execute(db);
    }
  } else {
    for (const table of accessTables) {
      for (const change of ['insert', 'update', 'delete']) {
        await sql`create trigger ${sql.id(`${table}_access_changed_${change}`)} after ${sql.raw(change)} on ${sql.table(table)}
          begin
            insert into access_generation (id, generation) values (1, 1)
              on conflict (id) do update set generation = generation + 1;
          end`.execute(db);
      }
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of accessTables) await sql`drop trigger ${sql.id(`${table}_access_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function count_access_change()`.execute(db);
  } else {
    for (const table of accessTables) {
      for (const change of ['insert', 'update', 'delete'])
        await sql`drop trigger ${sql.id(`${table}_access_changed_${change}`)}`.execute(db);
    }
  }
  await db.schema.dropTable('access_generation').execute();
}

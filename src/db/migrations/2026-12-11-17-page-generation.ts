import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * The kept pages read their partnership's version (partnership_versions, performance_versions) at every request
 * (decisions 0054, 0057): on PostgreSQL a round trip as costly as the page. page_generation counts one more for every
 * change to any partnership's version, and is read in the session's own query, so that a process keeps the versions it
 * read while it stands still and reads a partnership's again only once something, somewhere, has changed (decision
 * 0061). The versions are counted at commit (deferred, each transaction in turn), so this count is too.
 */
const versionTables = ['partnership_versions', 'performance_versions'];

/**
 * A count's row deleted (a table emptied) comes back at once at the time in microseconds: beyond any number the count
 * reached before (it moves by one a change), so no process can take a count begun again for one it kept answers at.
 * For this count and for access_generation (2026-12-11-09), whose triggers would otherwise start it again at 1.
 */
const generationTables = ['access_generation', 'page_generation'];
const microseconds = {
  sqlite: sql`cast((julianday('now') - 2440587.5) * 86400000000 as integer)`,
  postgres: sql`(extract(epoch from clock_timestamp()) * 1000000)::bigint`,
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('page_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into page_generation (id, generation) values (1, 1)`.execute(db);
  // Upserted, as emptying every table (the tests do) takes the row too.
  const count = sql`insert into page_generation (id, generation) values (1, 1)
    on conflict (id) do update set generation = page_generation.generation + 1`;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function count_page_change() returns trigger language plpgsql as $$
      begin
        ${count};
        return null;
      end $$`.execute(db);
    for (const table of versionTables) {
      await sql`create trigger ${sql.id(`${table}_page_changed`)} after insert or update or delete on ${sql.table(table)}
        for each row execute function count_page_change()`.execute(db);
    }
    for (const table of generationTables) {
      await sql`create function ${sql.id(`${table}_begun_again`)}() returns trigger language plpgsql as $$
        begin
          insert into ${sql.table(table)} (id, generation) values (1, ${microseconds.postgres}) on conflict (id) do nothing;
          return null;
        end $$`.execute(db);
      // TRUNCATE fires no delete trigger: a statement trigger of its own.
      for (const [name, event] of [
        ['deleted', sql`after delete on ${sql.table(table)} for each row`],
        ['truncated', sql`after truncate on ${sql.table(table)} for each statement`],
      ] as const) {
        await sql`create trigger ${sql.id(`${table}_${name}`)} ${event} execute function ${sql.id(`${table}_begun_again`)}()`.execute(db);
      }
    }
    return;
  }
  for (const table of generationTables) {
    await sql`create trigger ${sql.id(`${table}_deleted`)} after delete on ${sql.table(table)}
      begin
        insert into ${sql.table(table)} (id, generation) values (1, ${microseconds.sqlite}) on conflict (id) do nothing;
      end`.execute(db);
  }
  for (const table of versionTables) {
    for (const change of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.id(`${table}_page_changed_${change}`)} after ${sql.raw(change)} on ${sql.table(table)}
        begin
          ${count};
        end`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const table of versionTables) await sql`drop trigger ${sql.id(`${table}_page_changed`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function count_page_change()`.execute(db);
    for (const table of generationTables) {
      for (const name of ['deleted', 'truncated']) await sql`drop trigger ${sql.id(`${table}_${name}`)} on ${sql.table(table)}`.execute(db);
      await sql`drop function ${sql.id(`${table}_begun_again`)}()`.execute(db);
    }
  } else {
    for (const table of generationTables) await sql`drop trigger ${sql.id(`${table}_deleted`)}`.execute(db);
    for (const table of versionTables) {
      for (const change of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.id(`${table}_page_changed_${change}`)}`.execute(db);
    }
  }
  await db.schema.dropTable('page_generation').execute();
}

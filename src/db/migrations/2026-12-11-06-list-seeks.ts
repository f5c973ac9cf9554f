import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Lists whose pages cost the same however deep and however long the history (docs/decisions/0050):
 * - the action log's indexes end with the action's id, so that a page is read from the previous page's last row
 *   (a seek) in a total order; PostgreSQL's put actions with no due date first, as SQLite's do;
 * - the action log and the audit log are counted by counts kept per partnership and per each value their filters
 *   offer, by triggers, in the transaction of every write (whatever writes them: the app, an import, a seed).
 */
const actionIndexes = [
  { name: 'actions_partnership_due', lead: 'partnership_id' },
  { name: 'actions_partnership_status_due', lead: 'partnership_id, status' },
  { name: 'actions_group_due', lead: 'group_id' },
];

interface Counter {
  name: string;
  table: string;
  /** The counted table's columns that key a count, and those of them that may be null (counted under ''). */
  key: string[];
  nullable: string[];
}

const counters: Counter[] = [
  { name: 'action_counts', table: 'actions', key: ['partnership_id', 'group_id', 'status'], nullable: [] },
  {
    name: 'audit_counts',
    table: 'audit_log',
    key: ['partnership_id', 'user_id', 'entity_type', 'action'],
    nullable: ['partnership_id', 'user_id'],
  },
];

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<unknown>): Promise<void> {
  const nullsFirst = isPostgres(db) ? ' nulls first' : '';
  for (const { name, lead } of actionIndexes) {
    await db.schema.dropIndex(name).execute();
    await sql`create index ${sql.id(name)} on actions (${sql.raw(lead)}, due_date${sql.raw(nullsFirst)}, created_at, id)`.execute(db);
  }
  for (const counter of counters) await keepCount(db, counter);
}

/** The count table, filled from the rows there are, and the triggers that keep it as rows are written. */
async function keepCount(db: Kysely<unknown>, { name, table, key, nullable }: Counter): Promise<void> {
  const keyOf = (row: string) => key.map((column) => (nullable.includes(column) ? `coalesce(${row}.${column}, '')` : `${row}.${column}`));
  const columns = key.join(', ');
  const keyColumns = key.map((column) => `${column} text not null`).join(', ');
  await sql.raw(`create table ${name} (${keyColumns}, total integer not null, constraint ${name}_pk primary key (${columns}))`).execute(db);
  const matches = (row: string) =>
    keyOf(row)
      .map((value, i) => `${name}.${key[i]} = ${value}`)
      .join(' and ');
  const add = (row: string) =>
    `insert into ${name} (${columns}, total) values (${keyOf(row).join(', ')}, 1) on conflict (${columns}) do update set total = ${name}.total + 1;`;
  const remove = (row: string) => `update ${name} set total = total - 1 where ${matches(row)};`;
  await sql
    .raw(
      `insert into ${name} (${columns}, total) select ${keyOf(table).join(', ')}, count(*) from ${table} group by ${keyOf(table).join(', ')}`,
    )
    .execute(db);
  if (isPostgres(db)) {
    // Two writers moving rows between the same two counts lock them in one order: neither waits on the other.
    await sql
      .raw(
        `create function ${name}_kept() returns trigger language plpgsql as $$
        begin
          if tg_op = 'INSERT' then ${add('new')}
          elsif tg_op = 'DELETE' then ${remove('old')}
          elsif (${keyOf('old').join(', ')}) < (${keyOf('new').join(', ')}) then ${remove('old')} ${add('new')}
          else ${add('new')} ${remove('old')}
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${name}_kept after insert or delete or update of ${columns} on ${table}
        for each row execute function ${name}_kept()`,
      )
      .execute(db);
    return;
  }
  await sql.raw(`create trigger ${name}_added after insert on ${table} begin ${add('new')} end`).execute(db);
  await sql.raw(`create trigger ${name}_removed after delete on ${table} begin ${remove('old')} end`).execute(db);
  const changed = key.map((column) => `old.${column} is not new.${column}`).join(' or ');
  await sql
    .raw(`create trigger ${name}_moved after update of ${columns} on ${table} when ${changed} begin ${remove('old')} ${add('new')} end`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name, table } of [...counters].reverse()) {
    if (isPostgres(db)) {
      await sql.raw(`drop trigger ${name}_kept on ${table}`).execute(db);
      await sql.raw(`drop function ${name}_kept()`).execute(db);
    } else {
      for (const suffix of ['added', 'removed', 'moved']) await sql.raw(`drop trigger ${name}_${suffix}`).execute(db);
    }
    await db.schema.dropTable(name).execute();
  }
  for (const { name, lead } of actionIndexes) {
    await db.schema.dropIndex(name).execute();
    await sql`create index ${sql.id(name)} on actions (${sql.raw(lead)}, due_date, created_at)`.execute(db);
  }
}

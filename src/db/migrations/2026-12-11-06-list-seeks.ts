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
  /** Only the rows that hold this (of a row alias), and the columns it reads. */
  only?: { columns: string[]; holds: (row: string) => string };
}

const counters: Counter[] = [
  { name: 'action_counts', table: 'actions', key: ['partnership_id', 'group_id', 'status'], nullable: [] },
  {
    name: 'audit_counts',
    table: 'audit_log',
    key: ['partnership_id', 'user_id', 'entity_type', 'action'],
    nullable: ['partnership_id', 'user_id'],
  },
  // The meetings list counts the earlier meetings as all of them less those to come, which are few.
  {
    name: 'meeting_counts',
    table: 'meetings',
    key: ['partnership_id', 'group_id'],
    nullable: [],
    only: { columns: ['archived_at'], holds: (row) => `${row}.archived_at is null` },
  },
];

/**
 * PostgreSQL: the advisory lock every count kept at commit takes first (here, and in 2026-12-11-09 and -10), as two
 * integers, a key space apart from any single-number lock.
 */
const countingTurn = [19, 53];

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
async function keepCount(db: Kysely<unknown>, { name, table, key, nullable, only }: Counter): Promise<void> {
  const holds = only?.holds ?? (() => 'true');
  const watched = [...key, ...(only?.columns ?? [])].join(', ');
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
      `insert into ${name} (${columns}, total) select ${keyOf(table).join(', ')}, count(*) from ${table} where ${holds(table)}
      group by ${keyOf(table).join(', ')}`,
    )
    .execute(db);
  if (isPostgres(db)) {
    const addIf = (row: string) => `if ${holds(row)} then ${add(row)} end if;`;
    const removeIf = (row: string) => `if ${holds(row)} then ${remove(row)} end if;`;
    // Counted at commit, each transaction in turn (one advisory lock, shared by every count kept at commit): a
    // transaction counts rows of several counts, in the order it wrote them, and two counting at once in different
    // orders would each wait on the other. By commit a transaction holds every other lock it takes, so the turn
    // cannot be part of a deadlock.
    await sql
      .raw(
        `create function ${name}_kept() returns trigger language plpgsql as $$
        begin
          perform pg_advisory_xact_lock(${countingTurn[0]}, ${countingTurn[1]});
          if tg_op = 'INSERT' then ${addIf('new')}
          elsif tg_op = 'DELETE' then ${removeIf('old')}
          elsif (${keyOf('old').join(', ')}) < (${keyOf('new').join(', ')}) then ${removeIf('old')} ${addIf('new')}
          else ${addIf('new')} ${removeIf('old')}
          end if;
          return null;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create constraint trigger ${name}_kept after insert or delete or update of ${watched} on ${table}
        deferrable initially deferred for each row execute function ${name}_kept()`,
      )
      .execute(db);
    return;
  }
  // SQLite: a trigger for each way a row comes into a count or leaves one.
  const changed = `(${key.map((column) => `old.${column} is not new.${column}`).join(' or ')})`;
  const triggers = [
    ['added', `insert on ${table} when ${holds('new')}`, add('new')],
    ['removed', `delete on ${table} when ${holds('old')}`, remove('old')],
    ['left', `update of ${watched} on ${table} when ${holds('old')} and (${changed} or not (${holds('new')}))`, remove('old')],
    ['joined', `update of ${watched} on ${table} when ${holds('new')} and (${changed} or not (${holds('old')}))`, add('new')],
  ];
  for (const [suffix, when, body] of triggers)
    await sql.raw(`create trigger ${name}_${suffix} after ${when} begin ${body} end`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name, table } of [...counters].reverse()) {
    if (isPostgres(db)) {
      await sql.raw(`drop trigger ${name}_kept on ${table}`).execute(db);
      await sql.raw(`drop function ${name}_kept()`).execute(db);
    } else {
      for (const suffix of ['added', 'removed', 'left', 'joined']) await sql.raw(`drop trigger ${name}_${suffix}`).execute(db);
    }
    await db.schema.dropTable(name).execute();
  }
  for (const { name, lead } of actionIndexes) {
    await db.schema.dropIndex(name).execute();
    await sql`create index ${sql.id(name)} on actions (${sql.raw(lead)}, due_date, created_at)`.execute(db);
  }
}

/**
 * Real databases for tests: SQLite always, PostgreSQL when TEST_DATABASE_URL names one. Migrating takes a
 * fifth of a second on SQLite and a second on PostgreSQL, and the suite makes thousands of databases: each
 * engine migrates one template per version of the migrations (shared by every test process), and a test's
 * database is a copy of it (a file copied; CREATE DATABASE … TEMPLATE).
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type DatabaseHandle, migrateToLatest, pingDatabase } from '../../src/db/createDb.ts';
import { sqlitePath } from '../../src/db/dialect.ts';
import { scratchFolder } from './scratch.ts';

export interface TestDatabase {
  engine: 'sqlite' | 'postgres';
  /** A new, empty, migrated database of this engine. */
  create(): Promise<DatabaseHandle>;
  /** A new database with no tables at all, for testing migrations themselves. */
  createUnmigrated(): Promise<DatabaseHandle>;
}

export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.REQUIRE_POSTGRES === '1') {
    throw new Error('REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
  }
  const databases: TestDatabase[] = [{ engine: 'sqlite', create: createSqlite, createUnmigrated: unmigratedSqlite }];
  if (url) databases.push({ engine: 'postgres', create: () => createPostgres(url), createUnmigrated: () => createPostgres(url, false) });
  return databases;
}

/** The migrations' own source, so that a changed or added migration makes a new template. */
const migrationsDir = join(import.meta.dirname, '..', '..', 'src', 'db', 'migrations');
const templateKey = createHash('sha256')
  .update(
    readdirSync(migrationsDir)
      .sort()
      .map((file) => `${file}\n${readFileSync(join(migrationsDir, file), 'utf8')}`)
      .join('\n'),
  )
  .digest('hex')
  .slice(0, 16);

/** Each SQLite test database's folder, removed when the test process ends (scratchFolder). */
const sqliteFolder = () => scratchFolder('test');

export async function createSqlite(): Promise<DatabaseHandle> {
  const template = await sqliteTemplate();
  const dataDir = sqliteFolder();
  copyFileSync(template, sqlitePath(dataDir));
  return connected(createDb({ databaseUrl: null, dataDir }));
}

/**
 * The handle with a connection made, as migrating it used to leave it: closing a Kysely that never connected does
 * nothing, and a test that closes the database under the app must find it closed.
 */
async function connected(handle: DatabaseHandle): Promise<DatabaseHandle> {
  await pingDatabase(handle.db);
  return handle;
}

function unmigratedSqlite(): Promise<DatabaseHandle> {
  return Promise.resolve(createDb({ databaseUrl: null, dataDir: sqliteFolder() }));
}

let sqliteTemplatePath: Promise<string> | undefined;

/** Migrated in a folder of its own and closed (which folds the WAL into the file), then renamed into place whole. */
function sqliteTemplate(): Promise<string> {
  return (sqliteTemplatePath ??= (async () => {
    const path = join(tmpdir(), `safer-test-template-${templateKey}.sqlite`);
    if (existsSync(path)) return path;
    const handle = await unmigratedSqlite();
    await migrateToLatest(handle.db);
    await handle.close();
    renameSync(sqlitePath(handle.location.dataDir), path);
    return path;
  })());
}

/**
 * Each test database is a PostgreSQL database of its own. Dropping one costs a checkpoint of the whole server
 * (seconds when it is busy), so a closed one whose schema is still the template's is emptied and handed to the
 * next test of this process, and the process drops those left when it ends.
 */
async function createPostgres(url: string, migrated = true): Promise<DatabaseHandle> {
  const reused = migrated ? emptied.pop() : undefined;
  const name = reused ?? `safer_test_${randomBytes(6).toString('hex')}`;
  if (!reused) {
    await administer(url, migrated ? `create database ${name} template ${await postgresTemplate(url)}` : `create database ${name}`);
    if (migrated) template ??= withClient(databaseUrl(url, name), readTemplate);
  }
  const handle = await connected(createDb({ databaseUrl: databaseUrl(url, name), dataDir: '' }));
  let closed: Promise<void> | undefined;
  return {
    ...handle,
    close: () =>
      (closed ??= (async () => {
        await handle.close();
        // A database the test left unreadable (a table renamed away, say) is dropped rather than emptied.
        const reusable = migrated && (await withClient(databaseUrl(url, name), emptiedIfUnchanged).catch(() => false));
        if (reusable) emptied.push(name);
        else await dropDatabase(url, name);
      })()),
  };
}

/** Migrated databases closed by their tests and emptied, for this process's next tests. */
const emptied: string[] = [];
process.once('beforeExit', () => {
  const url = process.env.TEST_DATABASE_URL;
  if (url) void Promise.all(emptied.splice(0).map((name) => dropDatabase(url, name)));
});

/**
 * Read from the first database copied from the template (the template itself must have no connections): its shape,
 * and the one statement that empties it. DELETE, not TRUNCATE: truncating seventy tables makes new files for each and
 * takes seconds, where deleting a test's rows takes milliseconds. Every DELETE is a part of one statement, so the
 * foreign keys are checked once all are done (agenda items and decisions refer to each other), in no order.
 */
let template: Promise<{ shape: string; emptying: string }> | undefined;

async function readTemplate(client: pg.Client): Promise<{ shape: string; emptying: string }> {
  const { rows } = await client.query<{ name: string; kind: string }>(
    `select relname as name, relkind::text as kind from pg_class where relnamespace = 'public'::regnamespace
      and relkind in ('r', 'p', 'S') and relname not in ('kysely_migration', 'kysely_migration_lock') order by relname`,
  );
  const tables = rows.filter((row) => row.kind !== 'S').map((row, index) => `d${index} as (delete from "${row.name}")`);
  const sequences = rows.filter((row) => row.kind === 'S').map((row) => `;\nalter sequence "${row.name}" restart`);
  return { shape: await shapeOf(client), emptying: `begin;\nwith ${tables.join(', ')} select 1${sequences.join('')};\ncommit` };
}

/**
 * What a test could change in a database besides its rows (tables, columns, constraints, indexes, triggers,
 * functions, the migrations applied): one whose shape still equals the template's is as good as new once emptied.
 */
async function shapeOf(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ shape: string }>(`select md5(string_agg(item, ',' order by item)) as shape from (
    select 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text as item
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    union all select 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '
      || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped
    union all select 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = 'public'::regnamespace
    union all select 'index ' || pg_get_indexdef(i.indexrelid)
      from pg_index i join pg_class c on c.oid = i.indrelid where c.relnamespace = 'public'::regnamespace
    union all select 'trigger ' || tgname from pg_trigger where not tgisinternal
    union all select 'function ' || proname from pg_proc where pronamespace = 'public'::regnamespace
    union all select 'migration ' || name from kysely_migration
  ) items`);
  return rows[0]?.shape ?? '';
}

/** Empties the database if its shape is the template's; false (to drop it instead) otherwise. */
async function emptiedIfUnchanged(client: pg.Client): Promise<boolean> {
  const { shape, emptying } = await (template ?? Promise.reject(new Error('no template read')));
  if ((await shapeOf(client)) !== shape) return false;
  await client.query(emptying);
  return true;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

let postgresTemplateName: Promise<string> | undefined;

/**
 * The migrated template, made once under an advisory lock so that parallel test processes wait for the first
 * to make it. It is migrated under another name and renamed when complete, so a template that exists is whole;
 * nothing stays connected to it, as CREATE DATABASE … TEMPLATE requires.
 */
function postgresTemplate(url: string): Promise<string> {
  return (postgresTemplateName ??= (async () => {
    const name = `safer_template_${templateKey}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`select pg_advisory_lock(hashtext('safer test template'))`);
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount === 0) {
        const building = `${name}_building`;
        await dropDatabase(url, building);
        await client.query(`create database ${building}`);
        const handle = createDb({ databaseUrl: databaseUrl(url, building), dataDir: '' });
        try {
          await migrateToLatest(handle.db);
        } finally {
          await handle.close();
        }
        await retryWhileInUse(() => client.query(`alter database ${building} rename to ${name}`));
      }
      return name;
    } finally {
      await client.end();
    }
  })());
}

/**
 * A plain DROP, not WITH (FORCE): the test's own connections are closed by now, and a plain DROP stops an
 * autovacuum worker itself, where FORCE fails unless the role may signal it.
 */
function dropDatabase(url: string, name: string): Promise<void> {
  return retryWhileInUse(() => administer(url, `drop database if exists ${name}`));
}

/** A closed connection the server has not yet noticed makes a database "being accessed by other users" (55006) for a moment: try again. */
async function retryWhileInUse(statement: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await statement();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function administer(url: string, statement: string): Promise<unknown> {
  return withClient(url, (client) => client.query(statement));
}

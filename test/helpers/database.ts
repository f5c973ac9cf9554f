/** Real databases for tests: SQLite always, PostgreSQL when TEST_DATABASE_URL names one. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type DatabaseHandle, migrateToLatest } from '../../src/db/createDb.ts';

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

export async function createSqlite(): Promise<DatabaseHandle> {
  const handle = await unmigratedSqlite();
  await migrateToLatest(handle.db);
  return handle;
}

function unmigratedSqlite(): Promise<DatabaseHandle> {
  return Promise.resolve(createDb({ databaseUrl: null, dataDir: mkdtempSync(join(tmpdir(), 'safer-test-')) }));
}

/** Each test database is a PostgreSQL database of its own, dropped when the handle closes. */
async function createPostgres(url: string, migrated = true): Promise<DatabaseHandle> {
  const name = `safer_test_${randomBytes(6).toString('hex')}`;
  await administer(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = createDb({ databaseUrl: target.toString(), dataDir: '' });
  if (migrated) await migrateToLatest(handle.db);
  let closed: Promise<void> | undefined;
  return {
    ...handle,
    close: () =>
      (closed ??= (async () => {
        await handle.close();
        await dropDatabase(url, name);
      })()),
  };
}

/**
 * A plain DROP, not WITH (FORCE): the test's own connections are closed by now, and a plain DROP stops an
 * autovacuum worker itself, where FORCE fails unless the role may signal it. A closed connection the
 * server has not yet noticed makes it "being accessed by other users" (55006) for a moment: try again.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await administer(url, `drop database if exists ${name}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

async function administer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

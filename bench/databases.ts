/**
 * The benches' databases. PostgreSQL is the server at BENCH_DATABASE_URL, each bench working in a database made
 * for it (`safer_bench_<label>_…`) and dropped after, so that benches never meet each other's rows or the tests';
 * SQLite is a file in a temporary folder, removed after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type DatabaseHandle, migrateToLatest } from '../src/db/createDb.ts';
import type { Engine } from '../src/db/dialect.ts';

export const benchServerUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://safer:safer@127.0.0.1:5432/safer_test';

/** One statement on the bench's PostgreSQL server (creating or dropping a database). */
export async function administer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchServerUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The address of one database on the bench's server. */
export function databaseUrl(name: string): string {
  const url = new URL(benchServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database of the bench's server, waiting for connections just closed that the server has not yet seen go. */
export async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await administer(`drop database if exists ${name}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** A new, empty PostgreSQL database for one bench (or a copy of another, as its template). */
export async function newPostgresDatabase(label: string, template?: string): Promise<{ name: string; url: string }> {
  const name = `safer_bench_${label}_${randomBytes(3).toString('hex')}`;
  await administer(`create database ${name}${template ? ` template ${template}` : ''}`);
  return { name, url: databaseUrl(name) };
}

/** A migrated database of the engine, for a bench that runs the app in its own process; closing it drops it. */
export async function migratedDatabase(engine: Engine, label: string): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  let remove: () => Promise<void>;
  if (engine === 'postgres') {
    const { name, url } = await newPostgresDatabase(label);
    handle = createDb({ databaseUrl: url, dataDir: '' });
    remove = () => dropDatabase(name);
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), `safer-bench-${label}-`));
    handle = createDb({ databaseUrl: null, dataDir });
    remove = () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true }));
  }
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await remove();
    },
  };
}

import assert from 'node:assert/strict';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createDb } from './createDb.ts';
import { cachingStatements, sqlitePath } from './dialect.ts';
import { scratchFolder } from '../../test/helpers/scratch.ts';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('the SQLite database on disk', () => {
  it('is readable by Safer’s own user alone: the data folder it makes, the database and its -wal and -shm', async () => {
    const dataDir = join(scratchFolder('mode'), 'data');
    const handle = createDb({ databaseUrl: null, dataDir });
    try {
      await sql`create table t (x integer)`.execute(handle.db);
      await sql`insert into t values (1)`.execute(handle.db);
      assert.equal(modeOf(dataDir).toString(8), '700');
      for (const suffix of ['', '-wal', '-shm'])
        assert.equal(modeOf(`${sqlitePath(dataDir)}${suffix}`).toString(8), '600', `safer.sqlite${suffix}`);
    } finally {
      await handle.close();
    }
  });

  it('tightens the mode of a database made before', async () => {
    const dataDir = scratchFolder('mode');
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${sqlitePath(dataDir)}${suffix}`, '', { mode: 0o644 });
    chmodSync(sqlitePath(dataDir), 0o644);
    const handle = createDb({ databaseUrl: null, dataDir });
    try {
      await sql`create table t (x integer)`.execute(handle.db);
      for (const suffix of ['', '-wal', '-shm'])
        assert.equal(modeOf(`${sqlitePath(dataDir)}${suffix}`).toString(8), '600', `safer.sqlite${suffix}`);
    } finally {
      await handle.close();
    }
  });
});

describe('the SQLite statement cache', () => {
  it('prepares a query once however often the app runs it', async (t) => {
    let prepared = 0;
    const prepare = Object.getOwnPropertyDescriptor(SQLite.prototype, 'prepare')?.value as (
      this: SQLite.Database,
      source: string,
    ) => SQLite.Statement;
    t.mock.method(SQLite.prototype, 'prepare', function (this: SQLite.Database, source: string) {
      prepared++;
      return prepare.call(this, source);
    });
    const handle = createDb({ databaseUrl: null, dataDir: ':memory:' });
    try {
      await sql`create table t (x integer)`.execute(handle.db);
      prepared = 0;
      for (let x = 0; x < 10; x++) await sql`insert into t values (${x})`.execute(handle.db);
      for (let x = 0; x < 10; x++) assert.equal((await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db)).rows[0]?.n, 10);
      assert.equal(prepared, 2);
    } finally {
      await handle.close();
    }
  });

  it('returns the statement kept for the same SQL, and keeps no more than its size, dropping the least recently used', () => {
    const database = new SQLite(':memory:');
    const cache = cachingStatements(database, 2);
    const one = cache.prepare('select 1');
    assert.equal(cache.prepare('select 1'), one);
    const two = cache.prepare('select 2');
    cache.prepare('select 1');
    cache.prepare('select 3');
    assert.equal(cache.prepare('select 1'), one, 'used most recently, so kept');
    assert.notEqual(cache.prepare('select 2'), two, 'the least recently used was dropped');
    cache.close();
  });

  it('does not hand out a statement that is still being iterated', () => {
    const database = new SQLite(':memory:');
    const cache = cachingStatements(database);
    const first = cache.prepare('select 1 union all select 2');
    const rows = first.iterate([]);
    rows.next();
    const second = cache.prepare('select 1 union all select 2');
    assert.notEqual(second, first);
    assert.deepEqual(second.all([]), [{ 1: 1 }, { 1: 2 }]);
    rows.return?.();
    cache.close();
  });
});

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createDb } from './createDb.ts';
import { sqlitePath } from './dialect.ts';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('the SQLite database on disk', () => {
  it('is readable by Safer’s own user alone: the data folder it makes, the database and its -wal and -shm', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'safer-mode-')), 'data');
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
    const dataDir = mkdtempSync(join(tmpdir(), 'safer-mode-'));
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

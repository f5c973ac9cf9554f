/**
 * `safer backup` during a burst of writes, and `safer restore` into an empty place: the copy is one consistent
 * moment of the source, sessions from before the backup still sign in, and nothing is ever restored over data.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import { backupHeaderBytes } from '../src/db/backup.ts';
import { createDb, type Db, type DatabaseHandle, migrateToLatest } from '../src/db/createDb.ts';
import type { DatabaseLocation } from '../src/db/dialect.ts';
import { Browser } from './helpers/app.ts';
import { build } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { scratchFolder } from './helpers/scratch.ts';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');
const admin = { email: 'backup-admin@example.org', name: 'Backup Administrator', password: 'a long passphrase' };

/** A Safer installation as the command sees it: its database and its data folder. */
interface Place {
  location: DatabaseLocation;
  dataDir: string;
}

function placeOf(handle: DatabaseHandle): Place {
  const { location } = handle;
  return { location, dataDir: location.databaseUrl ? scratchFolder('backup-data') : location.dataDir };
}

async function safer(place: Place, ...args: string[]): Promise<{ code: number; out: string }> {
  const { DATABASE_URL: _database, SESSION_SECRET: _secret, ...rest } = process.env;
  const env = {
    ...rest,
    NODE_ENV: 'development',
    DATA_DIR: place.dataDir,
    ...(place.location.databaseUrl ? { DATABASE_URL: place.location.databaseUrl } : {}),
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** The secret `safer` itself uses in this data folder (made there on first use, outside production). */
const sessionSecretOf = (dataDir: string): string => loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }).sessionSecret;

/** Every row of every table, Kysely's own included, as text that compares exactly. */
async function everyRow(db: Db): Promise<Map<string, string[]>> {
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).map((table) => table.name).sort();
  const rows = new Map<string, string[]>();
  for (const table of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    rows.set(table, result.rows.map((row) => JSON.stringify(row)).sort());
  }
  return rows;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function missingFrom(rows: string[], among: string[]): string[] {
  const present = new Set(among);
  return rows.filter((row) => !present.has(row));
}

/** A new, empty target of the source's engine: a data folder, or a database with no tables. */
async function emptyTarget(
  t: TestContext,
  database: ReturnType<typeof testDatabases>[number],
): Promise<{ place: Place; open: () => Promise<DatabaseHandle> }> {
  if (database.engine === 'sqlite') {
    const dataDir = scratchFolder('restore');
    return {
      place: { location: { databaseUrl: null, dataDir }, dataDir },
      open: () => {
        const handle = createDb({ databaseUrl: null, dataDir });
        t.after(() => handle.close());
        return Promise.resolve(handle);
      },
    };
  }
  const handle = await database.createUnmigrated();
  t.after(() => handle.close());
  return { place: placeOf(handle), open: () => Promise.resolve(handle) };
}

for (const database of testDatabases()) {
  describe(`backup and restore (${database.engine})`, () => {
    it('copies one consistent moment of a Safer being written to, and restores it where sessions still sign in', async (t) => {
      const source = await database.create();
      t.after(() => source.close());
      const sourcePlace = placeOf(source);
      // Everything stays in the -wal file, as a running server's latest writes do: a copy of the file alone misses it.
      if (database.engine === 'sqlite') await sql`pragma wal_autocheckpoint = 0`.execute(source.db);
      const { app, container, coventry } = await build(t, {
        database: source,
        config: { sessionSecret: sessionSecretOf(sourcePlace.dataDir) },
        as: 'nobody',
      });
      assert.ok(coventry);
      await container.accounts.createUser(systemPrincipal, { ...admin, isAdmin: true });
      const signedIn = await new Browser(app).signIn(admin.email, admin.password);
      const cookie = (signedIn.cookies as { name: string; value: string }[]).map(({ name, value }) => `${name}=${value}`).join('; ');
      assert.equal((await app.inject({ url: '/admin/audit', headers: { cookie } })).statusCode, 200);
      const before = await everyRow(source.db);

      // Each write is its own transaction (an organisation and its audit entry), numbered in order.
      let written = 0;
      let stopAfter = Number.POSITIVE_INFINITY;
      const burst = (async () => {
        while (written < stopAfter) {
          const n = written + 1;
          await container.governance.organisations.create(systemPrincipal, coventry, {
            name: `Burst ${String(n).padStart(6, '0')}`,
            sector: 'community_voluntary',
            responsibleAuthority: false,
          });
          written = n;
          // SQLite's driver settles in microtasks alone: without a turn of the event loop nothing else would run.
          await nextTurn();
        }
      })();
      // A write that fails ends the wait with its error, rather than a wait for ever.
      while (written < 20) await Promise.race([burst, nextTurn()]);

      const file = join(scratchFolder('backups'), 'safer.backup');
      const writtenAtStart = written;
      const backedUp = await safer(sourcePlace, 'backup', file);
      const writtenAtEnd = written;
      stopAfter = writtenAtEnd + 20;
      await burst;
      assert.equal(backedUp.code, 0, backedUp.out);
      assert.match(backedUp.out, new RegExp(`Backed up Safer \\((SQLite|PostgreSQL), \\d+ tables, [\\d,]+ rows\\) to ${file}\\.`));
      assert.ok(writtenAtEnd > writtenAtStart, 'the burst kept writing while the backup ran');

      const target = await emptyTarget(t, database);
      const restored = await safer(target.place, 'restore', file);
      assert.equal(restored.code, 0, restored.out);
      assert.match(restored.out, /Restored the backup made .+ by Safer .+ \((SQLite|PostgreSQL), \d+ tables, [\d,]+ rows\) into .+\./);
      assert.match(restored.out, /The session secret is back in/);
      assert.doesNotMatch(restored.out, /:safer@/, 'the password is never printed');

      const after = await everyRow(source.db);
      const restoredHandle = await target.open();
      const copy = await everyRow(restoredHandle.db);
      assert.deepEqual([...copy.keys()], [...after.keys()], 'the same tables');

      // The writes in the copy are the first K of the burst, with none missing before the last.
      const burstNames = (copy.get('organisations') ?? [])
        .map((row) => /"name":"Burst (\d+)"/.exec(row)?.[1])
        .filter((n) => n !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      const k = burstNames.length;
      assert.deepEqual(
        burstNames,
        Array.from({ length: k }, (_, i) => i + 1),
        'a prefix of the writes',
      );
      assert.ok(k >= writtenAtStart && k <= writtenAtEnd, `the copy's moment (${k}) lies within the backup's run`);

      // The counts kept by triggers (decision 0050) change in place as rows are written: in the copy they are those
      // of the copy's own rows.
      const kept = { audit_counts: 'audit_log', action_counts: 'actions', meeting_counts: 'meetings' };
      for (const [counts, table] of Object.entries(kept)) {
        const total = (rows: string[] | undefined) =>
          (rows ?? []).reduce((sum, row) => sum + Number((JSON.parse(row) as { total: number }).total), 0);
        const live = table === 'meetings' ? (copy.get(table) ?? []).filter((row) => row.includes('"archivedAt":null')) : copy.get(table);
        assert.equal(total(copy.get(counts)), live?.length, `${counts} in the copy counts the copy's ${table}`);
      }
      // The partnerships' counts of changes (decision 0057) move in place too: each in the copy lies between its count
      // before the burst and the source's now.
      const versions = (rows: string[] | undefined) =>
        new Map(
          (rows ?? [])
            .map((row) => JSON.parse(row) as { partnershipId: string; version: number })
            .map((row) => [row.partnershipId, Number(row.version)]),
        );
      const [copied, from, to] = [copy, before, after].map((rows) => versions(rows.get('partnership_versions')));
      for (const [partnershipId, version] of copied ?? []) {
        assert.ok(
          version >= (from?.get(partnershipId) ?? 0) && version <= (to?.get(partnershipId) ?? 0),
          `${partnershipId}'s count of changes`,
        );
      }
      for (const [table, rows] of copy) {
        // The count of every partnership's changes (decision 0061) moves in place with them.
        if (table in kept || table === 'partnership_versions' || table === 'page_generation') continue;
        const sourceRows = after.get(table) ?? [];
        const beforeRows = before.get(table) ?? [];
        assert.deepEqual(missingFrom(rows, sourceRows), [], `every row of ${table} in the copy is in the source`);
        assert.deepEqual(missingFrom(beforeRows, rows), [], `${table} holds everything from before the burst`);
        const perWrite = (sourceRows.length - beforeRows.length) / written;
        assert.ok(Number.isInteger(perWrite), `${table} gains a whole number of rows per write`);
        assert.equal(rows.length, beforeRows.length + k * perWrite, `${table} holds exactly the first ${k} writes`);
      }

      // The restored app starts, and the session made before the backup still signs in: its secret came back.
      await migrateToLatest(restoredHandle.db);
      const restoredApp = await build(t, {
        database: restoredHandle,
        config: { sessionSecret: sessionSecretOf(target.place.dataDir) },
        seed: false,
        as: 'nobody',
      });
      assert.equal((await restoredApp.app.inject({ url: '/admin/audit', headers: { cookie } })).statusCode, 200);
      const otherSecret = await build(t, { database: restoredHandle, seed: false, as: 'nobody' });
      assert.equal(
        (await otherSecret.app.inject({ url: '/admin/audit', headers: { cookie } })).statusCode,
        302,
        'without the secret, no session',
      );

      // Never over data: a second restore into the now full target is refused and changes nothing.
      const again = await safer(target.place, 'restore', file);
      assert.equal(again.code, 1, again.out);
      assert.match(
        again.out,
        database.engine === 'sqlite'
          ? /^Nothing restored: .+ already holds a Safer database .+ Safer restores only into an empty data folder/
          : /^Nothing restored: .+ is not empty \(it has \d+ tables\)/,
      );
      assert.deepEqual(await everyRow(restoredHandle.db), copy);
    });

    it('refuses a backup of a newer schema, a damaged one, one of the other engine, and a file that is not a backup', async (t) => {
      const source = await database.create();
      t.after(() => source.close());
      const sourcePlace = placeOf(source);
      const directory = scratchFolder('backups');
      const file = join(directory, 'safer.backup');
      assert.equal((await safer(sourcePlace, 'backup', file)).code, 0);
      const bytes = readFileSync(file);

      const newer = join(directory, 'newer.backup');
      const [formatLine, manifest] = bytes.subarray(0, backupHeaderBytes).toString().split('\n');
      const future = JSON.stringify({ ...JSON.parse(manifest ?? ''), migration: '2099-01-01-01-from-the-future', saferVersion: '9.0.0' });
      writeFileSync(
        newer,
        Buffer.concat([Buffer.from(`${formatLine}\n${future}`.padEnd(backupHeaderBytes - 1) + '\n'), bytes.subarray(backupHeaderBytes)]),
      );
      const damaged = join(directory, 'damaged.backup');
      const flipped = Buffer.from(bytes);
      flipped[backupHeaderBytes + 200] = (flipped[backupHeaderBytes + 200] ?? 0) ^ 0xff;
      writeFileSync(damaged, flipped);

      const refusals: [string, RegExp][] = [
        [newer, /made by Safer 9\.0\.0, whose database is newer than this version knows \(2099-01-01-01-from-the-future\)/],
        [damaged, /is damaged: its checksum does not match/],
        [join(import.meta.dirname, '..', 'package.json'), /is not a Safer backup/],
      ];
      for (const [backup, message] of refusals) {
        const target = await emptyTarget(t, database);
        const refused = await safer(target.place, 'restore', backup);
        assert.equal(refused.code, 1, refused.out);
        assert.match(refused.out, message);
        assert.deepEqual(await (await target.open()).db.introspection.getTables({ withInternalKyselyTables: true }), [], 'nothing written');
      }

      const otherEngine: Place =
        database.engine === 'sqlite'
          ? {
              location: { databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: '' },
              dataDir: scratchFolder('x'),
            }
          : { location: { databaseUrl: null, dataDir: '' }, dataDir: scratchFolder('x') };
      const crossed = await safer(otherEngine, 'restore', file);
      assert.equal(crossed.code, 1, crossed.out);
      assert.match(
        crossed.out,
        database.engine === 'sqlite'
          ? /was taken from SQLite, but Safer here uses PostgreSQL/
          : /was taken from PostgreSQL, but Safer here uses SQLite/,
      );
    });

    it('says in one line why nothing was backed up or restored, and leaves the target as it was', async (t) => {
      const source = await database.create();
      t.after(() => source.close());
      const sourcePlace = placeOf(source);
      const directory = scratchFolder('backups');

      const nowhere = await safer(sourcePlace, 'backup', join(directory, 'no-such-folder', 'safer.backup'));
      assert.equal(nowhere.code, 1, nowhere.out);
      assert.match(nowhere.out, /^Nothing backed up: the folder .+no-such-folder does not exist\. Make it first/);
      assert.equal(nowhere.out.trim().split('\n').length, 1, 'one line, no stack trace');

      // A backup is often the only good copy: a second one under its name replaces it only when told to.
      const file = join(directory, 'safer.backup');
      assert.equal((await safer(sourcePlace, 'backup', file)).code, 0);
      const first = readFileSync(file);
      const again = await safer(sourcePlace, 'backup', file);
      assert.equal(again.code, 1, again.out);
      assert.match(again.out, /^Nothing backed up: .+safer\.backup is already there\. Give a new FILE, or run safer backup --force/);
      assert.deepEqual(readFileSync(file), first);
      const forced = await safer(sourcePlace, 'backup', '--force', file);
      assert.equal(forced.code, 0, forced.out);
      assert.notDeepEqual(readFileSync(file), first, 'replaced');

      const truncated = join(directory, 'truncated.backup');
      writeFileSync(truncated, first.subarray(0, first.length - 100));
      const target = await emptyTarget(t, database);
      const before = readdirSync(target.place.dataDir);
      const cut = await safer(target.place, 'restore', truncated);
      assert.equal(cut.code, 1, cut.out);
      assert.match(cut.out, /^Nothing restored: .+truncated\.backup is incomplete/);
      assert.deepEqual(readdirSync(target.place.dataDir), before, 'no session secret, no database file left behind');
      const notYetThere = join(target.place.dataDir, 'not-yet');
      assert.equal((await safer({ ...target.place, dataDir: notYetThere }, 'restore', truncated)).code, 1);
      assert.equal(existsSync(notYetThere), false, 'no folder made');

      if (database.engine === 'sqlite') {
        // A running Safer's latest writes wait in the -wal file, not yet in the database file.
        await sql`pragma wal_autocheckpoint = 0`.execute(source.db);
        await sql`insert into kysely_migration_lock (id, is_locked) values ('another', 0)`.execute(source.db);
        const live = await safer(sourcePlace, 'restore', file);
        assert.equal(live.code, 1, live.out);
        assert.match(
          live.out,
          /^Nothing restored: .+ already holds a Safer database .+, whether or not a Safer is running on it\. Safer restores only into an empty data folder/,
        );
      }
    });
  });
}

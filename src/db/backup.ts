/**
 * `safer backup` and `safer restore`: a consistent copy of a running Safer, and putting it back into an empty
 * place. The one place that knows how each engine is copied (docs/decisions/0015-backup-and-restore.md).
 *
 * A backup file is a header of fixed size — a line naming the format, then the manifest as JSON padded with
 * spaces — followed by the engine's own copy, byte for byte: an SQLite database made by SQLite's online backup
 * API, or a `pg_dump` archive in custom format.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { link, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { type DatabaseLocation, type Engine, engineOf, makeDataDir, sqlitePath } from './dialect.ts';
import { migrations } from './migrations/index.ts';

const formatLine = 'SAFER BACKUP 1\n';
/** The header's size: the format line and the manifest, padded so that the copy can be written before it. */
export const backupHeaderBytes = 4096;

export const engineNames: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const manifestSchema = z.object({
  engine: z.enum(['sqlite', 'postgres']),
  /** The last migration applied: the schema's level. */
  migration: z.string().min(1),
  createdAt: z.string(),
  saferVersion: z.string(),
  tables: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  payloadBytes: z.number().int().nonnegative(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The session secret file's contents, when the data folder has one (outside production). */
  sessionSecret: z.string().nullable(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** Why a backup or a restore was not done, in words for the person running it. */
export class BackupRefusal extends Error {}

interface Counts {
  migration: string;
  tables: number;
  rows: number;
}

export interface BackupOptions {
  saferVersion: string;
  sessionSecretFile: string;
  /** Replace FILE if it is there already; otherwise a backup never takes the place of another file. */
  replace?: boolean;
}

/** Writes FILE whole or not at all (a failed backup leaves no file that looks complete). */
export async function backupDatabase(location: DatabaseLocation, file: string, options: BackupOptions): Promise<BackupManifest> {
  return await refusedWith('Nothing backed up', async () => {
    const folder = dirname(file);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new BackupRefusal(`the folder ${folder} does not exist. Make it first, or give a FILE in a folder that exists.`);
    if (existsSync(file) && !options.replace) throw alreadyThere(file);
    const partial = `${file}.partial`;
    const sessionSecret = existsSync(options.sessionSecretFile) ? (await readFile(options.sessionSecretFile, 'utf8')).trim() : null;
    try {
      const copied = location.databaseUrl ? await dumpPostgres(location.databaseUrl, partial) : await copySqlite(location.dataDir, partial);
      const manifest: BackupManifest = {
        engine: engineOf(location),
        createdAt: new Date().toISOString(),
        saferVersion: options.saferVersion,
        sessionSecret,
        ...copied,
      };
      await writeHeader(partial, manifest);
      // A hard link fails if FILE appeared meanwhile, so that only --force ever replaces a file.
      if (options.replace) await rename(partial, file);
      else
        await link(partial, file).catch((error: unknown) => {
          throw (error as { code?: string }).code === 'EEXIST' ? alreadyThere(file) : error;
        });
      return manifest;
    } finally {
      await rm(partial, { force: true });
    }
  });
}

function alreadyThere(file: string): BackupRefusal {
  return new BackupRefusal(`${file} is already there. Give a new FILE, or run safer backup --force ${file} to replace it.`);
}

/**
 * A refusal as one line that starts with what did not happen, and a file the system would not read or write
 * (no room, no permission) as a refusal too, rather than a stack trace.
 */
async function refusedWith<T>(nothingDone: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const systemError = error as NodeJS.ErrnoException;
    if (!(error instanceof BackupRefusal) && !(typeof systemError.code === 'string' && systemError.syscall)) throw error;
    throw new BackupRefusal(`${nothingDone}: ${systemError.message}`);
  }
}

export interface RestoreOutcome {
  manifest: BackupManifest;
  /** Where the data went: the SQLite file, or the PostgreSQL URL without its password. */
  target: string;
  tables: number;
  rows: number;
  /** Whether the schema is older than this code's, to be brought up to date when Safer next starts. */
  olderSchema: boolean;
}

/** Restores only into an empty target, and only a backup this code can read; never overwrites data. */
export async function restoreDatabase(location: DatabaseLocation, file: string, sessionSecretFile: string): Promise<RestoreOutcome> {
  return await refusedWith('Nothing restored', () => restoreInto(location, file, sessionSecretFile));
}

async function restoreInto(location: DatabaseLocation, file: string, sessionSecretFile: string): Promise<RestoreOutcome> {
  const manifest = await readManifest(file);
  const engine = engineOf(location);
  if (manifest.engine !== engine) {
    throw new BackupRefusal(
      `${file} was taken from ${engineNames[manifest.engine]}, but Safer here uses ${engineNames[engine]} ` +
        (engine === 'sqlite' ? '(DATABASE_URL is not set).' : '(DATABASE_URL is set).') +
        ' Restore it into the same kind of database.',
    );
  }
  const known = Object.keys(migrations);
  if (!known.includes(manifest.migration)) {
    throw new BackupRefusal(
      `${file} was made by Safer ${manifest.saferVersion}, whose database is newer than this version knows ` +
        `(${manifest.migration}). Restore it with that version of Safer or a later one.`,
    );
  }
  const restored = location.databaseUrl
    ? await restorePostgres(location.databaseUrl, file, manifest)
    : await restoreSqlite(location.dataDir, file, manifest);
  // The target was empty, so no session could depend on a secret already there.
  if (manifest.sessionSecret !== null) await writeFile(sessionSecretFile, manifest.sessionSecret, { mode: 0o600 });
  return { manifest, ...restored, olderSchema: manifest.migration !== known.at(-1) };
}

// SQLite ----------------------------------------------------------------------------------------------------

/** Copies every page in one step of the backup API: one read transaction, so writers never restart it. */
async function copySqlite(dataDir: string, partial: string): Promise<Counts & Payload> {
  const path = sqlitePath(dataDir);
  if (!existsSync(path)) throw new BackupRefusal(`There is no Safer database at ${path}: check DATA_DIR.`);
  const copyPath = `${partial}.sqlite`;
  await rm(copyPath, { force: true });
  try {
    const source = new SQLite(path, { readonly: true, fileMustExist: true });
    try {
      await source.backup(copyPath, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    const copy = new SQLite(copyPath);
    let counts: Counts;
    try {
      // One self-contained file, with no -wal beside it.
      copy.pragma('journal_mode = DELETE');
      counts = countSqlite(copy, path);
    } finally {
      copy.close();
    }
    return { ...counts, ...(await writePayload(createReadStream(copyPath), partial)) };
  } finally {
    await rm(copyPath, { force: true });
  }
}

function countSqlite(database: SQLite.Database, name: string): Counts {
  const tables = database
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (!tables.includes('kysely_migration')) throw new BackupRefusal(`${name} is not a Safer database (it has no migrations).`);
  const rows = tables.reduce(
    (sum, table) =>
      sum +
      (database
        .prepare(`select count(*) from "${table.replaceAll('"', '""')}"`)
        .pluck()
        .get() as number),
    0,
  );
  const migration = database.prepare('select name from kysely_migration order by name desc limit 1').pluck().get() as string;
  return { migration, tables: tables.length, rows };
}

async function restoreSqlite(
  dataDir: string,
  file: string,
  manifest: BackupManifest,
): Promise<{ target: string; tables: number; rows: number }> {
  const target = sqlitePath(dataDir);
  const emptyFiles = refuseUnlessEmptySqlite(dataDir);
  await verifyPayload(file, manifest);
  // Only now is anything written: a refused restore leaves the target as it was.
  makeDataDir(dataDir);
  const incoming = `${target}.restoring`;
  await rm(incoming, { force: true });
  try {
    await pipeline(createReadStream(file, { start: backupHeaderBytes }), createWriteStream(incoming, { flags: 'wx', mode: 0o600 }));
    const copy = new SQLite(incoming, { fileMustExist: true });
    let counts: Counts;
    try {
      if (copy.pragma('quick_check', { simple: true }) !== 'ok') throw new BackupRefusal(`${file} holds a damaged database.`);
      counts = countSqlite(copy, file);
    } finally {
      copy.close();
    }
    for (const path of emptyFiles) rmSync(path, { force: true });
    // A hard link fails if the target appeared meanwhile (a server started on this folder): nothing is replaced.
    await link(incoming, target).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'EEXIST') throw holdsDatabase(dataDir);
      throw error;
    });
    return { target, tables: counts.tables, rows: counts.rows };
  } finally {
    await rm(incoming, { force: true });
  }
}

/**
 * Refuses a data folder that holds a database, whether a server is using it or not: one with tables, or
 * with changes in its write-ahead log. A database file with neither counts as empty: its files are returned,
 * to be removed once the restore is ready to take their place.
 */
function refuseUnlessEmptySqlite(dataDir: string): string[] {
  const target = sqlitePath(dataDir);
  const wal = `${target}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw holdsDatabase(dataDir);
  const files = [target, wal, `${target}-shm`];
  if (!existsSync(target)) return files;
  const existing = new SQLite(target, { readonly: true });
  try {
    if ((existing.prepare("select count(*) from sqlite_master where type = 'table'").pluck().get() as number) > 0)
      throw holdsDatabase(dataDir);
  } finally {
    existing.close();
  }
  return files;
}

function holdsDatabase(dataDir: string): BackupRefusal {
  return new BackupRefusal(
    `${dataDir} already holds a Safer database (${sqlitePath(dataDir)}), whether or not a Safer is running on it. ` +
      'Safer restores only into an empty data folder, so that it never overwrites data: set DATA_DIR to a new, empty folder.',
  );
}

// PostgreSQL ------------------------------------------------------------------------------------------------

/**
 * pg_dump reads the snapshot this transaction exports, so the manifest's counts and schema level describe
 * exactly the data in the dump.
 */
async function dumpPostgres(databaseUrl: string, partial: string): Promise<Counts & Payload> {
  const client = await connect(databaseUrl);
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
    const counts = await countPostgres(client, databaseUrl);
    const connection = libpqConnection(databaseUrl);
    const dump = startTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]?.snapshot}`, `--dbname=${connection.dbname}`], connection);
    const [payload] = await Promise.all([writePayload(dump.child.stdout as Readable, partial), dump.done]);
    await client.query('commit');
    return { ...counts, ...payload };
  } finally {
    await client.end();
  }
}

async function countPostgres(client: pg.Client, databaseUrl: string): Promise<Counts> {
  const tables = await userTables(client);
  if (!tables.some((table) => table.name === 'kysely_migration')) {
    throw new BackupRefusal(`${withoutPassword(databaseUrl)} is not a Safer database (it has no migrations).`);
  }
  let rows = 0;
  for (const { schema, name } of tables) {
    const result = await client.query<{ n: string }>(
      `select count(*) as n from ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`,
    );
    rows += Number(result.rows[0]?.n);
  }
  const migration = await client.query<{ name: string }>('select name from kysely_migration order by name desc limit 1');
  return { migration: migration.rows[0]?.name ?? '', tables: tables.length, rows };
}

async function userTables(client: pg.Client): Promise<{ schema: string; name: string }[]> {
  const result = await client.query<{ schema: string; name: string }>(
    `select schemaname as schema, tablename as name from pg_tables
      where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  return result.rows;
}

/** pg_restore in one transaction: a failure leaves the database as empty as it was. */
async function restorePostgres(
  databaseUrl: string,
  file: string,
  manifest: BackupManifest,
): Promise<{ target: string; tables: number; rows: number }> {
  const target = withoutPassword(databaseUrl);
  const client = await connect(databaseUrl);
  try {
    const existing = (await userTables(client)).length;
    if (existing > 0) throw notEmpty(target, `it has ${existing} tables`);
    await verifyPayload(file, manifest);
    const connection = libpqConnection(databaseUrl);
    const restore = startTool(
      'pg_restore',
      ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', `--dbname=${connection.dbname}`],
      connection,
    );
    const feeding = pipeline(createReadStream(file, { start: backupHeaderBytes }), restore.child.stdin as NodeJS.WritableStream);
    // pg_restore's own message says more than the broken pipe it leaves when it stops reading.
    const [fed, done] = await Promise.allSettled([feeding, restore.done]);
    if (done.status === 'rejected') throw done.reason;
    if (fed.status === 'rejected') throw fed.reason;
    const counts = await countPostgres(client, databaseUrl);
    return { target, tables: counts.tables, rows: counts.rows };
  } finally {
    await client.end();
  }
}

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupRefusal(`Could not connect to ${withoutPassword(databaseUrl)}: ${(error as Error).message}`);
  }
  return client;
}

/** The URL without its password for the command line, and the password in PGPASSWORD, where `ps` cannot see it. */
function libpqConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv; password: string } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, password };
}

function withoutPassword(databaseUrl: string): string {
  return libpqConnection(databaseUrl).dbname;
}

/** A PostgreSQL client tool from PATH; `done` rejects with its own words if it fails. */
function startTool(
  command: 'pg_dump' | 'pg_restore',
  args: string[],
  connection: { env: NodeJS.ProcessEnv; password: string },
): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(command, args, { env: connection.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupRefusal(`${command} was not found on PATH: install the PostgreSQL client tools of the server's major version.`)
          : error,
      ),
    );
    child.once('close', (code) => {
      if (code === 0) return resolve();
      const said = connection.password ? stderr.replaceAll(connection.password, '***') : stderr;
      reject(new BackupRefusal(`${command} failed (exit code ${code}): ${said.trim()}`));
    });
  });
  if (command === 'pg_dump') child.stdin?.end();
  return { child, done };
}

// The file --------------------------------------------------------------------------------------------------

interface Payload {
  payloadBytes: number;
  payloadSha256: string;
}

/** Streams the engine's copy in after the room left for the header, counting and hashing it. */
async function writePayload(source: Readable, partial: string): Promise<Payload> {
  const hash = createHash('sha256');
  let bytes = 0;
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  await pipeline(source, createWriteStream(partial, { start: backupHeaderBytes, mode: 0o600 }));
  return { payloadBytes: bytes, payloadSha256: hash.digest('hex') };
}

async function writeHeader(partial: string, manifest: BackupManifest): Promise<void> {
  const text = `${formatLine}${JSON.stringify(manifest)}`;
  if (Buffer.byteLength(text) >= backupHeaderBytes) throw new Error('The backup manifest does not fit its header');
  const handle = await open(partial, 'r+');
  try {
    await handle.write(Buffer.from(`${text.padEnd(backupHeaderBytes - 1)}\n`), 0, backupHeaderBytes, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function readManifest(file: string): Promise<BackupManifest> {
  let header: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      header = Buffer.alloc(backupHeaderBytes);
      const { bytesRead } = await handle.read(header, 0, backupHeaderBytes, 0);
      header = header.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new BackupRefusal(`Could not read ${file}: ${(error as Error).message}`);
  }
  const text = header.toString('utf8');
  if (!text.startsWith(formatLine)) {
    throw new BackupRefusal(
      text.startsWith('SAFER BACKUP ')
        ? `${file} was made by a newer Safer, in a format this version cannot read.`
        : `${file} is not a Safer backup.`,
    );
  }
  const parsed = manifestSchema.safeParse(parseJson(text.slice(formatLine.length)));
  if (!parsed.success || header.length < backupHeaderBytes)
    throw new BackupRefusal(`${file} is not a Safer backup (its header is damaged).`);
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A backup cut short (a full disk) or changed since must not be half restored. */
async function verifyPayload(file: string, manifest: BackupManifest): Promise<void> {
  const { size } = await stat(file);
  if (size !== backupHeaderBytes + manifest.payloadBytes)
    throw new BackupRefusal(`${file} is incomplete: it is not the size it was written.`);
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { start: backupHeaderBytes }), hash);
  if (hash.digest('hex') !== manifest.payloadSha256) throw new BackupRefusal(`${file} is damaged: its checksum does not match.`);
}

function notEmpty(target: string, why: string): BackupRefusal {
  return new BackupRefusal(
    `${target} is not empty (${why}). Safer restores only into an empty data folder or database, ` +
      'so that it never overwrites data: choose a new DATA_DIR, or a new empty database for DATABASE_URL.',
  );
}

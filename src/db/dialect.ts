/** The only place that branches on SQLite versus PostgreSQL. */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Dialect, type Kysely, PostgresDialect, type SelectQueryBuilder, SqliteDialect, type SqliteDatabase, sql } from 'kysely';
import pg from 'pg';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseLocation {
  /** postgres://… or null for SQLite. */
  databaseUrl: string | null;
  /** Folder for the SQLite file; ':memory:' keeps it in memory. */
  dataDir: string;
}

/** The driver under a dialect, for the few writes that need it (bulk loads: src/db/bulkRows.ts). */
export type Driver = { engine: 'sqlite'; database: SQLite.Database } | { engine: 'postgres'; pool: pg.Pool };

const drivers = new WeakMap<Dialect, Driver>();

export function driverOf(dialect: Dialect): Driver {
  const driver = drivers.get(dialect);
  if (!driver) throw new Error('Not a dialect of createDialect');
  return driver;
}

function withDriver(dialect: Dialect, driver: Driver): Dialect {
  drivers.set(dialect, driver);
  return dialect;
}

export function engineOf(location: DatabaseLocation): Engine {
  return location.databaseUrl ? 'postgres' : 'sqlite';
}

export function createDialect(location: DatabaseLocation): Dialect {
  if (location.databaseUrl) {
    // COUNT(*) and other bigints come back as strings unless parsed; our counts fit in a double.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
    // A burst of requests (50 at once on a slow page) waits its turn for one of the pool's connections rather than
    // failing after 5 s with a 500; a database that does not answer at all still fails within half a minute.
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 10, connectionTimeoutMillis: 30_000 });
    // An idle connection closed by the server (a restart, a failover) must not crash the process:
    // the pool drops it and the next query opens a new one.
    pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
    return withDriver(new PostgresDialect({ pool }), { engine: 'postgres', pool });
  }
  const file = location.dataDir === ':memory:' ? ':memory:' : sqliteFile(location.dataDir);
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return withDriver(new SqliteDialect({ database: cachingStatements(database) }), { engine: 'sqlite', database });
}

/** How many prepared statements the SQLite connection keeps: more than the distinct queries a busy page makes. */
export const statementCacheSize = 500;

/**
 * The SQLite connection with its prepared statements kept by SQL text, the least recently used dropped beyond
 * `size`: Kysely prepares each query afresh, and preparing costs as much as running a small query. Safe because
 * better-sqlite3 runs a statement to its end synchronously; one still being iterated is not reused.
 */
export function cachingStatements(database: SQLite.Database, size = statementCacheSize): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) {
        // Moved to the newest end of the map's order.
        statements.delete(sql);
        statements.set(sql, kept);
        return kept;
      }
      const statement = database.prepare(sql);
      if (kept) return statement;
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value ?? '');
      return statement;
    },
  };
}

/** Whether a failed write broke a unique constraint, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs a write that a unique index guards. The check before it gives the message in the ordinary case;
 * a parallel request can pass the same check, and then its violation is refused the same way, not a 500
 * (usually a FieldValidationError). On PostgreSQL the violation aborts the transaction, so the refusal
 * must end it: wrap the whole transaction, or the last write in it.
 */
export async function refusingDuplicates<T>(write: () => Promise<T>, refusal: Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal;
    throw error;
  }
}

/** Whether a failed write broke a foreign key (a row others still refer to), on either engine. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Runs a removal that another record may still refer to (a decision that agreed funding, an action with
 * updates): the foreign key refuses it on both engines, and the refusal is said rather than a 500. As with
 * `refusingDuplicates`, wrap the whole transaction, since PostgreSQL aborts it.
 */
export async function refusingReferenced<T>(write: () => Promise<T>, refusal: Error): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw refusal;
    throw error;
  }
}

/**
 * Rows to claim for work. PostgreSQL passes over rows another worker has locked (FOR UPDATE SKIP LOCKED);
 * SQLite has a single writer, so the one UPDATE that wraps this query already claims atomically.
 */
export function skippingLockedRows<DB, TB extends keyof DB, O>(
  engine: Engine,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * Rows read in a transaction to be changed in it: locked on PostgreSQL until it ends, so a parallel
 * transaction waits and reads them changed. SQLite's single writer already runs transactions one at a time.
 */
export function lockingRows<DB, TB extends keyof DB, O>(
  engine: Engine,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return engine === 'postgres' ? query.forUpdate() : query;
}

/**
 * A list-partitioned table's partition for a value, made if it is not there (its rows moved out of the default
 * partition), in the caller's transaction: PostgreSQL partitions crimes by month. SQLite keeps one table.
 */
export async function ensurePartition<DB>(db: Kysely<DB>, engine: Engine, table: string, value: string): Promise<void> {
  if (engine === 'postgres') await sql`select ensure_list_partition(${table}, ${value})`.execute(db);
}

/**
 * The data folder, made readable by Safer's own user alone when Safer makes it (a folder someone made
 * themselves keeps the mode they gave it).
 */
export function makeDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * The database file, readable and writable by Safer's own user alone: made empty with that mode (SQLite
 * starts a database in an empty file, and gives its -wal and -shm the file's mode), and an existing
 * one's mode tightened, with any -wal and -shm made before.
 */
function sqliteFile(dataDir: string): string {
  makeDataDir(dataDir);
  const path = sqlitePath(dataDir);
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
  return path;
}

export function sqlitePath(dataDir: string): string {
  return join(dataDir, 'safer.sqlite');
}

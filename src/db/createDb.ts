import { CamelCasePlugin, type Dialect, Kysely, Migrator, sql } from 'kysely';
import { createDialect, type DatabaseLocation, type Driver, driverOf, type Engine, engineOf } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  /** Where it is, for the tools that work on the database from outside (backup and restore). */
  location: DatabaseLocation;
  close(): Promise<void>;
}

const drivers = new WeakMap<Db, Driver>();

/** A Kysely over a dialect, as the app queries: columns camelCase in code, snake_case in SQL. */
export function kyselyOver(dialect: Dialect): Db {
  return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

/** The driver under a database createDb opened (not a transaction's). */
export function databaseDriver(db: Db): Driver {
  const driver = drivers.get(db);
  if (!driver) throw new Error('Not a database of createDb');
  return driver;
}

export function createDb(location: DatabaseLocation): DatabaseHandle {
  const dialect = createDialect(location);
  const db = kyselyOver(dialect);
  drivers.set(db, driverOf(dialect));
  // Closing twice is closing once (a test may close the database under the app to see how it copes).
  let closed: Promise<void> | undefined;
  return { db, engine: engineOf(location), location, close: () => (closed ??= db.destroy()) };
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error instanceof Error) throw error;
  if (error) throw new Error('Migration failed', { cause: error });
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** A real round trip to the database, for /health. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

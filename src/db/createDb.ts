import { CamelCasePlugin, Kysely, Migrator, sql } from 'kysely';
import { createDialect, type DatabaseLocation, type Engine, engineOf } from './dialect.ts';
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

export function createDb(location: DatabaseLocation): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: createDialect(location), plugins: [new CamelCasePlugin()] });
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

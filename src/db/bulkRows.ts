/**
 * Many rows written to one table in the caller's transactions, at the engine's own speed (docs/decisions/0047).
 * SQLite: an INSERT of 50 rows (and one of a row, for the rest) prepared once and run on the connection itself (no
 * query built, no statement prepared for each batch), each transaction committed with synchronous=NORMAL under WAL.
 * PostgreSQL: COPY, on a connection the writer keeps, with synchronous_commit off for its transactions.
 *
 * Both relax only the transactions of the writer, and only how long a commit waits for the disk: a commit lost to a
 * power cut (never to a crash of Safer) is lost whole, the database consistent, so a writer whose transactions carry
 * their own checkpoint (as the crime import's batches do) carries on from the last one that reached the disk.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, type Kysely, PostgresDialect } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema.ts';
import { databaseDriver, type Db, kyselyOver } from './createDb.ts';

/** A table's name and columns as the database has them (snake_case), and the key a row written twice is known by. */
export interface BulkTable {
  name: string;
  columns: readonly string[];
  key: readonly string[];
}

/** A row's values in the order of the table's columns. */
export type BulkRow = readonly (string | number | null)[];

export interface BulkWriter {
  /**
   * Runs `work` in one transaction of its own: `trx` for ordinary queries, `write` for the rows. On SQLite, a row of a
   * key already there is passed over; PostgreSQL's COPY refuses it, failing the transaction.
   */
  transaction<T>(work: (trx: Kysely<Database>, write: (rows: readonly BulkRow[]) => Promise<void>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A value in the text format of COPY: \N for null, and the backslash, tab and line ends escaped. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (found) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[found]!);
}

/** Rows a SQLite statement writes at once (its parameters well within SQLite's limit of 32,766). */
const rowsPerStatement = 50;

export async function openBulkWriter(db: Db, table: BulkTable): Promise<BulkWriter> {
  const driver = databaseDriver(db);
  const columns = table.columns.join(', ');
  if (driver.engine === 'sqlite') {
    const { database } = driver;
    const insertOf = (count: number) =>
      database.prepare(
        `insert into ${table.name} (${columns}) values ${Array.from({ length: count }, () => `(${table.columns.map(() => '?').join(', ')})`).join(', ')} on conflict (${table.key.join(', ')}) do nothing`,
      );
    // Rows a statement at a time, the rest one by one: a call into SQLite for each row costs as much as its writing.
    const [insertMany, insertOne] = [insertOf(rowsPerStatement), insertOf(1)];
    const write = (rows: readonly BulkRow[]) => {
      let next = 0;
      for (; next + rowsPerStatement <= rows.length; next += rowsPerStatement)
        insertMany.run(rows.slice(next, next + rowsPerStatement).flat());
      for (; next < rows.length; next += 1) insertOne.run(rows[next]);
      return Promise.resolve();
    };
    return {
      // The connection held throughout, so that nothing else runs between the pragma and the commit.
      transaction: (work) =>
        db.connection().execute(async (connection) => {
          const synchronous = database.pragma('synchronous', { simple: true }) as number;
          // NORMAL keeps the database whole at a power cut only under WAL (an in-memory database has none).
          if (database.pragma('journal_mode', { simple: true }) === 'wal') database.pragma('synchronous = NORMAL');
          database.exec('begin immediate');
          try {
            const result = await work(connection, write);
            database.exec('commit');
            return result;
          } catch (error) {
            if (database.inTransaction) database.exec('rollback');
            throw error;
          } finally {
            database.pragma(`synchronous = ${synchronous}`);
          }
        }),
      close: () => Promise.resolve(),
    };
  }
  const client = await driver.pool.connect();
  // Kysely over the writer's one connection, so that its queries are in the transaction COPY writes in.
  const own = kyselyOver(
    new PostgresDialect({
      pool: {
        connect: () => Promise.resolve({ query: client.query.bind(client), release: () => undefined }),
        end: () => Promise.resolve(),
      },
    }),
  );
  const copy = `copy ${table.name} (${columns}) from stdin`;
  const write = async (rows: readonly BulkRow[]) => {
    if (rows.length === 0) return;
    const text = rows.map((row) => `${row.map(copyField).join('\t')}\n`).join('');
    await pipeline(Readable.from([text]), client.query(copyFrom(copy)));
  };
  let broken = false;
  return {
    transaction: (work) =>
      own.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('set local synchronous_commit = off'));
        try {
          return await work(trx, write);
        } catch (error) {
          broken = true;
          throw error;
        }
      }),
    async close() {
      await own.destroy();
      // A connection a COPY failed on is not given back for another to find in the middle of it.
      client.release(broken);
    },
  };
}

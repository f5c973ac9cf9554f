import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../../test/helpers/database.ts';
import { type BulkTable, openBulkWriter } from './bulkRows.ts';
import { databaseDriver } from './createDb.ts';

const skips: BulkTable = { name: 'crime_upload_skips', columns: ['batch_id', 'seq', 'file_name', 'reason'], key: ['batch_id', 'seq'] };

for (const database of testDatabases()) {
  describe(`bulk rows on ${database.engine}`, () => {
    it('writes the rows and the transaction’s other changes together, values with tabs, line ends, backslashes and quotes as they were', async (t) => {
      const handle = await database.create();
      t.after(() => handle.close());
      const writer = await openBulkWriter(handle.db, skips);
      const awkward = 'a\tb\nc\r\\d "e" \'f\' \\N';
      await writer.transaction(async (trx, write) => {
        await trx
          .insertInto('crimeUploadSkips')
          .values({ batchId: 'b', seq: 0, fileName: 'first', reason: 'by the query builder' })
          .execute();
        await write([
          ['b', 1, awkward, 'ünïcode ✓'],
          ['b', 2, '', 'empty name'],
        ]);
      });
      await writer.close();
      const rows = await handle.db.selectFrom('crimeUploadSkips').select(['seq', 'fileName', 'reason']).orderBy('seq').execute();
      assert.deepEqual(rows, [
        { seq: 0, fileName: 'first', reason: 'by the query builder' },
        { seq: 1, fileName: awkward, reason: 'ünïcode ✓' },
        { seq: 2, fileName: '', reason: 'empty name' },
      ]);
    });

    it('writes every row of a write of many, however many a statement takes, and on SQLite passes over a key already there', async (t) => {
      const handle = await database.create();
      t.after(() => handle.close());
      const writer = await openBulkWriter(handle.db, skips);
      const row = (seq: number) => ['b', seq, `file ${seq}`, `reason ${seq}`] as const;
      await writer.transaction((_trx, write) => write(Array.from({ length: 123 }, (_, seq) => row(seq))));
      if (database.engine === 'sqlite') {
        // Written again from the middle, as a resumed import's batch would be: the rows already there are kept as they were.
        await writer.transaction((_trx, write) =>
          write(Array.from({ length: 60 }, (_, index) => (index < 23 ? ['b', 100 + index, 'again', 'again'] : row(100 + index)))),
        );
      }
      await writer.close();
      const rows = await handle.db.selectFrom('crimeUploadSkips').select(['seq', 'fileName', 'reason']).orderBy('seq').execute();
      const written = database.engine === 'sqlite' ? 160 : 123;
      assert.deepEqual(
        rows,
        Array.from({ length: written }, (_, seq) => ({ seq, fileName: `file ${seq}`, reason: `reason ${seq}` })),
      );
    });

    it('keeps nothing of a transaction whose work fails, rows or other changes, and writes on after it', async (t) => {
      const handle = await database.create();
      t.after(() => handle.close());
      const writer = await openBulkWriter(handle.db, skips);
      await assert.rejects(
        writer.transaction(async (trx, write) => {
          await trx.insertInto('crimeUploadSkips').values({ batchId: 'b', seq: 0, fileName: 'f', reason: 'r' }).execute();
          await write([['b', 1, 'f', 'r']]);
          throw new Error('stopped');
        }),
        /stopped/,
      );
      assert.equal((await handle.db.selectFrom('crimeUploadSkips').selectAll().execute()).length, 0);
      if (database.engine === 'sqlite') {
        // A second writer after the failed one: PostgreSQL's gave its connection up as broken.
        await writer.transaction((_trx, write) => write([['b', 3, 'f', 'r']]));
        assert.equal((await handle.db.selectFrom('crimeUploadSkips').selectAll().execute()).length, 1);
      }
      await writer.close();
    });
  });
}

describe('bulk rows on SQLite', () => {
  it('commits its own transactions with synchronous=NORMAL, and leaves a connection set FULL so for every other write', async (t) => {
    const [sqlite] = testDatabases();
    const handle = await sqlite!.create();
    t.after(() => handle.close());
    const driver = databaseDriver(handle.db);
    assert.equal(driver.engine, 'sqlite');
    if (driver.engine !== 'sqlite') return;
    const synchronous = () => driver.database.pragma('synchronous', { simple: true });
    // better-sqlite3 builds SQLite with NORMAL the default under WAL: a connection set FULL is kept FULL.
    driver.database.pragma('synchronous = FULL');
    const writer = await openBulkWriter(handle.db, skips);
    const during = await writer.transaction(async (_trx, write) => {
      await write([['b', 1, 'f', 'r']]);
      return synchronous();
    });
    assert.equal(during, 1);
    assert.equal(synchronous(), 2);
  });
});

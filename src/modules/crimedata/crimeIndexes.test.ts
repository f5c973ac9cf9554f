/**
 * The police.uk import appends (decision 0056): on SQLite the indexes the pages read crimes and their monthly counts
 * by lead with the month, so that a file, one month of one force, is written to one place of each rather than
 * among every LSOA's entries of every month held; the pages then ask for a period month by month.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/helpers/database.ts';
import { monthsBetween } from './crimedata.repository.ts';

describe('the crime indexes on SQLite', () => {
  it('lead with the month, then the LSOA, each still covering what the pages read', async () => {
    const sqlite = testDatabases().find((database) => database.engine === 'sqlite')!;
    const handle = await sqlite.create();
    try {
      const columns = async (index: string) =>
        (await sql<{ name: string }>`select name from pragma_index_info(${index}) order by seqno`.execute(handle.db)).rows.map(
          (row) => row.name,
        );
      assert.deepEqual(await columns('crimes_area_month'), ['month', 'lsoa_code', 'import_id', 'crime_type', 'location']);
      assert.deepEqual(await columns('crime_counts_area_month'), ['month', 'lsoa_code', 'import_id', 'crime_type', 'crimes']);
    } finally {
      await handle.close();
    }
  });

  it('keep crimes and their monthly counts in the order of their keys: a row written to its key and the index, no third B-tree', async () => {
    const sqlite = testDatabases().find((database) => database.engine === 'sqlite')!;
    const handle = await sqlite.create();
    try {
      const tables = await sql<{ name: string; wr: number }>`select name, wr from pragma_table_list
        where name in ('crimes', 'crime_counts') order by name`.execute(handle.db);
      assert.deepEqual(tables.rows, [
        { name: 'crime_counts', wr: 1 },
        { name: 'crimes', wr: 1 },
      ]);
      const key = async (table: string) =>
        (await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(handle.db)).rows.map(
          (row) => row.name,
        );
      assert.deepEqual(await key('crimes'), ['import_id', 'line']);
      assert.deepEqual(await key('crime_counts'), ['import_id', 'month', 'lsoa_code', 'crime_type']);
    } finally {
      await handle.close();
    }
  });
});

describe('a period asked for month by month', () => {
  it('lists every month from the first to the last, across a year’s end', () => {
    assert.deepEqual(monthsBetween('2024-11', '2025-02'), ['2024-11', '2024-12', '2025-01', '2025-02']);
    assert.deepEqual(monthsBetween('2025-06', '2025-06'), ['2025-06']);
  });

  it('is no month when the first is after the last: an empty text, as SQL has no empty list', () => {
    assert.deepEqual(monthsBetween('2025-07', '2025-06'), ['']);
  });
});

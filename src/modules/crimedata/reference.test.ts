import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { testDatabases } from '../../../test/helpers/database.ts';
import { createReferenceLoader } from './reference.ts';

const shipped = parse<Record<string, string>>(gunzipSync(readFileSync(join(import.meta.dirname, 'reference', 'lsoas.csv.gz'))), {
  columns: true,
});

for (const database of testDatabases()) {
  describe(`the ONS reference on ${database.engine}`, () => {
    it('holds every LSOA of the shipped file as a CSV parser reads it, a name with a comma whole, and is loaded once', async () => {
      const handle = await database.create();
      try {
        assert.equal((await handle.db.selectFrom('crimeLsoas').select('code').execute()).length, 0);
        const clock = { now: () => new Date('2026-01-20T09:00:00Z') };
        await createReferenceLoader(handle.db, database.engine, clock)();
        const rows = await handle.db.selectFrom('crimeLsoas').selectAll().orderBy('code').orderBy('edition').execute();
        const expected = shipped
          .map((row) => ({
            code: row.code,
            edition: Number(row.edition),
            name: row.name,
            cspCode: row.csp_code || null,
            population: row.population ? Number(row.population) : null,
          }))
          .sort((a, b) => (a.code! < b.code! ? -1 : a.code! > b.code! ? 1 : a.edition - b.edition));
        assert.equal(rows.length, 70_425);
        assert.deepEqual(
          rows.map((row) => ({
            ...row,
            edition: Number(row.edition),
            population: row.population === null ? null : Number(row.population),
          })),
          expected,
        );
        assert.ok(rows.some((row) => row.name === 'Bournemouth, Christchurch and Poole 035A'));
        // A second process finds the edition loaded: nothing is written again.
        const loadedAt = await handle.db.selectFrom('crimeReference').select('loadedAt').executeTakeFirstOrThrow();
        await createReferenceLoader(handle.db, database.engine, { now: () => new Date('2026-02-20T09:00:00Z') })();
        assert.deepEqual(await handle.db.selectFrom('crimeReference').select('loadedAt').executeTakeFirstOrThrow(), loadedAt);
      } finally {
        await handle.close();
      }
    });

    it('is loaded again, once, by two processes starting at once on a database of an older edition', async () => {
      const handle = await database.create();
      try {
        const clock = { now: () => new Date('2026-01-20T09:00:00Z') };
        await createReferenceLoader(handle.db, database.engine, clock)();
        await handle.db.updateTable('crimeReference').set({ edition: 'an older edition' }).execute();
        // Each process its own loader; on PostgreSQL the pool gives each its own connection.
        const results = await Promise.allSettled([
          createReferenceLoader(handle.db, database.engine, clock)(),
          createReferenceLoader(handle.db, database.engine, clock)(),
        ]);
        assert.deepEqual(
          results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : [])),
          [],
        );
        // ONS's "London, City of", as a sentence says it.
        const city = await handle.db.selectFrom('crimeCsps').select('forceName').where('code', '=', 'E22000180').executeTakeFirstOrThrow();
        assert.equal(city.forceName, 'City of London');
      } finally {
        await handle.close();
      }
    });
  });
}

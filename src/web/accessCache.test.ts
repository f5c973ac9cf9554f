import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../../test/helpers/database.ts';
import { createAccessCache } from './accessCache.ts';

for (const engine of testDatabases()) {
  describe(`the access cache (${engine.engine})`, () => {
    it('keeps an answer until access changes, and forgets one it is told not to keep', async (t) => {
      const database = await engine.create();
      t.after(() => database.close());
      const { db } = database;
      const cache = createAccessCache(db);
      let reads = 0;
      const read = () => Promise.resolve(++reads);
      const ask = async (key: string, keep?: (answer: number) => boolean) => (await cache.current()).get(key, read, keep);
      assert.equal(await ask('kept'), 1);
      assert.equal(await ask('kept'), 1);
      assert.equal(await ask('not found', () => false), 2);
      assert.equal(await ask('not found', () => false), 3);
      const when = '2026-12-06T10:00:00Z';
      await db
        .insertInto('areas')
        .values({
          id: 'a',
          name: 'An area',
          forceName: 'A force',
          oversightBody: 'A PCC',
          oversightKind: 'pcc',
          createdAt: when,
          updatedAt: when,
          archivedAt: null,
        })
        .execute();
      assert.equal(await ask('kept'), 4, 'read again once access has changed');
      assert.equal(await ask('kept'), 4);
    });
  });
}

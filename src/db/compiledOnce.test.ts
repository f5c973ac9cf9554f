import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testDatabases } from '../../test/helpers/database.ts';
import { compiledOnce } from './compiledOnce.ts';

for (const engine of testDatabases()) {
  describe(`a query compiled once (${engine.engine})`, () => {
    const liveSessions = compiledOnce((db, userId: string, now: string) =>
      db
        .selectFrom('sessions')
        .select(['id', 'expiresAt'])
        .where('userId', '=', userId)
        .where('expiresAt', '>', now)
        // A value of the query's own, not the caller's, stays as it was compiled.
        .where('id', '!=', 'never')
        .orderBy('id'),
    );

    it('runs with each call’s values, its rows named as the builder names them', async () => {
      const handle = await engine.create();
      try {
        const { db } = handle;
        const at = '2026-01-01T00:00:00Z';
        const user = { id: 'u1', email: 'a@example.com', name: 'A', passwordHash: 'x', isAdmin: 0, createdAt: at, updatedAt: at };
        await db.insertInto('users').values(user).execute();
        await db
          .insertInto('users')
          .values({ ...user, id: 'u2', email: 'b@example.com' })
          .execute();
        const session = (id: string, userId: string, expiresAt: string) => ({ id, userId, expiresAt, data: '{}' });
        await db
          .insertInto('sessions')
          .values([session('s1', 'u1', '2026-06-01'), session('s2', 'u1', '2026-01-02'), session('s3', 'u2', '2026-06-01')])
          .execute();
        assert.deepEqual(await liveSessions(db, 'u1', '2026-01-01'), [
          { id: 's1', expiresAt: '2026-06-01' },
          { id: 's2', expiresAt: '2026-01-02' },
        ]);
        assert.deepEqual(await liveSessions(db, 'u1', '2026-03-01'), [{ id: 's1', expiresAt: '2026-06-01' }]);
        assert.deepEqual(await liveSessions(db, 'u2', '2026-03-01'), [{ id: 's3', expiresAt: '2026-06-01' }]);
        assert.deepEqual(await liveSessions(db, 'nobody', '2026-03-01'), []);
      } finally {
        await handle.close();
      }
    });

    it('refuses a query that does not take a value as a parameter', async () => {
      const handle = await engine.create();
      try {
        const unused = compiledOnce((db, _userId: string) => db.selectFrom('sessions').select('id'));
        await assert.rejects(unused(handle.db, 'u1'), /value 0 is not a parameter/);
      } finally {
        await handle.close();
      }
    });
  });
}

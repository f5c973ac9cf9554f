/**
 * Accounts became people explicitly (migration 2026-12-10-01): the links the service used to make by matching
 * e-mail addresses at each request are kept as `people.user_id`, where the address names one person of the
 * partnership; where it names two, neither is linked (an officer chooses).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from '../src/db/createDb.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { testDatabases } from './helpers/database.ts';

for (const database of testDatabases()) {
  describe(`accounts become people on ${database.engine}`, () => {
    it('links a person to the account with their address, in any case, only where the address names one person', async () => {
      const handle = await database.createUnmigrated();
      try {
        const migrator = new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
        const { error } = await migrator.migrateTo('2026-12-09-06-minutes-entry-versions');
        assert.equal(error, undefined);
        const at = '2026-11-01T10:00:00.000Z';
        await sql`insert into areas (id, version, created_at, updated_at, name, force_name, oversight_body, oversight_kind)
          values ('a', 1, ${at}, ${at}, 'Leicestershire', 'Leicestershire Police', 'PCC', 'pcc')`.execute(handle.db);
        for (const [id, name] of [
          ['p', 'Charnwood'],
          ['q', 'Melton'],
        ]) {
          await sql`insert into partnerships (id, version, created_at, updated_at, area_id, name, short_name, local_authority)
            values (${id}, 1, ${at}, ${at}, 'a', ${name}, ${name}, ${name})`.execute(handle.db);
        }
        await sql`insert into users (id, version, created_at, updated_at, email, name, password_hash, is_admin)
          values ('u', 1, ${at}, ${at}, 'ann.smith@charnwood.gov.uk', 'Ann Smith', 'x', 0)`.execute(handle.db);
        for (const [id, partnership, email] of [
          ['ann-p', 'p', 'Ann.Smith@Charnwood.gov.uk'],
          ['ann-q', 'q', 'ann.smith@charnwood.gov.uk'],
          ['shared-q', 'q', 'ANN.SMITH@charnwood.gov.uk'],
          ['bob-p', 'p', 'bob@charnwood.gov.uk'],
          ['none-p', 'p', null],
        ]) {
          await sql`insert into people (id, version, created_at, updated_at, partnership_id, name, email)
            values (${id}, 1, ${at}, ${at}, ${partnership}, ${id}, ${email})`.execute(handle.db);
        }

        await migrateToLatest(handle.db);
        const people = await handle.db.selectFrom('people').select(['id', 'userId']).orderBy('id').execute();
        assert.deepEqual(people, [
          { id: 'ann-p', userId: 'u' },
          { id: 'ann-q', userId: null },
          { id: 'bob-p', userId: null },
          { id: 'none-p', userId: null },
          { id: 'shared-q', userId: null },
        ]);
        // The index holds one person per account and partnership from now on.
        await assert.rejects(handle.db.updateTable('people').set({ userId: 'u' }).where('id', '=', 'bob-p').execute());
        await handle.db.updateTable('people').set({ userId: 'u' }).where('id', '=', 'ann-q').execute();
      } finally {
        await handle.close();
      }
    });
  });
}

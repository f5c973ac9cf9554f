/**
 * Action owners became people or organisations (migration 2026-12-10-06): an owner typed in words is linked to the
 * one organisation of the partnership with that name, else to the one person with it where no organisation has it;
 * the rest stay in words, for an officer to resolve.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from '../src/db/createDb.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { testDatabases } from './helpers/database.ts';

for (const database of testDatabases()) {
  describe(`action owners become records on ${database.engine}`, () => {
    it('links owners that name one organisation or one person of the partnership, and leaves the rest in words', async () => {
      const handle = await database.createUnmigrated();
      try {
        const migrator = new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
        const { error } = await migrator.migrateTo('2026-12-10-01-accounts-are-people');
        assert.equal(error, undefined);
        const at = '2016-07-21T10:00:00.000Z';
        await sql`insert into areas (id, version, created_at, updated_at, name, force_name, oversight_body, oversight_kind)
          values ('a', 1, ${at}, ${at}, 'West Midlands', 'West Midlands Police', 'PCC', 'pcc')`.execute(handle.db);
        for (const [id, name] of [
          ['p', 'Coventry'],
          ['q', 'Solihull'],
        ]) {
          await sql`insert into partnerships (id, version, created_at, updated_at, area_id, name, short_name, local_authority)
            values (${id}, 1, ${at}, ${at}, 'a', ${name}, ${name}, ${name})`.execute(handle.db);
        }
        await sql`insert into groups (id, version, created_at, updated_at, partnership_id, name)
          values ('g', 1, ${at}, ${at}, 'p', 'Board')`.execute(handle.db);
        for (const [id, partnership, name] of [
          ['police', 'p', 'West Midlands Police'],
          ['probation', 'p', 'Probation'],
          ['twin-a', 'p', 'Victim Support'],
          ['twin-b', 'p', 'victim support '],
          ['council-q', 'q', 'Coventry City Council'],
        ]) {
          await sql`insert into organisations (id, version, created_at, updated_at, partnership_id, name, responsible_authority, sector)
            values (${id}, 1, ${at}, ${at}, ${partnership}, ${name}, 1, 'statutory')`.execute(handle.db);
        }
        for (const [id, partnership, name] of [
          ['sara', 'p', 'Sara Roach'],
          ['jo-1', 'p', 'Jo Bloggs'],
          ['jo-2', 'p', 'Jo Bloggs'],
          ['probation-person', 'p', 'Probation'],
          ['pete-q', 'q', 'Pete Morgan'],
        ]) {
          await sql`insert into people (id, version, created_at, updated_at, partnership_id, name)
            values (${id}, 1, ${at}, ${at}, ${partnership}, ${name})`.execute(handle.db);
        }
        const owners = {
          'by-organisation': ' west MIDLANDS police ',
          'by-person': 'sara roach',
          'organisation-over-person': 'Probation',
          'two-people': 'Jo Bloggs',
          'two-organisations': 'Victim Support',
          'other-partnership-person': 'Pete Morgan',
          'other-partnership-organisation': 'Coventry City Council',
          words: 'All agencies',
        };
        for (const [id, owner] of Object.entries(owners)) {
          await sql`insert into actions (id, version, partnership_id, group_id, description, owner, status, created_at, updated_at)
            values (${id}, 1, 'p', 'g', 'Do it', ${owner}, 'open', ${at}, ${at})`.execute(handle.db);
        }

        await migrateToLatest(handle.db);
        const rows = await handle.db
          .selectFrom('actions')
          .select(['id', 'owner', 'ownerPersonId', 'ownerOrganisationId'])
          .orderBy('id')
          .execute();
        assert.deepEqual(
          rows.map((row) => [row.id, row.owner, row.ownerPersonId, row.ownerOrganisationId]),
          [
            ['by-organisation', 'West Midlands Police', null, 'police'],
            ['by-person', 'Sara Roach', 'sara', null],
            ['organisation-over-person', 'Probation', null, 'probation'],
            ['other-partnership-organisation', 'Coventry City Council', null, null],
            ['other-partnership-person', 'Pete Morgan', null, null],
            ['two-organisations', 'Victim Support', null, null],
            ['two-people', 'Jo Bloggs', null, null],
            ['words', 'All agencies', null, null],
          ],
        );
      } finally {
        await handle.close();
      }
    });
  });
}

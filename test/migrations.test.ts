/**
 * Migrations run on a database that already holds the work of earlier releases: the actions recorded in
 * minutes before actions could be agreed outside a meeting keep their rows, and gain their meeting's group; the
 * police.uk files held before LSOAs were kept by census edition gain the edition they are coded in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { migrateToLatest } from '../src/db/createDb.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { testDatabases } from './helpers/database.ts';

for (const database of testDatabases()) {
  describe(`migrations on ${database.engine}`, () => {
    it('gives the actions of earlier meetings their group, and then takes actions outside meetings', async () => {
      const handle = await database.createUnmigrated();
      try {
        const migrator = new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
        const { error } = await migrator.migrateTo('2026-12-01-03-vote-majority');
        assert.equal(error, undefined);
        const at = '2016-07-21T10:00:00.000Z';
        await sql`insert into areas (id, version, created_at, updated_at, name, force_name, oversight_body, oversight_kind)
          values ('a', 1, ${at}, ${at}, 'West Midlands', 'West Midlands Police', 'PCC', 'pcc')`.execute(handle.db);
        await sql`insert into partnerships (id, version, created_at, updated_at, area_id, name, short_name, local_authority)
          values ('p', 1, ${at}, ${at}, 'a', 'Coventry Community Safety Partnership', 'Coventry', 'Coventry City Council')`.execute(
          handle.db,
        );
        await sql`insert into groups (id, version, created_at, updated_at, partnership_id, name)
          values ('g', 1, ${at}, ${at}, 'p', 'Board')`.execute(handle.db);
        await sql`insert into meetings (id, version, created_at, updated_at, partnership_id, group_id, meeting_date, start_time, location, kind, status)
          values ('m', 1, ${at}, ${at}, 'p', 'g', '2016-07-21', '10:00', 'Council House', 'ordinary', 'held')`.execute(handle.db);
        await sql`insert into agenda_items (id, version, created_at, updated_at, partnership_id, meeting_id, section, position, title, confidential)
          values ('i', 1, ${at}, ${at}, 'p', 'm', 'decision', 1, 'Strategic Assessment', 0)`.execute(handle.db);
        await sql`insert into actions (id, version, partnership_id, meeting_id, agenda_item_id, description, owner, due_date, status, created_at, updated_at)
          values ('x', 1, 'p', 'm', 'i', 'Circulate the Strategic Assessment', 'All agencies', '2016-08-01', 'open', ${at}, ${at})`.execute(
          handle.db,
        );
        await sql`insert into action_updates (id, action_id, status, note, updated_at) values ('u', 'x', 'open', 'Started', ${at})`.execute(
          handle.db,
        );

        await migrateToLatest(handle.db);
        const rows = await handle.db.selectFrom('actions').selectAll().execute();
        assert.deepEqual(
          rows.map((row) => [row.id, row.groupId, row.meetingId, row.description]),
          [['x', 'g', 'm', 'Circulate the Strategic Assessment']],
        );
        assert.equal((await handle.db.selectFrom('actionUpdates').selectAll().execute()).length, 1);
        // An action of the plan, with no meeting, now fits; and one of an unknown group still does not.
        await handle.db
          .insertInto('actions')
          .values({
            id: 'y',
            partnershipId: 'p',
            groupId: 'g',
            meetingId: null,
            agendaItemId: null,
            description: 'Review repeat referrals',
            owner: 'Community Safety Team',
            dueDate: null,
            status: 'open',
            createdAt: at,
            updatedAt: at,
          })
          .execute();
        await assert.rejects(
          handle.db
            .insertInto('actions')
            .values({
              id: 'z',
              partnershipId: 'p',
              groupId: 'nowhere',
              meetingId: null,
              agendaItemId: null,
              description: 'Lost',
              owner: 'Nobody',
              dueDate: null,
              status: 'open',
              createdAt: at,
              updatedAt: at,
            })
            .execute(),
        );
      } finally {
        await handle.close();
      }
    });

    it('gives each police.uk file already held the LSOA edition its codes are of, else its month’s', async () => {
      const handle = await database.createUnmigrated();
      try {
        const migrator = new Migrator({ db: handle.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
        assert.equal((await migrator.migrateTo('2026-12-07-03-deferred-decisions-carried')).error, undefined);
        await sql`insert into crime_reference (name, edition, loaded_at) values ('ons', 'old', '2026-12-01T00:00:00Z')`.execute(handle.db);
        // E01000001 is in both editions; E01000002 ended in 2021; E01035000 was made in 2021.
        await sql`insert into crime_lsoas (code, name, in2011, in2021, csp_code, population)
          values ('E01000001', 'A', 1, 1, 'C', 1), ('E01000002', 'B', 1, 0, 'C', 1), ('E01035000', 'D', 0, 1, 'C', 1)`.execute(handle.db);
        const files = [
          ['old-codes', '2023-02', 'E01000002'],
          ['new-codes', '2022-06', 'E01035000'],
          ['both-2022', '2022-12', 'E01000001'],
          ['both-2023', '2023-01', 'E01000001'],
        ];
        for (const [id, month, lsoa] of files) {
          await sql`insert into crime_imports (id, file_name, sha256, bytes, status, force_code, month, created_at)
            values (${id}, ${id}, ${id}, 1, 'complete', ${id}, ${month}, '2026-12-01T00:00:00Z')`.execute(handle.db);
          await sql`insert into crimes (import_id, line, month, location, lsoa_code, crime_type)
            values (${id}, 2, ${month}, 'On or near Here', ${lsoa}, 'Burglary'), (${id}, 3, ${month}, 'On or near Here', 'E01000001', 'Burglary')`.execute(
            handle.db,
          );
        }

        await migrateToLatest(handle.db);
        const editions = await handle.db.selectFrom('crimeImports').select(['id', 'lsoaEdition']).orderBy('id').execute();
        assert.deepEqual(editions, [
          { id: 'both-2022', lsoaEdition: 2011 },
          { id: 'both-2023', lsoaEdition: 2021 },
          { id: 'new-codes', lsoaEdition: 2021 },
          { id: 'old-codes', lsoaEdition: 2011 },
        ]);
        // The reference is loaded again, in its new shape, when next needed.
        assert.equal((await handle.db.selectFrom('crimeReference').selectAll().execute()).length, 0);
      } finally {
        await handle.close();
      }
    });
  });
}

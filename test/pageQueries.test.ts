/**
 * The queries a page makes, counted (never timed), on each engine: a signed-in request pays for its session (read with
 * the access generation), and for its principal and the partnership switcher only when access has changed; and the
 * partnership overview makes as many queries with a year of meetings waiting for their minutes as with a few, each read
 * afresh (not kept: decision 0057).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { sql } from 'kysely';
import { seedHistory } from '../bench/volume.ts';
import { createContainer } from '../src/container.ts';
import { createLogMailer } from '../src/modules/notifications/index.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import { testConfig } from './helpers/app.ts';
import { build } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { cityOfLondonForce, policeUkFixtures } from './helpers/policeuk.ts';
import { countingQueries } from './helpers/queryCount.ts';

const clock = { now: () => new Date('2026-12-06T10:00:00Z') };
/** The table a query reads, leaving aside its subqueries. */
const tableRead = (query: string) => /from "([a-z_]+)"/.exec(query.replace(/\(select [^()]*\)/g, ''))?.[1] ?? query;

for (const engine of testDatabases()) {
  describe(`the queries a page makes (${engine.engine})`, () => {
    it('a signed-in page of the layout alone makes 1, its session with the access generation; after a change to access, 4', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      const { client } = await build(t, { database, clock, as: 'officer' });
      // The not-found page draws the layout and nothing else.
      await client.get('/no-such-page');
      counter.reset();
      const response = await client.get('/no-such-page');
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /Sign out/);
      assert.deepEqual(counter.queries.map(tableRead), ['sessions']);
      // What the principal may do and the switcher's partnerships are read again once anything they come from changes.
      await sql`update areas set name = name`.execute(database.db);
      counter.reset();
      await client.get('/no-such-page');
      assert.deepEqual(counter.queries.map(tableRead).sort(), ['partnerships', 'people', 'sessions', 'users']);
    });

    it('the meeting page reads its meeting and its minutes once, however many of its parts ask for them', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      const { client, container, coventry } = await build(t, { database, clock, as: 'officer' });
      const groupIds = (await container.governance.groups.list(coventry)).map((group) => group.id);
      const meeting = await seedHistory(database.db, coventry, groupIds, {
        meetingCount: 20,
        actionsPerMeeting: 10,
        firstMonth: '2026-01',
      });
      await client.get(`/partnerships/${coventry}/meetings/${meeting}`);
      // A change to the meeting, so that the page is read afresh rather than kept (decision 0057).
      await sql`update meetings set location = location where id = ${meeting}`.execute(database.db);
      counter.reset();
      const response = await client.get(`/partnerships/${coventry}/meetings/${meeting}`);
      assert.equal(response.statusCode, 200);
      const readsOfTheMeeting = counter.queries.filter((query) => /^select "meetings"\.\*.* "meetings"\."id" = /.test(query));
      assert.equal(readsOfTheMeeting.length, 1, readsOfTheMeeting.join('\n'));
      const readsOfItsMinutes = counter.queries.filter((query) => /^select \* from "meeting_minutes" where "meeting_id" = /.test(query));
      assert.equal(readsOfItsMinutes.length, 1, readsOfItsMinutes.join('\n'));
    });

    it('the partnership overview makes as many queries with 30 meetings waiting for minutes as with 10, and counts the overdue actions', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      const { client, container, coventry } = await build(t, { database, clock, as: 'officer' });
      const groupIds = (await container.governance.groups.list(coventry)).slice(0, 2).map((group) => group.id);
      const queriesWith = async (meetingCount: number, firstMonth: string) => {
        await seedHistory(database.db, coventry, groupIds, { meetingCount, actionsPerMeeting: 2, firstMonth });
        await client.get(`/partnerships/${coventry}`);
        // A change to one of its actions, so that the overview is read afresh rather than kept (decision 0057).
        await sql`update actions set description = description where partnership_id = ${coventry}`.execute(database.db);
        counter.reset();
        const response = await client.get(`/partnerships/${coventry}`);
        assert.equal(response.statusCode, 200);
        return { queries: counter.queries.length, body: response.body };
      };
      const few = await queriesWith(10, '2026-01');
      const many = await queriesWith(20, '2025-12');
      assert.equal(many.queries, few.queries, 'queries with 30 meetings waiting for minutes as with 10');
      // Of each 20 actions one is open and one carried forward, each due a month after its meeting: 6 of the 60 are overdue.
      // The overview counts what the action log lists as overdue.
      const [officer] = (await container.accounts.listUsers()).filter((user) => user.email === 'officer@example.com');
      const principal = await container.accounts.loadPrincipal(officer?.id ?? '');
      assert.ok(principal);
      const overdue = (await container.actions.actionLog(coventry, principal, { overdue: true })).length;
      assert.ok(overdue > 0);
      assert.match(many.body, new RegExp(`>${overdue} actions are overdue<`));
    });

    it('the hotspot page reads the partnership’s area and its force’s months once, in one query, though each of its parts asks', async (t) => {
      const handle = await engine.create();
      const { database, counter } = countingQueries(handle);
      const { client, container, coventry } = await build(t, { database, clock, as: 'officer' });
      await cityOfLondonForce(container, coventry);
      await container.crimeData.setArea(systemPrincipal, coventry, 'E22000180');
      // The import writes through the database's own driver, which the counting handle does not have.
      const importer = createContainer(testConfig, { clock, database: handle, mailer: createLogMailer(() => undefined) });
      const page = `/partnerships/${coventry}/crime-data/hotspots?month=2025-12`;
      const importMonth = (month: string) =>
        importer.crimeData.importFile(systemPrincipal, join(policeUkFixtures, `${month}-city-of-london-street.csv`));
      await importMonth('2025-11');
      // Once before, so that the queries compiled once are compiled (the counter sees a compiled query as it is made).
      await client.get(page);
      // December completed by another process: the next page reads the area and months again, in one query.
      await importMonth('2025-12');
      counter.reset();
      const response = await client.get(page);
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /City of London 001/);
      const reads = (pattern: RegExp) => counter.queries.filter((query) => pattern.test(query)).length;
      assert.equal(reads(/from "crime_areas" inner join "crime_csps" on .* left join "crime_imports"/), 1, counter.queries.join('\n'));
      assert.equal(reads(/from "crime_imports"/), 0, 'the months held come with the area');
      // Asked again, nothing changed: the area and months are kept with the access answers (decision 0061).
      counter.reset();
      assert.match((await client.get(page)).body, /City of London 001/);
      assert.equal(counter.queries.length, 1, `the session alone\n${counter.queries.join('\n')}`);
    });
  });
}

/**
 * A page of the action log or the decisions register is kept while nothing it is read from changes (decision 0057's
 * count of the partnership's changes, to the minute, itself kept while no count moves: decision 0061): asked again it
 * reads only the session; a change made anywhere is on the very next page; and what only an officer is told never
 * reaches a member's page, whoever asked first. Counted, never timed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedHistory } from '../bench/volume.ts';
import { build, signedInAs } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';
import { countingQueries } from './helpers/queryCount.ts';

const clock = { now: () => new Date('2026-12-06T10:00:00Z') };
/** The page's own part: the layout around it (name, token) is the request's. */
const mainOf = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? '';

for (const engine of testDatabases()) {
  describe(`the action log and the decisions register kept (${engine.engine})`, () => {
    it('is read again only when something changed, and shows a change made outside the app at the next request', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      const { client, container, coventry, boardId } = await build(t, { database, clock, as: 'officer' });
      const { db } = container.database;
      await seedHistory(db, coventry, [boardId], { meetingCount: 3, actionsPerMeeting: 2, firstMonth: '2026-09' });
      const log = `/partnerships/${coventry}/actions`;
      const register = `/partnerships/${coventry}/decisions`;
      for (const page of [log, `${log}?status=open`, register, `${register}?q=agreed`]) {
        const first = await client.get(page);
        counter.reset();
        const again = await client.get(page);
        assert.equal(mainOf(again.body), mainOf(first.body));
        assert.equal(counter.queries.length, 1, `asked again: the session alone\n${counter.queries.join('\n')}`);
      }
      await sql`update actions set description = 'Renamed outside the app' where partnership_id = ${coventry}`.execute(db);
      assert.match((await client.get(log)).body, /Renamed outside the app/);
      await sql`update groups set name = 'A board renamed' where id = ${boardId}`.execute(db);
      assert.match((await client.get(log)).body, /A board renamed/);
      assert.match((await client.get(register)).body, /A board renamed/);
      await sql`update decisions set wording = 'Reworded outside the app' where partnership_id = ${coventry}`.execute(db);
      assert.match((await client.get(register)).body, /Reworded outside the app/);
    });

    it('never shows a member what only an officer is told, whoever asked first', async (t) => {
      const {
        app,
        client: officer,
        container,
        coventry,
        boardId,
      } = await build(t, { database: await engine.create(), clock, as: 'officer' });
      await seedHistory(container.database.db, coventry, [boardId], { meetingCount: 2, actionsPerMeeting: 2, firstMonth: '2026-09' });
      // An owner written in words: the officer is asked to resolve it; a member is not.
      await sql`update actions set owner = 'Someone in words', owner_person_id = null, owner_organisation_id = null where partnership_id = ${coventry}`.execute(
        container.database.db,
      );
      const member = await signedInAs({ app, container, coventry }, 'member');
      const log = `/partnerships/${coventry}/actions`;
      const officerOnly = /data-qa="owners-to-resolve-link"/;
      assert.match((await officer.get(log)).body, officerOnly);
      assert.doesNotMatch((await member.get(log)).body, officerOnly);
      // And the other way round: the member first.
      await sql`update actions set status = 'open' where partnership_id = ${coventry}`.execute(container.database.db);
      assert.doesNotMatch((await member.get(log)).body, officerOnly);
      assert.match((await officer.get(log)).body, officerOnly);
    });
  });
}

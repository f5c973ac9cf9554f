/**
 * A meeting's page and the partnership's overview are kept while nothing they are read from changes (decision 0057):
 * every write to each table they read moves the partnership's count, in the write's own transaction, on each engine;
 * a change made anywhere is on the very next page; time moving on moves the page with it; and one reader's buttons
 * and own business never reach another's page, whoever asked first. Counted, never timed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedHistory } from '../../../bench/volume.ts';
import { build, signedInAs } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { countingQueries } from '../../../test/helpers/queryCount.ts';
import { generationOf } from '../../../test/helpers/generations.ts';
import type { Db } from '../../db/createDb.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemoFunding } from '../funding/index.ts';
import { seedDemoMeetings } from './index.ts';

const versionOf = async (db: Db, partnershipId: string) =>
  Number(
    (await db.selectFrom('partnershipVersions').select('version').where('partnershipId', '=', partnershipId).executeTakeFirst())?.version ??
      0,
  );

/**
 * The tables these pages may read that are not about what they show (the session, and who the reader is: its own
 * key), or that change only with a table that is counted.
 */
const readersOwn = new Set([
  'sessions',
  'access_generation',
  'page_generation',
  'partnership_versions',
  'users',
  'role_grants',
  'chair_appointments',
  'areas',
  // Kept by triggers on the actions, which are counted: it cannot change without them.
  'action_counts',
]);

/** The tables a query reads. */
const tablesOf = (queries: readonly string[]) =>
  new Set(queries.flatMap((query) => [...query.matchAll(/(?:from|join) "([a-z_]+)"/g)].map((match) => match[1] ?? '')));

/** Whether a table has this migration's trigger, on either engine. */
async function counted(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = ${table}`
    .execute(db)
    .catch(() => sql<{ name: string }>`select tgname as name from pg_trigger where tgrelid = ${table}::regclass`.execute(db));
  return rows.some((row) => row.name.startsWith(`${table}_partnership_changed`));
}

/** The page without its layout (whose CSRF token and nonce change at every request). */
const mainOf = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'));

/** 1 December 2026, 09:00 in England: the board meets that afternoon at 14:00, and again later in the month. */
const start = new Date('2026-12-01T09:00:00Z');

for (const engine of testDatabases()) {
  describe(`a meeting's page and the overview kept while nothing changes (${engine.engine})`, () => {
    it('counts every write to each table the pages are read from, for its partnership only, and watches every table they read', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      const clock = { now: () => start };
      const { client, container, coventry, boardId } = await build(t, { database, clock, as: 'officer' });
      const { db } = container.database;
      const groupIds = (await container.governance.groups.list(coventry)).map((group) => group.id);
      const meetingId = await seedHistory(db, coventry, groupIds, { meetingCount: 6, actionsPerMeeting: 2, firstMonth: '2026-09' });
      await seedDemoMeetings(container.governance, container.meetings, clock, coventry);
      await seedDemoFunding(container, coventry);
      const later = await scheduleMeeting(container.meetings, coventry, boardId, '2026-12-10');
      const { meeting } = await container.meetings.get(coventry, later);
      await container.meetings.reschedule(systemPrincipal, coventry, later, meeting.version, {
        meetingDate: '2026-12-11',
        startTime: '14:00',
        location: 'Council House',
        reason: 'The room was taken',
      });
      const [other] = (await container.governance.partnerships.list(null)).filter((p) => p.id !== coventry);
      const otherBefore = await versionOf(db, other?.id ?? '');

      // Every table the two pages read (as an officer, who reads the most) counts changes.
      counter.reset();
      for (const page of [
        `/partnerships/${coventry}/meetings/${meetingId}`,
        `/partnerships/${coventry}/meetings/${later}`,
        `/partnerships/${coventry}`,
        // The action log and the decisions register are kept by the same count.
        `/partnerships/${coventry}/actions`,
        `/partnerships/${coventry}/decisions`,
      ]) {
        assert.equal((await client.get(page)).statusCode, 200);
      }
      const read = [...tablesOf(counter.queries)].filter((table) => !readersOwn.has(table));
      assert.ok(read.includes('actions') && read.includes('meeting_changes') && read.includes('grants'), read.join(', '));
      for (const table of read) assert.ok(await counted(db, table), `${table} is read by the pages, so counts its changes`);

      const pageGeneration = () => generationOf(db, 'pageGeneration');
      const moved = async (change: string, write: () => Promise<unknown>) => {
        const [before, generation] = [await versionOf(db, coventry), await pageGeneration()];
        await write();
        assert.ok((await versionOf(db, coventry)) > before, `${change} moves the count`);
        assert.ok((await pageGeneration()) > generation, `${change} moves the page generation read with the session`);
      };
      // Each table read that holds a row of Coventry's, changed in place (its partnership in a column, or its parent's).
      for (const table of read) {
        const ofCoventry =
          table === 'partnerships'
            ? sql`id = ${coventry}`
            : table === 'meeting_changes'
              ? sql`meeting_id in (select id from meetings where partnership_id = ${coventry})`
              : sql`partnership_id = ${coventry}`;
        const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${ofCoventry}`.execute(db);
        if (Number(rows[0]?.n) === 0) continue;
        const column = table === 'partnerships' ? 'id' : table === 'meeting_changes' ? 'meeting_id' : 'partnership_id';
        await moved(`an update of ${table}`, () =>
          sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)} where ${ofCoventry}`.execute(db),
        );
      }
      // Deleted and put back: a table with its partnership in a column, and one whose partnership is its parent's.
      const action = await db.selectFrom('actions').selectAll().where('partnershipId', '=', coventry).executeTakeFirstOrThrow();
      await moved('an action deleted', () => db.deleteFrom('actions').where('id', '=', action.id).execute());
      await moved('an action added', () => db.insertInto('actions').values(action).execute());
      const change = await db.selectFrom('meetingChanges').selectAll().where('meetingId', '=', later).executeTakeFirstOrThrow();
      await moved('a meeting change deleted', () => db.deleteFrom('meetingChanges').where('id', '=', change.id).execute());
      await moved('a meeting change added', () => db.insertInto('meetingChanges').values(change).execute());

      // A change undone counts nothing; another partnership's count never moved.
      const before = await versionOf(db, coventry);
      await db
        .transaction()
        .execute(async (trx) => {
          await sql`update actions set description = 'undone' where partnership_id = ${coventry}`.execute(trx);
          throw new Error('undone');
        })
        .catch(() => undefined);
      assert.equal(await versionOf(db, coventry), before);
      assert.equal(await versionOf(db, other?.id ?? ''), otherBefore);
    });

    it('reads a page again only when something changed, and shows a change made outside the app at the next request', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      let now = start;
      const { client, container, coventry, boardId } = await build(t, { database, clock: { now: () => now }, as: 'officer' });
      const { db } = container.database;
      const meetingId = await scheduleMeeting(container.meetings, coventry, boardId, '2026-12-01');
      await seedHistory(db, coventry, [boardId], { meetingCount: 2, actionsPerMeeting: 2, firstMonth: '2026-09' });
      const page = `/partnerships/${coventry}/meetings/${meetingId}`;
      const overview = `/partnerships/${coventry}`;
      for (const address of [page, overview]) {
        const first = await client.get(address);
        counter.reset();
        const again = await client.get(address);
        assert.equal(mainOf(again.body), mainOf(first.body), 'the same page, the layout aside');
        assert.equal(counter.queries.length, 1, `asked again, nothing changed: the session alone\n${counter.queries.join('\n')}`);
      }
      // A matter arising renamed, the meeting moved to another room: statements typed into the database.
      await sql`update actions set description = 'Renamed outside the app' where partnership_id = ${coventry}`.execute(db);
      assert.match((await client.get(page)).body, /Renamed outside the app/);
      await sql`update meetings set location = 'The Old Library' where id = ${meetingId}`.execute(db);
      assert.match((await client.get(page)).body, /The Old Library/);
      // Every action of the board falls overdue: the overview's figure follows.
      const overdue = /data-qa="overview-overdue">([^<]+)</;
      const figure = overdue.exec((await client.get(overview)).body)?.[1];
      await sql`update actions set due_date = '2026-11-01', status = 'open' where partnership_id = ${coventry}`.execute(db);
      assert.notEqual(overdue.exec((await client.get(overview)).body)?.[1], figure);
      assert.match((await client.get(overview)).body, /4 actions are overdue/);
      await sql`update partnerships set name = 'Renamed outside the app' where id = ${coventry}`.execute(db);
      assert.match(mainOf((await client.get(overview)).body), /<h1 class="govuk-heading-l">Renamed outside the app<\/h1>/);
      // Nothing written, but the meeting has started: it can be recorded as held.
      assert.doesNotMatch((await client.get(page)).body, /data-qa="record-held"/);
      now = new Date('2026-12-01T14:00:00Z');
      const started = (await client.get(page)).body;
      assert.match(started, /data-qa="record-held"/);
      // The page kept carries each request's own token in its forms, and the form it offers works.
      const again = (await client.get(page)).body;
      for (const body of [started, again]) {
        const fields = [...body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((match) => match[1]);
        assert.ok(fields.length > 0);
        assert.deepEqual(new Set(fields), new Set([/<meta name="csrf-token" content="([^"]+)">/.exec(body)?.[1]]));
      }
      const version = /name="version" value="(\d+)"/.exec(started)?.[1] ?? '';
      const held = await client.post(`${page}/held`, { version }, { tokenFrom: page });
      assert.equal(held.statusCode, 302);
      assert.match((await client.get(page)).body, /Recorded that the meeting was held/);
    });

    it('never shows a member what only an officer may do or read, whoever asked first', async (t) => {
      const { app, client: officer, container, coventry, boardId } = await build(t, { database: await engine.create(), as: 'officer' });
      const member = await signedInAs({ app, container, coventry }, 'member');
      // The buttons of an officer, and a Part II item's title, which only the board's members and officers read.
      const officerOnly = /data-qa="reschedule"|data-qa="cancel-meeting"|A family at risk/;
      const meetingOn = async (date: string) => {
        const id = await scheduleMeeting(container.meetings, coventry, boardId, date);
        await addAgendaItem(container.agenda, coventry, id, 'A family at risk', { confidential: true });
        return `/partnerships/${coventry}/meetings/${id}`;
      };
      const first = await meetingOn('2026-12-10');
      assert.match((await officer.get(first)).body, officerOnly);
      const seen = await member.get(first);
      assert.equal(seen.statusCode, 200);
      assert.doesNotMatch(seen.body, officerOnly);
      // The other way round: a member first, then the officer still sees the buttons.
      const second = await meetingOn('2026-12-17');
      assert.doesNotMatch((await member.get(second)).body, officerOnly);
      assert.match((await officer.get(second)).body, officerOnly);
    });
  });
}

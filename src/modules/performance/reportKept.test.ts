/**
 * A report's page is kept while nothing it is read from changes (decision 0054): every write to each table it is
 * read from moves its partnership's count, in the write's own transaction, on each engine; a figure changed anywhere
 * is on the very next page; and what only an analyst may do never reaches a reader who may not, whoever asked first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../../app.ts';
import { createContainer } from '../../container.ts';
import { createDb, type Db } from '../../db/createDb.ts';
import { Browser, testConfig } from '../../../test/helpers/app.ts';
import { build, signedInAs, testPassword } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { generationOf } from '../../../test/helpers/generations.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemoStrategy } from '../strategy/index.ts';
import { seedDemoPerformance } from './index.ts';

const versionOf = async (db: Db, partnershipId: string) =>
  Number(
    (await db.selectFrom('performanceVersions').select('version').where('partnershipId', '=', partnershipId).executeTakeFirst())?.version ??
      0,
  );

/** Each table the report is read from, a column to write to itself, and which of its rows are the partnership's. */
const watched = (id: string) =>
  [
    ['partnerships', 'name', sql`id = ${id}`],
    ['groups', 'name', sql`partnership_id = ${id}`],
    ['priorities', 'title', sql`partnership_id = ${id}`],
    ['indicators', 'name', sql`partnership_id = ${id}`],
    ['measurements', 'value', sql`partnership_id = ${id}`],
    ['msg_comparisons', 'source', sql`partnership_id = ${id}`],
    ['msg_members', 'name', sql`comparison_id in (select id from msg_comparisons where partnership_id = ${id})`],
    ['populations', 'population', sql`partnership_id = ${id}`],
    ['performance_reports', 'summary', sql`partnership_id = ${id}`],
    ['report_commentary', 'commentary', sql`report_id in (select id from performance_reports where partnership_id = ${id})`],
  ] as const;

/** Coventry's demo figures and strategy, with a population and a draft's commentary, so that every watched table has a row of it. */
async function seeded(container: Container, coventry: string): Promise<void> {
  await seedDemoPerformance(container.governance, container.performance, coventry);
  await seedDemoStrategy(container, coventry);
  await container.performance.savePopulation(systemPrincipal, coventry, { yearStarting: 2016, population: 350_000, source: 'ONS' });
  const [indicator] = await container.performance.indicators.list(coventry);
  await container.performance.saveCommentary(systemPrincipal, coventry, '2016-17 Q1', indicator?.id ?? '', 'Under review.');
}

/** The page without its layout (whose CSRF token and nonce change at every request). */
const mainOf = (body: string) => body.slice(body.indexOf('<main'), body.indexOf('</main>'));

for (const engine of testDatabases()) {
  describe(`a report's page kept while its figures stand still (${engine.engine})`, () => {
    it('counts every write to each table the report is read from, for its partnership only', async (t) => {
      const { container, coventry } = await build(t, { database: await engine.create(), as: 'nobody' });
      await seeded(container, coventry);
      const { db } = container.database;
      const [other] = (await container.governance.partnerships.list(null)).filter((p) => p.id !== coventry);
      const otherBefore = await versionOf(db, other?.id ?? '');
      const moved = async (change: string, write: () => Promise<unknown>) => {
        const [before, generation] = [await versionOf(db, coventry), await generationOf(db, 'pageGeneration')];
        await write();
        assert.ok((await versionOf(db, coventry)) > before, `${change} moves the count`);
        assert.ok((await generationOf(db, 'pageGeneration')) > generation, `${change} moves the page generation read with the session`);
      };
      for (const [table, column, ofCoventry] of watched(coventry)) {
        await moved(`an update of ${table}`, async () => {
          const { numAffectedRows } =
            await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${sql.ref(column)} where ${ofCoventry}`.execute(db);
          assert.ok(Number(numAffectedRows) > 0, `a row of ${table} to change`);
        });
      }
      // Deleted and put back: a table with its partnership in a column, and each kind whose partnership is its parent's.
      const measurement = await db.selectFrom('measurements').selectAll().where('partnershipId', '=', coventry).executeTakeFirstOrThrow();
      await moved('a measurement deleted', () => db.deleteFrom('measurements').where('id', '=', measurement.id).execute());
      await moved('a measurement added', () => db.insertInto('measurements').values(measurement).execute());
      const member = await db
        .selectFrom('msgMembers')
        .selectAll('msgMembers')
        .innerJoin('msgComparisons', 'msgComparisons.id', 'msgMembers.comparisonId')
        .where('msgComparisons.partnershipId', '=', coventry)
        .executeTakeFirstOrThrow();
      await moved('a group member deleted', () => db.deleteFrom('msgMembers').where('id', '=', member.id).execute());
      await moved('a group member added', () => db.insertInto('msgMembers').values(member).execute());
      const written = await db.selectFrom('reportCommentary').selectAll().executeTakeFirstOrThrow();
      const ofWritten = (q: ReturnType<typeof db.deleteFrom<'reportCommentary'>>) =>
        q.where('reportId', '=', written.reportId).where('indicatorId', '=', written.indicatorId);
      await moved('a commentary deleted', () => ofWritten(db.deleteFrom('reportCommentary')).execute());
      await moved('a commentary added', () => db.insertInto('reportCommentary').values(written).execute());

      // A change undone counts nothing; another partnership's count never moved.
      const before = await versionOf(db, coventry);
      await db
        .transaction()
        .execute(async (trx) => {
          await sql`update measurements set value = 1 where partnership_id = ${coventry}`.execute(trx);
          throw new Error('undone');
        })
        .catch(() => undefined);
      assert.equal(await versionOf(db, coventry), before);
      assert.equal(await versionOf(db, other?.id ?? ''), otherBefore);
    });

    it('shows a figure changed outside the app at the next request, and reads the report only when something changed', async (t) => {
      const { client, container, coventry } = await build(t, { database: await engine.create(), as: 'analyst' });
      await seeded(container, coventry);
      const { db } = container.database;
      const page = `/partnerships/${coventry}/performance/reports/2016-17-q1`;
      const { performance } = container;
      const report = performance.report.bind(performance);
      let reads = 0;
      performance.report = (...args) => ((reads += 1), report(...args));
      const first = await client.get(page);
      assert.equal(first.statusCode, 200);
      assert.doesNotMatch(first.body, /98,765/);
      assert.equal(mainOf((await client.get(page)).body), mainOf(first.body), 'the same page, the layout aside');
      assert.equal(reads, 1, 'asked again, nothing changed: the page kept');
      // Last year's Quarter 1, which the draft compares with, changed by a statement typed into the database.
      const { numAffectedRows } = await sql`update measurements set value = 98765
        where partnership_id = ${coventry} and period = '2015-16 Q1'`.execute(db);
      assert.ok(Number(numAffectedRows) > 0);
      assert.match((await client.get(page)).body, /98,765/);
      assert.equal(reads, 2);
      await sql`update indicators set name = 'Renamed outside the app' where partnership_id = ${coventry}`.execute(db);
      assert.match((await client.get(page)).body, /Renamed outside the app/);
    });

    it('never shows a member what only an analyst may do, whoever asked first', async (t) => {
      const { app, client: analyst, container, coventry } = await build(t, { database: await engine.create(), as: 'analyst' });
      await seeded(container, coventry);
      const member = await signedInAs({ app, container, coventry }, 'member');
      const analystOnly = /Write the summary|Write the commentary|Approve and publish|data-qa="approve"/;
      for (const quarter of ['2016-17-q1', '2016-17-q1/exceptions']) {
        const page = `/partnerships/${coventry}/performance/reports/${quarter}`;
        assert.match((await analyst.get(page)).body, /Write the summary/);
        const seen = await member.get(page);
        assert.equal(seen.statusCode, 200);
        assert.doesNotMatch(seen.body, analystOnly);
        assert.match(seen.body, /Draft: these figures have not been approved/);
      }
      // The other way round: a member first, then the analyst still sees the buttons.
      const later = `/partnerships/${coventry}/performance/reports/2016-17-q2`;
      assert.doesNotMatch((await member.get(later)).body, analystOnly);
      assert.match((await analyst.get(later)).body, /Write the summary[\s\S]*Write the commentary/);
    });

    it('serves a chart by its address to any process, and only under its own partnership', async (t) => {
      const { client, container, coventry } = await build(t, { database: await engine.create(), as: 'admin' });
      await seeded(container, coventry);
      const page = (await client.get(`/partnerships/${coventry}/performance/reports/2016-17-q1`)).body;
      const address = /<img src="([^"]+\.svg)"/.exec(page)?.[1] ?? '';
      assert.match((await client.get(address)).body, /^<svg[^>]*role="img"/);
      // A second app on the same database, as a second process would be, has drawn nothing yet.
      const other = createContainer(testConfig, { database: createDb(container.database.location) });
      const otherApp = await buildApp(other, { logger: false });
      t.after(async () => {
        await otherApp.close();
        await other.database.close();
      });
      const admin = new Browser(otherApp);
      await admin.signIn('admin@example.com', testPassword);
      assert.match((await admin.get(address)).body, /^<svg[^>]*role="img"/);
      const [elsewhere] = (await container.governance.partnerships.list(null)).filter((p) => p.id !== coventry);
      assert.equal((await client.get(address.replace(coventry, elsewhere?.id ?? ''))).statusCode, 404);
      assert.equal((await client.get(address.replace(/[\w-]+\.svg$/, 'unknown.svg'))).statusCode, 404);
    });
  });
}

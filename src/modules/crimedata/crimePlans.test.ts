/**
 * National scale (decision 0048): a partnership's crime figures read its own rows, whatever the size of the table.
 * The query plans of the pages' queries, on a database where other forces' crimes far outnumber the partnership's:
 * counts by month, LSOA and type from the counts table (never crimes); crime-level rows (streets, points) from crimes
 * by the index on LSOA and month, on PostgreSQL from the months' partitions alone. A plan, never a time.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CamelCasePlugin, CompiledQuery, Kysely, sql } from 'kysely';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { cityOfLondonForce, policeUkFixtures } from '../../../test/helpers/policeuk.ts';
import { type Container, createContainer } from '../../container.ts';
import type { DatabaseHandle } from '../../db/createDb.ts';
import { createDialect } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { addMonthlyCounts, countAreaCrimes, deleteCrimes, listAreaPoints, makeMonthPartition } from './crimedata.repository.ts';
import { countAreaCrimesByType } from './figures.repository.ts';

const cityOfLondon = 'E22000180';

for (const database of testDatabases()) {
  describe(`crime figures' query plans on ${database.engine}`, () => {
    let container: Container;
    let handle: DatabaseHandle;
    /** The same database, each query's SQL and parameters kept, to ask for its plan. */
    let logged: Kysely<Database>;
    const queries: CompiledQuery[] = [];

    /** The plan of each SELECT the call ran, as one text. */
    async function plansOf(call: (db: Kysely<Database>) => Promise<unknown>): Promise<string> {
      queries.length = 0;
      await call(logged);
      const explain = database.engine === 'sqlite' ? 'explain query plan ' : 'explain ';
      const plans = [];
      for (const query of queries.filter((q) => /^select/i.test(q.sql))) {
        const { rows } = await handle.db.executeQuery(CompiledQuery.raw(explain + query.sql, [...query.parameters]));
        plans.push(rows.map((row) => Object.values(row as object).join(' ')).join('\n'));
      }
      if (process.env.SHOW_PLANS) console.log(plans.join('\n'));
      return plans.join('\n');
    }

    before(async () => {
      handle = await database.create();
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2026-01-20T09:00:00Z') },
        database: handle,
        mailer: createLogMailer(() => undefined),
      });
      const coventry = (await seedDemo(container.governance)).get('coventry') ?? '';
      await cityOfLondonForce(container, coventry);
      await container.crimeData.setArea(systemPrincipal, coventry, cityOfLondon);
      for (const month of ['2025-11', '2025-12']) {
        const path = join(policeUkFixtures, `${month}-city-of-london-street.csv`);
        assert.equal((await container.crimeData.importFile(systemPrincipal, path)).imported.status, 'complete');
      }
      // Another force's 24 months, 60,000 crimes in LSOAs of its own: the table is mostly not the partnership's.
      const { db } = handle;
      const months = ['2023', '2024'].flatMap((year) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`));
      for (const month of months) {
        const id = `other-${month}`;
        await db
          .insertInto('crimeImports')
          .values({
            id,
            fileName: `${month}-other-street.csv`,
            sha256: id,
            bytes: 1,
            status: 'complete',
            fallsWithin: 'Other Police',
            forceCode: 'E23000999',
            month,
            problem: null,
            batchId: null,
            partnershipId: null,
            importedBy: null,
            runner: null,
            claimedUntil: null,
            createdAt: '2026-01-01T00:00:00Z',
            finishedAt: null,
          })
          .execute();
        await sql`insert into crimes (import_id, line, month, location, lsoa_code, crime_type)
          with recursive n(i) as (select 1 union all select i + 1 from n where i < 2500)
          select ${id}, i, ${month}, 'On or near Other Street', 'X01' || (i % 500), 'Burglary' from n`.execute(db);
        await makeMonthPartition(db, handle.engine, month);
        await db.transaction().execute((trx) => addMonthlyCounts(trx, id));
      }
      // A database in service has its statistics: autovacuum's ANALYZE on PostgreSQL (Safer runs none on SQLite).
      if (handle.engine === 'postgres') await sql`analyze`.execute(db);
      logged = new Kysely<Database>({
        dialect: createDialect(handle.location),
        plugins: [new CamelCasePlugin()],
        log: (event) => void queries.push(event.query),
      });
    });
    after(async () => {
      await logged.destroy();
      await container.database.close();
    });

    it('counts by crime type from the counts table, by its index, never reading crimes', async () => {
      const plan = await plansOf((db) => countAreaCrimesByType(db, cityOfLondon, { from: '2025-11', to: '2025-12' }));
      assert.match(plan, /SEARCH crime_counts USING (COVERING )?INDEX|Index (Only )?Scan using crime_counts_\w+ on crime_counts/);
      assert.doesNotMatch(plan, /\bcrimes\b(?!_area)/);
      assert.doesNotMatch(plan, /Seq Scan on crime_counts|SCAN crime_counts\b(?! USING)/);
    });

    it('reads the streets and points of the partnership from crimes by its LSOAs and months, never the whole table', async () => {
      const counted = await plansOf((db) => countAreaCrimes(db, cityOfLondon, { from: '2025-11', to: '2025-12' }));
      const points = await plansOf((db) => listAreaPoints(db, cityOfLondon, { month: '2025-12' }));
      for (const plan of [counted, points]) {
        assert.match(plan, /SEARCH crimes USING (COVERING )?INDEX crimes_area_month|Index (Only )?Scan using crimes_\w+ on crimes_2025_12/);
        // PostgreSQL may read the default partition whole: it holds only rows of a month whose partition is still
        // to be made, none here, and an empty table costs nothing to read (it did so in one CI run in several).
        assert.doesNotMatch(plan, /Seq Scan on crimes(?!_default\b)|SCAN crimes\b(?! USING)/);
      }
      if (database.engine === 'postgres') {
        // Only the months asked for: the other force's months are partitions the plan never opens.
        assert.doesNotMatch(counted, /crimes_2023_|crimes_2024_/);
        assert.match(counted, /crimes_2025_11/);
      }
    });

    it('keeps an import’s counts as its crimes have them: replaced when counted again, gone with its crimes', async () => {
      const { db } = handle;
      const id = 'other-2024-06';
      const countsOf = () =>
        db
          .selectFrom('crimeCounts')
          .select(({ fn }) => fn.sum<number | string>('crimes').as('crimes'))
          .where('importId', '=', id)
          .executeTakeFirstOrThrow();
      assert.equal(Number((await countsOf()).crimes), 2500);
      await db.transaction().execute((trx) => addMonthlyCounts(trx, id));
      assert.equal(Number((await countsOf()).crimes), 2500);
      await db.transaction().execute((trx) => deleteCrimes(trx, id));
      assert.equal((await countsOf()).crimes, null);
      if (handle.engine === 'postgres') {
        // Each month's rows in its own partition: none left waiting in the default one.
        const { rows } = await sql<{ n: string }>`select count(*) as n from crimes_default`.execute(db);
        assert.equal(Number(rows[0]?.n), 0);
      }
    });
  });
}

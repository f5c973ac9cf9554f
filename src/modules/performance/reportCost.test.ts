/**
 * What a report costs, as counts rather than times: the queries it makes do not grow with its indicators, the
 * rows it reads do not grow with the years of history behind it, and its charts and documents are drawn once for
 * each version of what they show (kept, and drawn again when a figure changes). On each engine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { seedPerformanceHistory } from '../../../bench/volume.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { type Container, createContainer } from '../../container.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';

/** Counts the queries the database is asked and the rows they return. */
function counter(): { plugin: KyselyPlugin; counted: () => { queries: number; rows: number }; reset: () => void } {
  let queries = 0;
  let rows = 0;
  return {
    plugin: {
      transformQuery: ({ node }) => {
        queries += 1;
        return node;
      },
      transformResult: ({ result }) => {
        rows += result.rows.length;
        return Promise.resolve(result);
      },
    },
    counted: () => ({ queries, rows }),
    reset: () => {
      queries = 0;
      rows = 0;
    },
  };
}

const quarter = '2016-17 Q2';
const lastMonth = '2016-09';

for (const database of testDatabases()) {
  describe(`a performance report's cost on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let plymouth: string;
    const count = counter();
    const clock: Clock = { now: () => new Date('2016-10-03T09:00:00Z') };

    before(async () => {
      const handle = await database.create();
      container = createContainer(testConfig, { clock, database: { ...handle, db: handle.db.withPlugin(count.plugin) } });
      const partnerships = await seedDemo(container.governance);
      coventry = partnerships.get('coventry') ?? '';
      plymouth = partnerships.get('plymouth') ?? '';
    });
    after(() => container.database.close());

    const groupsOf = async (partnershipId: string) => (await container.governance.groups.list(partnershipId)).map((group) => group.id);
    const costOf = async (partnershipId: string) => {
      count.reset();
      const { report } = await container.performance.report(partnershipId, quarter);
      return { ...count.counted(), indicators: report.indicators.length };
    };

    it('asks the same number of queries for a report of 2 indicators as for one of 12', async () => {
      const groups = await groupsOf(coventry);
      await seedPerformanceHistory(container.database.db, coventry, groups, { indicatorCount: 2, months: 36, lastMonth });
      const few = await costOf(coventry);
      await seedPerformanceHistory(container.database.db, coventry, groups, { indicatorCount: 10, months: 36, lastMonth });
      const many = await costOf(coventry);
      assert.deepEqual([few.indicators, many.indicators], [2, 12]);
      assert.equal(many.queries, few.queries);
    });

    it('reads the same rows for a report of 8 years of history as for one of 20', async () => {
      // The same indicator in each partnership, measured monthly: its report reads only the years it shows.
      await seedPerformanceHistory(container.database.db, plymouth, await groupsOf(plymouth), { indicatorCount: 1, months: 96, lastMonth });
      const eightYears = await costOf(plymouth);
      const cheshireEast = (await container.governance.partnerships.list(null)).find((p) => p.id !== coventry && p.id !== plymouth);
      assert.ok(cheshireEast, 'the demo has a third partnership');
      await seedPerformanceHistory(container.database.db, cheshireEast.id, await groupsOf(cheshireEast.id), {
        indicatorCount: 1,
        months: 240,
        lastMonth,
      });
      const twentyYears = await costOf(cheshireEast.id);
      assert.equal(twentyYears.rows, eightYears.rows);
    });

    it('draws a chart once, for requests arriving together, and again only when its figures change', async () => {
      const { report } = await container.performance.report(coventry, quarter);
      const [first, together] = await Promise.all([
        container.performance.charts(report.indicators),
        container.performance.charts(report.indicators),
      ]);
      const again = await container.performance.charts(report.indicators);
      for (const { indicatorId } of report.indicators) {
        assert.equal(together.get(indicatorId), first.get(indicatorId), 'drawn once for requests arriving together');
        assert.equal(again.get(indicatorId), first.get(indicatorId), 'kept for the next request');
      }

      const [changed, unchanged] = report.indicators;
      assert.ok(changed && unchanged);
      await container.performance.recordMeasurement(
        systemPrincipal,
        coventry,
        changed.indicatorId,
        { period: '2016-08', value: '123,456', status: 'confirmed', note: null },
        null,
      );
      const { report: corrected } = await container.performance.report(coventry, quarter);
      const redrawn = await container.performance.charts(corrected.indicators);
      assert.notEqual(redrawn.get(changed.indicatorId), first.get(changed.indicatorId));
      assert.match(redrawn.get(changed.indicatorId)?.description ?? '', /123,456/);
      assert.equal(redrawn.get(unchanged.indicatorId), first.get(unchanged.indicatorId));
    });

    it('draws a report’s PDF once for each version of what it says', async () => {
      const { report } = await container.performance.report(coventry, quarter);
      const [pdf, together] = await Promise.all([
        container.performance.document(report, 'pdf', false),
        container.performance.document(report, 'pdf', false),
      ]);
      assert.equal(together, pdf, 'drawn once for requests arriving together');
      assert.equal(await container.performance.document(report, 'pdf', false), pdf, 'kept for the next request');
      assert.notEqual(await container.performance.document(report, 'pdf', true), pdf, 'the exception report is a document of its own');
      assert.notEqual(await container.performance.document(report, 'docx', false), pdf, 'and so is the Word file');

      const [figures] = report.indicators;
      assert.ok(figures);
      await container.performance.recordMeasurement(
        systemPrincipal,
        coventry,
        figures.indicatorId,
        { period: '2016-07', value: '654,321', status: 'confirmed', note: null },
        null,
      );
      const { report: corrected } = await container.performance.report(coventry, quarter);
      assert.notEqual(await container.performance.document(corrected, 'pdf', false), pdf);
    });
  });
}

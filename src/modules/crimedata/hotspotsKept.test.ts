/**
 * The hotspot page's crimes are counted once for each version of the files they come from (issue 19): asked again,
 * the page makes no query of the crimes and shows the same; a file completed for the area is a new version, counted
 * and shown at once. Both engines: the key is read from the imports' rows.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { build, signedInAs } from '../../../test/helpers/build.ts';
import { type TestDatabase, testDatabases } from '../../../test/helpers/database.ts';
import { cityOfLondonForce, policeUkFixtures } from '../../../test/helpers/policeuk.ts';
import { countingQueries } from '../../../test/helpers/queryCount.ts';
import { generationOf } from '../../../test/helpers/generations.ts';
import { testConfig } from '../../../test/helpers/app.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';

const clock = { now: () => new Date('2026-01-20T09:00:00Z') };
const cityOfLondon = 'E22000180';
const fixture = (month: string) => join(policeUkFixtures, `${month}-city-of-london-street.csv`);

/** Coventry in the City of London's area, whose files the fixtures are. */
async function inCityOfLondon(container: Container, coventry: string): Promise<void> {
  await cityOfLondonForce(container, coventry);
  await container.crimeData.setArea(systemPrincipal, coventry, cityOfLondon);
}

/** The page's own content: the layout around it carries a token and a nonce of its own each time. */
const mainOf = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0] ?? '';
const crimesRead = (queries: readonly string[]) => queries.filter((query) => /from "crimes"/.test(query));
const lsoasRead = (queries: readonly string[]) => queries.filter((query) => /from "crime_lsoas"/.test(query));

/**
 * An officer of Coventry, set in the City of London's area, its queries counted; and a process of its own that imports
 * as the command does (the import writes in bulk through the engine's driver, which the counting handle does not have).
 */
async function officerWithImporter(t: TestContext, engine: TestDatabase) {
  const handle = await engine.create();
  const { database, counter } = countingQueries(handle);
  const built = await build(t, { database, clock, as: 'officer' });
  await inCityOfLondon(built.container, built.coventry);
  return { ...built, handle, counter, importer: createContainer(testConfig, { clock, database: handle }) };
}

for (const engine of testDatabases()) {
  describe(`the hotspot page's counts, kept by the files they come from (${engine.engine})`, () => {
    it('counts the crimes once for the same files, and again once a file is completed', async (t) => {
      const { counter, client, coventry, importer } = await officerWithImporter(t, engine);
      await importer.crimeData.importFile(systemPrincipal, fixture('2025-12'));
      const page = `/partnerships/${coventry}/crime-data/hotspots?month=2025-12`;

      counter.reset();
      const first = await client.get(page);
      assert.equal(first.statusCode, 200);
      assert.equal(crimesRead(counter.queries).length, 1, counter.queries.join('\n'));
      assert.match(first.body, /<h1 class="govuk-heading-l">Crime hotspots, December 2025<\/h1>/);

      counter.reset();
      const again = await client.get(page);
      assert.deepEqual(crimesRead(counter.queries), []);
      assert.deepEqual(lsoasRead(counter.queries), [], 'the LSOAs are kept with the counts');
      assert.equal(mainOf(again.body), mainOf(first.body));
      const byStreet = await client.get(`${page}&by=street`);
      assert.equal(byStreet.statusCode, 200);
      assert.notEqual(mainOf(byStreet.body), mainOf(again.body), 'another way of asking is another page');

      // November completed: December's page now has a month before it to compare with.
      await importer.crimeData.importFile(systemPrincipal, fixture('2025-11'));
      counter.reset();
      const withNovember = await client.get(page);
      assert.equal(crimesRead(counter.queries).length, 1, counter.queries.join('\n'));
      assert.doesNotMatch(first.body, /up from|down from|No change from/);
      assert.match(withNovember.body, /up from|down from|No change from/);
    });

    it('reads the area and the months held once while access stands still, and again after a change to either', async (t) => {
      const { handle, counter, client, coventry, importer } = await officerWithImporter(t, engine);
      await importer.crimeData.importFile(systemPrincipal, fixture('2025-11'));
      const page = `/partnerships/${coventry}/crime-data/hotspots`;
      const areaRead = (queries: readonly string[]) => queries.filter((query) => /from "crime_areas"/.test(query));
      assert.match((await client.get(page)).body, /Crime hotspots, November 2025/);
      counter.reset();
      assert.match((await client.get(page)).body, /Crime hotspots, November 2025/);
      assert.deepEqual(areaRead(counter.queries), [], 'the area and months are kept');

      // A month completed by another process is the page's latest at the next request.
      await importer.crimeData.importFile(systemPrincipal, fixture('2025-12'));
      counter.reset();
      assert.match((await client.get(page)).body, /Crime hotspots, December 2025/);
      assert.equal(areaRead(counter.queries).length, 1, counter.queries.join('\n'));

      // The area taken away (by SQL, as any change anywhere would be) is seen at once.
      await handle.db.deleteFrom('crimeAreas').where('partnershipId', '=', coventry).execute();
      const without = await client.get(page);
      assert.doesNotMatch(without.body, /Crime hotspots, December 2025/);
      assert.match(without.body, /An administrator or the area’s overseer chooses it/);
    });

    it('moves the access generation for what the area and months are read from, and not for an import’s progress', async (t) => {
      const { container, coventry } = await build(t, { database: await engine.create(), clock, as: 'nobody' });
      const { db } = container.database;
      const generation = () => generationOf(db);
      await inCityOfLondon(container, coventry);
      await container.crimeData.importFile(systemPrincipal, fixture('2025-11'));
      const [imported] = await db.selectFrom('crimeImports').select('id').execute();
      const id = imported?.id ?? '';
      const before = await generation();
      await db.updateTable('crimeImports').set({ linesDone: 1, bytesDone: 1, claimedUntil: null }).where('id', '=', id).execute();
      assert.equal(await generation(), before, 'an import’s progress is not counted');
      for (const change of [
        db.updateTable('crimeImports').set({ status: 'refused' }).where('id', '=', id),
        db.updateTable('crimeImports').set({ month: '2025-10' }).where('id', '=', id),
        db.updateTable('crimeAreas').set({ updatedAt: '2026-01-20T09:00:00Z' }).where('partnershipId', '=', coventry),
        db.updateTable('crimeCsps').set({ name: 'City' }).where('code', '=', cityOfLondon),
      ]) {
        const was = await generation();
        await change.execute();
        assert.ok((await generation()) > was, change.compile().sql);
      }
    });

    it('gives the same key for the same files and months, and another once a file of the month is completed', async (t) => {
      const { container, coventry } = await build(t, { database: await engine.create(), clock, as: 'nobody' });
      await inCityOfLondon(container, coventry);
      await container.crimeData.importFile(systemPrincipal, fixture('2025-11'));
      const months = { from: '2025-11', to: '2025-12' };
      const before = await container.crimeData.keptCrimeCounts(coventry, months);
      assert.equal((await container.crimeData.keptCrimeCounts(coventry, months)).key, before.key);
      await container.crimeData.importFile(systemPrincipal, fixture('2025-12'));
      const after = await container.crimeData.keptCrimeCounts(coventry, months);
      assert.notEqual(after.key, before.key);
      const total = (counts: readonly { count: number }[]) => counts.reduce((sum, row) => sum + row.count, 0);
      assert.ok(total(after.counts) > total(before.counts));
      assert.ok(Object.isFrozen(after.counts), 'shared counts cannot be changed by one page for the next');
    });

    it('keeps the drawn page apart for a reader who may choose the area and one who may not, and for each partnership', async (t) => {
      const built = await build(t, { database: await engine.create(), clock, as: 'analyst' });
      const { client, container, coventry } = built;
      const admin = await signedInAs(built, 'admin');
      const noArea = `/partnerships/${coventry}/crime-data/hotspots`;
      // No area chosen yet: only a reader who may choose it (an administrator or the area's overseer) is offered to.
      const forAdmin = await admin.get(noArea);
      const forAnalyst = await client.get(noArea);
      assert.match(forAdmin.body, /href="[^"]*\/crime-data\/area">Choose the area/);
      assert.doesNotMatch(forAnalyst.body, /Choose the area/);
      assert.match(forAnalyst.body, /An administrator or the area’s overseer chooses it/);
      const overseer = await signedInAs(built, 'overseer');
      assert.match((await overseer.get(noArea)).body, /Choose the area/);

      // Two partnerships of one police force area, given one CSP area, share the counts, but each page links to its own partnership.
      await inCityOfLondon(container, coventry);
      const { areaId } = await container.governance.partnerships.get(null, coventry);
      const neighbour = await container.governance.partnerships.create(systemPrincipal, null, {
        areaId,
        name: 'City of London Community Safety Partnership',
        shortName: 'City of London',
        localAuthority: 'City of London',
        population: 8600,
      });
      await container.crimeData.setArea(systemPrincipal, neighbour, cityOfLondon);
      await container.crimeData.importFile(systemPrincipal, fixture('2025-12'));
      const own = await admin.get(`/partnerships/${coventry}/crime-data/hotspots?month=2025-12`);
      const other = await admin.get(`/partnerships/${neighbour}/crime-data/hotspots?month=2025-12`);
      assert.equal(own.statusCode, 200);
      assert.equal(other.statusCode, 200);
      assert.match(mainOf(other.body), new RegExp(`/partnerships/${neighbour}/crime-data/hotspots/lsoas/`));
      assert.doesNotMatch(mainOf(other.body), new RegExp(coventry));
    });
  });
}

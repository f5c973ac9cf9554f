import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../../test/helpers/app.ts';
import { testDatabases } from '../../../../test/helpers/database.ts';
import { type Container, createContainer } from '../../../container.ts';
import { seedDemo } from '../../governance/index.ts';
import { createLogMailer } from '../../notifications/index.ts';
import { demoCrimeSources, seedDemoCrimeData } from './crimedata.seed.ts';
import { scratchFolder } from '../../../../test/helpers/scratch.ts';

// A fresh clone: no ../shared beside it, only the extract shipped in the repository.
const noShared = { folder: scratchFolder('no-shared'), extract: demoCrimeSources.extract };

const total = (counts: readonly { count: number }[]) => counts.reduce((sum, row) => sum + row.count, 0);

for (const database of testDatabases()) {
  describe(`the demo's crime data from the shipped extract alone, on ${database.engine}`, () => {
    let container: Container;
    let partnerships: Map<string, string>;
    let seeded: { files: number; fromExtract: boolean };

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2026-01-20T09:00:00Z') },
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
      });
      partnerships = await seedDemo(container.governance);
      seeded = await seedDemoCrimeData(container.crimeData, partnerships, noShared);
    });
    after(() => container.database.close());

    it('imports every file of the extract: Leicestershire’s 24 months and Devon and Cornwall’s 12', () => {
      assert.deepEqual(seeded, { files: 36, fromExtract: true });
    });

    it('gives Charnwood October 2022 its 1,430 crimes, and its 24 months', async () => {
      const charnwood = partnerships.get('charnwood') ?? '';
      assert.equal((await container.crimeData.area(charnwood))?.name, 'Charnwood');
      assert.equal(total(await container.crimeData.crimeCounts(charnwood, { from: '2022-10', to: '2022-10' })), 1430);
      assert.equal((await container.crimeData.publishedMonths(charnwood)).length, 24);
    });

    it('sets Safer Plymouth’s crime area and gives Plymouth November 2017 its 2,551 crimes', async () => {
      const plymouth = partnerships.get('plymouth') ?? '';
      const area = await container.crimeData.area(plymouth);
      assert.deepEqual([area?.name, area?.forceName], ['Plymouth', 'Devon & Cornwall']);
      assert.equal(total(await container.crimeData.crimeCounts(plymouth, { from: '2017-11', to: '2017-11' })), 2551);
      assert.equal((await container.crimeData.publishedMonths(plymouth)).length, 12);
    });

    it('gives each of Leicestershire’s nine partnerships its crimes for the 24 months', async () => {
      for (const key of [
        'blaby',
        'charnwood',
        'harborough',
        'hinckley-and-bosworth',
        'leicester',
        'melton',
        'north-west-leicestershire',
        'oadby-and-wigston',
        'rutland',
      ]) {
        const counts = await container.crimeData.crimeCounts(partnerships.get(key) ?? '', { from: '2020-11', to: '2022-10' });
        assert.ok(total(counts) > 1000, key);
      }
    });
  });
}

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { cityOfLondonForce, doctoredFile, policeUkFixtures } from '../../../test/helpers/policeuk.ts';
import { type Container, createContainer } from '../../container.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';

const cityOfLondon = 'E22000180';
const scratch = scratchFolder('figures');

/** A street file's rows, read with a CSV parser of its own. */
const rowsOf = (path: string) => parse<Record<string, string>>(readFileSync(path), { bom: true, columns: true });

/** The rows in the LSOAs, counted by crime type from the raw files: the figures worked out apart from Safer. */
function independentByType(paths: readonly string[], lsoas: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of paths.flatMap(rowsOf)) {
    if (!lsoas.has(row['LSOA code'] ?? '')) continue;
    const type = row['Crime type'] ?? '';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

for (const database of testDatabases()) {
  describe(`area figures and peers on ${database.engine}`, () => {
    let container: Container;
    let partnerships: Map<string, string>;
    const id = (key: string) => partnerships.get(key) ?? '';
    const files = {
      november: join(policeUkFixtures, '2025-11-city-of-london-street.csv'),
      december: join(policeUkFixtures, '2025-12-city-of-london-street.csv'),
      melton: join(scratch, `${database.engine}-2025-12-leicestershire-street.csv`),
    };
    let meltonLsoas: string[];

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2026-01-20T09:00:00Z') },
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
      });
      partnerships = await seedDemo(container.governance);
      // Coventry stands in for a partnership of the City of London's force, whose files are the fixtures.
      await cityOfLondonForce(container, id('coventry'));
      await container.crimeData.setArea(systemPrincipal, id('coventry'), cityOfLondon);
      const csps = await container.crimeData.csps();
      const cspOf = (name: string) => csps.find((csp) => csp.name === name && csp.forceName === 'Leicestershire')?.code ?? '';
      await container.crimeData.setArea(systemPrincipal, id('melton'), cspOf('Melton'));
      await container.crimeData.setArea(systemPrincipal, id('blaby'), cspOf('Blaby'));
      meltonLsoas = (await container.crimeData.areaLsoas(id('melton'), '2025-12')).map((lsoa) => lsoa.code);
      // December's City of London rows made Leicestershire's, each placed in one of Melton's LSOAs in turn.
      writeFileSync(
        files.melton,
        doctoredFile('2025-12-city-of-london-street.csv', {
          force: 'Leicestershire Police',
          lsoa: (index) => meltonLsoas[index % meltonLsoas.length]!,
        }),
      );
      for (const path of [files.november, files.december, files.melton]) {
        assert.equal((await container.crimeData.importFile(systemPrincipal, path)).imported.status, 'complete');
      }
    });
    after(() => container.database.close());

    it('gives each partnership its crimes by type, its months held and its residents, as the raw files have them', async () => {
      const [coventry, melton, blaby] = await container.crimeData.areaFigures([id('coventry'), id('melton'), id('blaby')], {
        from: '2025-10',
        to: '2025-12',
      });
      const cityLsoas = await container.crimeData.areaLsoas(id('coventry'), '2025-12');
      const expected = independentByType([files.november, files.december], new Set(cityLsoas.map((lsoa) => lsoa.code)));
      assert.equal(coventry?.name, 'Coventry Community Safety Partnership');
      assert.deepEqual(coventry?.heldMonths, ['2025-11', '2025-12']);
      assert.deepEqual(new Map(coventry?.byType.map((row) => [row.crimeType, row.count])), expected);
      // Busiest first.
      const counts = coventry?.byType.map((row) => row.count) ?? [];
      assert.deepEqual(
        counts,
        [...counts].sort((a, b) => b - a),
      );
      assert.ok(coventry?.byType.some((row) => row.crimeType === 'Anti-social behaviour'));
      assert.equal(
        coventry?.population,
        cityLsoas.reduce((sum, lsoa) => sum + (lsoa.population ?? 0), 0),
      );
      assert.ok((coventry?.population ?? 0) > 0);

      // Another force's file counts for its own partnership only: December alone for Melton.
      assert.deepEqual(melton?.heldMonths, ['2025-12']);
      assert.deepEqual(
        new Map(melton?.byType.map((row) => [row.crimeType, row.count])),
        independentByType([files.melton], new Set(meltonLsoas)),
      );
      // A partnership whose force has no file for the period has no months and no crimes; one without an area, none either.
      assert.deepEqual(blaby?.byType, []);
      const [rutland] = await container.crimeData.areaFigures([id('rutland')], { from: '2025-10', to: '2025-12' });
      assert.deepEqual(rutland, {
        partnershipId: id('rutland'),
        name: rutland?.name,
        heldMonths: [],
        byType: [],
        population: null,
        populationEdition: null,
      });
    });

    it('counts the rows of the force’s files for the months that have no location', async () => {
      const withoutLocation = [files.november, files.december].flatMap(rowsOf).filter((row) => !row['LSOA code']).length;
      assert.deepEqual(await container.crimeData.crimesWithoutLocation(id('coventry'), { from: '2025-11', to: '2025-12' }), {
        force: 'City of London Police',
        crimes: withoutLocation,
      });
      assert.equal((await container.crimeData.crimesWithoutLocation(id('coventry'), { from: '2025-12', to: '2025-12' }))?.crimes, 55);
      assert.equal(await container.crimeData.crimesWithoutLocation(id('rutland'), { from: '2025-12', to: '2025-12' }), null);
    });

    it('takes the other partnerships of the area with a crime area as peers until the analyst chooses, then the choice, audited', async () => {
      assert.deepEqual(await container.crimeData.peers(id('melton')), [
        { partnershipId: id('blaby'), name: 'Blaby Community Safety Partnership' },
      ]);
      assert.deepEqual(await container.crimeData.peers(id('coventry')), []);
      await container.crimeData.choosePeers(systemPrincipal, id('coventry'), [id('melton'), id('blaby')]);
      assert.deepEqual(
        (await container.crimeData.peers(id('coventry'))).map((peer) => peer.partnershipId),
        [id('blaby'), id('melton')],
      );
      const choices = await container.crimeData.peerChoices(id('coventry'));
      assert.equal(choices.chosen, true);
      assert.deepEqual(
        choices.choices.map((choice) => [choice.partnershipId, choice.isPeer]),
        [
          [id('blaby'), true],
          [id('melton'), true],
        ],
      );
      const [entry] = await container.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'crime-peers').execute();
      assert.equal(entry?.entityId, id('coventry'));
      assert.match(entry?.summary ?? '', /Peers for crime figures set to Melton Area Safer Communities Partnership, Blaby/);
    });

    it('refuses no peers, itself, and a partnership without a crime area, next to the choice', async () => {
      for (const peerIds of [[], [id('coventry')], [id('rutland')]]) {
        await assert.rejects(container.crimeData.choosePeers(systemPrincipal, id('coventry'), peerIds), (error) => {
          assert.ok(error instanceof FieldValidationError);
          assert.equal(error.field, 'peerIds');
          return true;
        });
      }
      await assert.rejects(container.crimeData.choosePeers(systemPrincipal, id('rutland'), [id('melton')]), /crime data area must be set/);
    });

    it('keeps one whole choice of ten made at once', async () => {
      const sets = Array.from({ length: 10 }, (_, i) => (i % 2 ? [id('melton')] : [id('blaby'), id('melton')]));
      await Promise.all(sets.map((peerIds) => container.crimeData.choosePeers(systemPrincipal, id('coventry'), peerIds)));
      const held = (await container.crimeData.peers(id('coventry'))).map((peer) => peer.partnershipId);
      assert.ok(
        sets.some((set) => [...set].sort().join() === [...held].sort().join()),
        `the peers are one choice, not a mixture: ${held.join()}`,
      );
    });
  });
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { cityOfLondonForce } from '../../../test/helpers/policeuk.ts';
import { type Container, createContainer } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { createDb, migrateToLatest } from '../../db/createDb.ts';
import { seedDemo } from '../governance/index.ts';
import { createLogMailer } from '../notifications/index.ts';
import { scratchFolder } from '../../../test/helpers/scratch.ts';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'policeuk');
const december = join(fixtures, '2025-12-city-of-london-street.csv');
const november = join(fixtures, '2025-11-city-of-london-street.csv');
const cityOfLondon = 'E22000180';

/** The file counted by LSOA and crime type with a CSV parser of its own, as "lsoa|type" → count. */
function independentCount(path: string): Map<string, number> {
  const rows = parse<Record<string, string>>(readFileSync(path), { bom: true, columns: true });
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row['LSOA code'] ?? ''}|${row['Crime type'] ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function importedCount(container: Container): Promise<Map<string, number>> {
  const rows = await container.database.db
    .selectFrom('crimes')
    .innerJoin('crimeImports', 'crimeImports.id', 'crimes.importId')
    .where('crimeImports.status', '=', 'complete')
    .select((eb) => ['crimes.lsoaCode', 'crimes.crimeType', eb.fn.countAll().as('count')])
    .groupBy(['crimes.lsoaCode', 'crimes.crimeType'])
    .execute();
  return new Map(rows.map((row) => [`${row.lsoaCode ?? ''}|${row.crimeType}`, Number(row.count)]));
}

const scratch = scratchFolder('crime');
function scratchFile(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

for (const database of testDatabases()) {
  describe(`crime data on ${database.engine}`, () => {
    let container: Container;
    let partnershipId: string;

    before(async () => {
      container = createContainer(testConfig, {
        clock: { now: () => new Date('2026-01-20T09:00:00Z') },
        database: await database.create(),
        mailer: createLogMailer(() => undefined),
      });
      partnershipId = (await seedDemo(container.governance)).get('coventry') ?? '';
      // The fixtures are the City of London's: Coventry stands in for a partnership of that force.
      await cityOfLondonForce(container, partnershipId);
    });
    after(() => container.database.close());

    it('imports a police.uk file so that its counts by LSOA and crime type are those of the file', async () => {
      const { imported, before } = await container.crimeData.importFile(systemPrincipal, december);
      assert.equal(before, false);
      assert.equal(imported.status, 'complete');
      assert.equal(imported.month, '2025-12');
      assert.equal(imported.fallsWithin, 'City of London Police');
      assert.equal(imported.forceCode, 'E23000034');
      assert.equal(imported.crimes, 810);
      assert.equal(imported.withoutLocation, 55);
      assert.equal(imported.outsideForce, 34);
      assert.deepEqual(await importedCount(container), independentCount(december));
      const noCrimeId = await container.database.db
        .selectFrom('crimes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('crimeId', 'is', null)
        .executeTakeFirstOrThrow();
      const antiSocial = [...independentCount(december)].filter(([key]) => key.endsWith('|Anti-social behaviour'));
      assert.equal(
        Number(noCrimeId.n),
        antiSocial.reduce((sum, [, n]) => sum + n, 0),
      );
    });

    it('changes nothing when the same file is imported again', async () => {
      const { imported, before } = await container.crimeData.importFile(systemPrincipal, december);
      assert.equal(before, true);
      assert.equal(imported.crimes, 810);
      assert.deepEqual(await importedCount(container), independentCount(december));
    });

    it('reads the same file with a byte order mark and LF line endings, and it replaces the first for its month', async () => {
      const text = readFileSync(december, 'utf8').replace(/\r\n/g, '\n');
      const { imported } = await container.crimeData.importFile(systemPrincipal, scratchFile('bom-lf.csv', `\uFEFF${text}`));
      assert.equal(imported.status, 'complete');
      assert.equal(imported.crimes, 810);
      assert.deepEqual(await importedCount(container), independentCount(december));
      const statuses = await container.crimeData.imports({});
      assert.deepEqual(
        statuses.map((row) => row.status).sort(),
        ['complete', 'replaced'],
        JSON.stringify(
          statuses.map(({ fileName, status, crimes, fallsWithin, month }) => ({ fileName, status, crimes, fallsWithin, month })),
        ),
      );
    });

    it('refuses a file that is not a police.uk street file, and one with a malformed row, by its line', async () => {
      const notStreet = await container.crimeData.importFile(systemPrincipal, scratchFile('budget.csv', 'Theme,Amount\nPatrols,100\n'));
      assert.equal(notStreet.imported.status, 'refused');
      assert.match(notStreet.imported.problem ?? '', /not a police\.uk street-level crime file/);
      const outcomes = await container.crimeData.importFile(
        systemPrincipal,
        scratchFile(
          'outcomes.csv',
          'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n',
        ),
      );
      assert.match(outcomes.imported.problem ?? '', /This is a police\.uk outcomes file/);
      const lines = readFileSync(november, 'utf8').split('\r\n');
      lines[300] = lines[300]!.replace('2025-11', '2025-13');
      const malformed = await container.crimeData.importFile(systemPrincipal, scratchFile('bad-row.csv', lines.join('\r\n')));
      assert.equal(malformed.imported.status, 'refused');
      assert.equal(malformed.imported.problem, 'Line 301: the month must be like 2022-10, not "2025-13"');
      // Nothing of a refused file is kept.
      assert.deepEqual(await importedCount(container), independentCount(december));
    });

    it('imports an upload through the job queue, and knows the months published and the area', async () => {
      await container.crimeData.setArea(systemPrincipal, partnershipId, cityOfLondon);
      const upload = await container.crimeData.receiveUpload(systemPrincipal, {
        partnershipId,
        batchId: 'batch-1',
        fileName: '2025-11-city-of-london-street.csv',
        content: Readable.from([readFileSync(november)]),
      });
      assert.equal(upload.status, 'waiting');
      await container.notifications.runDueJobs();
      const [done] = await container.crimeData.imports({ batchId: 'batch-1' });
      assert.equal(done?.status, 'complete');
      assert.equal(done?.crimes, 734);
      const chunks = await container.database.db.selectFrom('crimeUploadChunks').selectAll().execute();
      assert.equal(chunks.length, 0);
      assert.deepEqual(await container.crimeData.publishedMonths(partnershipId), ['2025-11', '2025-12']);
      const lsoas = await container.crimeData.areaLsoas(partnershipId, '2025-12');
      assert.equal(lsoas.length, 6);
      const counts = await container.crimeData.crimeCounts(partnershipId, { from: '2025-12', to: '2025-12' });
      const inArea = [...independentCount(december)].filter(([key]) => lsoas.some((lsoa) => key.startsWith(`${lsoa.code}|`)));
      assert.equal(
        counts.reduce((sum, count) => sum + count.count, 0),
        inArea.reduce((sum, [, n]) => sum + n, 0),
      );
    });

    it('gives the City of London’s December 2025 total, 721, in its LSOAs of 2021, the edition the file is coded in', async () => {
      const held = await container.crimeData.imports({ status: 'complete' });
      assert.deepEqual(held.map(({ month, lsoaEdition }) => [month, lsoaEdition]).sort(), [
        ['2025-11', 2021],
        ['2025-12', 2021],
      ]);
      const counts = await container.crimeData.crimeCounts(partnershipId, { from: '2025-12', to: '2025-12' });
      assert.equal(
        counts.reduce((sum, count) => sum + count.count, 0),
        721,
      );
      const lsoas = await container.crimeData.areaLsoas(partnershipId, '2025-12');
      const population2021 = await container.database.db
        .selectFrom('crimeLsoas')
        .select(['code', 'population'])
        .where('edition', '=', 2021)
        .where('cspCode', '=', cityOfLondon)
        .orderBy('code')
        .execute();
      assert.deepEqual(
        lsoas.map(({ code, population }) => ({ code, population })).sort((a, b) => a.code.localeCompare(b.code)),
        population2021,
      );
    });

    it('completes ten imports of one month run at once: one complete, the rest replaced, none left half done', async () => {
      const [heading = '', ...rows] = readFileSync(november, 'utf8').trimEnd().split(/\r?\n/);
      // Ten versions of November's file, each without a different crime, so that no two are the same file.
      const files = Array.from({ length: 10 }, (_, i) =>
        scratchFile(`parallel-${i}.csv`, [heading, ...rows.filter((_, line) => line !== i)].join('\r\n')),
      );
      const runs = await Promise.allSettled(files.map((file) => container.crimeData.importFile(systemPrincipal, file)));
      assert.deepEqual(
        runs.flatMap((run) => (run.status === 'rejected' ? [String(run.reason)] : [])),
        [],
      );
      const ofMonth = (await container.crimeData.imports({})).filter((row) => row.fileName.startsWith('parallel-'));
      const complete = ofMonth.filter((row) => row.status === 'complete');
      assert.equal(complete.length, 1);
      assert.deepEqual(ofMonth.map((row) => row.status).sort(), ['complete', ...Array<string>(9).fill('replaced')]);
      // Only the complete file's crimes are held for the month, and its monthly counts add up to those with an LSOA.
      const held = await container.database.db
        .selectFrom('crimes')
        .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('lsoaCode').as('placed')])
        .where('month', '=', '2025-11')
        .executeTakeFirstOrThrow();
      assert.equal(Number(held.rows), rows.length - 1);
      const counted = await container.database.db
        .selectFrom('crimeCounts')
        .select((eb) => eb.fn.sum<number>('crimes').as('n'))
        .where('month', '=', '2025-11')
        .executeTakeFirstOrThrow();
      assert.equal(Number(counted.n), Number(held.placed));
    });
  });
}

describe('an import killed part way through', () => {
  it('leaves whole batches only, and finishes without duplicates when run again', async () => {
    // A file of many batches, so that the kill lands in the middle: December's rows, over and over.
    const [heading, ...rows] = readFileSync(december, 'utf8').trimEnd().split('\r\n');
    const big = scratchFile('2025-12-big.csv', [heading, ...Array.from({ length: 120 }, () => rows).flat()].join('\r\n'));
    const dataDir = scratchFolder('kill');
    const handle = createDb({ databaseUrl: null, dataDir });
    await migrateToLatest(handle.db);
    const { DATABASE_URL: _postgres, ...environment } = process.env;
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'cli.ts'), 'import-crime', big], {
      env: { ...environment, DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let finished = false;
    void exited.then(() => (finished = true));
    let linesDone = 0;
    while (linesDone < 10_000) {
      assert.equal(finished, false, 'the import ended before it could be stopped');
      await new Promise((resolve) => setTimeout(resolve, 20));
      linesDone = (await handle.db.selectFrom('crimeImports').select('linesDone').executeTakeFirst())?.linesDone ?? 0;
    }
    child.kill('SIGKILL');
    await exited;

    const stopped = await handle.db.selectFrom('crimeImports').selectAll().executeTakeFirstOrThrow();
    assert.equal(stopped.status, 'importing');
    const kept = await handle.db
      .selectFrom('crimes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    // Every line up to the checkpoint is in, and nothing after it: the batch and its checkpoint commit together.
    assert.equal(Number(kept.n), stopped.linesDone - 1);
    assert.ok(stopped.linesDone < rows.length * 120, 'the import was stopped before the end');

    const container = createContainer(testConfig, { database: handle, mailer: createLogMailer(() => undefined) });
    const { imported } = await container.crimeData.importFile(systemPrincipal, big);
    assert.equal(imported.id, stopped.id);
    assert.equal(imported.status, 'complete');
    assert.equal(imported.crimes, rows.length * 120);
    const distinct = await handle.db
      .selectFrom('crimes')
      .select((eb) => eb.fn.count('line').distinct().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(distinct.n), rows.length * 120);
    // Its monthly counts, counted as the file was read (the lines written before the kill too), are those of its rows.
    const ofRows = await handle.db
      .selectFrom('crimes')
      .select((eb) => ['lsoaCode', 'crimeType', eb.fn.countAll<number>().as('crimes')])
      .where('lsoaCode', 'is not', null)
      .groupBy(['lsoaCode', 'crimeType'])
      .orderBy('lsoaCode')
      .orderBy('crimeType')
      .execute();
    const counts = await handle.db
      .selectFrom('crimeCounts')
      .select(['lsoaCode', 'crimeType', 'crimes'])
      .orderBy('lsoaCode')
      .orderBy('crimeType')
      .execute();
    assert.deepEqual(
      counts,
      ofRows.map((row) => ({ ...row, crimes: Number(row.crimes) })),
    );
    await handle.close();
  });
});

/**
 * National scale: one partnership's crime pages on a database holding every force's crimes. The demo (its
 * partnerships, Charnwood's tasking group and the demo's police.uk files, imported through the service) is
 * measured first: the hotspot page, the tasking document, the crime profile and the peer comparison, medians of
 * five. Then 36 months of 43 forces are written beside it (synthetic: the demo's imported files re-labelled by
 * month and force, each other force's LSOA codes made its own, ~18 million rows) in bulk — COPY on PostgreSQL, one
 * prepared statement on SQLite — each file finished as the importer finishes one (its monthly counts, its month's
 * partition), and the same pages are measured again: each printed as a ratio to its demo figure. On SQLite and,
 * from BENCH_DATABASE_URL (default the local safer_test server), on PostgreSQL. NATIONAL_FORCES and
 * NATIONAL_MONTHS make it smaller. Part of `npm run bench`; on its own: `node bench/national.ts`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import type { DatabaseHandle } from '../src/db/createDb.ts';
import { type Engine, sqlitePath } from '../src/db/dialect.ts';
import { addMonthlyCounts, makeMonthPartition } from '../src/modules/crimedata/crimedata.repository.ts';
import { demoCrimeSources, seedDemoCrimeData } from '../src/modules/crimedata/index.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { seedDemoTasking } from '../src/modules/tasking/index.ts';
import { type Browser, testConfig } from '../test/helpers/app.ts';
import { signedInAdministrator } from './administrator.ts';
import { migratedDatabase } from './databases.ts';

const forceLimit = Number(process.env.NATIONAL_FORCES ?? 43);
const monthCount = Number(process.env.NATIONAL_MONTHS ?? 36);
const runs = 5;

const crimeColumns = ['import_id', 'line', 'month', 'crime_id', 'longitude', 'latitude', 'location', 'lsoa_code', 'crime_type', 'outcome'];
type CrimeRow = [string, number, string, string | null, number | null, number | null, string, string | null, string, string | null];

/** `months` months ending with `last` ('2022-10'), oldest first. */
function monthsEnding(last: string, months: number): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: months }, (_, i) => {
    const date = new Date(Date.UTC(year, month - months + i, 1));
    return date.toISOString().slice(0, 7);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Each page's median time over `runs` rounds (the pages taken in turn in each), after one round to warm up. */
async function timePages(browser: Browser, pages: readonly { label: string; url: string }[]): Promise<number[]> {
  const times: number[][] = pages.map(() => []);
  for (let round = 0; round <= runs; round++) {
    for (const [i, page] of pages.entries()) {
      const start = performance.now();
      const response = await browser.get(page.url);
      const ms = performance.now() - start;
      if (response.statusCode !== 200) throw new Error(`${page.label}: ${response.statusCode}`);
      if (round > 0) times[i]!.push(ms);
    }
  }
  return times.map(median);
}

/** Writes one file's rows in bulk: COPY on PostgreSQL, one prepared statement on SQLite. */
interface BulkWriter {
  write(importRow: Record<string, unknown>, rows: CrimeRow[]): Promise<void>;
  close(): Promise<void>;
}

const importColumns = [
  'id',
  'file_name',
  'sha256',
  'bytes',
  'status',
  'falls_within',
  'force_code',
  'month',
  'lines_done',
  'crimes',
  'created_at',
  'finished_at',
  'lsoa_edition',
];

function sqliteWriter(path: string): BulkWriter {
  const database = new SqliteDatabase(path);
  database.pragma('synchronous = NORMAL');
  const insertImport = database.prepare(
    `insert into crime_imports (${importColumns.join()}) values (${importColumns.map(() => '?').join()})`,
  );
  const insertCrime = database.prepare(`insert into crimes (${crimeColumns.join()}) values (${crimeColumns.map(() => '?').join()})`);
  const writeFile = database.transaction((importRow: Record<string, unknown>, rows: CrimeRow[]) => {
    insertImport.run(importColumns.map((column) => importRow[column]));
    for (const row of rows) insertCrime.run(row);
  });
  return {
    write: (importRow, rows) => Promise.resolve(writeFile(importRow, rows)),
    close: () => Promise.resolve(void database.close()),
  };
}

/** COPY's text format: tab-separated, \N for null, backslash escapes. */
const copyField = (value: string | number | null) =>
  value === null ? '\\N' : String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async write(importRow, rows) {
      await client.query('begin');
      await client.query(
        `insert into crime_imports (${importColumns.join()}) values (${importColumns.map((_, i) => `$${i + 1}`).join()})`,
        importColumns.map((column) => importRow[column]),
      );
      const text = rows.map((row) => `${row.map(copyField).join('\t')}\n`).join('');
      await pipeline([text], client.query(copyFrom(`copy crimes (${crimeColumns.join()}) from stdin`)));
      await client.query('commit');
    },
    close: () => client.end(),
  };
}

interface NationalLoad {
  rows: number;
  files: number;
  ms: number;
}

/**
 * 36 months of every force beside the demo's files: a force the demo holds files of gets its own files again under
 * other months, every other force the demo's files with its LSOA codes made its own (an LSOA is one force's), so
 * one partnership's rows stay its own.
 */
async function loadNation(opened: DatabaseHandle, engine: Engine): Promise<NationalLoad> {
  const { db } = opened;
  const held = await db
    .selectFrom('crimeImports')
    .select(['id', 'forceCode', 'month', 'fallsWithin', 'lsoaEdition'])
    .where('status', '=', 'complete')
    .orderBy('forceCode')
    .orderBy('month')
    .execute();
  const leicestershire = held.find((row) => row.fallsWithin === 'Leicestershire Police')?.forceCode ?? '';
  const lastMonth = held.filter((row) => row.forceCode === leicestershire).at(-1)?.month ?? '';
  const months = monthsEnding(lastMonth, monthCount);
  const allForces = (await db.selectFrom('crimeCsps').select(['forceCode', 'forceName']).distinct().orderBy('forceCode').execute()).sort(
    (a, b) => Number(b.forceCode === leicestershire) - Number(a.forceCode === leicestershire),
  );
  const forces = allForces.slice(0, forceLimit);
  const sources = new Map<string, CrimeRow[]>();
  const rowsOf = async (importId: string) => {
    let rows = sources.get(importId);
    if (!rows) {
      const found = await db.selectFrom('crimes').selectAll().where('importId', '=', importId).orderBy('line').execute();
      rows = found.map((c) => [
        c.importId,
        c.line,
        c.month,
        c.crimeId,
        c.longitude,
        c.latitude,
        c.location,
        c.lsoaCode,
        c.crimeType,
        c.outcome,
      ]);
      sources.set(importId, rows);
    }
    return rows;
  };
  const writer =
    engine === 'sqlite' ? sqliteWriter(sqlitePath(opened.location.dataDir)) : await postgresWriter(opened.location.databaseUrl ?? '');
  const now = new Date().toISOString();
  let rowCount = 0;
  let files = 0;
  const start = performance.now();
  // Month by month, as police.uk publishes them: each month's first file makes the month's partition.
  for (const [m, month] of months.entries()) {
    for (const [f, force] of forces.entries()) {
      if (held.some((row) => row.forceCode === force.forceCode && row.month === month)) continue;
      const own = held.filter((row) => row.forceCode === force.forceCode);
      const pool = own.length > 0 ? own : held;
      const source = pool[(m + f * 7) % pool.length]!;
      const id = randomUUID();
      const prefix = own.length > 0 ? null : `X${String(f).padStart(2, '0')}`;
      const rows = (await rowsOf(source.id)).map((row): CrimeRow => {
        const lsoa = row[7] === null || prefix === null ? row[7] : `${prefix}${row[7].slice(3)}`;
        return [id, row[1], month, row[3], row[4], row[5], row[6], lsoa, row[8], row[9]];
      });
      await writer.write(
        {
          id,
          file_name: `${month}-${force.forceCode}-street.csv`,
          sha256: randomUUID(),
          bytes: rows.length * 200,
          status: 'complete',
          falls_within: `${force.forceName} Police`,
          force_code: force.forceCode,
          month,
          lines_done: rows.length + 1,
          crimes: rows.length,
          created_at: now,
          finished_at: now,
          lsoa_edition: source.lsoaEdition,
        },
        rows,
      );
      await makeMonthPartition(db, engine, month);
      await db.transaction().execute((trx) => addMonthlyCounts(trx, id));
      rowCount += rows.length;
      files += 1;
    }
  }
  await writer.close();
  const ms = performance.now() - start;
  // A database in service has its statistics: autovacuum's ANALYZE on PostgreSQL, done here at once.
  if (engine === 'postgres') await sql`analyze`.execute(opened.db);
  return { rows: rowCount, files, ms };
}

async function benchEngine(engine: Engine): Promise<string[]> {
  const opened = await migratedDatabase(engine, 'national');
  const container = createContainer(testConfig, { database: opened });
  const app = await buildApp(container, { logger: false });
  await app.ready();
  try {
    const partnerships = await seedDemo(container.governance);
    const { browser } = await signedInAdministrator(container, app);
    const charnwood = partnerships.get('charnwood') ?? '';
    await seedDemoCrimeData(container.crimeData, partnerships);
    await seedDemoTasking(container, charnwood);
    const group = (await container.governance.groups.list(charnwood)).find((candidate) => candidate.name === 'Charnwood Tasking Group');
    const latest = (await container.crimeData.publishedMonths(charnwood)).at(-1) ?? '';
    const base = `/partnerships/${charnwood}`;
    const pages = [
      { label: 'hotspot page', url: `${base}/crime-data/hotspots?month=${latest}` },
      { label: 'tasking document', url: `${base}/tasking/groups/${group?.id ?? ''}/${latest}` },
      { label: 'crime profile', url: `${base}/crime-data/profile` },
      { label: 'peer comparison', url: `${base}/crime-data/peers` },
    ];
    const demo = await timePages(browser, pages);
    const load = await loadNation(opened, engine);
    const national = await timePages(browser, pages);
    const rate = Math.round(load.rows / (load.ms / 1000)).toLocaleString('en-GB');
    return [
      `  ${engine}: ${load.files} files, ${load.rows.toLocaleString('en-GB')} rows written in ${(load.ms / 1000).toFixed(1)} s (${rate} rows/s, counts and partitions included)`,
      ...pages.map(
        (page, i) =>
          `    Charnwood ${page.label}: ${(national[i]! / demo[i]!).toFixed(2)}× its time on the demo's 24 months (${national[i]!.toFixed(0)} ms vs ${demo[i]!.toFixed(0)} ms, medians of ${runs})`,
      ),
    ];
  } finally {
    await app.close();
    await opened.close();
  }
}

/** Skipped, saying so, where the demo's police.uk files are not there. */
export async function nationalBench(): Promise<{ lines: string[] }> {
  if (!existsSync(demoCrimeSources.folder)) {
    return { lines: [`National scale: skipped, no police.uk files in ${demoCrimeSources.folder}`] };
  }
  const lines = [`National scale: ${forceLimit} forces × ${monthCount} months beside the demo, one partnership's pages (goal ≤ 1.5×)`];
  for (const engine of ['sqlite', 'postgres'] as const) lines.push(...(await benchEngine(engine)));
  return { lines };
}

if (import.meta.main) {
  for (const line of (await nationalBench()).lines) console.log(line);
}

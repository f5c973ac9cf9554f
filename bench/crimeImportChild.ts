/**
 * One side of the crime import benchmark, run in a process of its own so that its peak memory is its own:
 * `node bench/crimeImportChild.ts sqlite|postgres|cli|duckdb|floor FILE…` imports the police.uk street files into a
 * fresh database, counts the crimes by LSOA and crime type, and prints one line of JSON (a CrimeImportRun) on
 * stdout. `sqlite` and `postgres` go through `crimeData.importFile` as `safer import-crime` does (PostgreSQL: a
 * database of its own on BENCH_DATABASE_URL's server, dropped after); `cli` runs the `safer import-crime` command
 * itself on SQLite, its peak memory its own; `duckdb` reads the same files with `read_csv` into a table of the same
 * columns (docs/decisions/0011); `floor` writes the rows Safer's reader read into Safer's tables by its bulk writer
 * alone, timing the writing only: SQLite's floor for these tables.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { BulkRow } from '../src/db/bulkRows.ts';
import { peakRssKib } from './peakRss.ts';

export type CrimeImportEngine = 'sqlite' | 'postgres' | 'cli' | 'duckdb' | 'floor';

export interface CrimeImportRun {
  engine: CrimeImportEngine;
  files: number;
  rows: number;
  /** Opening the database and creating its tables (for Safer, also loading the ONS reference). */
  setupMs: number;
  /** Reading the files into the database (for the command: its whole run, start-up included). */
  importMs: number;
  /** The counts by LSOA and crime type, once imported. */
  queryMs: number;
  /** From opening the database to having the counts. */
  endToEndMs: number;
  /** The peak resident memory of the process that imported (for the command: its own, not this one's). */
  peakRssMb: number;
  databaseMb: number;
  /** The counts, one "LSOA code<TAB>crime type<TAB>count" line each (no LSOA: empty), sorted. */
  groups: string[];
  sha256: string;
}

interface Counted {
  rows: number;
  setupMs: number;
  importMs: number;
  queryMs: number;
  groups: string[];
  /** The importing process's peak memory, when it was not this one. */
  peakRssKib?: number;
  databaseBytes?: number;
}

type Count = { lsoaCode: string | null; crimeType: string; count: number };

function canonical(rows: Iterable<Count>): string[] {
  return Array.from(rows, (row) => `${row.lsoaCode ?? ''}\t${row.crimeType}\t${row.count}`).sort();
}

const countsQuery = `
  select lsoa_code, crime_type, count(*) as count
  from crimes
  join crime_imports on crime_imports.id = crimes.import_id and crime_imports.status = 'complete'
  group by lsoa_code, crime_type`;

/** A fresh PostgreSQL database for one run, dropped after it. */
async function withPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  // Loaded only here: a SQLite run's peak memory is its own.
  const { dropDatabase, newPostgresDatabase } = await import('./databases.ts');
  const { name, url } = await newPostgresDatabase('import');
  try {
    return await work(url);
  } finally {
    await dropDatabase(name);
  }
}

async function safer(dataDir: string, files: string[], databaseUrl?: string): Promise<Counted> {
  const { sql } = await import('kysely');
  const { loadConfig } = await import('../src/config.ts');
  const { createContainer } = await import('../src/container.ts');
  const { systemPrincipal } = await import('../src/platform/principal.ts');
  const { migrateToLatest } = await import('../src/db/createDb.ts');
  const start = performance.now();
  const container = createContainer(
    loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }),
  );
  try {
    await migrateToLatest(container.database.db);
    await container.crimeData.ensureReference();
    const imported = performance.now();
    let rows = 0;
    for (const file of files) {
      const { imported: result } = await container.crimeData.importFile(systemPrincipal, file);
      if (result.status !== 'complete') throw new Error(`${file}: import ${result.status}${result.problem ? `: ${result.problem}` : ''}`);
      rows += result.crimes;
    }
    const queried = performance.now();
    const { rows: counts } = await sql<Count>`${sql.raw(countsQuery)}`.execute(container.database.db);
    const done = performance.now();
    const size = databaseUrl
      ? (await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(container.database.db)).rows[0]?.bytes
      : undefined;
    return {
      rows,
      setupMs: imported - start,
      importMs: queried - imported,
      queryMs: done - queried,
      groups: canonical(counts),
      databaseBytes: size === undefined ? undefined : Number(size),
    };
  } finally {
    await container.database.close();
  }
}

/** `safer import-crime FILE…` as an operator runs it, on SQLite; then the counts, read from its database. */
async function cli(dataDir: string, files: string[]): Promise<Counted> {
  const peakFile = join(dataDir, 'peak');
  const root = join(import.meta.dirname, '..');
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PEAK_MEMORY_FILE: peakFile, NODE_ENV: 'development' };
  delete env.DATABASE_URL;
  const start = performance.now();
  await promisify(execFile)(
    process.execPath,
    ['--import', join(import.meta.dirname, 'peakMemory.ts'), join(root, 'src', 'cli.ts'), 'import-crime', ...files],
    { env, maxBuffer: 256 * 1024 * 1024 },
  );
  const imported = performance.now();
  const { default: SQLite } = await import('better-sqlite3');
  const database = new SQLite(join(dataDir, 'safer.sqlite'), { readonly: true });
  try {
    const counts = database.prepare(countsQuery).all() as { lsoa_code: string | null; crime_type: string; count: number }[];
    const done = performance.now();
    return {
      rows: counts.reduce((sum, row) => sum + row.count, 0),
      setupMs: 0,
      importMs: imported - start,
      queryMs: done - imported,
      groups: canonical(counts.map((row) => ({ lsoaCode: row.lsoa_code, crimeType: row.crime_type, count: row.count }))),
      peakRssKib: Number(readFileSync(peakFile, 'utf8')),
    };
  } finally {
    database.close();
  }
}

/**
 * SQLite's own floor for what the import writes: each file read by Safer's reader first (not timed), then its crimes
 * written by Safer's bulk writer (50 rows a prepared statement, synchronous=NORMAL under WAL) and its monthly counts
 * by the import's one statement, one transaction a file, into the tables the migrations make (the same keys and
 * indexes): the time of the writing and committing only. No claim, checkpoint, tally check or completion.
 */
async function sqliteFloor(dataDir: string, files: string[]): Promise<Counted> {
  const { loadConfig } = await import('../src/config.ts');
  const { createContainer } = await import('../src/container.ts');
  const { migrateToLatest } = await import('../src/db/createDb.ts');
  const { openBulkWriter } = await import('../src/db/bulkRows.ts');
  const { crimesTable, insertImport, writeMonthlyCounts } = await import('../src/modules/crimedata/crimedata.repository.ts');
  const { crimeTally } = await import('../src/modules/crimedata/fileTally.ts');
  const { readStreetFile } = await import('../src/modules/crimedata/policeUkFile.ts');
  const { crimeRow } = await import('../src/modules/crimedata/importer.ts');
  const { createReadStream } = await import('node:fs');
  const { sql } = await import('kysely');
  const container = createContainer(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }));
  const { db } = container.database;
  try {
    await migrateToLatest(db);
    const writer = await openBulkWriter(db, crimesTable);
    let rows = 0;
    let writingMs = 0;
    for (const file of files) {
      const id = randomUUID();
      const crimes: BulkRow[] = [];
      const tally = crimeTally();
      let month = '';
      for await (const batch of readStreetFile(createReadStream(file), { afterLine: 0, batchSize: 20_000, progress: { bytesRead: 0 } })) {
        for (const crime of batch) {
          month = crime.month;
          crimes.push(crimeRow(id, crime));
          tally.add(crime);
        }
      }
      await insertImport(db, {
        id,
        fileName: file,
        sha256: id,
        bytes: 0,
        status: 'complete',
        fallsWithin: null,
        forceCode: null,
        month,
        problem: null,
        batchId: null,
        partnershipId: null,
        importedBy: null,
        runner: null,
        claimedUntil: null,
        createdAt: '',
        finishedAt: null,
      });
      const counts = tally.counts();
      const start = performance.now();
      await writer.transaction(async (trx, write) => {
        await write(crimes);
        await writeMonthlyCounts(trx, 'sqlite', { id, month }, counts);
      });
      writingMs += performance.now() - start;
      rows += crimes.length;
    }
    await writer.close();
    const queried = performance.now();
    const { rows: counted } = await sql<Count>`${sql.raw(countsQuery)}`.execute(db);
    const done = performance.now();
    return { rows, setupMs: 0, importMs: writingMs, queryMs: done - queried, groups: canonical(counted) };
  } finally {
    await container.database.close();
  }
}

/** A string as an SQL literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function duckdb(dataDir: string, files: string[]): Promise<Counted> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const start = performance.now();
  const instance = await DuckDBInstance.create(join(dataDir, 'crimes.duckdb'));
  const connection = await instance.connect();
  try {
    const imported = performance.now();
    // union_by_name makes DuckDB sniff every file: sniffed once for all, the CRLF of the first file is
    // taken for every file, and the LF files (Devon and Cornwall) are read as a heading alone, silently.
    await connection.run(`
      create table crimes as
      select "Crime ID" as crime_id, "Month" as month, "Falls within" as falls_within,
        cast("Longitude" as double) as longitude, cast("Latitude" as double) as latitude, "Location" as location,
        "LSOA code" as lsoa_code, "Crime type" as crime_type, "Last outcome category" as outcome
      from read_csv([${files.map(literal).join(', ')}],
        header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', union_by_name = true)`);
    const queried = performance.now();
    const reader = await connection.runAndReadAll(
      'select lsoa_code, crime_type, count(*) as count from crimes group by lsoa_code, crime_type',
    );
    const counts = reader.getRows().map(([lsoaCode, crimeType, count]) => ({
      lsoaCode: lsoaCode === null ? null : String(lsoaCode),
      crimeType: String(crimeType),
      count: Number(count),
    }));
    const done = performance.now();
    const total = await connection.runAndReadAll('select count(*) from crimes');
    return {
      rows: Number(total.getRows()[0]?.[0]),
      setupMs: imported - start,
      importMs: queried - imported,
      queryMs: done - queried,
      groups: canonical(counts),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const engines: Record<CrimeImportEngine, (dataDir: string, files: string[]) => Promise<Counted>> = {
  sqlite: (dataDir, files) => safer(dataDir, files),
  postgres: (dataDir, files) => withPostgres((url) => safer(dataDir, files, url)),
  cli,
  duckdb,
  floor: sqliteFloor,
};

const [engine, ...files] = process.argv.slice(2);
if (!engine || !(engine in engines) || files.length === 0) {
  console.error(`usage: node bench/crimeImportChild.ts ${Object.keys(engines).join('|')} FILE…`);
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), `safer-bench-${engine}-`));
try {
  const counted = await engines[engine as CrimeImportEngine](dataDir, files);
  // Taken before the result is turned into JSON, which is the benchmark's and not the import's.
  const peakRssMb = (counted.peakRssKib ?? peakRssKib()) / 1024;
  const databaseBytes = counted.databaseBytes ?? readdirSync(dataDir).reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
  const run: CrimeImportRun = {
    engine: engine as CrimeImportEngine,
    files: files.length,
    rows: counted.rows,
    setupMs: counted.setupMs,
    importMs: counted.importMs,
    queryMs: counted.queryMs,
    endToEndMs: counted.setupMs + counted.importMs + counted.queryMs,
    peakRssMb,
    databaseMb: databaseBytes / 1024 / 1024,
    groups: counted.groups,
    sha256: createHash('sha256').update(counted.groups.join('\n')).digest('hex'),
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

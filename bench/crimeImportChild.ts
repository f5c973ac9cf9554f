/**
 * One side of the crime import benchmark, run in a process of its own so that its peak memory is its own:
 * `node bench/crimeImportChild.ts safer|duckdb FILE…` imports the police.uk street files into a fresh
 * database in a temporary folder, counts the crimes by LSOA and crime type, and prints one line of JSON
 * (a CrimeImportRun) on stdout. Safer's side goes through `crimeData.importFile` as `safer import-crime`
 * does; DuckDB's reads the same files with `read_csv` into a table of the same columns (docs/decisions/0011).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface CrimeImportRun {
  engine: 'safer' | 'duckdb';
  files: number;
  rows: number;
  /** Opening the database and creating its tables (for Safer, also loading the ONS reference). */
  setupMs: number;
  /** Reading the files into the database. */
  importMs: number;
  /** The counts by LSOA and crime type, once imported. */
  queryMs: number;
  /** From opening the database to having the counts. */
  endToEndMs: number;
  /** The child's own peak resident memory. */
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
}

function canonical(rows: Iterable<{ lsoaCode: string | null; crimeType: string; count: number }>): string[] {
  return Array.from(rows, (row) => `${row.lsoaCode ?? ''}\t${row.crimeType}\t${row.count}`).sort();
}

async function safer(dataDir: string, files: string[]): Promise<Counted> {
  const { sql } = await import('kysely');
  const { loadConfig } = await import('../src/config.ts');
  const { createContainer } = await import('../src/container.ts');
  const { systemPrincipal } = await import('../src/platform/principal.ts');
  const { migrateToLatest } = await import('../src/db/createDb.ts');
  const start = performance.now();
  const container = createContainer(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }));
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
    const { rows: counts } = await sql<{ lsoaCode: string | null; crimeType: string; count: number }>`
      select lsoa_code, crime_type, count(*) as count
      from crimes
      join crime_imports on crime_imports.id = crimes.import_id and crime_imports.status = 'complete'
      group by lsoa_code, crime_type`.execute(container.database.db);
    const done = performance.now();
    return { rows, setupMs: imported - start, importMs: queried - imported, queryMs: done - queried, groups: canonical(counts) };
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

/**
 * The most memory this process has had, in KiB. On Linux from /proc (VmHWM): `resourceUsage().maxRSS` keeps,
 * across the fork and exec that start this process, the peak of the process that started it (the bench,
 * with its seeded databases, well over a gigabyte).
 */
function peakRssKib(): number {
  try {
    const found = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (found?.[1]) return Number(found[1]);
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS;
}

const [engine, ...files] = process.argv.slice(2);
if ((engine !== 'safer' && engine !== 'duckdb') || files.length === 0) {
  console.error('usage: node bench/crimeImportChild.ts safer|duckdb FILE…');
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), `safer-bench-${engine}-`));
try {
  const counted = engine === 'safer' ? await safer(dataDir, files) : await duckdb(dataDir, files);
  // Taken before the result is turned into JSON, which is the benchmark's and not the import's.
  const peakRssMb = peakRssKib() / 1024;
  const databaseBytes = readdirSync(dataDir).reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);
  const run: CrimeImportRun = {
    engine,
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

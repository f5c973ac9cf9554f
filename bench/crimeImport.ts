/**
 * The crime import benchmark: every police.uk street file under ../shared/data/policeuk imported into a
 * fresh SQLite database through Safer's importer, and into DuckDB with `read_csv` as the yardstick, each in
 * a child process of its own (bench/crimeImportChild.ts) so that each peak memory is its own. The crimes by
 * LSOA and crime type must come out the same from both, or the benchmark fails. Part of `npm run bench`;
 * on its own: `node bench/crimeImport.ts`. Skipped, saying so, where ../shared is not there.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { CrimeImportRun } from './crimeImportChild.ts';

const projectRoot = join(import.meta.dirname, '..');
const folder = join(projectRoot, '..', 'shared', 'data', 'policeuk');
const child = join(import.meta.dirname, 'crimeImportChild.ts');

export interface CrimeImportBench {
  /** Null when the benchmark was skipped. */
  runs: { safer: CrimeImportRun; duckdb: CrimeImportRun } | null;
  /** What to print: the figures, or why the benchmark was skipped. */
  lines: string[];
}

/** The street files, by force folder and name. */
function streetFiles(): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((force) =>
      readdirSync(join(folder, force.name))
        .filter((name) => name.endsWith('.csv'))
        .map((name) => join(folder, force.name, name)),
    )
    .sort();
}

async function runChild(engine: CrimeImportRun['engine'], files: string[]): Promise<CrimeImportRun> {
  const { stdout } = await promisify(execFile)(process.execPath, [child, engine, ...files], { maxBuffer: 256 * 1024 * 1024 });
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return JSON.parse(last) as CrimeImportRun;
}

/** The first few counts that differ, for the failure message. */
function differences(a: CrimeImportRun, b: CrimeImportRun): string[] {
  const inA = new Set(a.groups);
  const inB = new Set(b.groups);
  return [
    ...a.groups.filter((group) => !inB.has(group)).map((group) => `only ${a.engine}: ${group}`),
    ...b.groups.filter((group) => !inA.has(group)).map((group) => `only ${b.engine}: ${group}`),
  ].slice(0, 10);
}

const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (mb: number) => `${mb.toFixed(0)} MB`;

/** Runs both imports one after the other; skipped, saying why, when the files are not there. Throws when the counts differ. */
export async function crimeImportBench(): Promise<CrimeImportBench> {
  const files = existsSync(folder) ? streetFiles() : [];
  if (files.length === 0) {
    return { runs: null, lines: [`Crime import: skipped, no police.uk street files in ${folder} (see docs/decisions/0011)`] };
  }
  const safer = await runChild('safer', files);
  const duckdb = await runChild('duckdb', files);
  if (safer.rows !== duckdb.rows || safer.sha256 !== duckdb.sha256) {
    throw new Error(
      `Crime import: counts agree: NO. Safer imported ${safer.rows} rows in ${safer.groups.length} groups, DuckDB read ${duckdb.rows} in ` +
        `${duckdb.groups.length}:\n  ${differences(safer, duckdb).join('\n  ')}`,
    );
  }
  const forces = new Set(files.map((file) => relative(folder, file).split(/[\\/]/)[0])).size;
  const lines = [
    `Crime import: ${files.length} police.uk street files of ${forces} forces, ${whole(safer.rows)} rows, into a fresh database each, ` +
      `then counted by LSOA and crime type (${whole(safer.groups.length)} counts)`,
    `  counts agree: yes (sha256 ${safer.sha256.slice(0, 16)}…)`,
    `  Safer (SQLite, importFile): ${whole(safer.rows / (safer.importMs / 1000))} rows/s; import ${seconds(safer.importMs)}, ` +
      `end to end ${seconds(safer.endToEndMs)} (setup ${seconds(safer.setupMs)}, counts ${seconds(safer.queryMs)}); ` +
      `peak memory ${megabytes(safer.peakRssMb)}; database ${megabytes(safer.databaseMb)}`,
    `  DuckDB (read_csv):          ${whole(duckdb.rows / (duckdb.importMs / 1000))} rows/s; import ${seconds(duckdb.importMs)}, ` +
      `end to end ${seconds(duckdb.endToEndMs)} (setup ${seconds(duckdb.setupMs)}, counts ${seconds(duckdb.queryMs)}); ` +
      `peak memory ${megabytes(duckdb.peakRssMb)}; database ${megabytes(duckdb.databaseMb)}`,
    `  Safer ÷ DuckDB: end to end ${(safer.endToEndMs / duckdb.endToEndMs).toFixed(1)}×, import ${(safer.importMs / duckdb.importMs).toFixed(1)}×, ` +
      `peak memory ${(safer.peakRssMb / duckdb.peakRssMb).toFixed(1)}×`,
  ];
  return { runs: { safer, duckdb }, lines };
}

if (import.meta.main) {
  for (const line of (await crimeImportBench()).lines) console.log(line);
}

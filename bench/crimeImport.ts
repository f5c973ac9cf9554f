/**
 * The crime import benchmark: every police.uk street file under ../shared/data/policeuk imported into a fresh
 * database through Safer's importer (SQLite and PostgreSQL), by the `safer import-crime` command (SQLite), and
 * into DuckDB with `read_csv` as the yardstick, and SQLite's floor for Safer's tables (the rows written alone), each in a child process of its own (bench/crimeImportChild.ts) so
 * that each peak memory is its own. At 1× the files as they are; at 10× each file ten times, re-labelled to ten
 * distinct months (written to a temporary folder), so that nothing is a duplicate. The crimes by LSOA and crime
 * type must come out the same from every side, or the benchmark fails. Part of `npm run bench`; on its own:
 * `node bench/crimeImport.ts`. CRIME_IMPORT_SCALES (default "1,10") and CRIME_IMPORT_RUNS (runs of each, the
 * median taken; default 1) size it. Skipped, saying so, where ../shared is not there.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { CrimeImportEngine, CrimeImportRun } from './crimeImportChild.ts';

const projectRoot = join(import.meta.dirname, '..');
const folder = join(projectRoot, '..', 'shared', 'data', 'policeuk');
const child = join(import.meta.dirname, 'crimeImportChild.ts');

export interface CrimeImportBench {
  /** At 1×, the medians: null when the benchmark was skipped. */
  runs: { safer: CrimeImportRun; duckdb: CrimeImportRun } | null;
  /** What to print: the figures, or why the benchmark was skipped. */
  lines: string[];
}

/** The street files, by force folder and name. */
function streetFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((force) =>
      readdirSync(join(root, force.name))
        .filter((name) => name.endsWith('.csv'))
        .map((name) => join(root, force.name, name)),
    )
    .sort();
}

/** The month `back` months before a YYYY-MM month. */
function monthsBefore(month: string, back: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Each file `scale` times into `into`, copy k re-labelled k × 24 months earlier (the files span less than two
 * years, so no force has a month twice): the Month field is the second of every row, after a Crime ID without a comma.
 */
function scaledFiles(files: string[], scale: number, into: string): string[] {
  const written: string[] = [];
  for (const file of files) {
    const force = basename(join(file, '..'));
    mkdirSync(join(into, force), { recursive: true });
    const [heading, ...rows] = readFileSync(file, 'utf8').split('\n');
    for (let copy = 0; copy < scale; copy += 1) {
      const month = monthsBefore(rows[0]!.split(',')[1]!, copy * 24);
      const relabelled = rows.map((row) => {
        if (row.trim() === '') return row;
        const idEnd = row.indexOf(',');
        return `${row.slice(0, idEnd)},${month}${row.slice(row.indexOf(',', idEnd + 1))}`;
      });
      const path = join(into, force, `${month}-${force}-street.csv`);
      writeFileSync(path, [heading, ...relabelled].join('\n'));
      written.push(path);
    }
  }
  return written.sort();
}

async function runChild(engine: CrimeImportEngine, files: string[]): Promise<CrimeImportRun> {
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

function median(runs: CrimeImportRun[]): CrimeImportRun {
  return [...runs].sort((a, b) => a.endToEndMs - b.endToEndMs)[Math.floor(runs.length / 2)]!;
}

const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (mb: number) => `${mb.toFixed(0)} MB`;
const engines: CrimeImportEngine[] = ['duckdb', 'sqlite', 'postgres', 'cli', 'floor'];
const names: Record<CrimeImportEngine, string> = {
  duckdb: 'DuckDB (read_csv)',
  sqlite: 'Safer, SQLite (importFile)',
  postgres: 'Safer, PostgreSQL (importFile)',
  cli: 'safer import-crime (SQLite)',
  floor: 'SQLite floor (writing alone)',
};

/** Every side at one scale, `runs` times each, interleaved; the median of each. Throws when the counts differ. */
async function atScale(
  files: string[],
  scale: number,
  runs: number,
): Promise<{ lines: string[]; medians: Map<CrimeImportEngine, CrimeImportRun> }> {
  const results = new Map<CrimeImportEngine, CrimeImportRun[]>(engines.map((engine) => [engine, []]));
  for (let run = 0; run < runs; run += 1) {
    for (const engine of engines) {
      const result = await runChild(engine, files);
      const yardstick = results.get('duckdb')![0] ?? result;
      if (result.rows !== yardstick.rows || result.sha256 !== yardstick.sha256) {
        throw new Error(
          `Crime import ${scale}×: counts agree: NO. ${result.engine} imported ${result.rows} rows in ${result.groups.length} groups, ` +
            `DuckDB read ${yardstick.rows} in ${yardstick.groups.length}:\n  ${differences(result, yardstick).join('\n  ')}`,
        );
      }
      results.get(engine)!.push(result);
    }
  }
  const medians = new Map(engines.map((engine) => [engine, median(results.get(engine)!)]));
  const duckdb = medians.get('duckdb')!;
  const lines = [
    `  ${scale}×: ${files.length} files, ${whole(duckdb.rows)} rows, counts agree: yes (sha256 ${duckdb.sha256.slice(0, 16)}…); median of ${runs}`,
    ...engines.map((engine) => {
      const run = medians.get(engine)!;
      const setup = engine === 'cli' ? 'whole command' : engine === 'floor' ? 'reading not timed' : `setup ${seconds(run.setupMs)}`;
      const versus =
        engine === 'duckdb'
          ? ''
          : `  = ${(run.endToEndMs / duckdb.endToEndMs).toFixed(1)}× DuckDB end to end, import ${(run.importMs / duckdb.importMs).toFixed(1)}×;`;
      return (
        `    ${names[engine].padEnd(31)} ${whole(run.rows / (run.importMs / 1000))} rows/s; import ${seconds(run.importMs)}, end to end ${seconds(run.endToEndMs)} ` +
        `(${setup}, counts ${seconds(run.queryMs)}); peak memory ${megabytes(run.peakRssMb)}; database ${megabytes(run.databaseMb)}${versus ? `\n     ${versus}` : ''}`
      );
    }),
  ];
  return { lines, medians };
}

/** Runs every side at each scale; skipped, saying why, when the files are not there. Throws when the counts differ. */
export async function crimeImportBench(): Promise<CrimeImportBench> {
  const files = existsSync(folder) ? streetFiles(folder) : [];
  if (files.length === 0) {
    return { runs: null, lines: [`Crime import: skipped, no police.uk street files in ${folder} (see docs/decisions/0011)`] };
  }
  const scales = (process.env.CRIME_IMPORT_SCALES ?? '1,10').split(',').map(Number);
  const runs = Number(process.env.CRIME_IMPORT_RUNS ?? 1);
  const forces = new Set(files.map((file) => relative(folder, file).split(/[\\/]/)[0])).size;
  const lines = [
    `Crime import: ${files.length} police.uk street files of ${forces} forces into a fresh database each, then counted by LSOA and crime type`,
  ];
  const peaks: string[] = [];
  let first: CrimeImportBench['runs'] = null;
  for (const scale of scales) {
    const scaled = scale === 1 ? null : mkdtempSync(join(tmpdir(), 'safer-bench-scaled-'));
    try {
      const measured = await atScale(scaled ? scaledFiles(files, scale, scaled) : files, scale, runs);
      lines.push(...measured.lines);
      first ??= { safer: measured.medians.get('sqlite')!, duckdb: measured.medians.get('duckdb')! };
      peaks.push(`${scale}× ${megabytes(measured.medians.get('cli')!.peakRssMb)}`);
    } finally {
      if (scaled) rmSync(scaled, { recursive: true, force: true });
    }
  }
  lines.push(`  safer import-crime peak memory: ${peaks.join(', ')}`);
  return { runs: first, lines };
}

if (import.meta.main) {
  for (const line of (await crimeImportBench()).lines) console.log(line);
}

/**
 * The real `safer` command in a child process, for the benches that time a start or run two servers: a database of
 * either engine made for the bench (and copied for each start), the command run against it, /health polled until it
 * answers, and the process's memory read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sqlitePath } from '../src/db/dialect.ts';
import { administer, databaseUrl, dropDatabase, newPostgresDatabase } from './databases.ts';

const cli = join(import.meta.dirname, '..', 'src', 'cli.ts');

/** Where one database of the bench lives: the environment that points `safer` at it. */
export interface BenchDatabase {
  engine: 'sqlite' | 'postgres';
  env: Record<string, string>;
  /** A copy of the database as it now stands, for one start that must find it untouched by the last. */
  copy(): Promise<BenchDatabase>;
  drop(): Promise<void>;
}

/** Whether the bench's PostgreSQL answers; the PostgreSQL runs are skipped, saying so, when it does not. */
export async function postgresAnswers(): Promise<boolean> {
  try {
    await administer('select 1');
    return true;
  } catch {
    return false;
  }
}

const sessionSecret = randomBytes(32).toString('hex');

function sqliteDatabase(dataDir: string): BenchDatabase {
  return {
    engine: 'sqlite',
    env: { DATA_DIR: dataDir, SESSION_SECRET: sessionSecret },
    copy() {
      const to = mkdtempSync(join(tmpdir(), 'safer-bench-'));
      copyFileSync(sqlitePath(dataDir), sqlitePath(to));
      return Promise.resolve(sqliteDatabase(to));
    },
    drop() {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function postgresDatabase(name: string, dataDir: string): BenchDatabase {
  return {
    engine: 'postgres',
    env: { DATABASE_URL: databaseUrl(name), DATA_DIR: dataDir, SESSION_SECRET: sessionSecret },
    async copy() {
      const copy = await newPostgresDatabase(name.replace(/^safer_bench_/, ''), name);
      return postgresDatabase(copy.name, mkdtempSync(join(tmpdir(), 'safer-bench-')));
    },
    async drop() {
      await dropDatabase(name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database of the engine (`safer_bench_<label>_…` on PostgreSQL). */
export async function emptyDatabase(engine: BenchDatabase['engine'], label: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'safer-bench-'));
  mkdirSync(dataDir, { recursive: true });
  if (engine === 'sqlite') return sqliteDatabase(dataDir);
  return postgresDatabase((await newPostgresDatabase(label)).name, dataDir);
}

function childEnv(database: BenchDatabase, extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  return { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...database.env, ...extra };
}

/** Runs a `safer` command to its end; throws with its output when it fails. */
export async function runSafer(database: BenchDatabase, args: string[], extra: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [cli, ...args], { env: childEnv(database, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`safer ${args[0] ?? ''} exited with ${String(code)}:\n${output}`);
  return output;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface ServerProcess {
  port: number;
  child: ChildProcess;
  /** From spawning to the first /health that answers 200. */
  readyMs: number;
  /** Resident memory now, and the most it has been, in MB (Linux's /proc). */
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
}

/** `safer serve` against the database, on a free port; resolves when /health answers 200. */
export async function startServer(database: BenchDatabase, extra: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: childEnv(database, { PORT: String(port), HOST: '127.0.0.1', ...extra }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`safer serve exited with ${String(child.exitCode)}:\n${errors}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const readyMs = performance.now() - started;
  const pid = child.pid ?? 0;
  return {
    port,
    child,
    readyMs,
    memory: () => ({ rssMb: statusMb(pid, 'VmRSS'), peakRssMb: statusMb(pid, 'VmHWM') }),
    /** SIGTERM, as an operator would; SIGKILL if it has not finished its job run within 30 s. */
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

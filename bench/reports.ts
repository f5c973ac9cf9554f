/**
 * The performance report at scale: Plymouth's quarterly report of 40 indicators, each with 10 years of monthly
 * measurements (bench/volume.ts), on SQLite and on PostgreSQL. One request at a time, each subject is timed in
 * rounds interleaved with the baseline (the signed-in home page, a page that is little more than the layout) and
 * printed as the median of the rounds' ratios; then, at 50 connections (autocannon, in a child process of its own),
 * the report pages' throughput as a share of the baseline's, again as the median of interleaved rounds.
 * Part of `npm run bench`; on its own: `node bench/reports.ts`. Sizes: REPORTS_BENCH_INDICATORS (40),
 * REPORTS_BENCH_ROUNDS (3), REPORTS_BENCH_SECONDS (about 4 per autocannon run; 0 leaves throughput out).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import type { DatabaseHandle } from '../src/db/createDb.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { quarterSlug } from '../src/modules/performance/index.ts';
import { monthsOfQuarter } from '../src/modules/performance/periods.ts';
import { testConfig } from '../test/helpers/app.ts';
import { createSqlite } from '../test/helpers/database.ts';
import { signedInAdministrator } from './administrator.ts';
import { migratedDatabase } from './databases.ts';
import { seedPerformanceHistory } from './volume.ts';

const indicatorCount = Number(process.env.REPORTS_BENCH_INDICATORS ?? 40);
const rounds = Math.max(3, Number(process.env.REPORTS_BENCH_ROUNDS ?? 3));
const seconds = Number(process.env.REPORTS_BENCH_SECONDS ?? 4);
const autocannon = join(import.meta.dirname, '..', 'node_modules', '.bin', 'autocannon');

const median = (values: number[]) => {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

async function msPerRun(runs: number, work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await work();
  return (performance.now() - start) / runs;
}

interface Throughput {
  requestsPerSecond: number;
  errors: number;
}

/** `amount` requests over 50 connections, all answered (a minute's timeout) before it returns: the requests answered per second. */
async function throughput(url: string, cookie: string, amount: number): Promise<Throughput> {
  const args = ['-c', '50', '-a', String(amount), '-t', '60', '-j', '-H', `cookie=${cookie}`, url];
  const { stdout } = await promisify(execFile)(autocannon, args, { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { '2xx': number; duration: number; errors: number; non2xx: number; timeouts: number };
  return { requestsPerSecond: result['2xx'] / result.duration, errors: result.errors + result.non2xx + result.timeouts };
}

async function benchEngine(engine: 'SQLite' | 'PostgreSQL', database: DatabaseHandle): Promise<string[]> {
  const container = createContainer({ ...testConfig }, { database });
  const app = await buildApp(container, { logger: false });
  try {
    await app.ready();
    const partnerships = await seedDemo(container.governance);
    const { browser, cookie } = await signedInAdministrator(container, app);
    const plymouth = partnerships.get('plymouth') ?? '';
    const { latestQuarter } = await container.performance.reports(plymouth);
    const measurementCount = await seedPerformanceHistory(
      container.database.db,
      plymouth,
      (await container.governance.groups.list(plymouth)).map((group) => group.id),
      { indicatorCount, months: 120, lastMonth: monthsOfQuarter(latestQuarter).at(-1) ?? '' },
    );
    const reportPage = `/partnerships/${plymouth}/performance/reports/${quarterSlug(latestQuarter)}`;
    const ok = async (url: string) => {
      const response = await browser.get(url);
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
    };
    const baseline = () => ok('/');
    await msPerRun(20, baseline);
    const baselineRuns: number[] = [];
    for (let round = 0; round < rounds; round++) baselineRuns.push(await msPerRun(20, baseline));
    const baselineMs = median(baselineRuns);

    const lines = [
      `${engine}: Plymouth's report of ${indicatorCount} indicators from ${measurementCount.toLocaleString('en-GB')} measurements; ` +
        `baseline the signed-in home page, ${baselineMs.toFixed(2)} ms one at a time`,
    ];
    const firstMs = await msPerRun(1, () => ok(reportPage));
    lines.push(`  ${(firstMs / baselineMs).toFixed(1).padStart(7)}×  report page, first opening (one run)`);

    const subjects: [string, number, () => Promise<unknown>][] = [
      ['report page again', 5, () => ok(reportPage)],
      [`  of which: performance.report, the draft derived`, 5, () => container.performance.report(plymouth, latestQuarter)],
      ['exception report page', 5, () => ok(`${reportPage}/exceptions`)],
      ['report PDF', 2, () => ok(`${reportPage}/files/report.pdf`)],
      ['exception report PDF', 2, () => ok(`${reportPage}/files/exceptions.pdf`)],
    ];
    const oneAtATime = new Map<string, number>();
    for (const [label, runs, work] of subjects) {
      await work();
      const ratios: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const base = await msPerRun(20, baseline);
        ratios.push((await msPerRun(runs, work)) / base);
      }
      oneAtATime.set(label, median(ratios) * baselineMs);
      lines.push(`  ${median(ratios).toFixed(1).padStart(7)}×  ${label} (median of ${rounds} interleaved rounds)`);
    }

    if (seconds > 0) {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      // Each page is asked as often as takes about `seconds` one at a time, at least once for each connection.
      const pages: [string, string, number][] = [
        ['signed-in home (baseline)', '/', baselineMs],
        ['report page', reportPage, oneAtATime.get('report page again') ?? baselineMs],
        ['exception report page', `${reportPage}/exceptions`, oneAtATime.get('exception report page') ?? baselineMs],
        ['report PDF', `${reportPage}/files/report.pdf`, oneAtATime.get('report PDF') ?? baselineMs],
        ['exception report PDF', `${reportPage}/files/exceptions.pdf`, oneAtATime.get('exception report PDF') ?? baselineMs],
      ];
      const runs = new Map<string, Throughput[]>(pages.map(([label]) => [label, []]));
      for (let round = 0; round < rounds; round++) {
        for (const [label, path, ms] of pages) {
          const amount = Math.max(50, Math.ceil((seconds * 1000) / ms));
          runs.get(label)?.push(await throughput(`${address}${path}`, cookie, amount));
        }
      }
      const rate = (label: string) => median((runs.get(label) ?? []).map((run) => run.requestsPerSecond));
      const base = rate('signed-in home (baseline)');
      lines.push(`  at 50 connections (autocannon, runs of about ${seconds} s one at a time, median of ${rounds} interleaved rounds):`);
      for (const [label] of pages) {
        const errors = (runs.get(label) ?? []).reduce((sum, run) => sum + run.errors, 0);
        lines.push(
          `  ${((rate(label) / base) * 100).toFixed(0).padStart(6)}%  ${label}: ${rate(label).toFixed(0)} req/s, ${errors} errors or non-2xx`,
        );
      }
    }
    return lines;
  } finally {
    await app.close();
    await container.database.close();
  }
}

/** The report's figures on SQLite, then on PostgreSQL (skipped, saying so, when it cannot be reached). */
export async function reportsBench(): Promise<{ lines: string[] }> {
  const lines = await benchEngine('SQLite', await createSqlite());
  const postgres = await migratedDatabase('postgres', 'reports').catch((error: unknown) => error as Error);
  if (postgres instanceof Error) return { lines: [...lines, `PostgreSQL: skipped, ${postgres.message}`] };
  return { lines: [...lines, ...(await benchEngine('PostgreSQL', postgres))] };
}

if (import.meta.main) {
  for (const line of (await reportsBench()).lines) console.log(line);
}

/**
 * Page throughput (issue 19, goal 1): the app served as in production (bench/pagesServer.ts, a process of its
 * own) on SQLite and on PostgreSQL, driven by autocannon at 50 connections for a set time a page (long enough that a slow page's first answers, which
 * all come late when 50 wait on one process, are a small part of it; autocannon ends a run of a set number of
 * requests only on a whole second, which rounds a fast page's rate), the pages
 * interleaved over at least 3 rounds; the median req/s of each. Each page is printed as a share of the signed-in
 * layout page (goal ≥ 70%), and that page as a share of the same layout signed out (goal ≥ 70%). Every response
 * that is not 2xx, and every error, is counted and printed: they must be 0. On its own: `node bench/pages.ts`;
 * PAGES_BENCH_SECONDS (default 10) and PAGES_BENCH_ROUNDS (default 3) set its length, PAGES_BENCH_ENGINES
 * (default "sqlite,postgres") its engines, and PAGES_BENCH_PAGES (words of the labels, comma-separated; default every
 * page) the pages measured beside the two layout pages, which are always measured as the baselines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type BenchPage, layoutPageUrl, type PagesServerReady, proxyHeaders, startPageUrl } from './pagesServer.ts';

interface AutocannonResult {
  requests: { total: number };
  /** Seconds, as measured. */
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  /** Seconds to wait for one answer: 50 queued on a slow page wait long, and that is slowness, not failure. */
  timeout: number;
  headers: Record<string, string>;
}) => Promise<AutocannonResult>;
// autocannon has no types of its own; this is the part of it the bench uses.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const seconds = Number(process.env.PAGES_BENCH_SECONDS ?? 10);
const rounds = Math.max(3, Number(process.env.PAGES_BENCH_ROUNDS ?? 3));
const engines = (process.env.PAGES_BENCH_ENGINES ?? 'sqlite,postgres').split(',').filter(Boolean);
const picked = (process.env.PAGES_BENCH_PAGES ?? '')
  .split(',')
  .map((word) => word.trim().toLowerCase())
  .filter(Boolean);
const connections = 50;

/** The pages this run measures: the two baselines, and those whose label holds one of PAGES_BENCH_PAGES' words. */
const measured = (page: BenchPage) =>
  picked.length === 0 ||
  page.url === layoutPageUrl ||
  page.url === startPageUrl ||
  picked.some((word) => page.label.toLowerCase().includes(word));

async function startServer(engine: string): Promise<{ child: ChildProcess; ready: PagesServerReady }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'pagesServer.ts'), engine], { stdio: ['ignore', 'pipe', 'inherit'] });
  // The server's output is read to its end (its log after the ready line goes to stderr), so that a full pipe never stalls it.
  const lines = createInterface({ input: child.stdout ?? process.stdin });
  const ready = await new Promise<PagesServerReady>((resolve, reject) => {
    let started = false;
    lines.on('line', (line) => {
      if (!started && line.startsWith('{')) {
        started = true;
        resolve(JSON.parse(line) as PagesServerReady);
      } else {
        process.stderr.write(`${line}\n`);
      }
    });
    child.once('exit', (code) => reject(new Error(`The ${engine} page server stopped (${code}) before it was ready`)));
  });
  return { child, ready };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Waits for the requests still queued from the last run (autocannon stops sending, the server still answers them),
 * so that each page is measured on an idle server: until /health answers within a fifth of a second, or a minute.
 */
async function drained(base: string): Promise<void> {
  for (const give = performance.now() + 60_000; performance.now() < give;) {
    const start = performance.now();
    await (await fetch(`${base}/health`)).text();
    if (performance.now() - start < 200) return;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const percent = (part: number, whole: number) => `${((part / whole) * 100).toFixed(0)}%`;

/** One engine: every page checked once (a 200), then the rounds, the pages interleaved within each. */
async function benchEngine(engine: string): Promise<string[]> {
  const { child, ready: served } = await startServer(engine);
  try {
    const ready = { ...served, pages: served.pages.filter(measured) };
    const base = `http://127.0.0.1:${ready.port}`;
    const headersOf = (page: BenchPage) => ({ ...proxyHeaders, ...(page.signedIn ? { cookie: ready.cookie } : {}) });
    for (const page of ready.pages) {
      const response = await fetch(`${base}${page.url}`, { headers: headersOf(page), redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${engine}: ${page.label} (${page.url}) answered ${response.status}`);
      await response.text();
    }
    const samples = new Map(ready.pages.map((page) => [page.url, { rates: [] as number[], non2xx: 0, errors: 0 }]));
    for (let round = 0; round < rounds; round++) {
      for (const page of ready.pages) {
        const result = await autocannon({
          url: `${base}${page.url}`,
          connections,
          duration: seconds,
          timeout: 120,
          headers: headersOf(page),
        });
        await drained(base);
        const sample = samples.get(page.url);
        if (!sample) continue;
        sample.rates.push(result.requests.total / result.duration);
        sample.non2xx += result.non2xx;
        sample.errors += result.errors + result.timeouts;
      }
    }
    const rateOf = (url: string) => median(samples.get(url)?.rates ?? []);
    const layout = rateOf(layoutPageUrl);
    const signedOut = rateOf(startPageUrl);
    const lines = [
      `Pages, ${engine}: ${connections} connections, ${seconds} s a page, median of ${rounds} interleaved rounds ` +
        `(demo and volume seeded in ${(ready.seedMs / 1000).toFixed(1)} s)`,
      `${'req/s'.padStart(8)}  ${'× layout'.padStart(8)}  non-2xx  errors  page`,
    ];
    for (const page of ready.pages) {
      const sample = samples.get(page.url);
      const rate = rateOf(page.url);
      const share =
        page.url === startPageUrl ? '' : page.url === layoutPageUrl ? `${percent(rate, signedOut)} of signed out` : percent(rate, layout);
      lines.push(
        `${rate.toFixed(0).padStart(8)}  ${share.padStart(8)}  ${String(sample?.non2xx ?? 0).padStart(7)}  ${String(sample?.errors ?? 0).padStart(6)}  ${page.label}`,
      );
    }
    const slowest = ready.pages.filter((page) => page.signedIn && page.url !== layoutPageUrl).map((page) => rateOf(page.url) / layout);
    lines.push(
      `  goal: each page ≥ 70% of the layout (lowest ${percent(Math.min(...slowest), 1)}); layout ≥ 70% of signed out (${percent(layout, signedOut)})`,
    );
    return lines;
  } finally {
    await stopServer(child);
  }
}

export async function pagesBench(): Promise<{ lines: string[] }> {
  const lines: string[] = [];
  for (const engine of engines) lines.push(...(await benchEngine(engine)), '');
  return { lines };
}

if (import.meta.main) {
  for (const line of (await pagesBench()).lines) console.log(line);
}

/**
 * The lists that grow without bound, at 1,000 rows and at 100,000 (`LISTS_BENCH_ROWS`), on SQLite and on
 * PostgreSQL: the action log (its filters and a page deep in it), the audit log, the decisions register and the
 * meetings list, each through the app, signed in, one request at a time. Each figure is the median of rounds
 * interleaved across the lists; the goal is 100,000 ÷ 1,000 ≤ 1.3. A page half way down is asked for by a typed number
 * (read by offset from the nearer end), and reached by the links a page offers: Next from the page before it and the
 * "+2" number from two before (read on from that page's last row); the last page by the link every page offers (read
 * back from the end). At 10,000 actions and 1,000 decisions, the
 * action log and the register are also given against the signed-in home page, for the pages goal. Part of
 * `npm run bench`; on its own: `node bench/lists.ts`. PostgreSQL from `BENCH_DATABASE_URL`, in a database of its own.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Browser } from '../test/helpers/app.ts';
import { build } from '../test/helpers/build.ts';
import { createSqlite } from '../test/helpers/database.ts';
import { migratedDatabase } from './databases.ts';
import { seedAuditLog, seedHistory } from './volume.ts';

const largest = Number(process.env.LISTS_BENCH_ROWS ?? 100_000);
const sizes = [1_000, 10_000, largest];
const rounds = 3;

interface Page {
  label: string;
  url: string;
}

/** The pages of one size: each list's first page and its filters. */
function pagesOf(partnershipId: string): Page[] {
  const actions = `/partnerships/${partnershipId}/actions`;
  return [
    { label: 'signed-in home page', url: '/' },
    { label: 'action log, first page', url: actions },
    { label: 'action log, overdue of "all agencies"', url: `${actions}?owner=all+agencies&overdue=yes` },
    { label: 'action log, status open', url: `${actions}?status=open` },
    { label: 'audit log, first page', url: '/admin/audit' },
    { label: 'audit log, one partnership', url: `/admin/audit?partnershipId=${partnershipId}` },
    { label: 'decisions register, first page', url: `/partnerships/${partnershipId}/decisions` },
    { label: 'meetings list', url: `/partnerships/${partnershipId}/meetings` },
  ];
}

/** A link of a page, by its text (a page number, or "next"), as the page offers it. */
function linkOf(body: string, label: string, name: string): string {
  const pattern = name === 'next' ? /href="([^"]+)" rel="next"/ : new RegExp(`href="([^"]+)"[^>]*aria-label="Page ${name}"`);
  const href = pattern.exec(body)?.[1]?.replaceAll('&amp;', '&');
  if (!href) throw new Error(`${label}: no link to ${name}`);
  return href;
}

/**
 * The page half way down a list by a typed page number (read from the nearer end by offset), the same page reached
 * by the Next link of the page before it and by the "+2" link of the page two before it, and the last page by the
 * link every page offers.
 */
async function deepPages(client: Browser, label: string, list: string, middle: number): Promise<Page[]> {
  const at = (page: number) => `${list}${list.includes('?') ? '&' : '?'}page=${page}`;
  const before = (await client.get(at(middle - 1))).body;
  const twoBefore = (await client.get(at(middle - 2))).body;
  const first = (await client.get(list)).body;
  const last = [...first.matchAll(/aria-label="Page (\d+)"/g)].map((match) => Number(match[1])).reduce((a, b) => Math.max(a, b), 1);
  return [
    { label: `${label}, page half way, typed page number`, url: at(middle) },
    { label: `${label}, page half way by Next`, url: linkOf(before, label, 'next') },
    { label: `${label}, page half way by the +2 link`, url: linkOf(twoBefore, label, String(middle)) },
    { label: `${label}, last page by its link`, url: linkOf(first, label, String(last)) },
  ];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Milliseconds per request of each page, at one size on one engine: medians of rounds interleaved across the pages. */
async function measureSize(engine: 'sqlite' | 'postgres', size: number): Promise<Map<string, number>> {
  const closers: (() => Promise<void>)[] = [];
  const database = engine === 'sqlite' ? await createSqlite() : await migratedDatabase('postgres', 'lists');
  const { client, container, coventry } = await build({ after: (close) => void closers.push(close) }, { database, as: 'admin' });
  try {
    const db = container.database.db;
    const groupIds = (await container.governance.groups.list(coventry)).map((group) => group.id);
    const months = Math.ceil(size / 28);
    const first = new Date(Date.UTC(2026, 10 - months, 1)).toISOString().slice(0, 7);
    await seedHistory(db, coventry, groupIds, { meetingCount: size, actionsPerMeeting: 1, firstMonth: first, perMonth: 28 });
    const admin = await db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
    await seedAuditLog(db, { count: size, partnershipId: coventry, userId: admin.id, lastAt: new Date().toISOString() });
    // As autovacuum would by now: the planner's statistics of the rows just written, and their pages marked
    // all-visible, so a count can be read off an index alone.
    if (engine === 'postgres') await sql`vacuum analyze`.execute(db);
    const middle = Math.max(3, Math.floor(size / 50 / 2));
    const pages = [
      ...pagesOf(coventry),
      ...(await deepPages(client, 'action log', `/partnerships/${coventry}/actions`, middle)),
      ...(await deepPages(client, 'audit log', '/admin/audit', middle)),
    ];
    // Enough requests a round to take about 100 ms, measured from a warmed-up request of each page.
    const perRound = new Map<string, number>();
    for (const page of pages) {
      const response = await client.get(page.url);
      if (response.statusCode !== 200) throw new Error(`${page.label}: ${response.statusCode}`);
      const start = performance.now();
      await client.get(page.url);
      perRound.set(page.label, Math.min(20, Math.max(1, Math.round(100 / (performance.now() - start)))));
    }
    const samples = new Map<string, number[]>(pages.map((page) => [page.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const page of pages) {
        const count = perRound.get(page.label) ?? 1;
        const start = performance.now();
        for (let i = 0; i < count; i++) await client.get(page.url);
        samples.get(page.label)?.push((performance.now() - start) / count);
      }
    }
    return new Map([...samples].map(([label, values]) => [label, median(values)]));
  } finally {
    for (const close of closers) await close();
  }
}

const whole = (n: number) => n.toLocaleString('en-GB');

export async function listsBench(): Promise<{ lines: string[] }> {
  const lines = [
    `Lists at ${sizes.map(whole).join(', ')} rows (actions, decisions, meetings and audit entries each), signed in as an administrator, ` +
      `one request at a time; medians of ${rounds} interleaved rounds`,
  ];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const bySize = new Map<number, Map<string, number>>();
    for (const size of sizes) {
      bySize.set(size, await measureSize(engine, size));
      // Progress, for a long run: the figures so far.
      if (process.env.LISTS_BENCH_PROGRESS) console.error(engine, size, JSON.stringify([...(bySize.get(size) ?? [])]));
    }
    const small = bySize.get(sizes[0] ?? 0);
    const large = bySize.get(largest);
    const middle = bySize.get(10_000);
    lines.push(`  ${engine}:`, `  ${'ms at 1,000'.padStart(12)}  ${`ms at ${whole(largest)}`.padStart(14)}  ratio (goal ≤ 1.3)  what`);
    for (const [label, ms] of small ?? []) {
      const at = large?.get(label) ?? 0;
      lines.push(`  ${ms.toFixed(2).padStart(12)}  ${at.toFixed(2).padStart(14)}  ${(at / ms).toFixed(2).padStart(18)}  ${label}`);
    }
    const home = middle?.get('signed-in home page') ?? 1;
    const homeAt1000 = small?.get('signed-in home page') ?? 1;
    lines.push(
      `    action log of 10,000, first page: ${(middle?.get('action log, first page') ?? 0).toFixed(2)} ms, ` +
        `${((middle?.get('action log, first page') ?? 0) / home).toFixed(1)}× the signed-in home page`,
      `    decisions register of 1,000, first page: ${(small?.get('decisions register, first page') ?? 0).toFixed(2)} ms, ` +
        `${((small?.get('decisions register, first page') ?? 0) / homeAt1000).toFixed(1)}× the signed-in home page`,
    );
  }
  return { lines };
}

if (import.meta.main) {
  for (const line of (await listsBench()).lines) console.log(line);
}

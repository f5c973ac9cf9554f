/**
 * Two processes, one database (decision 0046): two real `safer serve` processes on one database. It shows that a
 * session begun on one holds on the other, that e-mail queued once is delivered once with both job workers running
 * (counted at a real SMTP server both processes send to), and a signed-in page's throughput at 50 connections spread
 * evenly over the two processes against the same load on one process. The load is two autocannon instances of half
 * the connections each, both at one process (baseline) or one at each (two processes), so the load generator is the
 * same in both; medians of 3, interleaved. Autocannon, PostgreSQL and both servers share the machine's cores, so the
 * ratio is what the cores left to the servers allow, not a bare doubling. On PostgreSQL, and on SQLite (both
 * processes on one WAL file). On its own: `node bench/processes.ts`; BENCH_PROCS_SECONDS, BENCH_PROCS_RUNS and
 * BENCH_PROCS_EMAILS set the sizes.
 */
import { createRequire } from 'node:module';
import { createContainer } from '../src/container.ts';
import { createDb } from '../src/db/createDb.ts';
import { testConfig } from '../test/helpers/app.ts';
import { startSmtpServer } from '../test/helpers/mail.ts';
import { type BenchDatabase, emptyDatabase, median, postgresAnswers, runSafer, type ServerProcess, startServer } from './appProcess.ts';

// autocannon ships no types: the little of it used here.
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<{
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const connections = 50;
const durationSeconds = Number(process.env.BENCH_PROCS_SECONDS ?? 5);
const runs = Number(process.env.BENCH_PROCS_RUNS ?? 3);
const emailCount = Number(process.env.BENCH_PROCS_EMAILS ?? 200);
const email = 'procs@example.com';
const password = 'a long enough passphrase 1';
const signedInMark = 'data-qa="sign-out"';

/** A browser's cookies, kept across servers as one browser behind a load balancer keeps them. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async fetch(server: ServerProcess, path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: this.header },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }
}

/** Signs in on `first`; returns the jar, and whether each server answers the home page signed in to its cookie. */
async function sessionAcross(first: ServerProcess, second: ServerProcess): Promise<{ jar: CookieJar; lines: string[] }> {
  const jar = new CookieJar();
  const form = await (await jar.fetch(first, '/sign-in')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  const signIn = await jar.fetch(first, '/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  if (signIn.status !== 302) throw new Error(`signing in on process 1 answered ${signIn.status}`);
  const lines: string[] = [];
  for (const [label, server] of [
    ['process 1 (signed in here)', first],
    ['process 2', second],
  ] as const) {
    const home = await jar.fetch(server, '/');
    const signedIn = home.status === 200 && (await home.text()).includes(signedInMark);
    if (!signedIn) throw new Error(`the session begun on process 1 is not signed in on ${label} (${home.status})`);
    lines.push(`  session: the cookie from signing in on process 1 answers GET / signed in on ${label}: yes`);
  }
  return { jar, lines };
}

/** Requests a second of GET / signed in, with the connections split evenly over the targets. */
async function throughput(targets: readonly [ServerProcess, ServerProcess], cookie: string): Promise<number> {
  const results = await Promise.all(
    targets.map((server) =>
      autocannon({
        url: `http://127.0.0.1:${server.port}/`,
        connections: connections / targets.length,
        duration: durationSeconds,
        headers: { cookie },
      }),
    ),
  );
  const failed = results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0);
  if (failed) throw new Error(`${failed} requests failed or did not answer 200`);
  return results.reduce((sum, result) => sum + result.requests.total, 0) / durationSeconds;
}

/** Queues the e-mails through the notifications service, one job each, before the processes start. */
async function queueEmails(database: BenchDatabase): Promise<void> {
  const handle = createDb({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR ?? '' });
  try {
    const { notifications } = createContainer(testConfig, { database: handle });
    await notifications.enqueueEmails(
      Array.from({ length: emailCount }, (_, i) => ({ to: `person-${i}@example.com`, subject: `Bench ${i}`, text: `Message ${i}` })),
    );
  } finally {
    await handle.close();
  }
}

/** Waits for every job due to be done or given up; returns who claimed the e-mails, and the scheduled jobs by day. */
async function jobsSettled(database: BenchDatabase): Promise<{ claimedBy: Map<string, number>; daily: Map<string, number> }> {
  const handle = createDb({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR ?? '' });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const jobs = await handle.db
        .selectFrom('jobs')
        .select(['kind', 'uniqueKey', 'claimedBy', 'doneAt', 'failedAt', 'runAfter'])
        .execute();
      const now = new Date().toISOString();
      const waiting = jobs.filter((job) => !job.doneAt && !job.failedAt && job.runAfter <= now);
      if (waiting.length === 0) {
        const claimedBy = new Map<string, number>();
        const daily = new Map<string, number>();
        for (const job of jobs) {
          if (job.kind === 'email') claimedBy.set(job.claimedBy ?? 'nobody', (claimedBy.get(job.claimedBy ?? 'nobody') ?? 0) + 1);
          else daily.set(job.uniqueKey ?? job.kind, (daily.get(job.uniqueKey ?? job.kind) ?? 0) + 1);
        }
        return { claimedBy, daily };
      }
      if (Date.now() > deadline) throw new Error(`${waiting.length} jobs still waiting after 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await handle.close();
  }
}

async function engineLines(engine: BenchDatabase['engine']): Promise<string[]> {
  const database = await emptyDatabase(engine, 'procs');
  const smtp = await startSmtpServer();
  const servers: ServerProcess[] = [];
  try {
    await runSafer(database, ['migrate']);
    await runSafer(database, ['create-user', '--email', email, '--name', 'Two processes', '--password', password, '--admin']);
    await queueEmails(database);
    const mail = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'safer@example.com' };
    // Started together, so that both job workers' first runs find the queue full.
    servers.push(...(await Promise.all([startServer(database, mail), startServer(database, mail)])));
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const lines = [
      `Two processes, one ${engine === 'sqlite' ? 'SQLite file' : 'PostgreSQL database'} (\`safer serve\` × 2; ` +
        `GET / signed in, ${connections} connections, ${durationSeconds} s a run, medians of ${runs}, interleaved)`,
    ];
    const { jar, lines: sessionLines } = await sessionAcross(first, second);
    lines.push(...sessionLines);

    const { claimedBy, daily } = await jobsSettled(database);
    const perRecipient = new Map<string, number>();
    for (const message of smtp.received) for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const once = [...perRecipient.values()].filter((count) => count === 1).length;
    const twice = [...perRecipient.values()].filter((count) => count > 1).length;
    if (once !== emailCount || twice !== 0) throw new Error(`${once} of ${emailCount} e-mails delivered once, ${twice} more than once`);
    const split = [...claimedBy.values()].sort((a, b) => b - a).join(' + ');
    const doubled = [...daily].filter(([, count]) => count > 1);
    if (doubled.length) throw new Error(`scheduled jobs doubled: ${doubled.map(([key]) => key).join(', ')}`);
    lines.push(
      `  jobs: ${emailCount} e-mails queued, ${smtp.received.length} delivered to the SMTP server = ${(smtp.received.length / emailCount).toFixed(2)}× ` +
        `(each of ${once} recipients once, 0 twice); claimed by ${claimedBy.size} workers (${split})`,
      `  scheduled jobs: ${[...daily.keys()].sort().join(', ')}: each once, not once per process`,
    );

    const one: number[] = [];
    const two: number[] = [];
    for (let i = 0; i < runs; i++) {
      one.push(await throughput([first, first], jar.header));
      two.push(await throughput([first, second], jar.header));
    }
    const [oneRate, twoRate] = [median(one), median(two)];
    lines.push(
      `  one process (baseline):    ${oneRate.toFixed(0)} req/s, 0 errors`,
      `  two processes, 25 + 25:    ${twoRate.toFixed(0)} req/s, 0 errors = ${(twoRate / oneRate).toFixed(2)}× one process ` +
        '(2 cores shared with autocannon and the database)',
    );
    return lines;
  } finally {
    for (const server of servers) await server.stop();
    await smtp.close();
    await database.drop();
  }
}

export async function processesBench(): Promise<{ lines: string[] }> {
  const lines: string[] = [];
  if (await postgresAnswers()) lines.push(...(await engineLines('postgres')));
  else lines.push('Two processes (PostgreSQL): skipped, BENCH_DATABASE_URL does not answer');
  lines.push(...(await engineLines('sqlite')));
  return { lines };
}

if (import.meta.main) {
  for (const line of (await processesBench()).lines) console.log(line);
}

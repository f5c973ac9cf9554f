/**
 * The start-up bench: the real `safer serve` in a child process, timed from spawning to the first /health that
 * answers, and its resident memory after a few idle seconds; on a database of the demo (its police.uk crime data
 * included) with 100,000 actions of history (bench/volume.ts), against a baseline start on a fresh small database
 * (migrated, one account). Each start gets its own copy of the database as built, so each is the day's first, with
 * the daily jobs to run. Medians of 3, the two kinds of start interleaved. On SQLite, and on PostgreSQL where
 * BENCH_DATABASE_URL (or the default) answers. On its own: `node bench/startup.ts`; BENCH_STARTUP_ACTIONS sets the
 * history's size.
 */
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/db/createDb.ts';
import { type BenchDatabase, emptyDatabase, median, postgresAnswers, runSafer, startServer } from './appProcess.ts';
import { seedHistory } from './volume.ts';

const actionCount = Number(process.env.BENCH_STARTUP_ACTIONS ?? 100_000);
const runs = 3;
const idleMs = 5_000;
const account = [
  'create-user',
  '--email',
  'timer@example.com',
  '--name',
  'Start-up timer',
  '--password',
  'a long enough passphrase 1',
  '--admin',
];

/** The month `monthsBack` months before this one, as '2026-03'. */
function monthsAgo(monthsBack: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1)).toISOString().slice(0, 7);
}

/** The history, shared among the demo's partnerships: ten actions a meeting, the last meetings last month. */
async function addHistory(database: BenchDatabase): Promise<void> {
  const handle = createDb({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR ?? '' });
  try {
    const partnerships = await handle.db.selectFrom('partnerships').select('id').orderBy('id').execute();
    const meetingsEach = Math.ceil(actionCount / 10 / partnerships.length);
    for (const { id } of partnerships) {
      const groupIds = (await handle.db.selectFrom('groups').select('id').where('partnershipId', '=', id).orderBy('id').execute()).map(
        (group) => group.id,
      );
      if (groupIds.length === 0) continue;
      const months = Math.ceil(meetingsEach / groupIds.length);
      await seedHistory(handle.db, id, groupIds, { meetingCount: meetingsEach, actionsPerMeeting: 10, firstMonth: monthsAgo(months) });
    }
  } finally {
    await handle.close();
  }
}

interface Start {
  readyMs: number;
  idleRssMb: number;
  peakRssMb: number;
}

async function timeStart(built: BenchDatabase): Promise<Start> {
  const database = await built.copy();
  try {
    const server = await startServer(database);
    try {
      await new Promise((resolve) => setTimeout(resolve, idleMs));
      const { rssMb, peakRssMb } = server.memory();
      return { readyMs: server.readyMs, idleRssMb: rssMb, peakRssMb };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (value: number) => `${value.toFixed(0)} MB`;

async function engineLines(engine: BenchDatabase['engine']): Promise<string[]> {
  const small = await emptyDatabase(engine, 'startup');
  const large = await emptyDatabase(engine, 'startup');
  try {
    const buildStart = performance.now();
    await runSafer(small, ['migrate']);
    await runSafer(small, account);
    await runSafer(large, ['seed-demo']);
    await runSafer(large, account);
    await addHistory(large);
    const buildMs = performance.now() - buildStart;
    const starts: { small: Start[]; large: Start[] } = { small: [], large: [] };
    for (let i = 0; i < runs; i++) {
      starts.small.push(await timeStart(small));
      starts.large.push(await timeStart(large));
    }
    const of = (kind: 'small' | 'large', figure: keyof Start) => median(starts[kind].map((start) => start[figure]));
    const actions = actionCount.toLocaleString('en-GB');
    return [
      `Start-up (${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}): \`safer serve\` to /health OK, then ${idleMs / 1000} s idle; ` +
        `medians of ${runs}, interleaved (databases built in ${seconds(buildMs)})`,
      `  baseline, fresh small database:            ready ${seconds(of('small', 'readyMs'))}, idle RSS ${mb(of('small', 'idleRssMb'))}, ` +
        `peak ${mb(of('small', 'peakRssMb'))}`,
      `  demo with crime data and ${actions} actions: ready ${seconds(of('large', 'readyMs'))}, idle RSS ${mb(of('large', 'idleRssMb'))}, ` +
        `peak ${mb(of('large', 'peakRssMb'))}`,
      `  ÷ baseline: ready ${(of('large', 'readyMs') / of('small', 'readyMs')).toFixed(2)}×, ` +
        `idle RSS ${(of('large', 'idleRssMb') / of('small', 'idleRssMb')).toFixed(2)}× (goal: ≤ 3 s and ≤ 300 MB)`,
    ];
  } finally {
    await small.drop();
    await large.drop();
  }
}

export async function startupBench(): Promise<{ lines: string[] }> {
  const lines = await engineLines('sqlite');
  if (await postgresAnswers()) lines.push(...(await engineLines('postgres')));
  else lines.push('Start-up (PostgreSQL): skipped, BENCH_DATABASE_URL does not answer');
  return { lines };
}

if (import.meta.main) {
  for (const line of (await startupBench()).lines) console.log(line);
}

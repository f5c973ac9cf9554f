/**
 * `npm run bench`: times the pages partnership staff open most, against a named baseline in the
 * same run (the bare layout page: the start page a signed-out visitor sees), so the figures compare
 * across machines. The later figures are taken after years of history have been added: 1,000
 * meetings and 10,000 actions in Coventry; then, in Plymouth (so that Coventry's figures stay comparable),
 * the performance report of 40 indicators with 10 years of monthly measurements: its first opening, which
 * draws the charts, then again with the charts kept, and the derivation of the figures alone; and a funding
 * year of 200 allocations, each with four quarters of spend returned, through the services as an officer would.
 * Last, where ../shared has them: Charnwood's tasking document and hotspots from the demo's 24 months of police.uk
 * data, and every police.uk file imported by Safer and read by DuckDB (bench/crimeImport.ts).
 * Then issue 19's goals, each on SQLite and PostgreSQL and each a ratio with its own baseline in the same run: page
 * throughput at 50 connections (bench/pages.ts), the performance report (bench/reports.ts), lists at 1,000 and
 * 100,000 rows (bench/lists.ts), start-up (bench/startup.ts), two processes on one database (bench/processes.ts),
 * national scale (bench/national.ts).
 * BENCH_SUITES (e.g. "pages,lists") runs only those of them, and "none" none.
 */
import { performance } from 'node:perf_hooks';
import { systemPrincipal } from '../src/platform/principal.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { assessQuorum, type Seat } from '../src/modules/governance/quorum.ts';
import { seedDemoCrimeData } from '../src/modules/crimedata/index.ts';
import { quarterSlug } from '../src/modules/performance/index.ts';
import { seedDemoTasking } from '../src/modules/tasking/index.ts';
import { monthsOfQuarter } from '../src/modules/performance/periods.ts';
import { build } from '../test/helpers/build.ts';
import { signedInAdministrator } from './administrator.ts';
import { crimeImportBench } from './crimeImport.ts';
import { listsBench } from './lists.ts';
import { nationalBench } from './national.ts';
import { pagesBench } from './pages.ts';
import { processesBench } from './processes.ts';
import { reportsBench } from './reports.ts';
import { startupBench } from './startup.ts';
import { seedHistory, seedPerformanceHistory } from './volume.ts';

/** One run, with no warming up: the first opening of a page whose work is then kept. */
async function once(label: string, work: () => unknown): Promise<{ label: string; perRunMs: number }> {
  const start = performance.now();
  await work();
  return { label, perRunMs: performance.now() - start };
}

async function time(label: string, runs: number, work: () => unknown): Promise<{ label: string; perRunMs: number }> {
  for (let i = 0; i < Math.min(5, runs); i++) await work();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await work();
  return { label, perRunMs: (performance.now() - start) / runs };
}

// The bench closes what it built itself, at its end.
const closers: (() => Promise<void>)[] = [];
const { app, container } = await build({ after: (close) => void closers.push(close) }, { seed: false, as: 'nobody' });
const seedStart = performance.now();
const partnerships = await seedDemo(container.governance);
const seedMs = performance.now() - seedStart;
const coventry = partnerships.get('coventry') ?? '';
const [board] = await container.governance.groups.list(coventry);
const { scheduled } = await container.meetings.scheduleCycle(systemPrincipal, coventry, {
  groupId: board?.id ?? '',
  from: '2026-04-01',
  ordinal: 2,
  weekday: 4,
  startTime: '14:00',
  location: 'Council House',
});
const [meeting] = await container.meetings.list(coventry, { groupId: board?.id, from: scheduled[0], to: scheduled[0] });
const { browser } = await signedInAdministrator(container, app);

const seats: Seat[] = Array.from({ length: 200 }, (_, i) => ({
  organisationId: `org-${i % 40}`,
  organisationName: `Organisation ${i % 40}`,
  responsibleAuthority: i % 40 < 5,
  sector: i % 40 < 10 ? 'statutory' : 'community_voluntary',
  voting: i % 7 !== 0,
}));

const baseline = await time('GET / signed out: the bare layout page (baseline)', 300, () => app.inject('/'));
const results = [
  await time('GET /health (one trivial query)', 300, () => app.inject('/health')),
  await time('GET / (your partnerships)', 200, () => browser.get('/')),
  await time('GET partnership page with structure diagram', 200, () => browser.get(`/partnerships/${coventry}`)),
  await time('GET Coventry board page (44 members, terms, quorum)', 200, () =>
    browser.get(`/partnerships/${coventry}/groups/${board?.id}`),
  ),
  await time('GET board membership CSV', 200, () => browser.get(`/partnerships/${coventry}/groups/${board?.id}/members.csv`)),
  await time('GET people list', 200, () => browser.get(`/partnerships/${coventry}/people`)),
  await time('GET audit log, first page', 100, () => browser.get('/admin/audit')),
  await time('GET meeting page (agenda, attendance of 44, deadlines)', 200, () =>
    browser.get(`/partnerships/${coventry}/meetings/${meeting?.id}`),
  ),
  await time('GET attendance form (44 members)', 100, () => browser.get(`/partnerships/${coventry}/meetings/${meeting?.id}/attendance`)),
  await time('assessQuorum over 200 seats (pure)', 2000, () =>
    assessQuorum({ kind: 'responsible_authorities_and_community', communityMinimum: 6 }, seats, seats.slice(0, 120)),
  ),
];

const groupIds = (await container.governance.groups.list(coventry)).map((group) => group.id);
const historyStart = performance.now();
const latestBoardMeeting = await seedHistory(container.database.db, coventry, groupIds, {
  meetingCount: 1000,
  actionsPerMeeting: 10,
  firstMonth: '1985-04',
});
const historyMs = performance.now() - historyStart;
const stillToDo = await container.actions.mattersArising(
  coventry,
  (await container.meetings.get(coventry, latestBoardMeeting)).meeting,
  systemPrincipal,
);
results.push(
  await time('GET action log, first page of 10,000 actions', 100, () => browser.get(`/partnerships/${coventry}/actions`)),
  await time('GET action log, overdue actions of "All agencies"', 100, () =>
    browser.get(`/partnerships/${coventry}/actions?owner=all+agencies&overdue=yes`),
  ),
  await time(`GET meeting page of 1,000 (matters arising: ${stillToDo.length} open actions)`, 50, () =>
    browser.get(`/partnerships/${coventry}/meetings/${latestBoardMeeting}`),
  ),
  await time('GET decisions register, 1,000 decisions', 10, () => browser.get(`/partnerships/${coventry}/decisions`)),
  await time('GET action log CSV, all 10,000 actions', 10, () => browser.get(`/partnerships/${coventry}/actions/download.csv`)),
);

const plymouth = partnerships.get('plymouth') ?? '';
const { latestQuarter } = await container.performance.reports(plymouth);
const performanceStart = performance.now();
const measurementCount = await seedPerformanceHistory(
  container.database.db,
  plymouth,
  (await container.governance.groups.list(plymouth)).map((group) => group.id),
  { indicatorCount: 40, months: 120, lastMonth: monthsOfQuarter(latestQuarter).at(-1) ?? '' },
);
const performanceMs = performance.now() - performanceStart;
const reportPage = `/partnerships/${plymouth}/performance/reports/${quarterSlug(latestQuarter)}`;
const measured = `${measurementCount.toLocaleString('en-GB')} measurements`;
results.push(
  await time('GET performance home (40 indicators, the reports)', 100, () => browser.get(`/partnerships/${plymouth}/performance`)),
  await once(`GET report page, latest quarter, first opening (a draft from ${measured}, 40 charts drawn)`, () => browser.get(reportPage)),
  await time('GET report page again (the same charts, kept from the first opening)', 10, () => browser.get(reportPage)),
  await time(`  of which: performance.report, the draft derived (${measured})`, 20, () =>
    container.performance.report(plymouth, latestQuarter),
  ),
  await time('GET exception report page (its charts kept from the full report)', 10, () => browser.get(`${reportPage}/exceptions`)),
  await time('GET report PDF (the 40 charts drawn into it)', 5, () => browser.get(`${reportPage}/files/report.pdf`)),
  await time('GET exception report PDF (only the exceptions’ charts drawn)', 5, () => browser.get(`${reportPage}/files/exceptions.pdf`)),
);

// Funding: Plymouth's year of 200 allocations over 10 themes, agreed, released and spent over four quarters.
const fundingStart = performance.now();
const year = 2025;
await container.funding.recordGrant(systemPrincipal, plymouth, {
  yearStarting: year,
  funder: 'Devon and Cornwall Police and Crime Commissioner',
  amount: 2_000_000_00,
  previousAmount: 2_100_000_00,
  carryOver: 0,
  notes: null,
});
const allocationIds: string[] = [];
for (let i = 0; i < 200; i++) {
  allocationIds.push(
    await container.funding.propose(systemPrincipal, plymouth, year, {
      theme: `Theme ${i % 10}`,
      purpose: `Project ${i + 1}`,
      granteeKind: 'organisation',
      grantee: `Organisation ${i % 40}`,
      amount: 9_000_00 + i * 100,
      priorityId: null,
    }),
  );
}
const [plymouthBoard] = (await container.governance.groups.list(plymouth)).filter((group) => group.parentId === null);
const fundingMeeting = await container.meetings.schedule(systemPrincipal, plymouth, {
  groupId: plymouthBoard?.id ?? '',
  kind: 'ordinary',
  meetingDate: '2025-04-17',
  startTime: '14:00',
  location: 'Council House',
});
const fundingItem = await container.agenda.addItem(systemPrincipal, plymouth, fundingMeeting, {
  title: 'Funding 2025/26',
  section: 'decision',
  presenter: null,
  purpose: null,
  confidential: false,
  confidentialReason: null,
});
const agreedBy = await container.minutes.addDecision(systemPrincipal, plymouth, fundingMeeting, fundingItem, {
  outcome: 'agreed',
  wording: 'Agreed the allocations',
  recommendedTo: null,
  votesFor: null,
  votesAgainst: null,
  votesAbstaining: null,
});
await container.funding.agree(systemPrincipal, plymouth, year, agreedBy, allocationIds);
await container.funding.release(systemPrincipal, plymouth, year, allocationIds);
for (const quarter of [1, 2, 3, 4] as const) {
  await container.funding.saveSpend(
    systemPrincipal,
    plymouth,
    year,
    quarter,
    allocationIds.map((allocationId, i) => ({ allocationId, spent: 2_000_00 + i, forecast: quarter === 4 ? null : 9_000_00 })),
  );
}
const fundingMs = performance.now() - fundingStart;
const fundingYear = `/partnerships/${plymouth}/funding/2025-26`;
const [plymouthRecord] = await container.governance.partnerships.list(null, { id: plymouth });
results.push(
  await time('GET funding year page (200 allocations, 800 spend returns)', 20, () => browser.get(fundingYear)),
  await time('GET financial report page, Quarter 4', 20, () => browser.get(`${fundingYear}/reports/q4`)),
  await time('GET financial report PDF, Quarter 4 (200 allocations)', 5, () => browser.get(`${fundingYear}/reports/q4/files/report.pdf`)),
  await time('GET area funding view (every partnership of the area)', 20, () =>
    browser.get(`/areas/${plymouthRecord?.areaId ?? ''}/funding?year=2025-26`),
  ),
);

// Tasking: Charnwood's 24 months of police.uk data (the demo's: from ../shared when it is there, else the shipped extract).
let taskingLine = 'Tasking document: skipped, no police.uk files imported';
const charnwood = partnerships.get('charnwood') ?? '';
const crimeSeedStart = performance.now();
const crimeSeed = await seedDemoCrimeData(container.crimeData, partnerships);
if (crimeSeed.files > 0) {
  const crimeSeedMs = performance.now() - crimeSeedStart;
  await seedDemoTasking(container, charnwood);
  const taskingGroup = (await container.governance.groups.list(charnwood)).find((group) => group.name === 'Charnwood Tasking Group');
  const latestMonth = (await container.crimeData.publishedMonths(charnwood)).at(-1) ?? '';
  const documentPage = `/partnerships/${charnwood}/tasking/groups/${taskingGroup?.id ?? ''}/${latestMonth}`;
  results.push(
    await once('Tasking document, first build (Charnwood, 2 priority locations and the emerging hotspots, 24 months)', () =>
      container.tasking.document(charnwood, taskingGroup?.id ?? '', latestMonth),
    ),
    await time('  built again', 10, () => container.tasking.document(charnwood, taskingGroup?.id ?? '', latestMonth)),
    await time('GET tasking document page (charts and maps drawn)', 5, () => browser.get(documentPage)),
    await time('GET tasking document PDF', 3, () => browser.get(`${documentPage}/document.pdf`)),
    await time('GET hotspots page, latest month (Charnwood)', 10, () =>
      browser.get(`/partnerships/${charnwood}/crime-data/hotspots?month=${latestMonth}`),
    ),
  );
  const from = crimeSeed.fromExtract ? 'the shipped extract' : '../shared/data';
  taskingLine = `Demo crime data imported (${crimeSeed.files} files from ${from}, through the service): ${crimeSeedMs.toFixed(0)} ms`;
}

// Whole runs in child processes of their own (bench/crimeImport.ts), each against the same baseline.
const crime = await crimeImportBench();
if (crime.runs) {
  const { safer, duckdb } = crime.runs;
  results.push(
    { label: `Crime import end to end: ${safer.files} police.uk files, Safer into SQLite`, perRunMs: safer.endToEndMs },
    { label: 'Crime import end to end: the same files, DuckDB read_csv (the yardstick)', perRunMs: duckdb.endToEndMs },
  );
}

console.log(`Demo seed (SQLite, through the services with audit): ${seedMs.toFixed(0)} ms`);
console.log(`History added (1,000 meetings, 10,000 actions, in batches): ${historyMs.toFixed(0)} ms`);
console.log(`Performance history added (40 indicators, ${measured}, in batches): ${performanceMs.toFixed(0)} ms`);
console.log(
  `Funding year added (200 allocations proposed, agreed, released; 800 spend returns, through the services): ${fundingMs.toFixed(0)} ms`,
);
console.log(taskingLine);
console.log(`Baseline: ${baseline.label}: ${baseline.perRunMs.toFixed(3)} ms per request\n`);
console.log('ms per run'.padStart(12) + '  ×baseline  what');
for (const result of results) {
  console.log(
    `${result.perRunMs.toFixed(3).padStart(12)}  ${(result.perRunMs / baseline.perRunMs).toFixed(2).padStart(9)}  ${result.label}`,
  );
}
console.log(`\n${crime.lines.join('\n')}`);
for (const close of closers) await close();

// Each in processes and databases of its own, one after the other, so that none measures another's load.
const suites: Record<string, () => Promise<{ lines: string[] }>> = {
  pages: pagesBench,
  reports: reportsBench,
  lists: listsBench,
  startup: startupBench,
  processes: processesBench,
  national: nationalBench,
};
const chosen = (process.env.BENCH_SUITES ?? Object.keys(suites).join(',')).split(',');
for (const [name, suite] of Object.entries(suites)) {
  if (chosen.includes(name)) console.log(`\n${(await suite()).lines.join('\n')}`);
}

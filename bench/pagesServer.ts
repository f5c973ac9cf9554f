/**
 * The app under load for bench/pages.ts, in a process of its own so that the load generator takes none of its
 * CPU: production settings (templates compiled once, Secure cookies behind a TLS-terminating proxy, which the
 * load generator's `x-forwarded-proto: https` stands for), the demo and the volume of bench/run.ts, an
 * administrator signed in, listening on 127.0.0.1. It prints one line of JSON (port, session cookie, the pages)
 * and serves until SIGTERM, then drops the database it made.
 *   node bench/pagesServer.ts sqlite|postgres
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createContainer } from '../src/container.ts';
import { seedDemoCrimeData } from '../src/modules/crimedata/index.ts';
import { seedDemo } from '../src/modules/governance/index.ts';
import { quarterSlug } from '../src/modules/performance/index.ts';
import { monthsOfQuarter } from '../src/modules/performance/periods.ts';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { MountedRoutes } from '../src/web/module.ts';
import { testConfig } from '../test/helpers/app.ts';
import { migratedDatabase } from './databases.ts';
import { seedHistory, seedPerformanceHistory } from './volume.ts';

export interface BenchPage {
  label: string;
  url: string;
  signedIn: boolean;
}

export interface PagesServerReady {
  port: number;
  cookie: string;
  pages: BenchPage[];
  seedMs: number;
}

/** The header a TLS-terminating proxy adds; with trustProxy it makes the Secure session cookie work over plain HTTP. */
export const proxyHeaders = { 'x-forwarded-proto': 'https' };

/**
 * The layout page, signed in and signed out: the same page, so the difference between them is what a session
 * costs. Registered by the bench on the app it builds, so that production ships no such route.
 */
export const layoutPageUrl = '/bench/layout';
export const startPageUrl = '/bench/layout-signed-out';
const layoutPage: MountedRoutes = {
  prefix: '',
  register: (app, pages) => {
    for (const [url, access] of [
      [layoutPageUrl, 'signedIn'],
      [startPageUrl, 'public'],
    ] as const) {
      app.get(url, { config: { access } }, (request, reply) => pages.render(request, reply, 'layout.njk', { title: 'The layout alone' }));
    }
    return Promise.resolve();
  },
};

/** Signs in through the form, as a browser does, and returns the session cookie. */
async function signIn(app: FastifyInstance, email: string, password: string): Promise<string> {
  const cookies = (response: LightMyRequestResponse) =>
    (response.cookies as { name: string; value: string }[]).map(({ name, value }) => `${name}=${value}`).join('; ');
  const form = await app.inject({ method: 'GET', url: '/sign-in', headers: proxyHeaders });
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    payload: new URLSearchParams({ email, password, _csrf: token }).toString(),
    headers: { ...proxyHeaders, cookie: cookies(form), 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (response.statusCode !== 302) throw new Error(`Sign-in failed: ${response.statusCode}`);
  return cookies(response);
}

async function main(engine: string): Promise<void> {
  const database = await migratedDatabase(engine === 'postgres' ? 'postgres' : 'sqlite', 'pages');
  const container = createContainer({ ...testConfig, environment: 'production', trustProxy: true, logLevel: 'warn' }, { database });
  container.routes.push(layoutPage);
  const app = await buildApp(container, { logger: { level: 'warn' } });

  const seedStart = performance.now();
  const partnerships = await seedDemo(container.governance);
  const coventry = partnerships.get('coventry') ?? '';
  const groupIds = (await container.governance.groups.list(coventry)).map((group) => group.id);
  const meeting = await seedHistory(database.db, coventry, groupIds, { meetingCount: 1000, actionsPerMeeting: 10, firstMonth: '1985-04' });
  const plymouth = partnerships.get('plymouth') ?? '';
  const { latestQuarter } = await container.performance.reports(plymouth);
  await seedPerformanceHistory(
    database.db,
    plymouth,
    (await container.governance.groups.list(plymouth)).map((group) => group.id),
    {
      indicatorCount: 40,
      months: 120,
      lastMonth: monthsOfQuarter(latestQuarter).at(-1) ?? '',
    },
  );
  const charnwood = partnerships.get('charnwood') ?? '';
  await seedDemoCrimeData(container.crimeData, partnerships);
  const latestMonth = (await container.crimeData.publishedMonths(charnwood)).at(-1) ?? '';
  await container.accounts.createUser(systemPrincipal, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password 1',
    isAdmin: true,
  });
  const seedMs = performance.now() - seedStart;

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cookie = await signIn(app, 'bench@example.com', 'bench password 1');
  const pages: BenchPage[] = [
    { label: 'layout page, signed out (baseline)', url: startPageUrl, signedIn: false },
    { label: 'signed-in layout page', url: layoutPageUrl, signedIn: true },
    { label: 'meeting page (latest of 1,000, matters arising)', url: `/partnerships/${coventry}/meetings/${meeting}`, signedIn: true },
    { label: 'action log, 10,000 actions', url: `/partnerships/${coventry}/actions`, signedIn: true },
    { label: 'decisions register, 1,000 decisions', url: `/partnerships/${coventry}/decisions`, signedIn: true },
    {
      label: 'performance report, 40 indicators',
      url: `/partnerships/${plymouth}/performance/reports/${quarterSlug(latestQuarter)}`,
      signedIn: true,
    },
    { label: 'hotspots, Charnwood', url: `/partnerships/${charnwood}/crime-data/hotspots?month=${latestMonth}`, signedIn: true },
    { label: 'partnership overview, Coventry', url: `/partnerships/${coventry}`, signedIn: true },
    { label: 'public home (signed out; not a goal of issue 19)', url: '/public', signedIn: false },
  ];
  const ready: PagesServerReady = { port, cookie, pages, seedMs };
  console.log(JSON.stringify(ready));

  process.once('SIGTERM', () => {
    void (async () => {
      await app.close();
      await database.close();
      process.exit(0);
    })();
  });
}

if (import.meta.main) await main(process.argv[2] ?? 'sqlite');

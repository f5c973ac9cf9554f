/**
 * The one app fixture: `const { client, coventry } = await build(t, { clock, as: 'officer' })` gives the demo on a
 * real database, the app built from a container wired with the clock and any service overrides, and a client
 * signed in (CSRF handled) as the role asked for. Everything closes itself after the test (or suite) that built it.
 */
import { after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { type Container, createContainer, type ServiceOverrides } from '../../src/container.ts';
import type { DatabaseHandle } from '../../src/db/createDb.ts';
import { seedDemo } from '../../src/modules/governance/index.ts';
import type { Mailer } from '../../src/modules/notifications/index.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { type PartnershipRole, systemPrincipal } from '../../src/platform/principal.ts';
import { Browser, testConfig } from './app.ts';
import { createSqlite } from './database.ts';

/** Who the client is: a role in Coventry, an administrator, an overseer of Coventry's area, or no one. */
export type SignedInAs = Exclude<PartnershipRole, 'chair'> | 'admin' | 'overseer' | 'nobody';

export interface BuildOptions {
  clock?: Clock;
  as?: SignedInAs;
  /** A database already made (PostgreSQL, say); SQLite otherwise. */
  database?: DatabaseHandle;
  config?: Partial<Config>;
  mailer?: Mailer;
  overrides?: ServiceOverrides;
  /** The demo partnerships and their people (the default); false for an empty database. */
  seed?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  container: Container;
  /** Signed in as asked (not signed in for 'nobody'). */
  client: Browser;
  /** Coventry's id and its board's, when seeded. */
  coventry: string;
  boardId: string;
}

export const testPassword = 'a test password 1';

/** `t` is a test's context, or node:test itself inside a describe (its `after` then closes at the suite's end). */
export async function build(t: { after(fn: () => Promise<void>): void }, options: BuildOptions = {}): Promise<BuiltApp> {
  const database = options.database ?? (await createSqlite());
  const container = createContainer(
    { ...testConfig, ...options.config },
    { clock: options.clock, database, mailer: options.mailer, overrides: options.overrides },
  );
  const app = await buildApp(container, { logger: false });
  await app.ready();
  t.after(async () => {
    await app.close();
    await container.database.close();
  });
  const seeded = options.seed === false ? null : (await seedDemo(container.governance)).get('coventry');
  const coventry = seeded ?? '';
  const [board] = seeded ? await container.governance.groups.list(coventry) : [];
  const built = { app, container, coventry, boardId: board?.id ?? '' };
  const as = options.as ?? 'officer';
  return { ...built, client: as === 'nobody' ? new Browser(app) : await signedInAs(built, as) };
}

/** A browser signed in to the app as a new account, `as@example.com`, with that role in Coventry (or its area). */
export async function signedInAs(
  { app, container, coventry }: Pick<BuiltApp, 'app' | 'container' | 'coventry'>,
  as: Exclude<SignedInAs, 'nobody'>,
): Promise<Browser> {
  const email = `${as}@example.com`;
  const userId = await container.accounts.createUser(systemPrincipal, {
    email,
    name: `A ${as}`,
    password: testPassword,
    isAdmin: as === 'admin',
  });
  if (as === 'overseer') {
    const { areaId } = await container.governance.partnerships.get(null, coventry);
    await container.accounts.grantRole(systemPrincipal, userId, 'overseer', { partnershipId: null, areaId });
  } else if (as !== 'admin') {
    await container.accounts.grantRole(systemPrincipal, userId, as, { partnershipId: coventry, areaId: null });
  }
  const client = new Browser(app);
  await client.signIn(email, testPassword);
  return client;
}

/**
 * Inside a describe whose tests share one app: an `after` for build() that runs when the suite ends (node:test's
 * own `after`, called from a `before` hook, would run at once).
 */
export function suiteScope(): { after(fn: () => Promise<void>): void } {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers.reverse()) await close();
  });
  return { after: (fn) => void closers.push(fn) };
}

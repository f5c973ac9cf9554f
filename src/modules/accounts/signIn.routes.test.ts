/** Sign-in throttling: guessers are slowed and stopped, the owner is not locked out, and every failure is audited. */
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Container } from '../../container.ts';
import { createDb, type DatabaseHandle } from '../../db/createDb.ts';
import { signInThrottle } from './index.ts';
import { Browser } from '../../../test/helpers/app.ts';
import { TestClock } from '../../../test/helpers/clock.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';

const password = 'correct horse battery staple';

/** An app behind a proxy that says which address each browser is at, as a load balancer does; no one signed in yet. */
const startApp = (t: { after(fn: () => Promise<void>): void }, database: DatabaseHandle, clock: Clock) =>
  build(t, { clock, database, config: { trustProxy: true }, as: 'nobody', seed: false });

/** A second connection to the same database, as a second process would open. */
async function openAgain(handle: DatabaseHandle): Promise<DatabaseHandle> {
  if (handle.engine === 'sqlite') {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(handle.db);
    const file = rows.find((row) => row.name === 'main')?.file ?? '';
    return createDb({ databaseUrl: null, dataDir: dirname(file) });
  }
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(handle.db);
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.pathname = `/${rows[0]?.name ?? ''}`;
  return createDb({ databaseUrl: url.toString(), dataDir: '' });
}

const from = (app: FastifyInstance, address: string) => new Browser(app, { 'x-forwarded-for': address });

for (const database of testDatabases()) {
  describe(`sign-in throttling on ${database.engine}`, () => {
    const clock = new TestClock();
    let handle: DatabaseHandle;
    let app: FastifyInstance;
    let container: Container;
    let adminId: string;

    const scope = suiteScope();

    before(async () => {
      handle = await database.create();
      ({ app, container } = await startApp(scope, handle, clock));
      adminId = await container.accounts.createUser(systemPrincipal, {
        email: 'admin@example.com',
        name: 'Ada Admin',
        password,
        isAdmin: true,
      });
    });
    it('lets the administrator in with the right password after six failures, once a short wait is over', async () => {
      const guesser = from(app, '203.0.113.1');
      for (let attempt = 1; attempt <= 6; attempt++) {
        if (attempt > signInThrottle.freeFailures) clock.advance(2);
        assert.equal(
          (await guesser.post('/sign-in', { email: 'admin@example.com', password: 'guess' })).statusCode,
          400,
          `guess ${attempt}`,
        );
      }
      const owner = from(app, '198.51.100.7');
      const tooSoon = await owner.post('/sign-in', { email: 'admin@example.com', password });
      assert.equal(tooSoon.statusCode, 429);
      assert.match(tooSoon.body, /Too many failed attempts to sign in with this email address\. Wait 4 seconds, then try again\./);
      assert.equal(tooSoon.headers['retry-after'], '4');
      assert.match(tooSoon.body, /value="admin@example.com"/);
      clock.advance(4);
      const signedIn = await owner.post('/sign-in', { email: 'admin@example.com', password });
      assert.equal(signedIn.statusCode, 302);
      // Signing in forgets the failures: the next mistake is free again.
      assert.equal((await from(app, '198.51.100.7').post('/sign-in', { email: 'admin@example.com', password: 'typo' })).statusCode, 400);
    });

    it('audits each failed sign-in with who was tried and from where, never the password', async () => {
      await from(app, '203.0.113.9').post('/sign-in', { email: 'nobody@example.com', password: 'my secret password' });
      const { rows } = await container.audit.list({}, { limit: 100, offset: 0 });
      const failed = rows.filter((row) => row.action === 'sign-in-failed');
      assert.ok(failed.some((row) => row.entityId === adminId && row.summary === "Failed sign-in to Ada Admin's account from 203.0.113.1"));
      assert.ok(failed.some((row) => row.entityType === 'sign_in_address' && row.entityId === '203.0.113.9'));
      assert.ok(rows.every((row) => !JSON.stringify(row).includes('my secret password') && !JSON.stringify(row).includes('guess')));
      assert.ok(
        rows.every((row) => !JSON.stringify(row).includes('nobody@example.com')),
        'an unknown address is not kept',
      );
      const admin = from(app, '198.51.100.7');
      await admin.signIn('admin@example.com', password);
      assert.match((await admin.get('/admin/audit')).body, /Failed sign-in to Ada Admin&#39;s account from 203\.0\.113\.1/);
    });

    it('stops one address guessing many accounts at its limit with a 429 saying when, and no other address', async () => {
      const sprayer = from(app, '192.0.2.66');
      const statuses: number[] = [];
      let last = '';
      for (let n = 0; n < 30; n++) {
        const response = await sprayer.post('/sign-in', { email: `person${n}@example.com`, password: 'Summer2026!' });
        statuses.push(response.statusCode);
        last = response.body;
      }
      const limit = signInThrottle.addressFailures;
      assert.deepEqual(statuses, [...Array<number>(limit).fill(400), ...Array<number>(30 - limit).fill(429)]);
      assert.match(last, /Too many failed attempts to sign in from your network\. Try again after \d\d:\d\d\./);
      // The address cannot get round it with the right password either, but another address can.
      assert.equal((await sprayer.post('/sign-in', { email: 'admin@example.com', password })).statusCode, 429);
      assert.equal((await from(app, '192.0.2.67').post('/sign-in', { email: 'person0@example.com', password: 'x' })).statusCode, 400);
      assert.equal((await from(app, '192.0.2.67').post('/sign-in', { email: 'admin@example.com', password })).statusCode, 302);
      clock.advance(signInThrottle.addressWindowMinutes * 60);
      assert.equal((await sprayer.post('/sign-in', { email: 'admin@example.com', password })).statusCode, 302);
    });

    it('counts one person mistyping their own password once against their office’s address', async () => {
      await container.accounts.createUser(systemPrincipal, { email: 'typo@example.com', name: 'Tom Typo', password, isAdmin: false });
      const office = from(app, '198.51.100.7');
      // More wrong passwords on one account than the address's limit, each after its wait, inside the address's window …
      const { freeFailures, firstWaitSeconds, longestWaitSeconds } = signInThrottle;
      for (let n = 0; n <= signInThrottle.addressFailures + 1; n++) {
        clock.advance(n < freeFailures ? 0 : Math.min(longestWaitSeconds, firstWaitSeconds * 2 ** (n - freeFailures)));
        assert.equal((await office.post('/sign-in', { email: 'typo@example.com', password: 'wrong' })).statusCode, 400);
      }
      // … leave the rest of the office free to sign in.
      assert.equal((await office.post('/sign-in', { email: 'admin@example.com', password })).statusCode, 302);
    });

    it('lets no more than the free failures of parallel guesses at one account be checked', async () => {
      await container.accounts.createUser(systemPrincipal, {
        email: 'parallel@example.com',
        name: 'Pat Parallel',
        password,
        isAdmin: false,
      });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, n) => container.accounts.signIn('parallel@example.com', 'guess', `10.0.0.${n}`)),
      );
      const checked = outcomes.filter((outcome) => outcome.outcome === 'wrong-credentials').length;
      assert.equal(checked, signInThrottle.freeFailures);
      assert.equal((await container.accounts.signIn('parallel@example.com', password, '10.0.1.1')).outcome, 'throttled');
    });

    it('holds the slowdown across two app instances on one database', async (t) => {
      await container.accounts.createUser(systemPrincipal, { email: 'two@example.com', name: 'Tess Two', password, isAdmin: false });
      const other = await startApp(t, await openAgain(handle), clock);
      for (let n = 0; n < signInThrottle.freeFailures; n++) {
        assert.equal((await from(app, '203.0.113.20').post('/sign-in', { email: 'two@example.com', password: 'guess' })).statusCode, 400);
      }
      const elsewhere = from(other.app, '203.0.113.21');
      assert.equal((await elsewhere.post('/sign-in', { email: 'two@example.com', password })).statusCode, 429);
      clock.advance(2);
      assert.equal((await elsewhere.post('/sign-in', { email: 'two@example.com', password })).statusCode, 302);
    });
  });
}

import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemPrincipal } from '../src/platform/principal.ts';
import type { Container } from '../src/container.ts';
import { Browser } from './helpers/app.ts';
import { build, suiteScope } from './helpers/build.ts';
import { TestClock } from './helpers/clock.ts';
import { testDatabases } from './helpers/database.ts';

const password = 'correct horse battery staple';

for (const database of testDatabases()) {
  describe(`platform on ${database.engine}`, () => {
    const suite = suiteScope();
    let app: FastifyInstance;
    let container: Container;

    before(async () => {
      ({ app, container } = await build(suite, { database: await database.create(), seed: false, as: 'nobody' }));
      await container.accounts.createUser(systemPrincipal, { email: 'admin@example.com', name: 'Ada Admin', password, isAdmin: true });
    });

    it('answers /health after a real query', async () => {
      const response = await app.inject('/health');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'ok', database: database.engine });
    });

    it('sends security headers with a fresh CSP nonce on every page', async () => {
      const first = await app.inject('/sign-in');
      const second = await app.inject('/sign-in');
      const nonce = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))?.[1];
      assert.ok(nonce(first.headers['content-security-policy']));
      assert.notEqual(nonce(first.headers['content-security-policy']), nonce(second.headers['content-security-policy']));
      assert.ok(first.body.includes(`nonce="${nonce(first.headers['content-security-policy'])}"`));
      assert.equal(first.headers['x-content-type-options'], 'nosniff');
      assert.match(String(first.headers['content-security-policy']), /frame-ancestors 'none'/);
    });

    it('signs in with a new session id, an httpOnly SameSite cookie, and signs out', async () => {
      const browser = new Browser(app);
      const before = (await browser.get('/sign-in')).cookies.find((c) => c.name === 'safer_session');
      assert.ok(before, 'the sign-in form starts a session for its CSRF token');
      const response = await browser.signIn('ADMIN@example.com ', password);
      const cookie = response.cookies.find((c) => c.name === 'safer_session');
      assert.ok(cookie);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Lax');
      assert.notEqual(cookie.value, before.value);
      assert.equal((await browser.get('/')).statusCode, 200);
      assert.match((await browser.get('/')).body, /Your partnerships/);
      assert.match((await browser.get('/sign-out')).body, /You are signed in as Ada Admin\. Signing out ends your session on this device/);
      const signOut = await browser.post('/sign-out', {});
      assert.equal(signOut.statusCode, 302);
      const { rows } = await container.audit.list({ entityType: 'user' }, { limit: 50, offset: 0 });
      assert.ok(rows.some((row) => row.action === 'sign-out' && row.summary === 'Ada Admin signed out'));
      const afterSignOut = await browser.get('/admin');
      assert.equal(afterSignOut.statusCode, 302);
      assert.equal(afterSignOut.headers.location, '/sign-in?returnTo=%2Fadmin');
    });

    it('sends a sign-out with a stale token (a tab opened before signing in again) to the page that asks, signed in still', async () => {
      const browser = new Browser(app);
      await browser.signIn('admin@example.com', password);
      const page = await browser.get('/account');
      const stale = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1];
      assert.ok(stale);
      await browser.post('/sign-out', {});
      await browser.signIn('admin@example.com', password);
      const clicked = await browser.post('/sign-out', { _csrf: stale }, { csrf: false });
      assert.deepEqual([clicked.statusCode, clicked.headers.location], [303, '/sign-out']);
      const asks = await browser.get('/sign-out');
      assert.match(asks.body, /You are signed in as Ada Admin\. Signing out ends your session on this device/);
      // Another POST with a refused token still gets the error page: only sign-out asks again.
      assert.equal((await browser.post('/account/notices', { _csrf: stale }, { csrf: false })).statusCode, 403);
    });

    it('says a session has ended when its cookie names none any more, and only then', async () => {
      const browser = new Browser(app);
      await browser.signIn('admin@example.com', password);
      const ended = browser.cookieHeader;
      await browser.post('/sign-out', {});
      const afterwards = await app.inject({ url: '/admin', headers: { cookie: ended } });
      assert.equal(afterwards.headers.location, '/sign-in?returnTo=%2Fadmin&ended=yes');
      const signIn = await app.inject({ url: String(afterwards.headers.location) });
      assert.match(
        signIn.body,
        /data-qa="session-ended"[\s\S]*Your session has ended, so you were signed out\. Sign in again to carry on\./,
      );
      assert.doesNotMatch((await app.inject('/sign-in')).body, /session-ended/);
      // A form sent from a page left open is told so too.
      const sent = await app.inject({ method: 'POST', url: '/admin/users', headers: { cookie: ended }, payload: {} });
      assert.equal(sent.headers.location, '/sign-in?ended=yes');
      // A visitor who never signed in, with a session (the sign-in form's) or without one, is not told so.
      const visitor = new Browser(app);
      assert.equal((await visitor.get('/admin')).headers.location, '/sign-in?returnTo=%2Fadmin');
      await visitor.get('/sign-in');
      assert.equal((await visitor.get('/admin')).headers.location, '/sign-in?returnTo=%2Fadmin');
    });

    it('has the browser keep no signed-in page, so that Back after signing out shows nothing', async () => {
      const browser = new Browser(app);
      assert.equal((await browser.get('/sign-in')).headers['cache-control'], undefined, 'a page for anyone may be kept');
      await browser.signIn('admin@example.com', password);
      for (const url of ['/', '/account', '/admin', '/no-such-page'])
        assert.equal((await browser.get(url)).headers['cache-control'], 'no-store', url);
      assert.equal(
        (await browser.get('/assets/application.css')).headers['cache-control'],
        'public, max-age=3600',
        'an asset keeps its own rule',
      );
      assert.equal((await browser.get('/assets/images/favicon.svg')).headers['cache-control'], 'public, max-age=86400');
      // A page saying an asset is not found is the signed-in reader's own page, with their name and partnerships.
      for (const url of ['/assets/no-such-file.css', '/assets/govuk/no-such-file.js']) {
        const missing = await browser.get(url);
        assert.equal(missing.statusCode, 404);
        assert.equal(missing.headers['cache-control'], 'no-store', url);
      }
    });

    it('marks the session cookie Secure in production, behind a TLS-terminating proxy', async (t) => {
      const production = await build(t, {
        database: await database.create(),
        config: { environment: 'production', trustProxy: true },
        seed: false,
        as: 'nobody',
      });
      await production.container.accounts.createUser(systemPrincipal, { email: 'p@example.com', name: 'P', password, isAdmin: false });
      const response = await new Browser(production.app, { 'x-forwarded-proto': 'https' }).signIn('p@example.com', password);
      assert.equal(response.cookies.find((c) => c.name === 'safer_session')?.secure, true);
      assert.match(String(response.headers['strict-transport-security']), /max-age=/);
    });

    it('serves Leaflet, and lets the CSP load map tiles only from a tile server that is configured', async (t) => {
      const script = await app.inject('/assets/leaflet/leaflet.js');
      assert.equal(script.statusCode, 200);
      assert.match(String(script.headers['content-type']), /javascript/);
      assert.match(script.body, /Leaflet 1\./);
      assert.equal((await app.inject('/assets/leaflet/leaflet.css')).statusCode, 200);
      assert.equal((await app.inject('/assets/leaflet/images/layers.png')).statusCode, 200);
      assert.equal((await app.inject('/assets/safer/crime-map.js')).statusCode, 200);
      const imgSrc = (headers: Record<string, unknown>) => /img-src ([^;]*)/.exec(String(headers['content-security-policy']))?.[1];
      assert.equal(imgSrc((await app.inject('/sign-in')).headers), "'self' data:");

      const mapTiles = { urlTemplate: 'https://{s}.tile.example.org/{z}/{x}/{y}.png', attribution: '© Tile contributors' };
      const withTiles = await build(t, { database: await database.create(), config: { mapTiles }, seed: false, as: 'nobody' });
      assert.equal(imgSrc((await withTiles.app.inject('/sign-in')).headers), "'self' data: https://*.tile.example.org");
    });

    it('says what is wrong with a wrong password and keeps the email typed', async () => {
      const browser = new Browser(app);
      const response = await browser.post('/sign-in', { email: 'someone@example.com', password: 'wrong' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Enter a correct email address and password/);
      assert.match(response.body, /value="someone@example.com"/);
      assert.doesNotMatch(response.body, /value="wrong"/);
    });

    it('refuses a state-changing request without the CSRF token', async () => {
      const browser = new Browser(app);
      await browser.signIn('admin@example.com', password);
      const valid = { name: 'Nowhere', forceName: 'No Police', oversightBody: 'Nobody', oversightKind: 'pcc' };
      const response = await browser.post('/admin/areas', valid, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /Your session has expired/);
      assert.equal((await container.governance.areas.list(null)).length, 0);
    });

    it('returns to a page on this site after sign-in, never to another site', async () => {
      const browser = new Browser(app);
      const home = await browser.post('/sign-in', { email: 'admin@example.com', password, returnTo: '/admin/audit?entityType=area' });
      assert.equal(home.headers.location, '/admin/audit?entityType=area');
      const other = new Browser(app);
      const attack = await other.post('/sign-in', { email: 'admin@example.com', password, returnTo: '/\t/evil.example' });
      assert.equal(attack.headers.location, '/');
      for (const returnTo of ['/.//evil.example', '/..//evil.example', '/%2e%2e//evil.example']) {
        const dotted = await new Browser(app).post('/sign-in', { email: 'admin@example.com', password, returnTo });
        assert.equal(dotted.statusCode, 302);
        assert.equal(dotted.headers.location, '/', `${returnTo} stays on this site`);
      }
    });

    it('creates no session for a visitor who only reads pages', async () => {
      const count = async () =>
        Number(
          (
            await container.database.db
              .selectFrom('sessions')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      for (const url of ['/', '/no/such/page', '/health', '/assets/application.css']) await app.inject(url);
      assert.equal(await count(), before);
      await app.inject('/sign-in');
      assert.equal(await count(), before + 1, 'the sign-in form needs a session for its CSRF token');
    });

    it('answers a repeated query parameter without failing', async () => {
      const browser = new Browser(app);
      await browser.signIn('admin@example.com', password);
      const audit = await browser.get('/admin/audit?entityType=area&entityType=user&page=2&page=3');
      // Past the end of the few entries there are: to the last page, with the filter.
      assert.equal(audit.statusCode, 302);
      assert.equal((await browser.get(audit.headers.location ?? '')).statusCode, 200);
      assert.equal((await browser.get('/admin/areas?q=West&q=East')).statusCode, 200);
    });

    it('lets an administrator reset a password or deactivate an account, signing the person out everywhere', async () => {
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'leaver@example.com',
        name: 'Lee Leaver',
        password,
        isAdmin: false,
      });
      const leaver = new Browser(app);
      await leaver.signIn('leaver@example.com', password);
      const admin = new Browser(app);
      await admin.signIn('admin@example.com', password);

      const short = await admin.post(`/admin/users/${userId}/password`, { password: 'short', version: '1' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /The password must be 12 characters or more/);
      assert.doesNotMatch(short.body, /value="short"/, 'a password is never sent back');
      assert.equal(
        (await admin.post(`/admin/users/${userId}/password`, { password: 'a brand new passphrase', version: '1' })).statusCode,
        302,
      );
      assert.match(String((await leaver.get('/switch-partnership')).headers.location), /^\/sign-in/, 'the old session has ended');
      assert.equal((await container.accounts.signIn('leaver@example.com', password, '127.0.0.1')).outcome, 'wrong-credentials');
      assert.equal((await container.accounts.signIn('leaver@example.com', 'a brand new passphrase', '127.0.0.1')).outcome, 'signed-in');

      await leaver.signIn('leaver@example.com', 'a brand new passphrase');
      assert.equal((await admin.post(`/admin/users/${userId}/status`, { version: '2' })).statusCode, 302);
      assert.equal((await leaver.get('/admin')).headers.location, '/sign-in?returnTo=%2Fadmin&ended=yes', 'told the session ended');
      assert.equal(
        (await container.accounts.signIn('leaver@example.com', 'a brand new passphrase', '127.0.0.1')).outcome,
        'wrong-credentials',
      );
      const { rows } = await container.audit.list({ entityType: 'user', userId: undefined }, { limit: 100, offset: 0 });
      assert.ok(rows.some((row) => row.summary === 'Deactivated the account of Lee Leaver'));
      assert.ok(
        rows.every((row) => !(row.afterJson ?? '').includes('argon2')),
        'no password hash in the audit log',
      );
    });

    it('will not let an administrator lock themselves out', async () => {
      const admin = new Browser(app);
      await admin.signIn('admin@example.com', password);
      const [me] = (await container.accounts.listUsers()).filter((u) => u.email === 'admin@example.com');
      assert.ok(me);
      const demote = await admin.post(`/admin/users/${me.id}`, {
        name: me.name,
        email: me.email,
        isAdmin: 'no',
        version: String(me.version),
      });
      assert.equal(demote.statusCode, 400);
      assert.match(demote.body, /You cannot remove your own administrator rights/);
      await admin.post(`/admin/users/${me.id}/status`, { version: String(me.version) });
      assert.equal((await container.accounts.getUser(me.id)).user.archivedAt, null);
    });

    it('shows a 404 page that leaks nothing', async () => {
      const response = await app.inject('/no/such/page');
      assert.equal(response.statusCode, 404);
      assert.equal(
        (await app.inject({ method: 'POST', url: '/no/such/page' })).statusCode,
        404,
        'a POST to nowhere is not found, not a CSRF failure',
      );
      assert.match(response.body, /Page not found/);
      assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
    });

    it('keeps what was typed and puts the message next to the field', async () => {
      const browser = new Browser(app);
      await browser.signIn('admin@example.com', password);
      const response = await browser.post('/admin/areas', { name: '', forceName: 'West Midlands Police', oversightBody: '<b>PCC</b>' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /There is a problem/);
      assert.match(response.body, /<a href="#name">Enter the area name<\/a>/);
      assert.match(response.body, /id="oversightKind-error"/);
      assert.match(response.body, /value="West Midlands Police"/);
      assert.match(response.body, /value="&lt;b&gt;PCC&lt;\/b&gt;"/);
    });

    it('records every change in the audit log, with the values before and after', async () => {
      const browser = new Browser(app);
      await browser.signIn('admin@example.com', password);
      const created = await browser.post('/admin/areas', {
        name: 'West Midlands',
        forceName: 'West Midlands Police',
        oversightBody: 'West Midlands Police and Crime Commissioner',
        oversightKind: 'pcc',
      });
      assert.equal(created.statusCode, 302);
      const areaPath = String(created.headers.location);
      const id = areaPath.split('/').pop() ?? '';
      const changed = await browser.post(areaPath, {
        name: 'West Midlands',
        forceName: 'West Midlands Police',
        oversightBody: 'Police and Crime Commissioner for the West Midlands',
        oversightKind: 'pcc',
        version: '1',
      });
      assert.equal(changed.statusCode, 302);
      const { rows } = await container.audit.list({ entityType: 'area' }, { limit: 10, offset: 0 });
      const update = rows.find((row) => row.entityId === id && row.action === 'update');
      assert.ok(update);
      assert.equal(update.userName, 'Ada Admin');
      assert.equal(
        (JSON.parse(update.beforeJson ?? '{}') as { oversightBody: string }).oversightBody,
        'West Midlands Police and Crime Commissioner',
      );
      assert.equal(
        (JSON.parse(update.afterJson ?? '{}') as { oversightBody: string }).oversightBody,
        'Police and Crime Commissioner for the West Midlands',
      );
      const page = await browser.get('/admin/audit?entityType=area');
      assert.match(page.body, /Changed area West Midlands/);

      // A second save from the same, now stale, form is refused rather than overwriting.
      const stale = await browser.post(areaPath, {
        name: 'West Mids',
        forceName: 'West Midlands Police',
        oversightBody: 'Old',
        oversightKind: 'pcc',
        version: '1',
      });
      assert.equal(stale.statusCode, 400);
      assert.match(stale.body, /Someone else changed this record/);
      assert.match(stale.body, /value="West Mids"/);
      assert.equal((await container.governance.areas.get(null, id)).name, 'West Midlands');
      // Having been told, the user can save their version deliberately.
      const currentVersion = /name="version" value="(\d+)"/.exec(stale.body)?.[1];
      assert.equal(currentVersion, '2');
      const again = await browser.post(areaPath, {
        name: 'West Mids',
        forceName: 'West Midlands Police',
        oversightBody: 'Old',
        oversightKind: 'pcc',
        version: '2',
      });
      assert.equal(again.statusCode, 302);
      assert.equal((await container.governance.areas.get(null, id)).name, 'West Mids');
    });

    it('answers 503 from /health when the database does not answer', async (t) => {
      const { app: brokenApp, container: broken } = await build(t, { database: await database.create(), seed: false, as: 'nobody' });
      await broken.database.close();
      const response = await brokenApp.inject('/health');
      assert.equal(response.statusCode, 503);
      assert.deepEqual(response.json(), { status: 'unavailable', database: database.engine });
    });
  });
  describe(`a session's end on ${database.engine}`, () => {
    /** An administrator signed in on a clock the test moves, seven hours on by the time it is given. */
    async function signedInAdmin(t: { after(fn: () => Promise<void>): void }) {
      const clock = new TestClock('2027-01-11T09:00:00Z');
      const { app, container } = await build(t, { clock, database: await database.create(), seed: false, as: 'nobody' });
      await container.accounts.createUser(systemPrincipal, { email: 'admin@example.com', name: 'Ada Admin', password, isAdmin: true });
      const browser = new Browser(app);
      const signedIn = await browser.signIn('admin@example.com', password);
      return { clock, container, browser, signedIn };
    }
    /** A change that saves the session again: its flash. */
    const addAccount = (browser: Browser) =>
      browser.post('/admin/users', { name: 'Sam Smith', email: 'sam@example.com', password: 'a long new passphrase', isAdmin: 'no' });
    const endedAddress = '/sign-in?returnTo=%2Fadmin&ended=yes';

    it('comes a fixed time after signing in, however often the session is saved, and the sign-in page then says so', async (t) => {
      const { clock, browser, signedIn } = await signedInAdmin(t);
      // The browser forgets the cookie when closed; while open it keeps it past the session's end, to be told so.
      const cookie = signedIn.cookies.find((c) => c.name === 'safer_session') as { expires?: Date; maxAge?: number } | undefined;
      assert.ok(cookie);
      assert.equal(cookie.expires, undefined);
      assert.equal(cookie.maxAge, undefined);
      clock.advance(7 * 3600);
      // Saved again: the session still ends eight hours after signing in, not eight hours after this.
      const added = await addAccount(browser);
      assert.equal(added.statusCode, 302);
      assert.match((await browser.get(String(added.headers.location))).body, /Sam Smith/);
      clock.advance(59 * 60);
      assert.equal((await browser.get('/admin')).statusCode, 200, 'signed in a minute before the end');
      clock.advance(2 * 60);
      const ended = await browser.get('/admin');
      assert.equal(ended.headers.location, endedAddress);
      assert.match((await browser.get(String(ended.headers.location))).body, /data-qa="session-ended"/);
    });

    it('is not moved by a change of password, which keeps the session signed in', async (t) => {
      const { clock, browser } = await signedInAdmin(t);
      clock.advance(7 * 3600);
      const changed = await browser.post('/account/password', { currentPassword: password, password: 'another long passphrase' });
      assert.equal(changed.statusCode, 302);
      assert.equal((await browser.get('/admin')).statusCode, 200, 'still signed in after the change');
      clock.advance(3600);
      assert.equal((await browser.get('/admin')).headers.location, endedAddress);
    });

    it('ends a session whose change was still arriving when it was signed out everywhere: the change is not made, the session not brought back', async (t) => {
      const { container, browser: owner } = await signedInAdmin(t);
      const thief = new Browser(owner.app);
      await thief.signIn('admin@example.com', password);
      const token = await thief.csrfToken('/admin');
      // The thief's change: its session read now, its body sent slowly.
      const body = new PassThrough();
      const slow = owner.app.inject({
        method: 'POST',
        url: '/admin/users',
        payload: body,
        headers: { cookie: thief.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      });
      await setTimeout(200);
      // Meanwhile the owner changes the password: every other session ends.
      const changed = await owner.post('/account/password', { currentPassword: password, password: 'another long passphrase' });
      assert.equal(changed.statusCode, 302);
      body.end(
        new URLSearchParams({
          name: 'Sam Smith',
          email: 'sam@example.com',
          password: 'a long new passphrase',
          isAdmin: 'no',
          _csrf: token,
        }).toString(),
      );
      const refused = await slow;
      assert.equal(refused.headers.location, '/sign-in?ended=yes');
      assert.equal(
        (await container.accounts.listUsers()).filter((user) => user.email === 'sam@example.com').length,
        0,
        'the change was not made',
      );
      assert.equal((await thief.get('/admin')).headers.location, endedAddress, 'the ended session stays ended');
      assert.equal((await owner.get('/admin')).statusCode, 200);
    });

    it('comes when its row says for a session saved before its end was kept in its data', async (t) => {
      const { clock, container, browser } = await signedInAdmin(t);
      const { db } = container.database;
      const [row] = await db.selectFrom('sessions').selectAll().where('userId', 'is not', null).execute();
      assert.ok(row);
      const { endsAt: _endsAt, ...before } = JSON.parse(row.data) as Record<string, unknown>;
      await db
        .updateTable('sessions')
        .set({ data: JSON.stringify(before) })
        .where('id', '=', row.id)
        .execute();
      clock.advance(7 * 3600);
      assert.equal((await addAccount(browser)).statusCode, 302, 'saved again');
      clock.advance(3600);
      assert.equal((await browser.get('/admin')).headers.location, endedAddress);
    });
  });
}

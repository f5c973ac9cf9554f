/**
 * Single sign-on through a real OpenID provider on 127.0.0.1: who is let in, who is refused and with what words,
 * and the administrators' pages that configure providers (their secrets never shown, their domains never shared).
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { Browser, testConfig } from '../../../test/helpers/app.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { startOpenIdProvider, type TestOpenIdProvider } from '../../../test/helpers/openIdProvider.ts';
import { signInThrottle } from './index.ts';

const domain = 'coventry.example';
const member = `mary@${domain}`;

/** The form an administrator fills in for the test provider. */
const providerForm = (oidc: TestOpenIdProvider, overrides: Record<string, string> = {}) => ({
  name: 'Test Police',
  issuer: oidc.issuer,
  clientId: oidc.clientId,
  clientSecret: oidc.clientSecret,
  domains: domain,
  ...overrides,
});

const auditSummaries = async (container: Container) =>
  (await container.database.db.selectFrom('auditLog').select('summary').orderBy('at').execute()).map((row) => row.summary);

for (const database of testDatabases()) {
  describe(`single sign-on on ${database.engine}`, () => {
    let oidc: TestOpenIdProvider;
    let app: FastifyInstance;
    let container: Container;
    let adminClient: Browser;
    let providerId: string;
    const scope = suiteScope();

    /** Presses "Sign in with Test Police", signs in at the provider as `login`, and says where the provider sent the browser. */
    async function atProvider(browser: Browser, login: string): Promise<URL> {
      const started = await browser.post('/sign-in/with', { providerId, returnTo: '/admin/users' }, { tokenFrom: '/sign-in' });
      assert.equal(started.statusCode, 302);
      const authorizationUrl = new URL(String(started.headers.location));
      assert.equal(authorizationUrl.origin, oidc.issuer);
      assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(authorizationUrl.searchParams.get('nonce'));
      return oidc.signIn(authorizationUrl.href, login);
    }

    const backAtSafer = (browser: Browser, callback: URL) => browser.get(`${callback.pathname}${callback.search}`);

    async function signInThrough(login: string) {
      const browser = new Browser(app);
      const response = await backAtSafer(browser, await atProvider(browser, login));
      return { browser, response };
    }

    before(async () => {
      oidc = await startOpenIdProvider();
      scope.after(() => oidc.close());
      ({ app, container, client: adminClient } = await build(scope, { as: 'admin', database: await database.create() }));
      const added = await adminClient.post('/admin/sign-in-providers', providerForm(oidc));
      assert.equal(added.statusCode, 302, added.body);
      providerId = String(added.headers.location).split('/').at(-1) ?? '';
      oidc.allowRedirectTo(`${testConfig.publicUrl}/sign-in/with/${providerId}/callback`);
      for (const email of [member, 'dora@coventry.example', 'mary@elsewhere.example']) {
        await container.accounts.createUser(systemPrincipal, { email, name: email, password: 'a long enough password', isAdmin: false });
      }
    });

    it('signs in a member whose verified address the provider vouches for, in a new session, and audits it', async () => {
      const browser = new Browser(app);
      const anonymousSession = (await browser.get('/sign-in')).cookies.find((c) => c.name === 'safer_session')?.value;
      const response = await backAtSafer(browser, await atProvider(browser, member));
      assert.equal(response.statusCode, 302, response.body);
      assert.equal(response.headers.location, '/admin/users');
      const session = response.cookies.find((c) => c.name === 'safer_session')?.value;
      assert.ok(session && session !== anonymousSession, 'a new session id at sign-in');
      assert.equal((await browser.get('/sign-in')).headers.location, '/', 'signed in');
      assert.ok((await auditSummaries(container)).includes(`${member} signed in with Test Police`));
      const account = (await container.accounts.listUsers()).find((u) => u.email === member);
      assert.ok(account?.emailVerifiedAt, 'the address the provider vouched for counts as proven');
    });

    it('refuses an address with no account, and creates none', async () => {
      const { response } = await signInThrough('nobody@coventry.example');
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /We could not sign you in with Test Police/);
      assert.match(response.body, /There is no Safer account for nobody@coventry.example. Ask your partnership officer to add you./);
      assert.equal((await container.accounts.listUsers()).filter((u) => u.email === 'nobody@coventry.example').length, 0);
      assert.ok((await auditSummaries(container)).some((s) => s.startsWith('Refused sign-in with Test Police: no account')));
    });

    it('refuses an address the provider has not verified', async () => {
      oidc.claimsFor.set(member, { email_verified: false });
      try {
        const { response } = await signInThrough(member);
        assert.equal(response.statusCode, 400);
        assert.match(response.body, /Test Police did not confirm your email address/);
      } finally {
        oidc.claimsFor.delete(member);
      }
    });

    it('refuses an address outside the domains the provider serves, though an account has it', async () => {
      const { response } = await signInThrough('mary@elsewhere.example');
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Test Police cannot sign in mary@elsewhere.example/);
    });

    it('refuses a deactivated account', async () => {
      const dora = (await container.accounts.listUsers()).find((u) => u.email === 'dora@coventry.example');
      assert.ok(dora);
      await container.accounts.setActive(systemPrincipal, dora.id, dora.version, false);
      const { response } = await signInThrough('dora@coventry.example');
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /The Safer account for dora@coventry.example has been deactivated/);
    });

    it('refuses an answer whose state does not match, and one this browser never asked for, and audits both', async () => {
      const browser = new Browser(app);
      const callback = await atProvider(browser, member);
      const forged = new URL(callback);
      forged.searchParams.set('state', 'not-the-state-sent');
      const wrong = await backAtSafer(browser, forged);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /We could not sign you in with Test Police. Try again./);
      // The flow was used up by the forged answer: the real one, late, is refused too.
      assert.equal((await backAtSafer(browser, callback)).statusCode, 400);
      const stranger = await backAtSafer(new Browser(app), await atProvider(new Browser(app), member));
      assert.equal(stranger.statusCode, 400, 'a callback carried to another browser');
      const summaries = await auditSummaries(container);
      assert.ok(summaries.some((s) => s.endsWith('the state did not match')));
      assert.ok(summaries.some((s) => s.endsWith('this browser did not start the sign-in')));
    });

    it('refuses an authorization code that has expired', async () => {
      oidc.codeLifetimeSeconds = 1;
      try {
        const browser = new Browser(app);
        const callback = await atProvider(browser, member);
        await sleep(2100);
        const response = await backAtSafer(browser, callback);
        assert.equal(response.statusCode, 400);
        assert.match(response.body, /We could not sign you in with Test Police. Try again./);
        assert.ok((await auditSummaries(container)).some((s) => s.includes('invalid_grant')));
      } finally {
        oidc.codeLifetimeSeconds = 60;
      }
    });

    it('refuses an error from the provider (the person cancelled) without a 500', async () => {
      const browser = new Browser(app);
      const started = await browser.post('/sign-in/with', { providerId }, { tokenFrom: '/sign-in' });
      const state = new URL(String(started.headers.location)).searchParams.get('state') ?? '';
      const response = await browser.get(
        `/sign-in/with/${providerId}/callback?error=access_denied&error_description=cancelled&state=${state}&iss=${encodeURIComponent(oidc.issuer)}`,
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Try again/);
    });

    it('refuses with a page, not a 500, when a provider cannot be reached', async () => {
      const added = await adminClient.post(
        '/admin/sign-in-providers',
        providerForm(oidc, { name: 'Down Police', issuer: 'http://127.0.0.1:9', domains: 'down.example' }),
      );
      const downId = String(added.headers.location).split('/').at(-1) ?? '';
      const browser = new Browser(app);
      const response = await browser.post('/sign-in/with', { providerId: downId }, { tokenFrom: '/sign-in' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /We could not sign you in with Down Police. Try again./);
      assert.match(response.body, /If it keeps happening, tell the administrator of Safer/);
      assert.ok((await auditSummaries(container)).some((s) => s.includes('Down Police') && s.includes('discovery document')));
    });

    it('lets the sign-in page’s forms lead on to the providers’ sites, and no other page’s', async () => {
      const formAction = (policy: unknown) => /form-action ([^;]*)/.exec(String(policy))?.[1]?.split(' ');
      const browser = new Browser(app);
      const signInPage = await browser.get('/sign-in');
      const allowed = formAction(signInPage.headers['content-security-policy']);
      assert.ok(allowed?.includes("'self'") && allowed.includes(oidc.issuer), `form-action ${allowed?.join(' ')}`);
      const refused = await browser.post('/sign-in', { email: '', password: '' });
      assert.ok(formAction(refused.headers['content-security-policy'])?.includes(oidc.issuer), 'the page again after a mistake');
      const elsewhere = await browser.get('/forgotten-password');
      assert.deepEqual(formAction(elsewhere.headers['content-security-policy']), ["'self'"]);
    });

    it('tells someone whose domain a provider serves to use it, without checking their password', async () => {
      const browser = new Browser(app);
      const page = await browser.get('/sign-in');
      assert.match(page.body, /Sign in with Test Police/);
      const before = (await auditSummaries(container)).length;
      const response = await browser.post('/sign-in', { email: 'Mary@Coventry.example', password: 'a long enough password' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Your organisation signs in with Test Police/);
      assert.equal((await auditSummaries(container)).length, before, 'no password was checked');
    });

    it('throttles refused sign-ins from one address as password sign-ins are', async () => {
      for (let attempt = 0; attempt < signInThrottle.addressFailures; attempt++) {
        const result = await container.accounts.signInVouchedFor(`guess${attempt}@${domain}`, 'Test Police', '203.0.113.9');
        assert.equal(result.outcome, 'no-account');
      }
      const throttled = await container.accounts.signInVouchedFor(member, 'Test Police', '203.0.113.9');
      assert.equal(throttled.outcome, 'throttled');
      assert.equal((await container.accounts.signInVouchedFor(member, 'Test Police', '198.51.100.2')).outcome, 'signed-in');
    });

    it('never shows the client secret, stores it sealed, and keeps it when the field is left blank', async () => {
      for (const url of [
        '/admin/sign-in-providers',
        `/admin/sign-in-providers/${providerId}`,
        `/admin/sign-in-providers/${providerId}/edit`,
      ]) {
        const page = await adminClient.get(url);
        assert.equal(page.statusCode, 200);
        assert.ok(!page.body.includes(oidc.clientSecret), url);
      }
      const stored = await container.database.db.selectFrom('signInProviders').select('sealedClientSecret').executeTakeFirstOrThrow();
      assert.ok(!stored.sealedClientSecret.includes(oidc.clientSecret));
      const { version } = await container.signInProviders.get(providerId);
      const changed = await adminClient.post(`/admin/sign-in-providers/${providerId}`, {
        ...providerForm(oidc, { name: 'Test Police', clientSecret: '' }),
        version: String(version),
      });
      assert.equal(changed.statusCode, 302, changed.body);
      assert.equal((await signInThrough(member)).response.statusCode, 302, 'the secret kept still works');
      assert.ok(!JSON.stringify(await container.database.db.selectFrom('auditLog').selectAll().execute()).includes(oidc.clientSecret));
    });

    it('puts a clear message next to a bad issuer or domain, keeping what was typed', async () => {
      const response = await adminClient.post(
        '/admin/sign-in-providers',
        providerForm(oidc, { name: 'Other Police', issuer: 'http://login.example.org', domains: 'other.example\nnot a domain' }),
      );
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Enter the issuer URL, starting with https:\/\//);
      assert.match(response.body, /“not” is not an email domain/);
      assert.match(response.body, /value="Other Police"/);
      const taken = await adminClient.post('/admin/sign-in-providers', providerForm(oidc, { name: 'Other Police', domains: domain }));
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /already served by another sign-in provider: coventry.example \(Test Police\)/);
    });

    it('lets one of 10 parallel saves claim a domain, and tells the others', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          adminClient.post('/admin/sign-in-providers', providerForm(oidc, { name: `Race ${n}`, domains: 'race.example' })),
        ),
      );
      assert.deepEqual(responses.map((r) => r.statusCode).sort(), [302, ...Array<number>(9).fill(400)]);
      for (const refused of responses.filter((r) => r.statusCode === 400))
        assert.match(refused.body, /already served by another sign-in provider/);
    });

    it('refuses a sign-in under way when its provider is archived meanwhile, and password sign-in returns', async () => {
      const browser = new Browser(app);
      const callback = await atProvider(browser, member);
      const { version } = await container.signInProviders.get(providerId);
      assert.equal(
        (await adminClient.post(`/admin/sign-in-providers/${providerId}/archive`, { version: String(version) })).statusCode,
        302,
      );
      const response = await backAtSafer(browser, callback);
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Signing in with Test Police is not available any more/);
      const page = await browser.get('/sign-in');
      assert.doesNotMatch(page.body, /Sign in with Test Police/);
      assert.equal((await browser.post('/sign-in', { email: member, password: 'a long enough password' })).statusCode, 302);
    });
  });
}

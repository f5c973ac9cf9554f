/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 at a free port, for signing in through single sign-on in
 * tests. Anyone may sign in with any login and password on its development pages: the login is the e-mail address
 * it vouches for, verified unless the test says otherwise. Consent is taken as given, as an organisation's own
 * provider does for its own staff.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type Context } from 'oidc-provider';

export interface TestOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claims a login gets instead of its address verified: an unverified address, say. */
  claimsFor: Map<string, Record<string, unknown>>;
  /** How long an authorization code lasts, in seconds (a short one to test an expired code). */
  codeLifetimeSeconds: number;
  /**
   * Registers Safer's callback address for the provider as a redirect URI of the client: it names the provider's id
   * in Safer, known only once an administrator has saved it (with this provider's issuer). Starts the provider
   * afresh, so call it before anyone signs in.
   */
  allowRedirectTo(uri: string): void;
  /**
   * Signs in at the provider by plain HTTP, from the authorization URL Safer sent the browser to, as `login`;
   * returns the address the provider sends the browser back to (Safer's callback, with the code and state).
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

const clientSecret = 'the test client secret, long enough for HS256 signing';

export async function startOpenIdProvider(): Promise<TestOpenIdProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const claimsFor = new Map<string, Record<string, unknown>>();
  const state = { codeLifetimeSeconds: 60 };
  const clientId = 'safer';
  const redirectUris: string[] = [];

  const providerFor = () =>
    new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: redirectUris,
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      findAccount(_ctx: Context, id: string): Account {
        return { accountId: id, claims: () => ({ sub: id, email: id, email_verified: true, ...claimsFor.get(id) }) };
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      features: { devInteractions: { enabled: true } },
      pkce: { required: () => true },
      ttl: { AuthorizationCode: () => state.codeLifetimeSeconds },
      cookies: { keys: ['a test provider cookie key'] },
      async loadExistingGrant(ctx: Context) {
        const grant = new provider.Grant({ clientId, accountId: ctx.oidc.session?.accountId ?? '' });
        grant.addOIDCScope('openid email');
        await grant.save();
        return grant;
      },
    });
  let provider = providerFor();
  let handle = provider.callback();
  server.on('request', (request, response) => handle(request, response));

  async function signIn(authorizationUrl: string, login: string): Promise<URL> {
    const cookies = new Map<string, string>();
    const back = new URL(authorizationUrl).searchParams.get('redirect_uri') ?? '';
    let url = new URL(authorizationUrl);
    let form: URLSearchParams | undefined;
    for (let step = 0; step < 10; step++) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        body: form,
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      form = undefined;
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        if (url.href.startsWith(back)) return url;
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error(`The provider answered ${response.status} with no form:\n${page.slice(0, 500)}`);
      url = new URL(action.replaceAll('&amp;', '&'), url);
      form = new URLSearchParams({ prompt: 'login', login, password: 'any password' });
    }
    throw new Error('The provider never sent the browser back');
  }

  return {
    issuer,
    clientId,
    clientSecret,
    claimsFor,
    get codeLifetimeSeconds() {
      return state.codeLifetimeSeconds;
    },
    set codeLifetimeSeconds(seconds: number) {
      state.codeLifetimeSeconds = seconds;
    },
    allowRedirectTo(uri) {
      redirectUris.push(uri);
      provider = providerFor();
      handle = provider.callback();
    },
    signIn,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Kept-alive connections (Safer's, and the test's own) would hold the server open until they time out.
        server.closeAllConnections();
      }),
  };
}

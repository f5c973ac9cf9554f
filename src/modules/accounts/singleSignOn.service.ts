/**
 * Signing in through an organisation's OpenID provider: the authorization code flow with PKCE, `state` and
 * `nonce` (openid-client), then the account the provider vouches for by a verified e-mail address in a domain it
 * serves. Never creates an account. See docs/decisions/0037-single-sign-on.md.
 */
import type { Kysely } from 'kysely';
import * as openId from 'openid-client';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { ThrottleRefusal } from './signInLimiter.ts';
import type { VouchedSignInResult } from './accounts.service.ts';
import { domainOf } from './signInProviders.inputs.ts';
import type { SignInProviderCredentials, SignInProvidersService } from './signInProviders.service.ts';

/** What the session keeps between sending someone to their provider and their coming back. */
export interface OpenIdFlow {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Why a sign-in through a provider was refused: the words the page shows follow from it. */
export type RefusalReason =
  | { kind: 'unavailable' }
  | { kind: 'failed' }
  | { kind: 'unverified' }
  | { kind: 'other-domain'; email: string }
  | { kind: 'no-account'; email: string }
  | { kind: 'deactivated'; email: string }
  | ({ kind: 'throttled' } & ThrottleRefusal);

type Refused = { outcome: 'refused'; provider: string; reason: RefusalReason };

export type StartedSignIn = { outcome: 'started'; authorizationUrl: string; flow: OpenIdFlow } | Refused;

export type FinishedSignIn = { outcome: 'signed-in'; userId: string; provider: string; returnTo: string } | Refused;

export interface SingleSignOnService {
  /** Where to send the person, and what to keep in their session; refused when the provider is not active or cannot be reached. */
  begin(providerId: string, returnTo: string, address: string): Promise<StartedSignIn>;
  /** The provider's answer (the callback's query), checked against the flow the session kept (none when it kept none). */
  finish(providerId: string, flow: OpenIdFlow | undefined, answer: URLSearchParams, address: string): Promise<FinishedSignIn>;
}

export interface SingleSignOnDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  providers: SignInProvidersService;
  /** From the accounts service: the account the provider vouched for signed in, or why not. */
  signInVouchedFor: (email: string, provider: string, address: string) => Promise<VouchedSignInResult>;
  /** From the accounts service: the account's address is proven (the provider verified it), which links it to its people. */
  markEmailVerified: (userId: string) => Promise<void>;
  /** Where people reach Safer, for the address the provider sends them back to. */
  publicUrl: string;
}

/** The address a provider sends people back to: registered with the provider as its redirect URI. */
export const callbackPath = (providerId: string) => `/sign-in/with/${providerId}/callback`;

/** A provider's discovery document, read afresh each time: a provider moves its keys and endpoints as it likes. */
async function configurationOf(provider: SignInProviderCredentials): Promise<openId.Configuration> {
  const issuer = new URL(provider.issuer);
  // Plain http only ever reaches this computer: the issuer's form refuses it for any other host.
  const execute = issuer.protocol === 'http:' ? [openId.allowInsecureRequests] : [];
  return openId.discovery(issuer, provider.clientId, provider.clientSecret, undefined, { execute, timeout: 10 });
}

/** A word for the audit log on why a provider's answer was not accepted; never a token. */
function failureOf(error: unknown): string {
  if (error instanceof openId.AuthorizationResponseError || error instanceof openId.ResponseBodyError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const stringClaim = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function createSingleSignOnService({
  db,
  audit,
  providers,
  signInVouchedFor,
  markEmailVerified,
  publicUrl,
}: SingleSignOnDependencies): SingleSignOnService {
  const redirectUri = (providerId: string) => `${publicUrl}${callbackPath(providerId)}`;

  /** A refusal, with its audit entry: which provider, from where, and why (never a token). */
  async function refuse(providerId: string, reason: RefusalReason, why: string, address: string): Promise<Refused> {
    // An unknown or archived provider's name, where it has one, so the person knows which sign-in failed.
    const provider = (await providers.get(providerId).catch(() => null))?.name ?? 'your organisation';
    await db.transaction().execute((trx) =>
      audit.record(
        trx,
        { userId: null },
        {
          action: 'sign-in-failed',
          entityType: 'sign_in_provider',
          entityId: providerId,
          partnershipId: null,
          summary: `Refused sign-in with ${provider} from ${address}: ${why}`,
          before: null,
          after: { address, why: why.slice(0, 500) },
        },
      ),
    );
    return { outcome: 'refused', provider, reason };
  }

  /** The provider with its secret, or null if it cannot be used (archived, or its secret sealed under another key). */
  async function usable(providerId: string): Promise<SignInProviderCredentials | null> {
    try {
      return await providers.credentials(providerId);
    } catch {
      return null;
    }
  }

  /** The e-mail address and whether verified: from the ID token, or from the userinfo endpoint when the token leaves them out. */
  async function claimsOf(configuration: openId.Configuration, tokens: Awaited<ReturnType<typeof openId.authorizationCodeGrant>>) {
    const idToken = tokens.claims();
    if (!idToken) throw new Error('The provider sent no ID token');
    if (stringClaim(idToken.email)) return { email: stringClaim(idToken.email), verified: idToken.email_verified === true };
    const userInfo = await openId.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    return { email: stringClaim(userInfo.email), verified: userInfo.email_verified === true };
  }

  return {
    async begin(providerId, returnTo, address) {
      const provider = await usable(providerId);
      if (!provider) return refuse(providerId, { kind: 'unavailable' }, 'the provider is archived or cannot be used', address);
      let configuration: openId.Configuration;
      try {
        configuration = await configurationOf(provider);
      } catch (error) {
        return refuse(providerId, { kind: 'failed' }, `its discovery document could not be read: ${failureOf(error)}`, address);
      }
      const flow: OpenIdFlow = {
        providerId,
        state: openId.randomState(),
        nonce: openId.randomNonce(),
        codeVerifier: openId.randomPKCECodeVerifier(),
        returnTo,
      };
      const authorizationUrl = openId.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri(providerId),
        scope: 'openid email',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await openId.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { outcome: 'started', authorizationUrl: authorizationUrl.href, flow };
    },

    async finish(providerId, flow, answer, address) {
      // The answer as the provider addressed it: openid-client takes the redirect URI from it.
      const callbackUrl = new URL(`${redirectUri(providerId)}?${answer.toString()}`);
      const provider = await usable(providerId);
      const refused = (reason: RefusalReason, why: string) => refuse(providerId, reason, why, address);
      if (!provider) return refused({ kind: 'unavailable' }, 'the provider is archived or cannot be used');
      // A callback this browser's session did not start (a forged or replayed one, or another tab's) is never used.
      if (!flow || flow.providerId !== providerId) return refused({ kind: 'failed' }, 'this browser did not start the sign-in');
      if (callbackUrl.searchParams.get('state') !== flow.state) return refused({ kind: 'failed' }, 'the state did not match');
      let claims: { email: string | undefined; verified: boolean };
      try {
        const configuration = await configurationOf(provider);
        const tokens = await openId.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        claims = await claimsOf(configuration, tokens);
      } catch (error) {
        return refused({ kind: 'failed' }, failureOf(error));
      }
      const { email, verified } = claims;
      if (!email || !verified)
        return refused({ kind: 'unverified' }, `the provider did not vouch for the email address ${email ?? '(none)'}`);
      // A provider vouches only for its own organisation's addresses.
      if (!provider.domains.includes(domainOf(email))) {
        return refused({ kind: 'other-domain', email }, `${email} is not in a domain the provider serves`);
      }
      const result = await signInVouchedFor(email, provider.name, address);
      if (result.outcome === 'signed-in') {
        await markEmailVerified(result.userId);
        return { outcome: 'signed-in', userId: result.userId, provider: provider.name, returnTo: flow.returnTo };
      }
      const reason: RefusalReason =
        result.outcome === 'throttled'
          ? { kind: 'throttled', by: result.by, tryAgainAt: result.tryAgainAt }
          : { kind: result.outcome, email };
      return { outcome: 'refused', provider: provider.name, reason };
    },
  };
}

/**
 * The organisations' OpenID providers an administrator configures: who they are, where they are, and the e-mail
 * domains each vouches for. The client secret is sealed before it is stored and never leaves this service.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { refusingDuplicates } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import { updateVersioned } from '../../platform/records.ts';
import type { SecretBox } from '../../platform/secrets.ts';
import { listed } from '../../platform/wording.ts';
import { domainOf, type SignInProviderInput } from './signInProviders.inputs.ts';
import {
  findDomainsServedElsewhere,
  findProvider,
  findProviders,
  findProviderServing,
  insertProvider,
  replaceDomains,
  type SignInProviderWithDomains,
} from './signInProviders.repository.ts';

/** A provider as pages show it: never its secret. */
export type SignInProviderView = Omit<SignInProviderWithDomains, 'sealedClientSecret'>;

/** What signing in through a provider needs: its secret opened. */
export interface SignInProviderCredentials {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
}

export interface SignInProvidersService {
  list(options?: { includeArchived?: boolean }): Promise<SignInProviderView[]>;
  get(id: string): Promise<SignInProviderView>;
  create(actor: Actor, input: SignInProviderInput): Promise<string>;
  /** A blank client secret keeps the one saved. */
  update(actor: Actor, id: string, version: number, input: SignInProviderInput): Promise<void>;
  archive(actor: Actor, id: string, version: number): Promise<void>;
  /** The active provider that serves the address's domain, if any. */
  servingEmail(email: string): Promise<{ id: string; name: string } | null>;
  /** An active provider with its secret opened, or null once it is archived (or never was). */
  credentials(id: string): Promise<SignInProviderCredentials | null>;
}

export interface SignInProvidersDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  secrets: SecretBox;
}

const view = ({ sealedClientSecret: _never, ...provider }: SignInProviderWithDomains): SignInProviderView => provider;

/** What the audit log keeps of a provider: whether a secret was changed, never the secret. */
const audited = (provider: SignInProviderView) => ({
  name: provider.name,
  issuer: provider.issuer,
  clientId: provider.clientId,
  domains: provider.domains,
});

const domainsTaken = 'One of these email domains is already served by another sign-in provider: each domain can have only one';

export function createSignInProvidersService({ db, audit, clock, secrets }: SignInProvidersDependencies): SignInProvidersService {
  /** The message when another active provider already serves one of the domains (the unique index decides a race). */
  async function refuseDomainsServedElsewhere(domains: string[], providerId: string | null) {
    const taken = await findDomainsServedElsewhere(db, domains, providerId);
    if (taken.length === 0) return;
    const named = listed(taken.map(({ domain, name }) => `${domain} (${name})`));
    throw new FieldValidationError(
      'domains',
      `${taken.length === 1 ? 'This email domain is' : 'These email domains are'} already served by another sign-in provider: ${named}. Archive that provider, or remove the domain from it, first`,
    );
  }

  async function found(id: string): Promise<SignInProviderWithDomains> {
    const provider = await findProvider(db, id);
    if (!provider) throw new NotFoundError('Sign-in provider');
    return provider;
  }

  return {
    async list(options = {}) {
      return (await findProviders(db, { includeArchived: options.includeArchived ?? false })).map(view);
    },

    async get(id) {
      return view(await found(id));
    },

    async create(actor, input) {
      await refuseDomainsServedElsewhere(input.domains, null);
      const id = randomUUID();
      const now = isoNow(clock);
      const row = {
        id,
        name: input.name,
        issuer: input.issuer,
        clientId: input.clientId,
        sealedClientSecret: secrets.seal(input.clientSecret ?? ''),
        createdAt: now,
        updatedAt: now,
        archivedAt: null,
      };
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            await insertProvider(trx, row);
            await replaceDomains(trx, id, input.domains, null);
            await audit.record(trx, actor, {
              action: 'create',
              entityType: 'sign_in_provider',
              entityId: id,
              partnershipId: null,
              summary: `Added the sign-in provider ${input.name}`,
              before: null,
              after: audited({ ...row, version: 1, domains: input.domains }),
            });
          }),
        new FieldValidationError('domains', domainsTaken),
      );
      return id;
    },

    async update(actor, id, version, input) {
      const before = await found(id);
      if (before.archivedAt) throw new NotFoundError('Sign-in provider');
      await refuseDomainsServedElsewhere(input.domains, id);
      const secretChanged = input.clientSecret !== null;
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            await updateVersioned(trx, audit, actor, {
              table: 'signInProviders',
              id,
              partnershipId: null,
              version,
              what: 'Sign-in provider',
              changes: {
                name: input.name,
                issuer: input.issuer,
                clientId: input.clientId,
                ...(input.clientSecret === null ? {} : { sealedClientSecret: secrets.seal(input.clientSecret) }),
                updatedAt: isoNow(clock),
              },
              entry: () => ({
                action: 'update',
                entityType: 'sign_in_provider',
                partnershipId: null,
                summary: `Changed the sign-in provider ${input.name}${secretChanged ? ', with a new client secret' : ''}`,
                before: audited(before),
                after: { ...audited({ ...before, ...input }), clientSecretChanged: secretChanged },
              }),
            });
            await replaceDomains(trx, id, input.domains, null);
          }),
        new FieldValidationError('domains', domainsTaken),
      );
    },

    async archive(actor, id, version) {
      const before = await found(id);
      if (before.archivedAt) return;
      const now = isoNow(clock);
      await db.transaction().execute(async (trx) => {
        await updateVersioned(trx, audit, actor, {
          table: 'signInProviders',
          id,
          partnershipId: null,
          version,
          what: 'Sign-in provider',
          changes: { archivedAt: now, updatedAt: now },
          entry: () => ({
            action: 'archive',
            entityType: 'sign_in_provider',
            partnershipId: null,
            summary: `Archived the sign-in provider ${before.name}: its people sign in with a password again`,
            before: audited(before),
            after: null,
          }),
        });
        // Kept with the archived provider, so its history reads whole; no longer counted as served.
        await replaceDomains(trx, id, before.domains, now);
      });
    },

    async servingEmail(email) {
      const provider = await findProviderServing(db, domainOf(email.trim()));
      return provider ? { id: provider.id, name: provider.name } : null;
    },

    async credentials(id) {
      const provider = await findProvider(db, id);
      if (!provider || provider.archivedAt) return null;
      const { sealedClientSecret, ...rest } = provider;
      return {
        id: rest.id,
        name: rest.name,
        issuer: rest.issuer,
        clientId: rest.clientId,
        clientSecret: secrets.open(sealedClientSecret),
        domains: rest.domains,
      };
    },
  };
}

/** Sign-in providers and the e-mail domains each serves: SQL only. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, SignInProvidersTable } from '../../db/schema.ts';

export type SignInProviderRow = Selectable<SignInProvidersTable>;
/** A provider with the domains it serves (or served, once archived). */
export type SignInProviderWithDomains = SignInProviderRow & { domains: string[] };

async function withDomains(db: Kysely<Database>, rows: SignInProviderRow[]): Promise<SignInProviderWithDomains[]> {
  if (rows.length === 0) return [];
  const domains = await db
    .selectFrom('signInProviderDomains')
    .select(['providerId', 'domain'])
    .where(
      'providerId',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('domain')
    .execute();
  return rows.map((row) => ({ ...row, domains: domains.filter((d) => d.providerId === row.id).map((d) => d.domain) }));
}

export async function findProviders(db: Kysely<Database>, options: { includeArchived: boolean }): Promise<SignInProviderWithDomains[]> {
  let query = db.selectFrom('signInProviders').selectAll().orderBy('name');
  if (!options.includeArchived) query = query.where('archivedAt', 'is', null);
  return withDomains(db, await query.execute());
}

export async function findProvider(db: Kysely<Database>, id: string): Promise<SignInProviderWithDomains | undefined> {
  const row = await db.selectFrom('signInProviders').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await withDomains(db, [row]))[0];
}

/** The active provider that serves the domain, if any. */
export async function findProviderServing(db: Kysely<Database>, domain: string): Promise<SignInProviderRow | undefined> {
  return db
    .selectFrom('signInProviderDomains')
    .innerJoin('signInProviders', 'signInProviders.id', 'signInProviderDomains.providerId')
    .selectAll('signInProviders')
    .where('signInProviderDomains.domain', '=', domain)
    .where('signInProviderDomains.archivedAt', 'is', null)
    .executeTakeFirst();
}

/** Which of these domains another active provider already serves, and which provider. */
export async function findDomainsServedElsewhere(
  db: Kysely<Database>,
  domains: string[],
  providerId: string | null,
): Promise<{ domain: string; name: string }[]> {
  let query = db
    .selectFrom('signInProviderDomains')
    .innerJoin('signInProviders', 'signInProviders.id', 'signInProviderDomains.providerId')
    .select(['signInProviderDomains.domain', 'signInProviders.name'])
    .where('signInProviderDomains.domain', 'in', domains)
    .where('signInProviderDomains.archivedAt', 'is', null)
    .orderBy('signInProviderDomains.domain');
  if (providerId) query = query.where('signInProviderDomains.providerId', '!=', providerId);
  return query.execute();
}

export async function insertProvider(db: Kysely<Database>, row: Omit<SignInProviderRow, 'version'>): Promise<void> {
  await db.insertInto('signInProviders').values(row).execute();
}

/** The provider's domains are now these (the unique index refuses one another active provider serves). */
export async function replaceDomains(
  db: Kysely<Database>,
  providerId: string,
  domains: string[],
  archivedAt: string | null,
): Promise<void> {
  await db.deleteFrom('signInProviderDomains').where('providerId', '=', providerId).execute();
  if (domains.length === 0) return;
  await db
    .insertInto('signInProviderDomains')
    .values(domains.map((domain) => ({ providerId, domain, archivedAt })))
    .execute();
}

import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // An organisation's OpenID provider: its client secret is stored sealed, never as typed.
  await db.schema
    .createTable('sign_in_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('sealed_client_secret', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  // The e-mail domains each provider vouches for; archived with it, so its history stays readable.
  await db.schema
    .createTable('sign_in_provider_domains')
    .addColumn('provider_id', 'text', (c) => c.notNull().references('sign_in_providers.id'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addPrimaryKeyConstraint('sign_in_provider_domains_pkey', ['provider_id', 'domain'])
    .execute();
  // A domain is served by one active provider at most, however many administrators save at once.
  await db.schema
    .createIndex('sign_in_provider_domains_active')
    .on('sign_in_provider_domains')
    .column('domain')
    .unique()
    .where(sql.ref('archived_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_provider_domains').execute();
  await db.schema.dropTable('sign_in_providers').execute();
}

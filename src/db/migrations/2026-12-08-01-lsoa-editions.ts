import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * LSOAs by census edition: a code unchanged in 2021 is an LSOA of both editions, with a name and a population in
 * each (mid-2019 for 2011, mid-2022 for 2021), so crime_lsoas is keyed by code and edition. Each police.uk file
 * is coded in one edition, kept on its import (lsoa_edition) and worked out here for the files already held: the
 * codes that are of one edition only decide, and a file whose codes are all in both is taken by its month (2011
 * before 2023). The reference is loaded again, in its new shape, the next time it is needed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('crime_imports').addColumn('lsoa_edition', 'integer').execute();
  const crimesOnlyIn = (edition: 'in2011' | 'in2021', other: 'in2011' | 'in2021') => sql`(
    select count(*) from crimes inner join crime_lsoas on crime_lsoas.code = crimes.lsoa_code
    where crimes.import_id = crime_imports.id and crime_lsoas.${sql.ref(edition)} = 1 and crime_lsoas.${sql.ref(other)} = 0
  )`;
  await sql`
    update crime_imports set lsoa_edition = case
      when ${crimesOnlyIn('in2011', 'in2021')} > ${crimesOnlyIn('in2021', 'in2011')} then 2011
      when ${crimesOnlyIn('in2021', 'in2011')} > ${crimesOnlyIn('in2011', 'in2021')} then 2021
      when month < '2023-01' then 2011
      else 2021 end
    where status in ('complete', 'held') and month is not null
  `.execute(db);
  await db.schema.dropTable('crime_lsoas').execute();
  await db.schema
    .createTable('crime_lsoas')
    .addColumn('code', 'text', (c) => c.notNull())
    // The census the code is an LSOA of: 2011 or 2021.
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('csp_code', 'text')
    .addColumn('population', 'integer')
    .addPrimaryKeyConstraint('crime_lsoas_pk', ['code', 'edition'])
    .execute();
  await db.schema.createIndex('crime_lsoas_csp').on('crime_lsoas').columns(['csp_code', 'edition', 'code']).execute();
  await sql`delete from crime_reference`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('crime_lsoas').execute();
  await db.schema
    .createTable('crime_lsoas')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('in2011', 'integer', (c) => c.notNull())
    .addColumn('in2021', 'integer', (c) => c.notNull())
    .addColumn('csp_code', 'text')
    .addColumn('population', 'integer')
    .execute();
  await db.schema.createIndex('crime_lsoas_csp').on('crime_lsoas').columns(['csp_code', 'code']).execute();
  await db.schema.alterTable('crime_imports').dropColumn('lsoa_edition').execute();
  await sql`delete from crime_reference`.execute(db);
}

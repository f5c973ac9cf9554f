import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * One complete police.uk file per force and month, by the force Safer placed the file in rather than the words
 * of its "Falls within" column: two spellings of one force must not both count, nor one skip the overseer's
 * confirmation by not matching the file it would replace. Where two complete files of a force and month are held
 * already, the one finished last stays and the others are marked replaced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update crime_imports set status = 'replaced'
    where status = 'complete' and force_code is not null and exists (
      select 1 from crime_imports later
      where later.status = 'complete' and later.force_code = crime_imports.force_code and later.month = crime_imports.month
        and (later.finished_at > crime_imports.finished_at or (later.finished_at = crime_imports.finished_at and later.id > crime_imports.id))
    )
  `.execute(db);
  await db.schema.dropIndex('crime_imports_one_complete').execute();
  await db.schema
    .createIndex('crime_imports_one_complete')
    .on('crime_imports')
    .columns(['force_code', 'month'])
    .unique()
    .where(sql.ref('status'), '=', 'complete')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('crime_imports_one_complete').execute();
  await db.schema
    .createIndex('crime_imports_one_complete')
    .on('crime_imports')
    .columns(['falls_within', 'month'])
    .unique()
    .where(sql.ref('status'), '=', 'complete')
    .execute();
}

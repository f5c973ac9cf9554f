import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Crime imports that wait for the area's overseer (held), that the overseer turned down (rejected) or that the
 * job queue gave up on (failed, to be tried again from the page). A partnership's imports, and the partnerships
 * of a Community Safety Partnership area, are found by index. An upload whose job the queue had already given up
 * on is marked failed here, so that it too can be tried again rather than shown as importing for ever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('crime_imports_partnership').on('crime_imports').columns(['partnership_id', 'status']).execute();
  await db.schema.createIndex('crime_areas_csp').on('crime_areas').columns(['csp_code']).execute();
  await sql`
    update crime_imports set status = 'failed', runner = null, claimed_until = null,
      problem = 'The import stopped before it finished. Try again.'
    where status in ('waiting', 'importing') and partnership_id is not null
      and not exists (
        select 1 from jobs
        where jobs.kind = 'crime-import' and jobs.failed_at is null and jobs.done_at is null
          and jobs.payload like '%' || crime_imports.id || '%'
      )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The statuses the earlier code knows: nothing of a held, rejected or failed file counts.
  await sql`
    update crime_imports set status = 'refused', problem = coalesce(problem, 'Not imported.')
    where status in ('held', 'rejected', 'failed')
  `.execute(db);
  await db.schema.dropIndex('crime_areas_csp').execute();
  await db.schema.dropIndex('crime_imports_partnership').execute();
}

import type { Kysely, Selectable } from 'kysely';
import type { Database, PapersTable } from '../../db/schema.ts';

export type PaperRow = Selectable<PapersTable>;

/** A meeting's papers in the order they were uploaded, without their bytes. */
export async function listPapers(db: Kysely<Database>, meetingId: string): Promise<PaperRow[]> {
  return db
    .selectFrom('papers')
    .selectAll()
    .where('meetingId', '=', meetingId)
    .where('archivedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function insertPaper(db: Kysely<Database>, paper: Omit<PaperRow, 'version'>, content: Buffer): Promise<void> {
  await db.insertInto('papers').values(paper).execute();
  await db.insertInto('paperContents').values({ paperId: paper.id, content }).execute();
}

export async function paperContent(db: Kysely<Database>, paperId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('paperContents').select('content').where('paperId', '=', paperId).executeTakeFirst();
  return row ? Buffer.from(row.content) : null;
}

/** Takes a paper off its item only if it is still the version the user saw; the file is kept with the record. */
export async function archivePaper(db: Kysely<Database>, id: string, expectedVersion: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('papers')
    .set((eb) => ({ archivedAt: at, updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('archivedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

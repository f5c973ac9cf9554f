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

/** The counts that say when what a process keeps must be read again (decisions 0053, 0061), as tests read them. */
import type { Db } from '../../src/db/createDb.ts';

export const generationOf = async (db: Db, counted: 'accessGeneration' | 'pageGeneration' = 'accessGeneration'): Promise<number> =>
  Number((await db.selectFrom(counted).select('generation').executeTakeFirstOrThrow()).generation);

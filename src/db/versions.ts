/**
 * A partnership's count of changes to what its kept pages are read from, kept by triggers: `performanceVersions` for
 * its performance reports (decision 0054), `partnershipVersions` for its meeting pages, lists and overview (0057).
 */
import type { Kysely } from 'kysely';
import { readKept } from '../platform/readOnce.ts';
import type { Database } from './schema.ts';

/** The partnership's count, 0 before any: kept for the pages after while no partnership's count moves (decision 0061). */
export async function versionOf(
  db: Kysely<Database>,
  counted: 'partnershipVersions' | 'performanceVersions',
  partnershipId: string,
): Promise<string> {
  const read = async () => {
    const row = await db.selectFrom(counted).select('version').where('partnershipId', '=', partnershipId).executeTakeFirst();
    return { version: String(row?.version ?? 0) };
  };
  return (await readKept(`${counted} ${partnershipId}`, read, 'pages')).version;
}

import { sql } from 'kysely';
import type { PartTwoReadership } from '../platform/policy.ts';

/**
 * The SQL form of `maySee`: rows whose agenda item (joined as `agendaItems`, perhaps absent) is public, or
 * is Part II of a group the reader may see. Filtering in the query keeps pages and their counts honest.
 */
export function seenBy(readership: PartTwoReadership, groupColumn: string) {
  const publicItem = sql<boolean>`coalesce(${sql.ref('agendaItems.confidential')}, 0) = 0`;
  if (readership.everyGroup) return sql<boolean>`1 = 1`;
  if (readership.groupIds.length === 0) return publicItem;
  return sql<boolean>`(${publicItem} or ${sql.ref(groupColumn)} in (${sql.join(readership.groupIds)}))`;
}

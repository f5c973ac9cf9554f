import { type Kysely, type Selectable, sql } from 'kysely';
import { distinctValues } from '../../db/distinct.ts';
import { type PageRead, readPage } from '../../db/pageRead.ts';
import type { AuditLogAction, AuditLogTable, Database } from '../../db/schema.ts';

export type AuditRow = Selectable<AuditLogTable> & { userName: string | null };

/** A sign-in or failed sign-in: when, which, and what was recorded of it (where from, and how). */
export type SignInEntry = Pick<Selectable<AuditLogTable>, 'at' | 'action' | 'afterJson'>;

export interface AuditFilter {
  action?: AuditLogAction | undefined;
  entityType?: string | undefined;
  userId?: string | undefined;
  partnershipId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export async function insertAuditEntry(db: Kysely<Database>, entry: Selectable<AuditLogTable>): Promise<void> {
  await db.insertInto('auditLog').values(entry).execute();
}

/** An entry's place in the log's order: newest first, then by id. */
export const auditKeyOf = (entry: AuditRow): (string | null)[] => [entry.at, entry.id];

/** The entries that match the filter, for a page of them or their count. */
function matchingEntries(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('auditLog');
  if (filter.action) query = query.where('auditLog.action', '=', filter.action);
  if (filter.entityType) query = query.where('auditLog.entityType', '=', filter.entityType);
  if (filter.userId) query = query.where('auditLog.userId', '=', filter.userId);
  if (filter.partnershipId) query = query.where('auditLog.partnershipId', '=', filter.partnershipId);
  if (filter.from) query = query.where('auditLog.at', '>=', filter.from);
  // `to` is a date: include the whole of that day.
  if (filter.to) query = query.where('auditLog.at', '<', `${filter.to}T24`);
  return query;
}

/**
 * A page of the entries that match, newest first (read in that order from the audit_log indexes), read on from a
 * key when it has one so that any page costs the first's; and how many match.
 */
export async function findAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: PageRead,
): Promise<{ rows: AuditRow[]; total: number }> {
  const entries = matchingEntries(db, filter)
    .leftJoin('users', 'users.id', 'auditLog.userId')
    .selectAll('auditLog')
    .select('users.name as userName');
  const newestFirst = (backwards: boolean, limit: number) =>
    entries
      .orderBy('auditLog.at', backwards ? 'asc' : 'desc')
      .orderBy('auditLog.id', backwards ? 'desc' : 'asc')
      .limit(limit);
  const read = async (place: PageRead): Promise<AuditRow[]> => {
    const byOffset = () => newestFirst(false, place.limit).offset(place.offset).execute();
    const seek = place.seek;
    const [at, id] = seek?.key ?? [];
    if (!seek || (seek.key && (typeof at !== 'string' || typeof id !== 'string' || seek.key.length !== 2))) return byOffset();
    // Older entries are read on from the key's time (one range of the index), those at that time past its id; with
    // no key, back from the oldest.
    const backwards = seek.direction === 'before';
    const onFrom = newestFirst(backwards, place.limit).offset(seek.skip ?? 0);
    const rows = await (
      typeof at === 'string' && typeof id === 'string'
        ? onFrom.where((eb) =>
            backwards
              ? eb.and([eb('auditLog.at', '>=', at), eb.or([eb('auditLog.at', '>', at), eb('auditLog.id', '<', id)])])
              : eb.and([eb('auditLog.at', '<=', at), eb.or([eb('auditLog.at', '<', at), eb('auditLog.id', '>', id)])]),
          )
        : onFrom
    ).execute();
    // A key past every entry (a link edited by hand) is read as the page number asks.
    if (!rows.length) return byOffset();
    return backwards ? rows.reverse() : rows;
  };
  return readPage(page, () => countAuditEntries(db, filter), read);
}

/**
 * How many entries match: from the counts kept by partnership, account, kind and action (migration
 * 2026-12-11-06), or, for a span of dates, off that span of the index.
 */
async function countAuditEntries(db: Kysely<Database>, filter: AuditFilter): Promise<number> {
  if (filter.from || filter.to) {
    const query = matchingEntries(db, filter).select((eb) => eb.fn.countAll<number>().as('total'));
    return Number((await query.executeTakeFirstOrThrow()).total);
  }
  let kept = db.selectFrom('auditCounts');
  if (filter.action) kept = kept.where('action', '=', filter.action);
  if (filter.entityType) kept = kept.where('entityType', '=', filter.entityType);
  if (filter.userId) kept = kept.where('userId', '=', filter.userId);
  if (filter.partnershipId) kept = kept.where('partnershipId', '=', filter.partnershipId);
  return Number((await kept.select((eb) => eb.fn.sum<number | null>('total').as('total')).executeTakeFirstOrThrow()).total ?? 0);
}

/** The kinds of record in the log, read kind by kind from audit_log_entity (not entry by entry). */
export async function findAuditEntityTypes(db: Kysely<Database>): Promise<string[]> {
  return distinctValues(db, 'audit_log', 'entity_type', sql`1 = 1`);
}

/** The account's latest sign-ins and failed sign-ins, newest first (read from the audit_log_entity_at index). */
export async function findSignIns(db: Kysely<Database>, userId: string, limit: number): Promise<SignInEntry[]> {
  return db
    .selectFrom('auditLog')
    .select(['at', 'action', 'afterJson'])
    .where('entityType', '=', 'user')
    .where('entityId', '=', userId)
    .where('action', 'in', ['sign-in', 'sign-in-failed'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

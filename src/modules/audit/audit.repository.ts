import { type Kysely, type Selectable, sql } from 'kysely';
import { distinctValues } from '../../db/distinct.ts';
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

export async function findAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  let query = db.selectFrom('auditLog').leftJoin('users', 'users.id', 'auditLog.userId');
  if (filter.action) query = query.where('auditLog.action', '=', filter.action);
  if (filter.entityType) query = query.where('auditLog.entityType', '=', filter.entityType);
  if (filter.userId) query = query.where('auditLog.userId', '=', filter.userId);
  if (filter.partnershipId) query = query.where('auditLog.partnershipId', '=', filter.partnershipId);
  if (filter.from) query = query.where('auditLog.at', '>=', filter.from);
  // `to` is a date: include the whole of that day.
  if (filter.to) query = query.where('auditLog.at', '<', `${filter.to}T24`);
  const [rows, count] = await Promise.all([
    query
      .selectAll('auditLog')
      .select('users.name as userName')
      .orderBy('auditLog.at', 'desc')
      .orderBy('auditLog.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
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

import type { Kysely, Selectable } from 'kysely';
import type { AuditLogAction, AuditLogTable, Database } from '../../db/schema.ts';

export type AuditRow = Selectable<AuditLogTable> & { userName: string | null };

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

export async function findAuditEntityTypes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('auditLog').select('entityType').distinct().orderBy('entityType').execute();
  return rows.map((row) => row.entityType);
}

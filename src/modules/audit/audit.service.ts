import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { Database } from '../../db/schema.ts';
import type { PageRead } from '../../db/pageRead.ts';
import type { AuditAction, AuditWriter, ViewEntry } from '../../platform/audit.ts';
import {
  type AuditFilter,
  type AuditRow,
  findAuditEntityTypes,
  type SignInEntry,
  findAuditEntries,
  findSignIns,
  insertAuditEntry,
} from './audit.repository.ts';

export { auditKeyOf } from './audit.repository.ts';

export interface AuditTrail extends AuditWriter {
  list(filter: AuditFilter, page: PageRead): Promise<{ rows: AuditRow[]; total: number }>;
  entityTypes(): Promise<string[]>;
  /** The account's latest sign-ins and failed attempts, newest first. */
  signIns(userId: string, limit: number): Promise<SignInEntry[]>;
}

export interface AuditDependencies {
  db: Kysely<Database>;
  clock: Clock;
}

export function createAuditTrail({ db, clock }: AuditDependencies): AuditTrail {
  return {
    async record(trx, actor, entry) {
      await write(trx, actor, entry);
    },
    auditedRead: (actor, entry, read) =>
      db.transaction().execute(async (trx) => {
        const result = await read(trx);
        await write(trx, actor, { ...entry, action: 'view', before: null, after: null });
        return result;
      }),
    list: (filter, page) => findAuditEntries(db, filter, page),
    entityTypes: () => findAuditEntityTypes(db),
    signIns: (userId, limit) => findSignIns(db, userId, limit),
  };

  async function write(trx: Kysely<Database>, actor: Actor, entry: ViewEntry & { action: AuditAction; before: unknown; after: unknown }) {
    await insertAuditEntry(trx, {
      id: randomUUID(),
      at: isoNow(clock),
      userId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      partnershipId: entry.partnershipId,
      summary: entry.summary,
      beforeJson: entry.before === null ? null : JSON.stringify(entry.before),
      afterJson: entry.after === null ? null : JSON.stringify(entry.after),
    });
  }
}

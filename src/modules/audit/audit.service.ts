import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { type Clock, isoNow } from '../../core/clock.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditFilter, type AuditRow, findAuditEntityTypes, findAuditEntries, insertAuditEntry } from './audit.repository.ts';

export interface AuditEntry {
  action: 'create' | 'update' | 'archive' | 'restore' | 'sign-in' | 'sign-in-failed' | 'sign-out' | 'grant' | 'revoke';
  entityType: string;
  entityId: string;
  partnershipId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

export interface AuditTrail {
  /** Call with the transaction that makes the change, so the entry and the change commit together. */
  record(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void>;
  list(filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }>;
  entityTypes(): Promise<string[]>;
}

export function createAuditTrail(db: Kysely<Database>, clock: Clock): AuditTrail {
  return {
    async record(trx, actor, entry) {
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
    },
    list: (filter, page) => findAuditEntries(db, filter, page),
    entityTypes: () => findAuditEntityTypes(db),
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { type Clock, isoNow } from '../../core/clock.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditFilter, type AuditRow, findAuditEntityTypes, findAuditEntries, insertAuditEntry } from './audit.repository.ts';

/** What an entry records, in the words of the audit page's filter. */
export const auditActionNames = {
  create: 'Created',
  update: 'Changed',
  archive: 'Archived',
  restore: 'Restored',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed to sign in',
  'sign-out': 'Signed out',
  grant: 'Granted a role',
  revoke: 'Took a role away',
  view: 'Viewed confidential material',
} as const;
export type AuditAction = keyof typeof auditActionNames;

export interface AuditEntry {
  action: Exclude<AuditAction, 'view'>;
  entityType: string;
  entityId: string;
  partnershipId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
}

/** A read of confidential material: who (the actor), what (this), and when (the entry's time). */
export interface ViewEntry {
  entityType: string;
  entityId: string;
  partnershipId: string | null;
  summary: string;
}

export interface AuditTrail {
  /** Call with the transaction that makes the change, so the entry and the change commit together. */
  record(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void>;
  /**
   * Reads confidential material with its 'view' entry: `read` runs in the transaction that writes the entry,
   * and its result comes back only once both have committed, so a view whose entry fails is never served.
   * `read` must use the transaction it is given (on SQLite, the database waits for it).
   */
  auditedRead<T>(actor: Actor, entry: ViewEntry, read: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  list(filter: AuditFilter, page: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }>;
  entityTypes(): Promise<string[]>;
}

export function createAuditTrail(db: Kysely<Database>, clock: Clock): AuditTrail {
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

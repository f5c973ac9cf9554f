/**
 * What every module writes to the audit log, and the narrow interface it writes through. The audit module
 * keeps the log; modules depend on this interface, not on that module.
 */
import type { Kysely } from 'kysely';
import type { AuditLogAction, Database } from '../db/schema.ts';
import type { Actor } from './principal.ts';

/** What an entry records, in the words of the audit page's filter. */
export const auditActionNames = {
  create: 'Created',
  update: 'Changed',
  delete: 'Removed',
  archive: 'Archived',
  restore: 'Restored',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed to sign in',
  'sign-out': 'Signed out',
  grant: 'Granted a role',
  revoke: 'Took a role away',
  view: 'Viewed confidential material',
} as const satisfies Record<AuditLogAction, string>;
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

/** A read of sensitive material: who (the actor), what (this), and when (the entry's time). */
export interface ViewEntry {
  entityType: string;
  entityId: string;
  partnershipId: string | null;
  summary: string;
}

export interface AuditWriter {
  /** Call with the transaction that makes the change, so the entry and the change commit together. */
  record(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void>;
  /**
   * Reads sensitive material with its 'viewed' entry: `read` runs in the transaction that writes the entry,
   * and its result comes back only once both have committed, so a view whose entry fails is never served.
   * `read` must use the transaction it is given (on SQLite, the database waits for it).
   */
  auditedRead<T>(actor: Actor, entry: ViewEntry, read: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
}

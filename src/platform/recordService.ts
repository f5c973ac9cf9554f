/**
 * The life of an editable record, the same for every module's table: create, update with
 * optimistic concurrency, archive and restore — each in one transaction with its audit entry.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type LockableTable, lockRow } from '../db/locks.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from './principal.ts';
import type { AuditWriter } from './audit.ts';
import { type Clock, isoNow } from './clock.ts';
import { ConflictError, FieldValidationError, NotFoundError } from './errors.ts';
import {
  type EditableTable,
  findRecord,
  insertRecord,
  type ListOptions,
  type RecordService,
  type Row,
  updateVersioned,
  type Writable,
} from './records.ts';

export interface RecordDefinition<T extends EditableTable, View, Input> {
  table: T;
  /** The word used in the audit log and in messages, e.g. 'organisation'. */
  entityType: string;
  /** Whether rows belong to a partnership (scopeId is then the partnership's id). */
  partnershipScoped: boolean;
  list(db: Kysely<Database>, scopeId: string | null, options: ListOptions): Promise<View[]>;
  /** The columns an input sets. */
  toColumns(input: Input): Partial<Writable<Row<T>>>;
  /**
   * Rules that need the database, e.g. that a chosen person belongs to this partnership; run in the
   * transaction that writes, with the record as it stands (null when adding). Throws FieldValidationError.
   */
  check?(trx: Kysely<Database>, scopeId: string | null, input: Input, existing: Row<T> | null): Promise<void>;
  /**
   * The record a check-then-write rule is about (a membership's group, say): locked first in each writing
   * transaction, so that writers of the same one go in turn and each checks what the one before wrote.
   */
  lockedBy?(scopeId: string | null, input: Input, existingId: string | null): { table: LockableTable; id: string } | null;
  /** The record as an input, to check it again when it is restored (a restored membership must not overlap another). */
  inputOf?(row: Row<T>): Input;
  /** Columns set once, when the record is added, that need the database: e.g. its place at the end of a list. */
  columnsWhenAdded?(trx: Kysely<Database>, scopeId: string | null, input: Input): Promise<Partial<Writable<Row<T>>>>;
  /** How the record is named in the audit log, e.g. 'Gurmit Shoker on the Coventry board'. */
  title(view: View): string;
}

export interface RecordDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
}

export function defineRecordService<T extends EditableTable, View, Input>(
  { db, audit, clock }: RecordDependencies,
  definition: RecordDefinition<T, View, Input>,
): RecordService<View, Input> {
  const { table, entityType } = definition;
  const partnershipOf = (scopeId: string | null) => (definition.partnershipScoped ? scopeId : null);
  // The audit log files a change under its partnership; a partnership's own record under itself.
  const auditPartnership = (scopeId: string | null, id: string) => partnershipOf(scopeId) ?? (table === 'partnerships' ? id : null);
  const label = entityType.replaceAll('_', ' ');

  async function current(trx: Kysely<Database>, scopeId: string | null, id: string): Promise<Row<T>> {
    const row = await findRecord(trx, table, partnershipOf(scopeId), id);
    if (!row) throw new NotFoundError(label);
    return row;
  }

  async function lockFor(trx: Kysely<Database>, scopeId: string | null, input: Input | undefined, id: string | null): Promise<void> {
    const locked = input === undefined ? null : definition.lockedBy?.(scopeId, input, id);
    if (locked) await lockRow(trx, locked.table, locked.id);
  }

  const versionOf = (row: Row<T>) => (row as unknown as { version: number }).version;

  async function titleOf(trx: Kysely<Database>, scopeId: string | null, id: string): Promise<string> {
    const [view] = await definition.list(trx, scopeId, { id });
    return view ? definition.title(view) : id;
  }

  async function change(
    actor: Actor,
    scopeId: string | null,
    id: string,
    version: number,
    changes: Partial<Writable<Row<T>>>,
    action: 'update' | 'archive' | 'restore',
    verb: string,
    check?: (trx: Kysely<Database>, before: Row<T>) => Promise<void>,
    input?: Input,
  ): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await lockFor(trx, scopeId, input, id);
      const before = await current(trx, scopeId, id);
      if (versionOf(before) !== version) throw new ConflictError(versionOf(before));
      await check?.(trx, before);
      await updateVersioned(trx, audit, actor, {
        table,
        id,
        before,
        partnershipId: partnershipOf(scopeId),
        version,
        changes: { ...changes, updatedAt: isoNow(clock) } as Partial<Writable<Row<T>>>,
        what: label,
        entry: async (was, now) => ({
          action,
          entityType,
          partnershipId: auditPartnership(scopeId, id),
          summary: `${verb} ${label} ${await titleOf(trx, scopeId, id)}`,
          before: was,
          after: now,
        }),
      });
    });
  }

  return {
    list: (scopeId, options = {}) => definition.list(db, scopeId, options),

    async get(scopeId, id) {
      const [view] = await definition.list(db, scopeId, { id });
      if (!view) throw new NotFoundError(label);
      return view;
    },

    async create(actor, scopeId, input) {
      const id = randomUUID();
      const now = isoNow(clock);
      const scopeColumns = definition.partnershipScoped ? { partnershipId: scopeId } : {};
      const row = { id, ...scopeColumns, ...definition.toColumns(input), createdAt: now, updatedAt: now, archivedAt: null };
      await db.transaction().execute(async (trx) => {
        await lockFor(trx, scopeId, input, null);
        await definition.check?.(trx, scopeId, input, null);
        const added = { ...row, ...(await definition.columnsWhenAdded?.(trx, scopeId, input)) };
        await insertRecord(trx, table, added as unknown as Writable<Omit<Row<T>, 'version'>>);
        await audit.record(trx, actor, {
          action: 'create',
          entityType,
          entityId: id,
          partnershipId: auditPartnership(scopeId, id),
          summary: `Added ${label} ${await titleOf(trx, scopeId, id)}`,
          before: null,
          after: await current(trx, scopeId, id),
        });
      });
      return id;
    },

    async update(actor, scopeId, id, version, input) {
      await change(
        actor,
        scopeId,
        id,
        version,
        definition.toColumns(input),
        'update',
        'Changed',
        (trx, before) => (definition.check ? definition.check(trx, scopeId, input, before) : Promise.resolve()),
        input,
      );
    },

    async setArchived(actor, scopeId, id, version, archived) {
      // Putting a record back in use is checked as adding it would be, under the same lock.
      const restoring = !archived && definition.check !== undefined && definition.inputOf !== undefined;
      const recheck = restoring ? definition.inputOf?.(await current(db, scopeId, id)) : undefined;
      await change(
        actor,
        scopeId,
        id,
        version,
        { archivedAt: archived ? isoNow(clock) : null } as Partial<Writable<Row<T>>>,
        archived ? 'archive' : 'restore',
        archived ? 'Archived' : 'Restored',
        recheck === undefined
          ? undefined
          : async (trx, before) => definition.check?.(trx, scopeId, definition.inputOf?.(before) ?? recheck, before),
        recheck,
      );
    },
  };
}

/**
 * Checks that a chosen record belongs to the partnership and is in use. A link kept as it was may
 * point to a record archived since (editing a person must not lose their archived organisation);
 * a new link may not.
 */
export function references(trx: Kysely<Database>, partnershipId: string | null, existing: object | null) {
  return async (table: EditableTable, field: string, id: string | null, message: string): Promise<void> => {
    if (id === null) return;
    const row = await findRecord(trx, table, partnershipId, id);
    const kept = existing !== null && (existing as Record<string, unknown>)[field] === id;
    if (!row || (row.archivedAt !== null && !kept)) throw new FieldValidationError(field, message);
  };
}

/**
 * What every editable record offers, whichever module keeps it, and the one way a versioned row is changed:
 * only when the stored version is the one the user edited, with its audit entry in the same transaction.
 */
import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, RecordColumns } from '../db/schema.ts';
import type { Actor } from './principal.ts';
import type { AuditEntry, AuditWriter } from './audit.ts';
import { ConflictError, NotFoundError } from './errors.ts';

export interface ListOptions {
  includeArchived?: boolean;
  id?: string;
}

export interface RecordService<View, Input> {
  list(scopeId: string | null, options?: ListOptions): Promise<View[]>;
  /** Throws NotFoundError when the record is not in this scope. */
  get(scopeId: string | null, id: string): Promise<View>;
  create(actor: Actor, scopeId: string | null, input: Input): Promise<string>;
  update(actor: Actor, scopeId: string | null, id: string, version: number, input: Input): Promise<void>;
  setArchived(actor: Actor, scopeId: string | null, id: string, version: number, archived: boolean): Promise<void>;
}

/** Tables whose rows are edited on forms: versioned, archived rather than deleted (any module's table with RecordColumns). */
export type EditableTable = { [K in keyof Database]: Database[K] extends RecordColumns ? K : never }[keyof Database];

/** Tables whose rows carry a version for optimistic concurrency. */
export type VersionedTable = { [K in keyof Database]: Database[K] extends { version: unknown } ? K : never }[keyof Database];

/** The column that names one row: `id`, or for a row that belongs to one other (an item's minutes) that row's id. */
export type KeyOf<T extends VersionedTable> = { [C in keyof Row<T>]: Row<T>[C] extends string ? C : never }[keyof Row<T>] & string;

export type Row<T extends keyof Database> = Selectable<Database[T]>;

/** A row as the app writes it: a boolean where the table stores 0 or 1 (the same on both engines). */
export type Writable<R> = { [K in keyof R]: R[K] extends number ? R[K] | boolean : R[K] };

function storable(values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'boolean' ? Number(value) : value]));
}

// Kysely cannot type a query over a union of table names; every one of these tables has an id and a version.
type LooseDb = Kysely<{ records: { id: string; version: number; partnershipId: string } & Record<string, unknown> }>;
const loose = (db: Kysely<Database>): LooseDb => db as unknown as LooseDb;
const asRecords = (table: keyof Database) => table as unknown as 'records';

/** The row, if it is in the partnership (null: a table no partnership owns). */
export async function findRecord<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  partnershipId: string | null,
  id: string,
  key: KeyOf<T> | 'id' = 'id',
): Promise<Row<T> | undefined> {
  let query = loose(db).selectFrom(asRecords(table)).selectAll().where(sql.ref(key), '=', id);
  if (partnershipId !== null) query = query.where('partnershipId', '=', partnershipId);
  return (await query.executeTakeFirst()) as Row<T> | undefined;
}

export async function insertRecord<T extends EditableTable>(
  db: Kysely<Database>,
  table: T,
  row: Writable<Omit<Row<T>, 'version'>>,
): Promise<void> {
  await loose(db).insertInto(asRecords(table)).values(storable(row)).execute();
}

/** Updates only when the stored version is the one the user edited; returns false when someone else got there first. */
export async function updateRecord<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  id: string,
  expectedVersion: number,
  changes: Partial<Writable<Row<T>>>,
  key: KeyOf<T> | 'id' = 'id',
): Promise<boolean> {
  const result = await loose(db)
    .updateTable(asRecords(table))
    .set((eb) => ({ ...storable(changes), version: eb('version', '+', 1) }))
    .where(sql.ref(key), '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface VersionedChange<T extends VersionedTable> {
  table: T;
  id: string;
  /** The column `id` is looked for in, when it is not `id`. */
  key?: KeyOf<T>;
  /** The partnership the row must belong to (null: a table no partnership owns); any other is "not found". */
  partnershipId: string | null;
  /** The version the user edited. */
  version: number;
  changes: Partial<Writable<Row<T>>>;
  /** The row as this transaction already read it (to check a rule on it first): not read again. */
  before?: Row<T>;
  /** What is not found, in words, e.g. 'allocation'. */
  what: string;
  /** The audit entry for the change, from the row as it was and as it is now. */
  entry(before: Row<T>, after: Row<T>): Omit<AuditEntry, 'entityId'> | Promise<Omit<AuditEntry, 'entityId'>>;
}

const versionOf = (row: object) => (row as { version: number }).version;

/**
 * The one version-checked change: refuses with a ConflictError (carrying the version now stored) when someone
 * saved the row since it was read, bumps the version, and writes the audit entry in the same transaction.
 */
export async function updateVersioned<T extends VersionedTable>(
  trx: Kysely<Database>,
  audit: AuditWriter,
  actor: Actor,
  change: VersionedChange<T>,
): Promise<{ before: Row<T>; after: Row<T> }> {
  const current = async () => {
    const row = await findRecord(trx, change.table, change.partnershipId, change.id, change.key);
    if (!row) throw new NotFoundError(change.what);
    return row;
  };
  const before = change.before ?? (await current());
  if (versionOf(before) !== change.version) throw new ConflictError(versionOf(before));
  if (!(await updateRecord(trx, change.table, change.id, change.version, change.changes, change.key))) {
    throw new ConflictError(versionOf(await current()));
  }
  const after = await current();
  await audit.record(trx, actor, { ...(await change.entry(before, after)), entityId: change.id });
  return { before, after };
}

/** The id filter, and archived rows left out unless asked for (or one row is asked for by id). */
export function withListOptions<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  table: string,
  options: ListOptions,
): SelectQueryBuilder<DB, TB, O> {
  if (options.id) return query.where(sql.ref(`${table}.id`), '=', options.id);
  return options.includeArchived ? query : query.where(sql.ref(`${table}.archivedAt`), 'is', null);
}

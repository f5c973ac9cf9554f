import { type Kysely, sql } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

/**
 * Each list that grows without bound reads its first page from an index in the list's own order, so that its
 * cost follows the page, not the history (docs/decisions/0045). Each index leads with the column the list is
 * filtered by, then the sort; a descending sort with an ascending tie-break is declared as such.
 */
const indexes: { name: string; table: string; columns: string[] }[] = [
  // The action log, soonest due first; and each status of it (superseding actions_partnership).
  { name: 'actions_partnership_due', table: 'actions', columns: ['partnership_id', 'due_date', 'created_at'] },
  { name: 'actions_partnership_status_due', table: 'actions', columns: ['partnership_id', 'status', 'due_date', 'created_at'] },
  // One group's actions (the action log's group filter, a meeting's matters arising), soonest due first.
  { name: 'actions_group_due', table: 'actions', columns: ['group_id', 'due_date', 'created_at'] },
  // The audit log, newest first: all of it (superseding audit_log_at), one partnership's, one person's.
  { name: 'audit_log_newest', table: 'audit_log', columns: ['at desc', 'id'] },
  { name: 'audit_log_partnership_newest', table: 'audit_log', columns: ['partnership_id', 'at desc', 'id'] },
  { name: 'audit_log_user_newest', table: 'audit_log', columns: ['user_id', 'at desc', 'id'] },
  // The decisions register walks the partnership's meetings newest first, then each meeting's decisions in order.
  { name: 'meetings_partnership_date_time', table: 'meetings', columns: ['partnership_id', 'meeting_date', 'start_time', 'id'] },
  { name: 'decisions_meeting', table: 'decisions', columns: ['meeting_id', 'created_at'] },
  // A partnership's crime uploads, latest first.
  { name: 'crime_imports_partnership_created', table: 'crime_imports', columns: ['partnership_id', 'created_at desc', 'file_name'] },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, table, columns } of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
  // The owners named only in words, owner by owner (the action log says how many there are): a partial index, so
  // that both engines read it in the owner's order.
  await db.schema
    .createIndex('actions_owners_in_words')
    .on('actions')
    .columns(['partnership_id', 'owner'])
    .where(sql.ref('owner_person_id'), 'is', null)
    .where(sql.ref('owner_organisation_id'), 'is', null)
    .execute();
  for (const superseded of ['actions_partnership', 'audit_log_at']) await db.schema.dropIndex(superseded).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('actions_partnership').on('actions').columns(['partnership_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.dropIndex('actions_owners_in_words').execute();
  for (const { name } of [...indexes].reverse()) await db.schema.dropIndex(name).execute();
}

import type { CreateTableBuilder, Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

type Table = CreateTableBuilder<string, never>;

function recordColumns(table: Table): Table {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text');
}

function partnershipRecord(db: Kysely<unknown>, name: string): Table {
  return recordColumns(db.schema.createTable(name)).addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'));
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await recordColumns(db.schema.createTable('areas'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('force_name', 'text', (c) => c.notNull())
    .addColumn('oversight_body', 'text', (c) => c.notNull())
    .addColumn('oversight_kind', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('partnerships'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('local_authority', 'text', (c) => c.notNull())
    .addColumn('population', 'integer')
    .execute();

  await partnershipRecord(db, 'organisations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('responsible_authority', 'integer', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .execute();

  await partnershipRecord(db, 'people')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('job_title', 'text')
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .execute();

  await partnershipRecord(db, 'groups')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('groups.id'))
    .execute();

  await db.schema
    .createTable('terms_of_reference')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('functions', 'text', (c) => c.notNull())
    .addColumn('key_outcomes', 'text', (c) => c.notNull())
    .addColumn('also_reports_to', 'text')
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('chair_role', 'text', (c) => c.notNull())
    .addColumn('papers_notice_days', 'integer')
    .addColumn('papers_notice_unit', 'text', (c) => c.notNull())
    .addColumn('minutes_circulation_days', 'integer')
    .addColumn('actions_circulation_working_days', 'integer')
    .addColumn('membership_specification', 'text', (c) => c.notNull())
    .addColumn('quorum_rule', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('terms_of_reference_group_version', ['group_id', 'version_number'])
    .execute();

  await partnershipRecord(db, 'memberships')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('voting', 'integer', (c) => c.notNull())
    .addColumn('core', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('substitute_person_id', 'text', (c) => c.references('people.id'))
    .execute();

  await partnershipRecord(db, 'interests')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('declared_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .execute();

  await partnershipRecord(db, 'chair_appointments')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('year_starting', 'integer', (c) => c.notNull())
    .addColumn('appointed_on', 'text', (c) => c.notNull())
    .addColumn('appointed_by', 'text', (c) => c.notNull())
    .execute();

  await recordColumns(db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'text', (c) => c.references('partnerships.id'))
    .addColumn('area_id', 'text', (c) => c.references('areas.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();

  const indexes: [string, string, string[]][] = [
    ['partnerships_area', 'partnerships', ['area_id']],
    ['organisations_partnership', 'organisations', ['partnership_id']],
    ['people_partnership', 'people', ['partnership_id']],
    ['groups_partnership', 'groups', ['partnership_id']],
    ['memberships_group', 'memberships', ['group_id']],
    ['memberships_partnership', 'memberships', ['partnership_id']],
    ['interests_partnership', 'interests', ['partnership_id']],
    ['chair_appointments_partnership', 'chair_appointments', ['partnership_id']],
    ['role_grants_user', 'role_grants', ['user_id']],
    ['sessions_expires', 'sessions', ['expires_at']],
    ['sign_in_attempts_email', 'sign_in_attempts', ['email', 'attempted_at']],
    ['audit_log_at', 'audit_log', ['at']],
    ['audit_log_entity', 'audit_log', ['entity_type', 'entity_id']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log',
    'sign_in_attempts',
    'sessions',
    'role_grants',
    'users',
    'chair_appointments',
    'interests',
    'memberships',
    'terms_of_reference',
    'groups',
    'people',
    'organisations',
    'partnerships',
    'areas',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

import { type Kysely, sql, SqliteAdapter } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

type Table = Parameters<Kysely<unknown>['schema']['createTable']>[0];

/** The columns of every record edited on a form: optimistic concurrency and soft archive. */
function recordTable(db: Kysely<unknown>, name: Table) {
  return db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text');
}

/** SQLite cannot drop NOT NULL: the actions table is made again with its rows, in the caller's transaction. */
async function rebuildActionsOnSqlite(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('actions_new')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('meeting_id', 'text', (c) => c.references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into actions_new (id, version, partnership_id, group_id, meeting_id, agenda_item_id, description, owner, due_date, status, created_at, updated_at)
    select a.id, a.version, a.partnership_id, m.group_id, a.meeting_id, a.agenda_item_id, a.description, a.owner, a.due_date, a.status, a.created_at, a.updated_at
    from actions a join meetings m on m.id = a.meeting_id`.execute(db);
  await sql`drop table actions`.execute(db);
  await sql`alter table actions_new rename to actions`.execute(db);
  await db.schema.createIndex('actions_partnership').on('actions').columns(['partnership_id', 'status', 'due_date']).execute();
  const broken = await sql`pragma foreign_key_check`.execute(db);
  if (broken.rows.length > 0) throw new Error('Rebuilding the actions table would break foreign keys');
}

/**
 * An action may now be agreed outside a meeting (an action of the community safety plan): it belongs to a
 * group, and its meeting and item are optional. PostgreSQL relaxes the columns in place; SQLite cannot, so
 * the table is rebuilt with its rows (foreign keys checked again once it is back).
 */
async function actionsBelongToGroups(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`pragma foreign_keys = off`.execute(db);
    await sql`begin`.execute(db);
    try {
      await rebuildActionsOnSqlite(db);
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  } else {
    await db.schema
      .alterTable('actions')
      .addColumn('group_id', 'text', (c) => c.references('groups.id'))
      .execute();
    await sql`update actions set group_id = (select group_id from meetings where meetings.id = actions.meeting_id)`.execute(db);
    await sql`alter table actions alter column group_id set not null`.execute(db);
    await sql`alter table actions alter column meeting_id drop not null`.execute(db);
    await sql`alter table actions alter column agenda_item_id drop not null`.execute(db);
  }
  await db.schema.createIndex('actions_group').on('actions').columns(['group_id', 'status']).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await actionsBelongToGroups(db);

  // Strategy: the yearly strategic assessment, the priorities it sets and the plan's objectives.
  await recordTable(db, 'strategic_assessments')
    // The financial year it is for, by the year it starts in (2016 is 2016/17).
    .addColumn('year_starting', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('survey_results', 'text')
    .execute();
  await db.schema
    .createIndex('strategic_assessments_year')
    .on('strategic_assessments')
    .columns(['partnership_id', 'year_starting'])
    .unique()
    .execute();

  await recordTable(db, 'assessment_documents')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('strategic_assessments.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', sql`bytea`, (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .execute();

  await recordTable(db, 'priorities')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('strategic_assessments.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // No owning group: a cross-cutting priority, owned collectively.
    .addColumn('owner_group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('priorities_assessment').on('priorities').column('assessment_id').execute();

  await recordTable(db, 'objectives')
    .addColumn('priority_id', 'text', (c) => c.notNull().references('priorities.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('objectives_priority').on('objectives').column('priority_id').execute();

  // An action of the plan lives in the action log; this says which objective it delivers.
  await db.schema
    .createTable('plan_actions')
    .addColumn('action_id', 'text', (c) => c.primaryKey().references('actions.id'))
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objectives.id'))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .execute();
  await db.schema.createIndex('plan_actions_objective').on('plan_actions').column('objective_id').execute();

  // Performance: indicators, their measurements, Most Similar Group tables and the quarterly report.
  await recordTable(db, 'indicators')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('owner_group_id', 'text', (c) => c.references('groups.id'))
    .addColumn('priority_id', 'text', (c) => c.references('priorities.id'))
    .addColumn('baseline_period', 'text')
    .addColumn('baseline_value', 'double precision')
    // none, value (the target itself) or change (a % change from the baseline).
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_value', 'double precision')
    .addColumn('red_beyond_percent', 'double precision', (c) => c.notNull())
    .addColumn('stable_within_percent', 'double precision', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('measurements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    // 2015-16 (a financial year), 2015-16 Q4 (a quarter) or 2016-03 (a month), as the indicator's frequency says.
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('measurements_period').on('measurements').columns(['indicator_id', 'period']).unique().execute();

  await db.schema
    .createTable('populations')
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('year_starting', 'integer', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('populations_pk', ['partnership_id', 'year_starting'])
    .execute();

  await db.schema
    .createTable('msg_comparisons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('published_average', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('msg_comparisons_period').on('msg_comparisons').columns(['indicator_id', 'period']).unique().execute();

  await db.schema
    .createTable('msg_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comparison_id', 'text', (c) => c.notNull().references('msg_comparisons.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Null: a member whose value the source did not give.
    .addColumn('value', 'double precision')
    .addColumn('is_self', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('msg_members_comparison').on('msg_members').column('comparison_id').execute();

  await db.schema
    .createTable('performance_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    // The report as approved: what the public site shows, whatever is entered afterwards.
    .addColumn('approved_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('performance_reports_period')
    .on('performance_reports')
    .columns(['partnership_id', 'period'])
    .unique()
    .execute();

  await db.schema
    .createTable('report_commentary')
    .addColumn('report_id', 'text', (c) => c.notNull().references('performance_reports.id'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    .addColumn('commentary', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('report_commentary_pk', ['report_id', 'indicator_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'report_commentary',
    'performance_reports',
    'msg_members',
    'msg_comparisons',
    'populations',
    'measurements',
    'indicators',
    'plan_actions',
    'objectives',
    'priorities',
    'assessment_documents',
    'strategic_assessments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('actions_group').execute();
  // Actions agreed outside meetings cannot go back into a table that requires a meeting.
  await sql`delete from action_updates where action_id in (select id from actions where meeting_id is null)`.execute(db);
  await sql`delete from action_reminders where action_id in (select id from actions where meeting_id is null)`.execute(db);
  await sql`delete from actions where meeting_id is null`.execute(db);
  await db.schema.alterTable('actions').dropColumn('group_id').execute();
}

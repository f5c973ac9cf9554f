import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A member's apologies for a meeting, with the colleague they send in their place: one per member per meeting.
  await db.schema
    .createTable('meeting_apologies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('substitute_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('note', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .addUniqueConstraint('meeting_apologies_one_per_member', ['meeting_id', 'person_id'])
    .execute();

  // An interest a member declares on an agenda item before the meeting, until the officer records it in the minutes.
  await db.schema
    .createTable('item_interests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('interest_id', 'text', (c) => c.references('interests.id'))
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('item_interests_meeting').on('item_interests').column('meeting_id').execute();

  // A member's comment on circulated draft minutes (on an item, or on the whole), and how the officer resolved it.
  await db.schema
    .createTable('minutes_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .addColumn('made_by', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema.createIndex('minutes_comments_meeting').on('minutes_comments').column('meeting_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('minutes_comments').execute();
  await db.schema.dropTable('item_interests').execute();
  await db.schema.dropTable('meeting_apologies').execute();
}

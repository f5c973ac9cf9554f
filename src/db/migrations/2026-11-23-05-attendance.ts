import type { Kysely } from 'kysely';

// Frozen: this file must never import app code, and never change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    // A member's seat; empty for someone in attendance who is not a member, or the minute taker.
    .addColumn('membership_id', 'text', (c) => c.references('memberships.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('substitute_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('attendee_name', 'text')
    .addColumn('attendee_organisation', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .execute();
  await db.schema.createIndex('attendance_meeting').on('attendance').column('meeting_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('attendance').execute();
}

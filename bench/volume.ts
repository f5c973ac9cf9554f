/**
 * A partnership with years of history, for the benchmark: meetings of its groups going back a
 * generation, each with items, a decision and ten actions. Written straight into the tables in
 * batches, because a benchmark's set-up through the services (with an audit row each) would take
 * longer than the benchmark; the pages under test read them as they read any other.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/createDb.ts';
import type { ActionStatus } from '../src/modules/actions/index.ts';

/** Most of an old partnership's actions are done or cancelled; one in ten is still to do years later. */
function statusOf(n: number): ActionStatus {
  if (n % 20 === 0) return 'open';
  if (n % 20 === 1) return 'carried_forward';
  return n % 5 === 2 ? 'cancelled' : 'done';
}
const owners = ['All agencies', 'Sara Roach', 'West Midlands Police', 'Coventry City Council', 'Pete Morgan'];

function isoDay(start: Date, monthsOn: number, day: number): string {
  const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + monthsOn, day));
  return date.toISOString().slice(0, 10);
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  // 100 rows of ≤ 12 columns stays under SQLite's limit of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 100) await insert(rows.slice(i, i + 100));
}

/** `meetingCount` meetings spread over the groups, each with `actionsPerMeeting` actions; returns the last meeting of the first group. */
export async function seedHistory(
  db: Db,
  partnershipId: string,
  groupIds: readonly string[],
  { meetingCount, actionsPerMeeting, firstMonth }: { meetingCount: number; actionsPerMeeting: number; firstMonth: string },
): Promise<string> {
  const at = new Date().toISOString();
  const start = new Date(`${firstMonth}-01T00:00:00Z`);
  /** The columns every partnership record has. */
  const newRecord = () => ({ id: randomUUID(), version: 1, createdAt: at, updatedAt: at, archivedAt: null, partnershipId });
  const meetings = Array.from({ length: meetingCount }, (_, n) => {
    const groupIndex = n % groupIds.length;
    return {
      ...newRecord(),
      groupId: groupIds[groupIndex] ?? '',
      meetingDate: isoDay(start, Math.floor(n / groupIds.length), 10 + groupIndex),
      startTime: '10:00',
      location: 'Council House',
      kind: 'ordinary',
      status: 'held',
    };
  });
  const items = meetings.flatMap((meeting, n) =>
    ['Performance report', 'Tasking update'].map((title, position) => ({
      ...newRecord(),
      meetingId: meeting.id,
      section: 'decision',
      position,
      standardItem: null,
      title: `${title} ${n + 1}`,
      presenter: null,
      purpose: null,
      confidential: 0,
      confidentialReason: null,
    })),
  );
  const decisions = meetings.map((meeting, n) => ({
    id: randomUUID(),
    partnershipId,
    meetingId: meeting.id,
    agendaItemId: items[n * 2]?.id ?? '',
    outcome: 'agreed',
    wording: `The report of meeting ${n + 1} was agreed`,
    recommendedTo: null,
    votesFor: null,
    votesAgainst: null,
    votesAbstaining: null,
    createdAt: at,
    createdBy: null,
  }));
  const actions = meetings.flatMap((meeting, n) =>
    Array.from({ length: actionsPerMeeting }, (_, k) => ({
      id: randomUUID(),
      version: 1,
      partnershipId,
      groupId: meeting.groupId,
      meetingId: meeting.id,
      agendaItemId: items[n * 2 + (k % 2)]?.id ?? '',
      description: `Action ${k + 1} of meeting ${n + 1}`,
      owner: owners[(n + k) % owners.length] ?? 'All agencies',
      dueDate: isoDay(new Date(`${meeting.meetingDate}T00:00:00Z`), 1, 1),
      status: statusOf(n * actionsPerMeeting + k),
      createdAt: at,
      updatedAt: at,
    })),
  );
  await db.transaction().execute(async (trx) => {
    await insertInBatches(meetings, (batch) => trx.insertInto('meetings').values(batch).execute());
    await insertInBatches(items, (batch) => trx.insertInto('agendaItems').values(batch).execute());
    await insertInBatches(decisions, (batch) => trx.insertInto('decisions').values(batch).execute());
    await insertInBatches(actions, (batch) => trx.insertInto('actions').values(batch).execute());
  });
  const lastOfFirstGroup = meetings.filter((m) => m.groupId === groupIds[0]).at(-1);
  return lastOfFirstGroup?.id ?? '';
}

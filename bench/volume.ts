/**
 * A partnership with years of history, for the benchmark: meetings of its groups going back a
 * generation, each with items, a decision and ten actions; and indicators with years of monthly
 * measurements. Written straight into the tables in batches, because a benchmark's set-up through the
 * services (with an audit row each) would take longer than the benchmark; the pages under test read
 * them as they read any other.
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

/** A month's key ('2016-03') some months on from a start. */
function monthKey(start: Date, monthsOn: number): string {
  return isoDay(start, monthsOn, 1).slice(0, 7);
}

/** A maker of the columns every partnership record has. */
function recordColumns(partnershipId: string, at: string) {
  return () => ({ id: randomUUID(), version: 1, createdAt: at, updatedAt: at, archivedAt: null, partnershipId });
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  // 100 rows of ≤ 20 columns stays under SQLite's limit of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 100) await insert(rows.slice(i, i + 100));
}

/** `meetingCount` meetings spread over the groups, each with `actionsPerMeeting` actions; returns the last meeting of the first group. */
export async function seedHistory(
  db: Db,
  partnershipId: string,
  groupIds: readonly string[],
  {
    meetingCount,
    actionsPerMeeting,
    firstMonth,
    perMonth = groupIds.length,
  }: {
    meetingCount: number;
    actionsPerMeeting: number;
    firstMonth: string;
    /** Meetings a month (at most 28), one a day from the 1st; by default one per group, on the 10th onwards. */
    perMonth?: number;
  },
): Promise<string> {
  const at = new Date().toISOString();
  const start = new Date(`${firstMonth}-01T00:00:00Z`);
  const newRecord = recordColumns(partnershipId, at);
  const meetings = Array.from({ length: meetingCount }, (_, n) => {
    const groupIndex = n % groupIds.length;
    return {
      ...newRecord(),
      groupId: groupIds[groupIndex] ?? '',
      meetingDate: isoDay(start, Math.floor(n / perMonth), perMonth === groupIds.length ? 10 + groupIndex : 1 + (n % perMonth)),
      startTime: '10:00',
      location: 'Council House',
      kind: 'ordinary' as const,
      status: 'held' as const,
    };
  });
  const items = meetings.flatMap((meeting, n) =>
    ['Performance report', 'Tasking update'].map((title, position) => ({
      ...newRecord(),
      meetingId: meeting.id,
      section: 'decision' as const,
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
    outcome: 'agreed' as const,
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

const topics = [
  'Burglary',
  'Vehicle crime',
  'Violence with injury',
  'Shoplifting',
  'Criminal damage',
  'Anti-social behaviour',
  'Domestic abuse',
  'Hate crime',
  'Drug offences',
  'Robbery',
];
/** Each topic measured four ways, one in each unit; a typical monthly figure of each (money in pence). */
const measures = [
  { unit: 'count', words: 'recorded offences', typical: 300 },
  { unit: 'rate_per_1000', words: 'rate per 1,000 people', typical: 4.5 },
  { unit: 'percentage', words: 'repeat victims (%)', typical: 30 },
  { unit: 'money', words: 'cost to services', typical: 2_500_000 },
] as const;
const polarities = ['lower_better', 'higher_better', 'monitor'] as const;

const additive = (unit: string) => unit === 'count' || unit === 'money';

/** A figure as the unit holds it: whole counts and pence, a percentage to 1 place, a rate to 3. */
function inUnit(unit: string, value: number): number {
  return additive(unit) ? Math.round(value) : Number(value.toFixed(unit === 'percentage' ? 1 : 3));
}

/** Indicator i's monthly figure: about its typical one, with a trend over the years, a season and some noise, reproducibly. */
function monthlyValue(i: number, month: number): number {
  const { unit, typical } = measures[i % measures.length] ?? measures[0];
  const noise = Math.sin(i * 7.1 + month * 3.7) * 0.08;
  const season = Math.sin(((month % 12) / 12) * 2 * Math.PI) * 0.12;
  const trend = (i % 2 === 0 ? -0.002 : 0.002) * month;
  return inUnit(unit, typical * (1 + (i % 10) / 20) * (1 + noise + season + trend));
}

/** Takes the due date off `count` actions (the first by id): they come first in the action log, as undated. */
export async function undateActions(db: Db, count: number): Promise<void> {
  const undated = await db.selectFrom('actions').select('id').orderBy('id').limit(count).execute();
  await db
    .updateTable('actions')
    .set({ dueDate: null })
    .where(
      'id',
      'in',
      undated.map((action) => action.id),
    )
    .execute();
}

/**
 * `indicatorCount` monthly indicators, in every unit and polarity, a few with a target (a value, or a change
 * on a baseline), each with a figure for the `months` months up to `lastMonth`: a few months have none (a gap),
 * and the last two months of every other indicator are provisional. Returns the number of measurements.
 */
export async function seedPerformanceHistory(
  db: Db,
  partnershipId: string,
  groupIds: readonly string[],
  { indicatorCount, months, lastMonth }: { indicatorCount: number; months: number; lastMonth: string },
): Promise<number> {
  const at = new Date().toISOString();
  const newRecord = recordColumns(partnershipId, at);
  const start = new Date(`${lastMonth}-01T00:00:00Z`);
  const periods = Array.from({ length: months }, (_, n) => monthKey(start, n - months + 1));
  const indicators = Array.from({ length: indicatorCount }, (_, i) => {
    const measure = measures[i % measures.length] ?? measures[0];
    const topic = topics[Math.floor(i / measures.length) % topics.length] ?? 'Crime';
    const round = Math.floor(i / (measures.length * topics.length));
    const polarity = polarities[i % polarities.length] ?? 'monitor';
    // The year before the figures start: a count or money adds up over its months, a rate or percentage does not.
    const baseline = inUnit(measure.unit, measure.typical * (1 + (i % 10) / 20) * (additive(measure.unit) ? 12 : 1));
    const better = polarity === 'lower_better' ? -1 : 1;
    const noTarget = { baselinePeriod: null, baselineValue: null, targetKind: 'none' as const, targetValue: null };
    const target =
      polarity === 'monitor' || i % 5 > 1
        ? noTarget
        : i % 5 === 0
          ? { baselinePeriod: '2015-16', baselineValue: baseline, targetKind: 'change' as const, targetValue: better * 10 }
          : { ...noTarget, targetKind: 'value' as const, targetValue: inUnit(measure.unit, baseline * (1 + better * 0.05)) };
    return {
      ...newRecord(),
      name: `${topic}: ${measure.words}${round > 0 ? ` (${round + 1})` : ''}`,
      definition: `Indicator ${i + 1} of the benchmark, measured monthly.`,
      unit: measure.unit,
      polarity,
      frequency: 'monthly' as const,
      source: 'Police recorded crime',
      ownerGroupId: groupIds[i % groupIds.length] ?? null,
      priorityId: null,
      ...target,
      redBeyondPercent: 5,
      stableWithinPercent: 1,
    };
  });
  const measurements = indicators.flatMap((indicator, i) =>
    periods.flatMap((period, month) =>
      // One indicator in three has no figure for about one month in forty.
      i % 3 === 1 && (month * 13 + i) % 40 === 0
        ? []
        : [
            {
              id: randomUUID(),
              version: 1,
              partnershipId,
              indicatorId: indicator.id,
              period,
              value: monthlyValue(i, month),
              status: i % 2 === 0 && month >= months - 2 ? ('provisional' as const) : ('confirmed' as const),
              note: null,
              createdAt: at,
              updatedAt: at,
              updatedBy: null,
            },
          ],
    ),
  );
  await db.transaction().execute(async (trx) => {
    await insertInBatches(indicators, (batch) => trx.insertInto('indicators').values(batch).execute());
    await insertInBatches(measurements, (batch) => trx.insertInto('measurements').values(batch).execute());
  });
  return measurements.length;
}

/**
 * `count` audit entries of a partnership's history, one a minute back from `lastAt`, by one account: changes
 * to its records of several kinds, as the services write them.
 */
export async function seedAuditLog(
  db: Db,
  { count, partnershipId, userId, lastAt }: { count: number; partnershipId: string; userId: string; lastAt: string },
): Promise<void> {
  const last = Date.parse(lastAt);
  const kinds = ['meeting', 'action', 'decision', 'agenda_item', 'person'];
  const entries = Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    at: new Date(last - (count - n) * 60_000).toISOString(),
    userId,
    action: n % 3 === 0 ? ('create' as const) : ('update' as const),
    entityType: kinds[n % kinds.length] ?? 'meeting',
    entityId: randomUUID(),
    partnershipId,
    summary: `Change ${n + 1} of the benchmark's history`,
    beforeJson: n % 3 === 0 ? null : JSON.stringify({ status: 'open' }),
    afterJson: JSON.stringify({ status: 'done' }),
  }));
  await db.transaction().execute((trx) => insertInBatches(entries, (batch) => trx.insertInto('auditLog').values(batch).execute()));
}

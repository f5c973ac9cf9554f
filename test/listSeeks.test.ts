/**
 * The action log and the audit log read a page on from the one before (decision 0050): following Next from the
 * first page to the last, and Previous back, shows every row once in the list's order, as numbered pages do; and
 * their counts (and the meetings list's), kept by triggers in the writers' transactions, hold under parallel writes and are filled from the
 * rows already there by the migration that makes them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Kysely, Migrator, sql } from 'kysely';
import { migrateToLatest } from '../src/db/createDb.ts';
import { migrations } from '../src/db/migrations/index.ts';
import type { Database } from '../src/db/schema.ts';
import { actionKeyOf, listActions } from '../src/modules/actions/actions.repository.ts';
import type { PageRead } from '../src/db/pageRead.ts';
import { auditKeyOf, findAuditEntries } from '../src/modules/audit/audit.repository.ts';
import { seedAuditLog, seedHistory, undateActions } from '../bench/volume.ts';
import type { Browser } from './helpers/app.ts';
import { build } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';

const limit = 20;

/** Every row, page by page following Next from the first page, then Previous from the last back to the first. */
async function walk<Row extends { id: string }>(
  read: (page: PageRead) => Promise<Row[]>,
  keyOf: (row: Row) => (string | null)[],
): Promise<{ forwards: string[]; backwards: string[] }> {
  const pages: Row[][] = [await read({ limit, offset: 0 })];
  for (let last = pages[0]; last?.length === limit;) {
    const end = last.at(-1);
    if (!end) break;
    last = await read({ limit, offset: pages.length * limit, seek: { direction: 'after', key: keyOf(end) } });
    // A key past every row is read by the page number: past the end, nothing.
    if (last.length && last[0]?.id !== pages.at(-1)?.at(-1)?.id) pages.push(last);
    if (last.length < limit) break;
  }
  const backwards: Row[][] = [pages.at(-1) ?? []];
  for (let n = pages.length - 1; n > 0; n--) {
    const start = backwards[0]?.[0];
    if (!start) break;
    backwards.unshift(await read({ limit, offset: (n - 1) * limit, seek: { direction: 'before', key: keyOf(start) } }));
  }
  return { forwards: pages.flat().map((row) => row.id), backwards: backwards.flat().map((row) => row.id) };
}

/** The kept counts against the rows' own, key by key. */
async function assertCountsHold(db: Kysely<Database>) {
  const actions = await sql<{
    key: string;
    total: number;
  }>`select partnership_id || '/' || group_id || '/' || status as key, count(*) as total
    from actions group by partnership_id, group_id, status`.execute(db);
  const kept = await sql<{ key: string; total: number }>`select partnership_id || '/' || group_id || '/' || status as key, total
    from action_counts where total <> 0`.execute(db);
  const byKey = (rows: { key: string; total: number }[]) => Object.fromEntries(rows.map((row) => [row.key, Number(row.total)]));
  assert.deepEqual(byKey(kept.rows), byKey(actions.rows));
  const audit = await sql<{ key: string; total: number }>`select coalesce(partnership_id, '') || '/' || coalesce(user_id, '') || '/'
    || entity_type || '/' || action as key, count(*) as total from audit_log
    group by partnership_id, user_id, entity_type, action`.execute(db);
  const keptAudit = await sql<{ key: string; total: number }>`select partnership_id || '/' || user_id || '/' || entity_type || '/'
    || action as key, total from audit_counts where total <> 0`.execute(db);
  assert.deepEqual(byKey(keptAudit.rows), byKey(audit.rows));
  const meetings = await sql<{ key: string; total: number }>`select partnership_id || '/' || group_id as key, count(*) as total
    from meetings where archived_at is null group by partnership_id, group_id`.execute(db);
  const keptMeetings = await sql<{ key: string; total: number }>`select partnership_id || '/' || group_id as key, total
    from meeting_counts where total <> 0`.execute(db);
  assert.deepEqual(byKey(keptMeetings.rows), byKey(meetings.rows));
}

for (const database of testDatabases()) {
  describe(`the lists read on from a key, and count from counts kept, on ${database.engine}`, () => {
    const closers: (() => Promise<void>)[] = [];
    let db: Kysely<Database>;
    let client: Browser;
    let partnershipId = '';
    let groupIds: string[] = [];
    let userId = '';

    before(async () => {
      const built = await build({ after: (close) => void closers.push(close) }, { database: await database.create(), as: 'admin' });
      ({ client } = built);
      db = built.container.database.db;
      partnershipId = built.coventry;
      groupIds = (await built.container.governance.groups.list(partnershipId)).map((group) => group.id);
      // Actions that share their due date and time of making: only the id tells them apart.
      await seedHistory(db, partnershipId, groupIds, { meetingCount: 180, actionsPerMeeting: 2, firstMonth: '2020-01', perMonth: 28 });
      await undateActions(db, 25);
      userId = (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
      await seedAuditLog(db, { count: 130, partnershipId, userId, lastAt: '2026-12-01T09:00:00.000Z' });
    });
    after(async () => {
      for (const close of closers) await close();
    });

    it('shows every action once, in the log’s order, following Next to the end and Previous back, with each filter', async () => {
      for (const filter of [{}, { status: 'done' as const }, { groupId: groupIds[0] }, { owner: 'agencies' }]) {
        const all = (await listActions(db, partnershipId, filter)).map((action) => action.id);
        assert.ok(all.length > limit * 2, `several pages of ${JSON.stringify(filter)}`);
        const { forwards, backwards } = await walk((page) => listActions(db, partnershipId, filter, page), actionKeyOf);
        assert.deepEqual(forwards, all, JSON.stringify(filter));
        assert.deepEqual(backwards, all, JSON.stringify(filter));
      }
    });

    it('shows every audit entry once, newest first, following Next to the end and Previous back', async () => {
      for (const filter of [{}, { partnershipId }, { entityType: 'meeting' }]) {
        const all = (await findAuditEntries(db, filter, { limit: 10_000, offset: 0 })).rows.map((entry) => entry.id);
        const { forwards, backwards } = await walk(async (page) => (await findAuditEntries(db, filter, page)).rows, auditKeyOf);
        assert.deepEqual(forwards, all, JSON.stringify(filter));
        assert.deepEqual(backwards, all, JSON.stringify(filter));
      }
    });

    it('links Next and Previous to the key of the page’s end, and numbered pages further off by number', async () => {
      const path = `/partnerships/${partnershipId}/actions`;
      const first = await client.get(`${path}?status=done`);
      const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/
        .exec(first.body)?.[1]
        ?.replaceAll('&amp;', '&');
      assert.match(next ?? '', /status=done&page=2&after=/);
      const second = await client.get(next ?? '');
      assert.equal(second.statusCode, 200);
      const byNumber = await client.get(`${path}?status=done&page=2`);
      const rows = (body: string) => body.match(/href="\/partnerships\/[^"/]+\/actions\/[0-9a-f-]{36}"/g);
      assert.deepEqual(rows(second.body), rows(byNumber.body));
      assert.match(second.body, /status=done&amp;page=1"/, 'Previous to the first page is by number');
      assert.match(second.body, /status=done&amp;page=3&amp;after=/);
      // A key edited by hand is no key: the page is read by its number.
      assert.equal((await client.get(`${path}?status=done&page=2&after=not-a-key`)).statusCode, 200);
      const audit = await client.get('/admin/audit');
      assert.match(audit.body, /page=2&amp;after=/);
    });

    it('keeps the counts under ten writers at once: actions added, moved between statuses both ways, removed; entries logged', async () => {
      const at = '2026-12-01T09:00:00.000Z';
      const ids = Array.from({ length: 10 }, () => randomUUID());
      await Promise.all(
        ids.map((id, n) =>
          db.transaction().execute((trx) =>
            trx
              .insertInto('actions')
              .values({
                id,
                partnershipId,
                groupId: groupIds[n % 2] ?? '',
                meetingId: null,
                agendaItemId: null,
                description: `Parallel ${n}`,
                owner: 'All agencies',
                ownerPersonId: null,
                ownerOrganisationId: null,
                dueDate: null,
                status: n % 2 ? 'open' : 'done',
                createdAt: at,
                updatedAt: at,
              })
              .execute(),
          ),
        ),
      );
      await assertCountsHold(db);
      // Half open to done and half done to open, at once: writers crossing between the same two counts.
      await Promise.all(
        ids.map((id, n) =>
          db.transaction().execute((trx) =>
            trx
              .updateTable('actions')
              .set({ status: n % 2 ? 'done' : 'open' })
              .where('id', '=', id)
              .execute(),
          ),
        ),
      );
      await assertCountsHold(db);
      await Promise.all(ids.map((id) => db.transaction().execute((trx) => trx.deleteFrom('actions').where('id', '=', id).execute())));
      await Promise.all(
        ids.map(() =>
          db.transaction().execute((trx) =>
            trx
              .insertInto('auditLog')
              .values({
                id: randomUUID(),
                at,
                userId: null,
                action: 'update',
                entityType: 'action',
                entityId: randomUUID(),
                partnershipId: null,
                summary: 'Parallel',
                beforeJson: null,
                afterJson: null,
              })
              .execute(),
          ),
        ),
      );
      await assertCountsHold(db);
      // Meetings archived and brought back at once, some moved to another group as they are.
      const meetings = await db.selectFrom('meetings').select('id').where('partnershipId', '=', partnershipId).limit(10).execute();
      const archive = (archivedAt: string | null) =>
        Promise.all(
          meetings.map(({ id }, n) =>
            db.transaction().execute((trx) =>
              trx
                .updateTable('meetings')
                .set({ archivedAt: n % 3 ? archivedAt : null, ...(n % 2 ? { groupId: groupIds[n % groupIds.length] ?? '' } : {}) })
                .where('id', '=', id)
                .execute(),
            ),
          ),
        );
      await archive(at);
      await assertCountsHold(db);
      await archive(null);
      await assertCountsHold(db);
    });

    it('keeps the counts when ten transactions each log several kinds of entry, in orders that cross', async () => {
      const kinds = ['action', 'meeting', 'person', 'decision', 'group'];
      await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          db.transaction().execute(async (trx) => {
            // Each transaction writes the five kinds from a different one on, half of them backwards.
            const order = [...kinds.slice(n % 5), ...kinds.slice(0, n % 5)];
            for (const entityType of n % 2 ? order.reverse() : order) {
              await trx
                .insertInto('auditLog')
                .values({
                  id: randomUUID(),
                  at: '2026-12-01T09:00:00.000Z',
                  userId: null,
                  action: 'update',
                  entityType,
                  entityId: randomUUID(),
                  partnershipId,
                  summary: 'Crossing',
                  beforeJson: null,
                  afterJson: null,
                })
                .execute();
            }
          }),
        ),
      );
      await assertCountsHold(db);
    });

    it('fills the counts from the rows already there when the migration runs', async () => {
      const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
      assert.equal((await migrator.migrateDown()).error, undefined);
      await seedAuditLog(db, { count: 30, partnershipId: randomUUID(), userId, lastAt: '2026-12-02T09:00:00.000Z' });
      await migrateToLatest(db);
      await assertCountsHold(db);
    });
  });
}

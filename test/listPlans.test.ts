/**
 * Each list that grows without bound reads a page from an index in its own order (migration
 * 2026-12-11-02-list-indexes, decision 0045): its plan names the index, sorts nothing itself and scans none of
 * the big table. A plan, not a time: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL, of the very SQL the
 * repositories run (caught as they run it), over a partnership with thousands of rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, type Kysely, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { actionKeyOf, countActions, countOwnersInWords, listActions } from '../src/modules/actions/actions.repository.ts';
import { auditKeyOf, findAuditEntityTypes, findAuditEntries } from '../src/modules/audit/audit.repository.ts';
import { listImports } from '../src/modules/crimedata/crimedata.repository.ts';
import { listEarlierMeetings } from '../src/modules/meetings/meetings.repository.ts';
import { countDecisions, listDecisions } from '../src/modules/meetings/minutes.repository.ts';
import { seedAuditLog, seedHistory, undateActions } from '../bench/volume.ts';
import { build } from './helpers/build.ts';
import { testDatabases } from './helpers/database.ts';

const everyGroup = { everyGroup: true } as const;
const page = { limit: 50, offset: 0 };

/** The queries a repository call runs, compiled, caught on their way to the database (and still run). */
async function queriesOf(db: Kysely<Database>, call: (db: Kysely<Database>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const nodes: RootOperationNode[] = [];
  const catcher: KyselyPlugin = {
    transformQuery: ({ node }) => (nodes.push(node), node),
    transformResult: ({ result }) => Promise.resolve(result),
  };
  await call(db.withPlugin(catcher));
  return nodes.map((node) => db.getExecutor().compileQuery(node, { queryId: '' }));
}

for (const database of testDatabases()) {
  describe(`the lists' query plans on ${database.engine}`, () => {
    const closers: (() => Promise<void>)[] = [];
    let db: Kysely<Database>;
    let partnershipId = '';
    let userId = '';
    let groupId = '';

    before(async () => {
      const built = await build({ after: (close) => void closers.push(close) }, { database: await database.create(), as: 'admin' });
      db = built.container.database.db;
      partnershipId = built.coventry;
      const groupIds = (await built.container.governance.groups.list(partnershipId)).map((group) => group.id);
      groupId = groupIds[0] ?? '';
      await seedHistory(db, partnershipId, groupIds, { meetingCount: 3000, actionsPerMeeting: 2, firstMonth: '1990-01', perMonth: 28 });
      // Some actions have no due date: they come first, and a page can hold some of each.
      await undateActions(db, 60);
      userId = (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
      await seedAuditLog(db, { count: 5000, partnershipId, userId, lastAt: '2026-12-01T09:00:00.000Z' });
      // As at scale, one partnership's entries are among others'.
      await seedAuditLog(db, { count: 15000, partnershipId: 'another partnership', userId, lastAt: '2026-12-01T09:00:30.000Z' });
      // As autovacuum would by now, and not at a moment of its own choosing: the planner's statistics of the rows just
      // written, and their pages marked all-visible (which decides between an index's plans).
      if (database.engine === 'postgres') await sql`vacuum analyze`.execute(db);
    });
    after(async () => {
      for (const close of closers) await close();
    });

    /** Each line of the plan of each query the call runs. */
    async function plansOf(call: (db: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
      return (await queryPlansOf(call)).flat();
    }

    /** The plan of each query the call runs, line by line. */
    async function queryPlansOf(call: (db: Kysely<Database>) => Promise<unknown>): Promise<string[][]> {
      const queries = await queriesOf(db, call);
      return db.transaction().execute(async (trx) => {
        // The test's partnership holds nearly every row, so counting them is cheapest read straight off the table;
        // at scale one partnership is a small part of it. Barring sequential scans asks which index serves the list
        // (a Sort node would still show an index that does not serve the order).
        if (database.engine === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
        const explain = database.engine === 'sqlite' ? 'explain query plan ' : 'explain ';
        const plans: string[][] = [];
        for (const query of queries) {
          const { rows } = await trx.executeQuery<{ detail?: string; 'QUERY PLAN'?: string }>(
            CompiledQuery.raw(explain + query.sql, [...query.parameters]),
          );
          plans.push(rows.map((row) => row.detail ?? row['QUERY PLAN'] ?? ''));
        }
        return plans;
      });
    }

    /** The plan reads `table` through `index`, sorts nothing, and scans none of `table` whole. */
    function assertServedBy(plan: string[], table: string, index: string) {
      const text = plan.join('\n');
      assert.match(text, new RegExp(`\\b${index}\\b`), `uses ${index}:\n${text}`);
      // Rows already in the index's order may be put in order by a last key a few at a time, as one meeting's
      // decisions are: SQLite's TEMP B-TREE FOR LAST TERM, PostgreSQL's Incremental Sort. Never the whole list.
      assert.doesNotMatch(text, /USE TEMP B-TREE FOR ORDER BY/, `sorts nothing itself:\n${text}`);
      assert.doesNotMatch(text, /(^|->)\s*Sort\s+\(/m, `sorts nothing itself:\n${text}`);
      assert.doesNotMatch(text, new RegExp(`^\\s*SCAN ${table}\\s*$|Seq Scan on ${table}\\b`, 'm'), `no full scan of ${table}:\n${text}`);
    }

    // Part of an owner's name is matched in every action of the partnership whatever the index: not here (but see
    // the overdue actions below).
    it('reads a page of the action log, and each filter of it, in due order from an index', async () => {
      for (const [filter, index] of [
        [{}, 'actions_partnership_due'],
        [{ status: 'open' }, 'actions_partnership_status_due'],
        [{ overdueOn: '2026-12-01' }, 'actions_(overdue|partnership_due)'],
        [{ groupId }, 'actions_(partnership|group)_due'],
      ] as const) {
        const plan = await plansOf((db) => listActions(db, partnershipId, { ...filter, seenBy: everyGroup }, page));
        assertServedBy(plan, 'actions', index);
      }
    });

    it('reads a page on from the last one’s end (Next) or back from its start (Previous), or two on, from the same indexes', async () => {
      const all = await listActions(db, partnershipId, { seenBy: everyGroup });
      // Keys half way through the undated actions and half way through the log. The open actions with a due date are
      // also in the index of the overdue (open or in progress, dated): PostgreSQL may read them from there, in order.
      const undated = all.filter((action) => action.dueDate === null)[30];
      const dated = all[Math.floor(all.length / 2)];
      assert.ok(undated && dated, 'the history has actions with and without a due date');
      for (const [filter, index] of [
        [{}, 'actions_partnership_due'],
        [{ status: 'open' }, 'actions_(partnership_status_due|overdue)'],
        [{ groupId }, 'actions_(partnership|group)_due'],
      ] as const) {
        for (const key of [actionKeyOf(dated), actionKeyOf(undated)]) {
          for (const [direction, skip] of [
            ['after', 0],
            ['before', 0],
            ['after', 50],
            ['before', 50],
          ] as const) {
            const seek = { ...page, seek: { direction, key, skip } };
            for (const plan of await queryPlansOf((db) => listActions(db, partnershipId, { ...filter, seenBy: everyGroup }, seek))) {
              // The actions with no due date are a handful, read by an index's range of them: PostgreSQL may take
              // them from another index of the log, or put one group's few in order itself. The rest are read in order.
              if (database.engine === 'postgres' && /due_date IS NULL\)/.test(plan.join('\n'))) {
                assert.match(plan.join('\n'), /actions_\w+_due\b/, plan.join('\n'));
                assert.doesNotMatch(plan.join('\n'), /Seq Scan on actions/, plan.join('\n'));
              } else assertServedBy(plan, 'actions', index);
            }
          }
        }
      }
      // A key half way through the partnership's entries.
      const { rows } = await findAuditEntries(db, { partnershipId }, { limit: 1, offset: 2500 });
      assert.ok(rows[0]);
      const key = auditKeyOf(rows[0]);
      for (const [direction, skip] of [
        ['after', 0],
        ['before', 50],
      ] as const) {
        assertServedBy(
          await plansOf((db) => findAuditEntries(db, {}, { ...page, seek: { direction, key, skip } })),
          'audit_log',
          'audit_log_newest',
        );
        const plan = await plansOf((db) => findAuditEntries(db, { partnershipId }, { ...page, seek: { direction, key, skip } }));
        assertServedBy(plan, 'audit_log', 'audit_log_partnership_newest');
      }
    });

    it('reads the last pages back from the end of the same indexes', async () => {
      const fromEnd = { ...page, offset: 5000, seek: { direction: 'before', key: null, skip: 30 } } as const;
      for (const [filter, index] of [
        [{}, 'actions_partnership_due'],
        [{ status: 'open' }, 'actions_partnership_status_due'],
        [{ groupId }, 'actions_(partnership|group)_due'],
      ] as const) {
        assertServedBy(await plansOf((db) => listActions(db, partnershipId, { ...filter, seenBy: everyGroup }, fromEnd)), 'actions', index);
      }
      for (const [filter, index] of [
        [{}, 'audit_log_newest'],
        [{ partnershipId }, 'audit_log_partnership_newest'],
      ] as const) {
        assertServedBy(await plansOf((db) => findAuditEntries(db, filter, fromEnd)), 'audit_log', index);
      }
    });

    it('reads the overdue actions of an owner’s words in due order, and counts them, from an index of the overdue', async () => {
      const filter = { owner: 'all agencies', overdueOn: '2026-12-01', seenBy: everyGroup };
      // Read in order, and stopped at the page's last row: never every overdue action joined and then sorted. PostgreSQL
      // chooses by its estimates: here, where the words match fewer than 60 overdue actions, sorting them is cheaper and
      // it may; at 100,000 actions it reads in order (bench/lists.ts), from an index of the actions either way.
      const [list] = await queryPlansOf((db) => listActions(db, partnershipId, filter, page));
      if (database.engine === 'sqlite') {
        assertServedBy(list ?? [], 'actions', 'actions_(overdue|partnership_due)');
        assert.doesNotMatch((list ?? []).join('\n'), /USE TEMP B-TREE/, (list ?? []).join('\n'));
      } else {
        const text = (list ?? []).join('\n');
        assert.match(text, /\bactions_\w+/, text);
        assert.doesNotMatch(text, /Seq Scan on actions\b/, text);
      }
      const [count] = await queryPlansOf((db) => countActions(db, partnershipId, filter));
      // Off an index of the overdue (only off actions_overdue once the table's pages are marked all-visible by a vacuum).
      assertServedBy(count ?? [], 'actions', 'actions_\\w+');
      const all = (await listActions(db, partnershipId, { owner: 'all agencies' })).filter(
        (action) => ['open', 'in_progress'].includes(action.status) && action.dueDate !== null && action.dueDate < '2026-12-01',
      );
      assert.ok(all.length > 50, 'more than a page of them');
      assert.equal(await countActions(db, partnershipId, filter), all.length);
      assert.deepEqual(
        (await listActions(db, partnershipId, filter, page)).map((action) => action.id),
        all.slice(0, 50).map((action) => action.id),
      );
    });

    it('counts the action log by group and status from the counts kept, and by any other filter from an index without joins', async () => {
      for (const filter of [{}, { status: 'open' as const }, { groupId }, { groupId, status: 'done' as const }]) {
        const plan = (await plansOf((db) => countActions(db, partnershipId, { ...filter, seenBy: everyGroup }))).join('\n');
        assert.match(plan, /action_counts/, plan);
        assert.doesNotMatch(plan, /\bactions\b(?!_)/, plan);
        assert.equal(await countActions(db, partnershipId, filter), (await listActions(db, partnershipId, filter)).length);
      }
      const plan = await plansOf((db) => countActions(db, partnershipId, { overdueOn: '2026-12-01', seenBy: everyGroup }));
      assert.doesNotMatch(plan.join('\n'), /groups|meetings|agenda_items/, plan.join('\n'));
      assertServedBy(plan, 'actions', 'actions_\\w+');
    });

    it('counts the audit log, all of it, one partnership’s and one person’s, from the counts kept', async () => {
      for (const filter of [{}, { partnershipId }, { userId }, { entityType: 'meeting', action: 'create' as const }]) {
        const plan = (await plansOf((db) => findAuditEntries(db, filter, page))).join('\n');
        assert.match(plan, /audit_counts/, plan);
        let all = db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('total'));
        for (const [name, value] of Object.entries(filter)) all = all.where(name as 'userId', '=', value);
        assert.equal((await findAuditEntries(db, filter, page)).total, Number((await all.executeTakeFirstOrThrow()).total));
      }
    });

    it('reads the owners named in words and the kinds of audited record value by value from an index', async () => {
      assertServedBy(await plansOf((db) => countOwnersInWords(db, partnershipId)), 'actions', 'actions_owners_in_words');
      assertServedBy(await plansOf((db) => findAuditEntityTypes(db)), 'audit_log', 'audit_log_entity\\w*');
      assert.equal(await countOwnersInWords(db, partnershipId), 5);
      const kinds = await db.selectFrom('auditLog').select('entityType').distinct().orderBy('entityType').execute();
      assert.deepEqual(
        await findAuditEntityTypes(db),
        kinds.map((kind) => kind.entityType),
      );
    });

    it('reads a page of the audit log, all of it, one partnership’s and one person’s, newest first from an index', async () => {
      for (const [filter, index] of [
        [{}, 'audit_log_newest'],
        [{ partnershipId }, 'audit_log_partnership_newest'],
        [{ userId }, 'audit_log_user_newest'],
      ] as const) {
        const plan = await plansOf((db) => findAuditEntries(db, filter, page));
        assertServedBy(plan, 'audit_log', index);
      }
    });

    it('reads a page of the decisions register meeting by meeting from indexes, and counts it without joins', async () => {
      const plan = await plansOf((db) => listDecisions(db, partnershipId, { seenBy: everyGroup }, page));
      assertServedBy(plan, 'meetings', 'meetings_partnership_date(_time)?');
      assertServedBy(plan, 'decisions', 'decisions_meeting');
      const count = await plansOf((db) => countDecisions(db, partnershipId, { seenBy: everyGroup }));
      assert.doesNotMatch(count.join('\n'), /groups|meetings|agenda_items/, count.join('\n'));
      assertServedBy(count, 'decisions', 'decisions_partnership');
    });

    it('reads a page of the earlier meetings, latest first, from an index, and counts them as all less those to come', async () => {
      const [list, all, later] = await queryPlansOf((db) => listEarlierMeetings(db, partnershipId, { before: '2026-12-01' }, page));
      assertServedBy(list ?? [], 'meetings', 'meetings_partnership_date_time');
      assert.doesNotMatch((list ?? []).join('\n'), /FOR RIGHT PART OF ORDER BY/, (list ?? []).join('\n'));
      assert.match((all ?? []).join('\n'), /meeting_counts/);
      assertServedBy(later ?? [], 'meetings', 'meetings_partnership_date(_time)?');
      for (const [before, filter] of [
        ['2026-12-01', {}],
        ['1995-06-01', { groupId }],
      ] as const) {
        let earlier = db.selectFrom('meetings').where('partnershipId', '=', partnershipId).where('meetingDate', '<', before);
        if ('groupId' in filter) earlier = earlier.where('groupId', '=', filter.groupId);
        const { total } = await listEarlierMeetings(db, partnershipId, { before, ...filter }, page);
        assert.equal(total, Number((await earlier.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
      }
    });

    it('reads a partnership’s latest crime uploads from an index', async () => {
      const plan = await plansOf((db) => listImports(db, { partnershipId, limit: 50 }));
      assertServedBy(plan, 'crime_imports', 'crime_imports_partnership_created');
    });
  });
}

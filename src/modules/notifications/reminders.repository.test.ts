import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery } from 'kysely';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addAgendaItem, scheduleMeeting } from '../../../test/helpers/meetings.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import { recordingMailer } from '../../../test/helpers/mail.ts';
import { type Container, createContainer } from '../../container.ts';
import type { Engine } from '../../db/dialect.ts';
import type { Db } from '../../db/createDb.ts';
import type { ActionStatus } from '../actions/index.ts';
import { seedDemo } from '../governance/index.ts';
import { actionsToRemind, type RemindersAsked, selectActionsToRemind } from './reminders.repository.ts';

/** The engine's plan of a compiled query, as text: EXPLAIN QUERY PLAN's details on SQLite, EXPLAIN's lines on PostgreSQL. */
async function planOf(db: Db, engine: Engine, query: CompiledQuery): Promise<string> {
  const explain = engine === 'sqlite' ? 'explain query plan ' : 'explain ';
  const { rows } = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(explain + query.sql, [...query.parameters]));
  return rows.map((row) => String(engine === 'sqlite' ? row.detail : row['QUERY PLAN'])).join('\n');
}

for (const database of testDatabases()) {
  describe(`the reminders' query on ${database.engine}`, () => {
    const today = '2016-07-25';
    const clock = { now: () => new Date(`${today}T09:00:00Z`) };
    let container: Container;
    let coventry: string;
    let asked: RemindersAsked;
    const due: string[] = [];

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create(), mailer: recordingMailer() });
      const partnerships = await seedDemo(container.governance);
      coventry = partnerships.get('coventry') ?? '';
      const board = (await container.governance.groups.list(coventry)).find((group) => group.parentId === null);
      const [organisation] = await container.governance.organisations.list(coventry);
      assert.ok(board && organisation);
      // The actions are all agencies': their reminders go to the secretary.
      const clerk = await addPerson(container.governance, coventry, {
        name: 'Sam Clerk',
        email: 'sam.clerk@example.org',
        organisationId: organisation.id,
      });
      await addMember(container.governance, coventry, {
        groupId: board.id,
        personId: clerk,
        organisationId: organisation.id,
        role: 'secretary',
      });
      const meetingId = await scheduleMeeting(container.meetings, coventry, board.id, '2016-07-21');
      const itemId = await addAgendaItem(container.agenda, coventry, meetingId, 'Designated Public Places Order');
      const at = new Date().toISOString();
      const row = (status: ActionStatus, dueDate: string | null, n: number) => ({
        id: randomUUID(),
        version: 1,
        partnershipId: coventry,
        groupId: board.id,
        meetingId,
        agendaItemId: itemId,
        description: `Action ${n}`,
        owner: 'All agencies',
        ownerPersonId: null,
        ownerOrganisationId: null,
        dueDate,
        status,
        createdAt: at,
        updatedAt: at,
      });
      // 10,000 not due: done or cancelled however old, still to do but due after the window, or with no due date.
      const notDue = Array.from({ length: 10_000 }, (_, n) =>
        n % 4 === 0
          ? row('done', '2016-07-26', n)
          : n % 4 === 1
            ? row('cancelled', '2015-01-01', n)
            : n % 4 === 2
              ? row('open', `2017-0${(n % 9) + 1}-01`, n)
              : row('in_progress', n % 8 === 3 ? null : '2016-08-02', n),
      );
      const falling = [
        row('open', '2016-08-01', 1), // the last day of the window
        row('in_progress', '2016-06-30', 2), // overdue
        row('carried_forward', today, 3),
        row('open', '2016-07-21', 4), // reminded, but of an earlier due date
      ];
      const reminded = row('open', '2016-07-20', 5);
      const { db } = container.database;
      const rows = [...notDue, ...falling, reminded];
      for (let i = 0; i < rows.length; i += 500)
        await db
          .insertInto('actions')
          .values(rows.slice(i, i + 500))
          .execute();
      await db
        .insertInto('actionReminders')
        .values([
          { actionId: reminded.id, dueDate: '2016-07-20', sentAt: at },
          { actionId: falling[3]?.id ?? '', dueDate: '2016-07-01', sentAt: at },
        ])
        .execute();
      due.push(...falling.map(({ id }) => id));
      if (database.engine === 'postgres') await db.executeQuery(CompiledQuery.raw('analyze actions'));
      asked = { partnershipIds: [...partnerships.values()], until: '2016-08-01', after: null, limit: 500 };
    });
    after(() => container.database.close());

    it('finds the few actions falling due among 10,000 that are not, by an index', async () => {
      const { db, engine } = container.database;
      const found = await selectActionsToRemind(db, asked);
      assert.deepEqual(found.map(({ id }) => id).sort(), [...due].sort());
      const plan = await planOf(db, engine, actionsToRemind(db, asked).compile());
      // An index on actions searched by due date; never the whole table read.
      assert.match(plan, engine === 'sqlite' ? /SEARCH actions USING INDEX \w+ \([^)]*due_date<\?\)/ : /Index Cond: .*due_date <=/, plan);
      assert.doesNotMatch(plan, engine === 'sqlite' ? /SCAN actions\b/ : /Seq Scan on actions\b/, plan);
    });

    it('reads them a batch at a time, each after the last', async () => {
      const { db } = container.database;
      const first = await selectActionsToRemind(db, { ...asked, limit: 3 });
      const last = first.at(-1);
      assert.ok(last);
      const second = await selectActionsToRemind(db, { ...asked, limit: 3, after: { dueDate: last.dueDate, id: last.id } });
      assert.deepEqual([...first, ...second].map(({ id }) => id).sort(), [...due].sort());
    });

    it('reminds of those only, once each, and then of none', async () => {
      assert.ok((await container.notifications.queueActionReminders()) >= due.length, 'an e-mail at least for each');
      const reminded = await container.database.db
        .selectFrom('actionReminders')
        .select(['actionId', 'dueDate'])
        .where('sentAt', '=', clock.now().toISOString())
        .execute();
      assert.deepEqual(reminded.map(({ actionId }) => actionId).sort(), [...due].sort());
      assert.equal(await container.notifications.queueActionReminders(), 0);
      assert.deepEqual(await selectActionsToRemind(container.database.db, asked), []);
    });
  });
}

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabases } from '../../../test/helpers/database.ts';
import { demoBoardMeeting } from '../../../test/helpers/meetings.ts';
import type { Container } from '../../container.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { ConflictError } from '../../platform/errors.ts';

for (const database of testDatabases()) {
  describe(`the action log on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let meetingId: string;
    let itemId: string;

    before(async () => {
      ({ container, coventry, meetingId, itemId } = await demoBoardMeeting(database));
    });
    after(() => container.database.close());

    it('logs actions with their owner, marks them overdue, and keeps their history', async () => {
      const id = await container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
        description: 'Circulate the DPPO consultation results',
        owner: { kind: 'other', name: 'All agencies' },
        dueDate: '2016-08-31',
      });
      const [logged] = await container.actions.actionLog(coventry, systemPrincipal, { status: 'open' });
      assert.equal(logged?.owner, 'All agencies');
      assert.equal(logged?.overdue, true);
      await container.actions.updateAction(systemPrincipal, coventry, id, 1, { status: 'done', note: 'Circulated on 15 January' });
      await assert.rejects(
        container.actions.updateAction(systemPrincipal, coventry, id, 1, { status: 'cancelled', note: 'x' }),
        ConflictError,
      );
      const { action, updates } = await container.actions.action(coventry, id, systemPrincipal);
      assert.equal(action.status, 'done');
      assert.equal(action.overdue, false);
      assert.deepEqual(
        updates.map((u) => [u.status, u.note]),
        [['done', 'Circulated on 15 January']],
      );
    });

    it('filters the action log by owner and overdue in the database, a page at a time', async () => {
      const due = (owner: string, dueDate: string | null) =>
        container.minutes.addAction(systemPrincipal, coventry, meetingId, itemId, {
          description: `For ${owner}`,
          owner: { kind: 'other', name: owner },
          dueDate,
        });
      await due('Sara Roach', '2016-09-01');
      await due('Sara Roach', '2999-12-31');
      await due('50% of agencies', '2016-10-01');
      await due('West Midlands Police', null);

      const owners = async (filter: Parameters<typeof container.actions.actionLog>[2]) =>
        (await container.actions.actionLog(coventry, systemPrincipal, filter)).map((a) => `${a.owner} ${a.dueDate ?? 'none'}`);
      assert.deepEqual(await owners({ owner: 'sara' }), ['Sara Roach 2016-09-01', 'Sara Roach 2999-12-31']);
      assert.deepEqual(await owners({ owner: 'sara', overdue: true }), ['Sara Roach 2016-09-01']);
      // LIKE's wildcards typed in a name match themselves, not anything.
      assert.deepEqual(await owners({ owner: '50%' }), ['50% of agencies 2016-10-01']);
      assert.deepEqual(await owners({ owner: '_' }), []);

      const all = await container.actions.actionLog(coventry, systemPrincipal);
      const page = await container.actions.actionLogPage(coventry, systemPrincipal, {}, { limit: 2, offset: 2 });
      assert.equal(page.total, all.length);
      assert.deepEqual(
        page.actions.map((a) => a.id),
        all.slice(2, 4).map((a) => a.id),
      );
    });
  });
}

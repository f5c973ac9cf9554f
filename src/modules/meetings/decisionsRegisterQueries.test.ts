/**
 * The decisions register reads its page's meetings' attendance in one query, not one for each meeting (issue 19):
 * a page of 30 decisions makes as many queries as a page of 10, each group's terms read once for its votes (a meeting whose attendance is recorded is read in
 * full, as the minutes' tests of quorum and votes hold). Counted, never timed, on each engine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedHistory } from '../../../bench/volume.ts';
import { build } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { countingQueries } from '../../../test/helpers/queryCount.ts';

const clock = { now: () => new Date('2026-12-06T10:00:00Z') };

for (const engine of testDatabases()) {
  describe(`the decisions register's queries (${engine.engine})`, () => {
    it('makes as many queries for a page of 30 decisions from 30 meetings as for 10', async (t) => {
      const { database, counter } = countingQueries(await engine.create());
      const { client, container, coventry } = await build(t, { database, clock, as: 'officer' });
      const groupIds = (await container.governance.groups.list(coventry)).slice(0, 2).map((group) => group.id);
      const page = `/partnerships/${coventry}/decisions`;
      const queriesWith = async (meetingCount: number, firstMonth: string) => {
        await seedHistory(database.db, coventry, groupIds, { meetingCount, actionsPerMeeting: 1, firstMonth });
        // Each decision voted on: its majority is read from its group's terms in force at its meeting.
        await database.db.updateTable('decisions').set({ votesFor: 3, votesAgainst: 1, votesAbstaining: 0 }).execute();
        await client.get(page);
        // A page asked again is kept (decision 0057): a change first, so the page counted is read afresh.
        await database.db.updateTable('decisions').set({ votesAbstaining: 0 }).execute();
        counter.reset();
        const response = await client.get(page);
        assert.equal(response.statusCode, 200);
        return { queries: counter.queries, body: response.body };
      };
      const few = await queriesWith(10, '2024-01');
      const many = await queriesWith(20, '2022-01');
      assert.ok(
        (many.body.match(/<tr class="govuk-table__row/g) ?? []).length > (few.body.match(/<tr class="govuk-table__row/g) ?? []).length,
      );
      assert.equal(many.queries.length, few.queries.length, many.queries.join('\n'));
      assert.equal(many.queries.filter((query) => /from "attendance"/.test(query)).length, 1);
      assert.equal(many.queries.filter((query) => /from "terms_of_reference"/.test(query)).length, groupIds.length);
      assert.ok(many.body.includes('Agreed (for 3, against 1, abstaining 0; carried)'), 'each vote is read against its terms');
    });
  });
}

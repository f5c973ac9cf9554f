/**
 * Check-then-write rules under ten parallel requests, on both engines: exactly what the rule allows gets in,
 * the others are refused with a message for the field, and the database holds what the rule allows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ConflictError, FieldValidationError } from '../src/core/errors.ts';
import { type CoventryOfficer, startAsCoventryOfficer } from './helpers/coventry.ts';
import { testDatabases } from './helpers/database.ts';

const parallel = 10;

/** Runs the same work ten times at once and sorts what came back. */
async function tenAtOnce<T>(work: () => Promise<T>): Promise<{ done: T[]; refused: string[] }> {
  const settled = await Promise.allSettled(Array.from({ length: parallel }, work));
  const refused = settled.flatMap((outcome) => {
    if (outcome.status === 'fulfilled') return [];
    const error: unknown = outcome.reason;
    if (error instanceof FieldValidationError || error instanceof ConflictError) return [error.message];
    throw error;
  });
  return { done: settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])), refused };
}

for (const database of testDatabases()) {
  describe(`check-then-write rules under ${parallel} parallel writers on ${database.engine}`, () => {
    let coventry: CoventryOfficer;

    before(async () => {
      coventry = await startAsCoventryOfficer(undefined, await database.create());
    });
    after(() => coventry.close());

    it('adds one membership of a person on a group from ten identical POSTs, and quorum counts them once', async () => {
      const { container, officer, boardId } = coventry;
      const partnershipId = coventry.coventry;
      const [person] = (await container.governance.people.list(partnershipId)).filter((p) => p.name === 'Gurmit Shoker');
      const [organisation] = (await container.governance.organisations.list(partnershipId)).filter((o) =>
        o.name.startsWith('Victim Support'),
      );
      assert.ok(person && organisation);
      const before = await container.governance.membershipsOn(partnershipId, boardId, '2026-01-01');
      const form = {
        groupId: boardId,
        personId: person.id,
        organisationId: organisation.id,
        role: 'member',
        voting: 'yes',
        core: 'core',
        'startDate-day': '1',
        'startDate-month': '4',
        'startDate-year': '2025',
      };
      const token = await officer.csrfToken(`/partnerships/${partnershipId}/memberships/new`);
      const responses: LightMyRequestResponse[] = await Promise.all(
        Array.from({ length: parallel }, () =>
          officer.post(`/partnerships/${partnershipId}/memberships`, { ...form, _csrf: token }, { csrf: false }),
        ),
      );
      const statuses = responses.map((response) => response.statusCode).sort();
      assert.deepEqual(statuses, [302, ...Array<number>(parallel - 1).fill(400)]);
      for (const refused of responses.filter((response) => response.statusCode === 400))
        assert.match(refused.body, /This person is already a member of this group from 1 April 2025/);
      const after = await container.governance.membershipsOn(partnershipId, boardId, '2026-01-01');
      assert.equal(after.filter((m) => m.personId === person.id).length, 1);
      assert.equal(after.length, before.length + 1);
    });
  });
}

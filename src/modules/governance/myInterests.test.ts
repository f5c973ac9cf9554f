import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Container } from '../../container.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { memberOfGroup, type MemberWithWork } from '../../../test/helpers/myWork.ts';

for (const database of testDatabases()) {
  describe(`a member's own interests, on ${database.engine}`, () => {
    const scope = suiteScope();
    let now = new Date('2026-12-01T09:00:00Z');
    let container: Container;
    let coventry: string;
    let ann: MemberWithWork;
    let bob: MemberWithWork;

    before(async () => {
      let boardId: string;
      ({ container, coventry, boardId } = await build(scope, {
        database: await database.create(),
        as: 'nobody',
        clock: { now: () => now },
      }));
      ann = await memberOfGroup(container, coventry, boardId, { email: 'ann@example.com', name: 'Ann Smith' });
      bob = await memberOfGroup(container, coventry, boardId, { email: 'bob@example.com', name: 'Bob Jones' });
    });

    const mine = async (userId: string) => (await container.governance.myInterests(userId, coventry)).interests;

    it('declares, changes, confirms and ends an interest of the member’s own person, dated and audited', async () => {
      const id = await container.governance.declareInterest({ userId: ann.userId }, coventry, {
        category: 'membership',
        description: 'Trustee of Coventry Haven',
      });
      let [interest] = await mine(ann.userId);
      assert.deepEqual(
        [interest?.personId, interest?.declaredOn, interest?.reviewedOn, interest?.memberUpdatedOn],
        [ann.personId, '2026-12-01', '2026-12-01', '2026-12-01'],
      );
      now = new Date('2027-03-01T09:00:00Z');
      await container.governance.confirmInterest({ userId: ann.userId }, coventry, id, 1);
      await container.governance.changeInterest({ userId: ann.userId }, coventry, id, 2, {
        category: 'membership',
        description: 'Chair of trustees of Coventry Haven',
      });
      now = new Date('2027-04-02T09:00:00Z');
      await container.governance.endInterest({ userId: ann.userId }, coventry, id, 3, '2027-03-31');
      [interest] = await mine(ann.userId);
      assert.deepEqual(
        [interest?.description, interest?.reviewedOn, interest?.endedOn, interest?.memberUpdatedOn],
        ['Chair of trustees of Coventry Haven', '2027-03-01', '2027-03-31', '2027-04-02'],
      );
      const { rows } = await container.audit.list({ entityType: 'interest', userId: ann.userId }, { limit: 10, offset: 0 });
      assert.deepEqual(
        rows.map((row) => row.action),
        ['update', 'update', 'update', 'create'],
      );
      assert.match(rows[0]?.summary ?? '', /The member ended their interest/);
    });

    it("finds no other person's interest: not to read, change, confirm or end", async () => {
      const id = await container.governance.interests.create(systemPrincipal, coventry, {
        personId: bob.personId,
        category: 'financial',
        description: 'Shares in a security firm',
        declaredOn: '2026-01-01',
        endedOn: null,
      });
      const attacker = { userId: ann.userId };
      const input = { category: 'other' as const, description: 'Changed by someone else' };
      await assert.rejects(container.governance.myInterest(ann.userId, coventry, id), NotFoundError);
      await assert.rejects(container.governance.changeInterest(attacker, coventry, id, 1, input), NotFoundError);
      await assert.rejects(container.governance.confirmInterest(attacker, coventry, id, 1), NotFoundError);
      await assert.rejects(container.governance.endInterest(attacker, coventry, id, 1, '2026-12-01'), NotFoundError);
      const [held] = await mine(bob.userId);
      assert.deepEqual([held?.description, held?.version, held?.reviewedOn], ['Shares in a security firm', 1, null]);
    });

    it('refuses an end before the declaration or in the future, next to the date', async () => {
      const id = await container.governance.declareInterest({ userId: bob.userId }, coventry, {
        category: 'gifts',
        description: 'Tickets',
      });
      const refusesEnd = (endedOn: string, message: RegExp) =>
        assert.rejects(
          container.governance.endInterest({ userId: bob.userId }, coventry, id, 1, endedOn),
          (error: unknown) => error instanceof FieldValidationError && error.field === 'endedOn' && message.test(error.message),
        );
      await refusesEnd('2027-01-01', /on or after 2 April 2027/);
      await refusesEnd('2027-05-01', /today or in the past/);
    });

    it('lets one of ten parallel confirmations from the same version through; the rest are told it changed', async () => {
      const id = await container.governance.declareInterest({ userId: ann.userId }, coventry, {
        category: 'other',
        description: 'Volunteer',
      });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => container.governance.confirmInterest({ userId: ann.userId }, coventry, id, 1)),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(results.every((r) => r.status === 'fulfilled' || r.reason instanceof ConflictError));
      assert.equal((await container.governance.myInterest(ann.userId, coventry, id)).version, 2);
    });
  });
}

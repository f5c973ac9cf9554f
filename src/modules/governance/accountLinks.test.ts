import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemPrincipal } from '../../platform/principal.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import type { Container } from '../../container.ts';

for (const database of testDatabases()) {
  describe(`an account is a person, on ${database.engine}`, () => {
    let container: Container;
    let coventry: string;
    let boardId: string;
    let organisationId: string;
    let userId: string;
    const scope = suiteScope();

    before(async () => {
      ({ container, coventry, boardId } = await build(scope, { database: await database.create(), as: 'nobody' }));
      organisationId = (await container.governance.organisations.list(coventry))[0]?.id ?? '';
      userId = await container.accounts.createUser(systemPrincipal, {
        email: 'ann.smith@coventry.gov.uk',
        name: 'Ann Smith',
        password: 'a long enough password 1',
        isAdmin: false,
      });
    });

    it('is no one of a partnership by its address alone, and is the person an officer links it to', async () => {
      const personId = await addPerson(container.governance, coventry, {
        name: 'Ann Smith',
        email: 'ann.smith@coventry.gov.uk',
        organisationId,
      });
      await addMember(container.governance, coventry, { groupId: boardId, personId, organisationId, role: 'member' });
      assert.deepEqual(await container.governance.selves(coventry, userId), { selves: [], groupIds: [] });

      await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
      const { selves, groupIds } = await container.governance.selves(coventry, userId);
      assert.deepEqual(
        selves.map((self) => self.id),
        [personId],
      );
      assert.deepEqual(groupIds, [boardId]);
      assert.deepEqual(
        (await container.governance.peopleOfAccount(userId)).map((person) => [person.partnershipId, person.personId, person.name]),
        [[coventry, personId, 'Ann Smith']],
      );
      await container.governance.linkAccount(systemPrincipal, coventry, personId, null);
      assert.deepEqual(await container.governance.peopleOfAccount(userId), []);
    });

    it('is one person of a partnership at most, however many officers link it at once', async () => {
      const people = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          addPerson(container.governance, coventry, { name: `Person ${n}`, email: null, organisationId }),
        ),
      );
      const outcomes = await Promise.allSettled(
        people.map((personId) => container.governance.linkAccount(systemPrincipal, coventry, personId, userId)),
      );
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          assert.ok(outcome.reason instanceof FieldValidationError);
          assert.match(outcome.reason.message, /already another person of this partnership/);
        }
      }
      assert.equal((await container.governance.peopleOfAccount(userId)).length, 1);
      for (const personId of people) await container.governance.linkAccount(systemPrincipal, coventry, personId, null);
    });

    it('becomes the person a proven address names, where it names one person of a partnership only', async () => {
      const other = await container.accounts.createUser(systemPrincipal, {
        email: 'raj.patel@coventry.gov.uk',
        name: 'Raj Patel',
        password: 'a long enough password 1',
        isAdmin: false,
      });
      const raj = await addPerson(container.governance, coventry, {
        name: 'Raj Patel',
        email: 'Raj.Patel@Coventry.gov.uk',
        organisationId,
      });
      const warwickshire = (await container.governance.partnerships.list(null)).find((p) => p.id !== coventry)?.id ?? '';
      const warwickOrganisation = (await container.governance.organisations.list(warwickshire))[0]?.id ?? '';
      // Two people of one partnership with the address: neither is linked; an officer chooses.
      for (const name of ['R Patel', 'Raj Patel (police)'])
        await addPerson(container.governance, warwickshire, {
          name,
          email: 'raj.patel@coventry.gov.uk',
          organisationId: warwickOrganisation,
        });

      await container.accounts.markEmailVerified(other);
      assert.deepEqual(
        (await container.governance.peopleOfAccount(other)).map((person) => person.personId),
        [raj],
      );
      assert.ok((await container.accounts.getUser(other)).user.emailVerifiedAt);
    });
  });
}

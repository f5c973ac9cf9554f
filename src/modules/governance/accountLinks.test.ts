import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemPrincipal } from '../../platform/principal.ts';
import { todayInEngland } from '../../platform/clock.ts';
import { financialYearStart } from '../../platform/dates.ts';
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

    it('sits, through its person, where the person is a current member, and chairs where they are appointed chair this year', async () => {
      const seatHolder = await container.accounts.createUser(systemPrincipal, {
        email: 'sam.seat@coventry.gov.uk',
        name: 'Sam Seat',
        password: 'a long enough password 1',
        isAdmin: false,
      });
      const sam = await addPerson(container.governance, coventry, { name: 'Sam Seat', email: null, organisationId });
      await addMember(container.governance, coventry, { groupId: boardId, personId: sam, organisationId, role: 'member' });
      assert.deepEqual(await container.governance.seatsHeldBy(seatHolder), [], 'no one without the link');
      await container.governance.linkAccount(systemPrincipal, coventry, sam, seatHolder);
      assert.deepEqual(await container.governance.seatsHeldBy(seatHolder), [{ partnershipId: coventry, chairs: false }]);

      const yearStarting = Number(financialYearStart(todayInEngland(container.clock)).slice(0, 4));
      await container.governance.chairAppointments.create(systemPrincipal, coventry, {
        groupId: boardId,
        personId: sam,
        role: 'vice_chair',
        yearStarting,
        appointedOn: `${yearStarting}-04-01`,
        appointedBy: 'Elected by members',
      });
      assert.deepEqual(await container.governance.seatsHeldBy(seatHolder), [{ partnershipId: coventry, chairs: true }]);
      assert.deepEqual(
        [...((await container.accounts.loadPrincipal(seatHolder))?.partnershipRoles.get(coventry) ?? [])],
        ['member', 'chair'],
      );
      // The officer prepares, the chair signs: never both.
      await container.accounts.grantRole(systemPrincipal, seatHolder, 'officer', { partnershipId: coventry, areaId: null });
      assert.deepEqual(
        [...((await container.accounts.loadPrincipal(seatHolder))?.partnershipRoles.get(coventry) ?? [])],
        ['officer', 'member'],
      );
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

    it('draws no one into a partnership by an address an officer typed: not another partnership’s staff, nor an administrator', async () => {
      const warwickshire = (await container.governance.partnerships.list(null)).find((p) => p.id !== coventry)?.id ?? '';
      const staff = await container.accounts.createUser(systemPrincipal, {
        email: 'lee.wong@warwickshire.gov.uk',
        name: 'Lee Wong',
        password: 'a long enough password 1',
        isAdmin: false,
      });
      await container.accounts.grantRole(systemPrincipal, staff, 'officer', { partnershipId: warwickshire, areaId: null });
      const admin = await container.accounts.createUser(systemPrincipal, {
        email: 'ada@safer.example',
        name: 'Ada',
        password: 'a long enough password 1',
        isAdmin: true,
      });
      // A Coventry officer types their addresses on Coventry people; each then proves their address.
      for (const email of ['lee.wong@warwickshire.gov.uk', 'ada@safer.example'])
        await addPerson(container.governance, coventry, { name: `Typed ${email}`, email, organisationId });
      await container.accounts.markEmailVerified(staff);
      await container.accounts.markEmailVerified(admin);
      assert.deepEqual(await container.governance.peopleOfAccount(staff), []);
      assert.deepEqual(await container.governance.peopleOfAccount(admin), []);
      // Nor may the officer link them by hand; and an account already someone of another partnership is no one's to take.
      const officer = { ...systemPrincipal, isAdmin: false, partnershipRoles: new Map([[coventry, new Set(['officer' as const])]]) };
      await assert.rejects(container.accounts.accountToLink(officer, coventry, 'lee.wong@warwickshire.gov.uk'), FieldValidationError);
      await assert.rejects(container.accounts.accountToLink(officer, coventry, 'ada@safer.example'), FieldValidationError);
      const member = await container.accounts.createUser(systemPrincipal, {
        email: 'sam.member@warwickshire.gov.uk',
        name: 'Sam Member',
        password: 'a long enough password 1',
        isAdmin: false,
      });
      const warwickOrganisation = (await container.governance.organisations.list(warwickshire))[0]?.id ?? '';
      const sam = await addPerson(container.governance, warwickshire, {
        name: 'Sam Member',
        email: null,
        organisationId: warwickOrganisation,
      });
      assert.equal(
        (await container.accounts.accountToLink(officer, coventry, 'sam.member@warwickshire.gov.uk')).id,
        member,
        'no one’s yet',
      );
      await container.governance.linkAccount(systemPrincipal, warwickshire, sam, member);
      await assert.rejects(container.accounts.accountToLink(officer, coventry, 'sam.member@warwickshire.gov.uk'), FieldValidationError);
    });
  });
}

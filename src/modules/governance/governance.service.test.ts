import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAuditTrail } from '../audit/index.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { systemClock } from '../../platform/clock.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import type { DatabaseHandle } from '../../db/createDb.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { refusal } from '../../../test/helpers/refusal.ts';
import { createGovernanceService, type GovernanceService, seedDemo } from './index.ts';
import { termsSchema } from './governance.inputs.ts';

for (const database of testDatabases()) {
  describe(`governance on ${database.engine}`, () => {
    let handle: DatabaseHandle;
    let governance: GovernanceService;
    let partnerships: Map<string, string>;
    let coventry: string;

    before(async () => {
      handle = await database.create();
      governance = createGovernanceService({
        db: handle.db,
        audit: createAuditTrail({ db: handle.db, clock: systemClock }),
        clock: systemClock,
      });
      partnerships = await seedDemo(governance);
      coventry = partnerships.get('coventry') ?? '';
    });
    after(() => handle.close());

    it('seeds the three areas and the partnerships the documents name', async () => {
      const areas = await governance.areas.list(null);
      assert.deepEqual(
        areas.map((a) => a.name),
        ['Devon and Cornwall', 'Leicestershire', 'West Midlands'],
      );
      const all = await governance.partnerships.list(null);
      const leicestershire = all
        .filter((p) => p.areaName === 'Leicestershire')
        .map((p) => p.shortName)
        .sort();
      // Seed 003: "Melton, Rutland, Hinckley and Bosworth, Oadby and Wigston, Blaby, Harborough, Leicester City, Charnwood and North West Leicestershire".
      assert.deepEqual(leicestershire, [
        'Blaby',
        'Charnwood',
        'Harborough',
        'Hinckley and Bosworth',
        'Leicester',
        'Melton',
        'North West Leicestershire',
        'Oadby and Wigston',
        'Rutland',
      ]);
      assert.ok(all.some((p) => p.name === 'Safer Plymouth'));
    });

    it('gives Coventry its board and four sub-groups with their cadence and chairs (seed 001, appendices 1 and 4–7)', async () => {
      const structure = await governance.structure(coventry);
      assert.equal(structure.length, 1);
      const [board] = structure;
      assert.ok(board);
      assert.equal(board.meets, 'Quarterly');
      assert.deepEqual(board.chairs, ['Cllr Abbott']);
      const meets = Object.fromEntries(board.children.map((child) => [child.name, child.meets]));
      assert.equal(board.children.length, 4);
      assert.deepEqual(Object.values(meets).sort(), ['Bi-monthly (every two months)', 'Monthly', 'Monthly', 'Quarterly']);
      assert.ok(board.children.every((child) => child.reportsTo === board.name));
    });

    it('records the board membership of Appendix 3: 44 people, 21 for Responsible Authorities', async () => {
      const [board] = await governance.groups.list(coventry);
      assert.ok(board);
      const members = await governance.listMemberships(coventry, { groupId: board.id });
      assert.equal(members.length, 44);
      assert.equal(members.filter((m) => m.responsibleAuthority).length, 21);
      assert.equal(new Set(members.filter((m) => m.responsibleAuthority).map((m) => m.organisationId)).size, 5);
      assert.equal(members.filter((m) => !m.voting).length, 3);
    });

    it("judges the board's quorum with its rule: every Responsible Authority and 6 community representatives", async () => {
      const [board] = await governance.groups.list(coventry);
      assert.ok(board);
      const [terms] = await governance.termsHistory(coventry, board.id);
      assert.deepEqual(terms?.quorumRule, { kind: 'responsible_authorities_and_community', communityMinimum: 6 });
      assert.equal(terms?.papersNoticeDays, 5);
      assert.equal(terms?.papersNoticeUnit, 'working');
      const members = await governance.listMemberships(coventry, { groupId: board.id });
      const firstOfEach = new Map<string, string>();
      for (const m of members.filter((m) => m.responsibleAuthority && m.voting)) firstOfEach.set(m.organisationId, m.id);
      const community = members.filter((m) => m.sector === 'community_voluntary' && m.voting).map((m) => m.id);
      const withSix = await governance.checkQuorum(coventry, board.id, [...firstOfEach.values(), ...community.slice(0, 6)]);
      assert.deepEqual(withSix, { quorate: true, shortfall: [] });
      const withFive = await governance.checkQuorum(coventry, board.id, [...firstOfEach.values(), ...community.slice(0, 5)]);
      assert.equal(withFive?.quorate, false);
      // The issue's meeting: the five Responsible Authorities and six members of NHS trusts, the magistrates' court and
      // the Police and Crime Commissioner's office, who are public bodies, not community or voluntary representatives.
      const publicBodies = members.filter((m) => !m.responsibleAuthority && m.sector === 'statutory' && m.voting).map((m) => m.id);
      assert.ok(publicBodies.length >= 6);
      const withPublicBodies = await governance.checkQuorum(coventry, board.id, [...firstOfEach.values(), ...publicBodies.slice(0, 6)]);
      assert.deepEqual(withPublicBodies, {
        quorate: false,
        shortfall: ['0 community or voluntary representatives are present; at least 6 are needed'],
      });
      const withoutPolice = members.filter((m) => m.responsibleAuthority && m.organisationName !== 'West Midlands Police').map((m) => m.id);
      const missingPolice = await governance.checkQuorum(coventry, board.id, [...withoutPolice, ...community]);
      assert.deepEqual(missingPolice?.shortfall, ['West Midlands Police (Responsible Authority) is not present']);
    });

    it('keeps every version of the terms of reference', async () => {
      const groupId = await governance.groups.create(systemPrincipal, coventry, { name: 'Night Time Economy Group', parentId: null });
      const form = {
        purpose: 'Make the city centre safe at night',
        functions: 'Coordinate patrols\nReview licensing',
        keyOutcomes: '',
        cadence: 'monthly',
        chairRole: 'Head of Licensing',
        papersNoticeDays: '5',
        papersNoticeUnit: 'working',
        membershipSpecification: 'Police\nLicensing',
        quorumKind: 'count',
        minimum: '3',
        effectiveFrom: '2016-09-01',
      };
      const first = termsSchema.parse(form);
      assert.equal(await governance.reviseTerms(systemPrincipal, coventry, groupId, first, 0), 1);
      const second = termsSchema.parse({ ...form, cadence: 'bi_monthly', effectiveFrom: '2017-04-01' });
      assert.equal(await governance.reviseTerms(systemPrincipal, coventry, groupId, second, 1), 2);
      // A review of version 1 saved after version 2 exists would silently replace it: refused.
      await assert.rejects(governance.reviseTerms(systemPrincipal, coventry, groupId, first, 1), ConflictError);
      // Reviews saved at the same moment: one wins, the others are told, none fails with a database error.
      const racing = await Promise.allSettled([1, 2, 3, 4].map(() => governance.reviseTerms(systemPrincipal, coventry, groupId, first, 2)));
      assert.equal(racing.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(racing.every((r) => r.status === 'fulfilled' || r.reason instanceof ConflictError));
      const history = await governance.termsHistory(coventry, groupId);
      assert.deepEqual(
        history.map((t) => [t.versionNumber, t.cadence]),
        [
          [3, 'monthly'],
          [2, 'bi_monthly'],
          [1, 'monthly'],
        ],
      );
      assert.deepEqual(history[2]?.functions, ['Coordinate patrols', 'Review licensing']);
      assert.deepEqual(history[2]?.keyOutcomes, []);
    });

    it('refuses a stale save instead of overwriting someone else’s', async () => {
      const id = await governance.organisations.create(systemPrincipal, coventry, {
        name: 'Coventry BID',
        sector: 'business',
        responsibleAuthority: false,
      });
      await governance.organisations.update(systemPrincipal, coventry, id, 1, {
        name: 'Coventry Business Improvement District',
        sector: 'business',
        responsibleAuthority: false,
      });
      await assert.rejects(
        governance.organisations.update(systemPrincipal, coventry, id, 1, {
          name: 'Coventry BID Ltd',
          sector: 'business',
          responsibleAuthority: false,
        }),
        ConflictError,
      );
      assert.equal((await governance.organisations.get(coventry, id)).name, 'Coventry Business Improvement District');
    });

    it('archives and restores rather than deletes', async () => {
      const id = await governance.people.create(systemPrincipal, coventry, {
        name: 'Temporary Person',
        jobTitle: null,
        organisationId: null,
        email: null,
      });
      await governance.people.setArchived(systemPrincipal, coventry, id, 1, true);
      assert.ok(!(await governance.people.list(coventry)).some((p) => p.id === id));
      assert.ok((await governance.people.list(coventry, { includeArchived: true })).some((p) => p.id === id));
      await governance.people.setArchived(systemPrincipal, coventry, id, 2, false);
      assert.ok((await governance.people.list(coventry)).some((p) => p.id === id));
    });

    it('will not let a group report to one of its own sub-groups', async () => {
      const [board] = await governance.groups.list(coventry);
      const [child] = (await governance.groups.list(coventry)).filter((g) => g.parentId === board?.id);
      assert.ok(board && child);
      await assert.rejects(
        governance.groups.update(systemPrincipal, coventry, board.id, board.version, { name: board.name, parentId: child.id }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'parentId',
      );
    });

    it('refuses a second membership of one person on one group at the same time', async () => {
      const [board] = await governance.groups.list(coventry);
      const [existing] = await governance.listMemberships(coventry, { groupId: board?.id });
      assert.ok(board && existing);
      const again = { ...existing, role: 'member' as const, voting: true, core: true, startDate: '2016-06-01', endDate: null };
      await assert.rejects(
        governance.memberships.create(systemPrincipal, coventry, again),
        (error: unknown) =>
          error instanceof FieldValidationError &&
          error.field === 'personId' &&
          /already a member of this group from 1 April 2016/.test(error.message),
      );
      // Once the first has ended, a new one may start.
      await governance.memberships.create(systemPrincipal, coventry, { ...again, startDate: '2030-01-01' }).then(
        () => assert.fail('the first membership has no end date, so it still overlaps'),
        (error: unknown) => assert.ok(error instanceof FieldValidationError),
      );
    });

    it('will not restore a membership that now overlaps another', async () => {
      const [board] = await governance.groups.list(coventry);
      const [existing] = await governance.listMemberships(coventry, { groupId: board?.id });
      assert.ok(board && existing);
      await governance.memberships.setArchived(systemPrincipal, coventry, existing.id, existing.version, true);
      // While it was archived, the person joined the group again.
      const { groupId, personId, organisationId } = existing;
      const again = { groupId, personId, organisationId, role: 'member' as const, voting: true, core: true, substitutePersonId: null };
      await governance.memberships.create(systemPrincipal, coventry, { ...again, startDate: '2020-01-01', endDate: null });
      const message = await refusal(
        governance.memberships.setArchived(systemPrincipal, coventry, existing.id, existing.version + 1, false),
        'personId',
      );
      assert.match(message, /already a member of this group from 1 January 2020/);
      const archived = (await governance.memberships.list(coventry, { includeArchived: true })).find((m) => m.id === existing.id);
      assert.notEqual(archived?.archivedAt, null, 'still archived');
    });

    it('drops the memberships of an archived person from the group and its quorum', async () => {
      const [board] = await governance.groups.list(coventry);
      assert.ok(board);
      const before = await governance.currentMemberships(coventry, { groupId: board.id });
      const leaver = before.find((m) => m.personName === 'Oliver Lole');
      assert.ok(leaver);
      const person = await governance.people.get(coventry, leaver.personId);
      await governance.people.setArchived(systemPrincipal, coventry, person.id, person.version, true);
      const after = await governance.currentMemberships(coventry, { groupId: board.id });
      assert.equal(after.length, before.length - 1);
      assert.ok(!after.some((m) => m.personId === person.id));
    });

    it("will not take another partnership's person as a member", async () => {
      const plymouth = partnerships.get('plymouth') ?? '';
      const [board] = await governance.groups.list(coventry);
      const [plymouthOrganisation] = await governance.organisations.list(plymouth);
      const [coventryPerson] = await governance.people.list(coventry);
      assert.ok(board && plymouthOrganisation && coventryPerson);
      await assert.rejects(
        governance.memberships.create(systemPrincipal, coventry, {
          groupId: board.id,
          personId: coventryPerson.id,
          organisationId: plymouthOrganisation.id,
          role: 'member',
          voting: true,
          core: true,
          startDate: '2016-04-01',
          endDate: null,
          substitutePersonId: null,
        }),
        (error: unknown) => error instanceof FieldValidationError && error.field === 'organisationId',
      );
    });

    it('keeps one chair of a group a year, the vice-chairs its terms allow, one role each, and names who holds them', async () => {
      const [board] = await governance.groups.list(coventry);
      assert.ok(board);
      const ofBoard = await governance.listChairAppointments(coventry, { groupId: board.id });
      const chair = ofBoard.find((a) => a.role === 'chair');
      const vice = ofBoard.find((a) => a.role === 'vice_chair');
      const taken = [chair?.personId, vice?.personId];
      const voters = (await governance.membershipsOn(coventry, board.id, '2016-07-22')).filter(
        (m) => m.voting && !taken.includes(m.personId),
      );
      const [other, newChair] = voters;
      assert.ok(chair && vice && other && newChair);
      const appointment = {
        groupId: board.id,
        personId: other.personId,
        role: 'chair' as const,
        yearStarting: chair.yearStarting,
        appointedOn: '2016-07-22',
        appointedBy: 'Elected by Board members',
      };
      const second = await refusal(governance.chairAppointments.create(systemPrincipal, coventry, appointment), 'role');
      assert.match(
        second,
        new RegExp(`^${chair.personName} is already chair of this group for 2016 to 2017\\. A group has one chair a year`),
      );
      const viceAsChair = await refusal(
        governance.chairAppointments.create(systemPrincipal, coventry, { ...appointment, personId: vice.personId, role: 'vice_chair' }),
        'personId',
      );
      assert.equal(viceAsChair, `${vice.personName} is already vice-chair of this group for 2016 to 2017`);
      // Coventry's terms name one vice-chair ("The Chair and Vice-Chair will be elected"), so a second is refused.
      const secondVice = await refusal(
        governance.chairAppointments.create(systemPrincipal, coventry, { ...appointment, role: 'vice_chair' }),
        'role',
      );
      assert.match(
        secondVice,
        new RegExp(
          `^This group's terms of reference allow one vice-chair a year, and ${vice.personName} is already vice-chair for 2016 to 2017`,
        ),
      );

      // The next year is free; and once the year's chair is archived, another may be appointed, but the first not restored.
      await governance.chairAppointments.create(systemPrincipal, coventry, { ...appointment, yearStarting: 2017 });
      await governance.chairAppointments.setArchived(systemPrincipal, coventry, chair.id, chair.version, true);
      await governance.chairAppointments.create(systemPrincipal, coventry, { ...appointment, personId: newChair.personId });
      const restored = await refusal(
        governance.chairAppointments.setArchived(systemPrincipal, coventry, chair.id, chair.version + 1, false),
        'role',
      );
      assert.match(restored, new RegExp(`^${newChair.personName} is already chair of this group for 2016 to 2017`));
    });

    it("allows joint vice-chairs where the group's terms do, as Melton's did", async () => {
      const melton = partnerships.get('melton') ?? '';
      const [core] = await governance.groups.list(melton);
      assert.ok(core);
      assert.equal((await governance.termsOf(melton, core.id)).inForce?.viceChairs, 2);
      const vices = (await governance.listChairAppointments(melton, { groupId: core.id })).filter((a) => a.role === 'vice_chair');
      assert.deepEqual(vices.map((a) => a.personName).sort(), ['Insp Nigel Peters', 'Kevin Pearson']);
    });

    it('appoints only a voting member of the group current on the date appointed', async () => {
      const [board] = await governance.groups.list(coventry);
      assert.ok(board);
      const seats = await governance.listMemberships(coventry, { groupId: board.id });
      const members = new Set(seats.map((m) => m.personId));
      const outsider = (await governance.people.list(coventry)).find((p) => !members.has(p.id));
      const adviser = seats.find((m) => !m.voting);
      assert.ok(outsider && adviser);
      const appointment = {
        groupId: board.id,
        personId: outsider.id,
        role: 'chair' as const,
        yearStarting: 2018,
        appointedOn: '2018-05-01',
        appointedBy: 'Elected by Board members',
      };
      const notMember = await refusal(governance.chairAppointments.create(systemPrincipal, coventry, appointment), 'personId');
      assert.equal(
        notMember,
        `${outsider.name} is not a voting member of this group on 1 May 2018, the date appointed. ` +
          'Only a voting member can be its chair or vice-chair: add their membership first.',
      );
      const nonVoting = await refusal(
        governance.chairAppointments.create(systemPrincipal, coventry, { ...appointment, personId: adviser.personId }),
        'personId',
      );
      assert.match(nonVoting, /is not a voting member of this group on 1 May 2018/);
      // Nor before their membership starts.
      const before = await refusal(
        governance.chairAppointments.create(systemPrincipal, coventry, {
          ...appointment,
          personId: seats[0]?.personId ?? '',
          appointedOn: '2000-05-01',
          yearStarting: 2000,
        }),
        'personId',
      );
      assert.match(before, /is not a voting member of this group on 1 May 2000/);
    });

    it('finds the appointments an account holds on a day: of its year of office, made by then, by a voting member still', async () => {
      const on = (date: string) =>
        createGovernanceService({
          db: handle.db,
          audit: createAuditTrail({ db: handle.db, clock: systemClock }),
          clock: { now: () => new Date(`${date}T12:00:00Z`) },
        });
      const groupId = await governance.groups.create(systemPrincipal, coventry, { name: 'Night Time Economy Panel', parentId: null });
      const [organisation] = await governance.organisations.list(coventry);
      assert.ok(organisation);
      const personId = await governance.people.create(systemPrincipal, coventry, {
        name: 'Pat Chair',
        jobTitle: null,
        organisationId: organisation.id,
        email: 'Pat.Chair@example.org',
      });
      const membership = {
        groupId,
        personId,
        organisationId: organisation.id,
        role: 'member' as const,
        voting: true,
        core: true,
        startDate: '2020-04-01',
        endDate: null,
        substitutePersonId: null,
      };
      const membershipId = await governance.memberships.create(systemPrincipal, coventry, membership);
      const appointmentId = await governance.chairAppointments.create(systemPrincipal, coventry, {
        groupId,
        personId,
        role: 'chair',
        yearStarting: 2020,
        appointedOn: '2020-06-01',
        appointedBy: 'Elected by members',
      });
      const at = new Date().toISOString();
      await handle.db
        .insertInto('users')
        .values({
          id: 'pat',
          email: 'pat.chair@example.org',
          name: 'Pat Chair',
          passwordHash: 'x',
          isAdmin: 0,
          emailVerifiedAt: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await governance.linkAccount(systemPrincipal, coventry, personId, 'pat');
      const held = async (date: string) => (await on(date).appointmentsHeldBy('pat')).map((a) => `${a.role} ${a.groupName}`);
      assert.deepEqual(await held('2020-05-31'), [], 'not before the appointment');
      assert.deepEqual(await held('2020-06-01'), ['chair Night Time Economy Panel']);
      assert.deepEqual(await held('2021-03-31'), ['chair Night Time Economy Panel']);
      assert.deepEqual(await held('2021-04-01'), [], 'not after the year of office');
      await governance.memberships.update(systemPrincipal, coventry, membershipId, 1, { ...membership, endDate: '2020-12-31' });
      assert.deepEqual(await held('2020-12-31'), ['chair Night Time Economy Panel']);
      assert.deepEqual(await held('2021-01-01'), [], 'not once they are no longer a member');
      await governance.chairAppointments.setArchived(systemPrincipal, coventry, appointmentId, 1, true);
      assert.deepEqual(await held('2020-12-01'), [], 'not once the appointment is archived');
    });

    it('appoints one chair, and one vice-chair, when ten members are appointed at once', async () => {
      const [, group] = await governance.groups.list(coventry);
      assert.ok(group);
      const voters = (await governance.membershipsOn(coventry, group.id, '2030-04-01')).filter((m) => m.voting);
      assert.ok(voters.length >= 10, `${voters.length} voting members`);
      for (const role of ['chair', 'vice_chair'] as const) {
        const yearStarting = role === 'chair' ? 2030 : 2031;
        const settled: PromiseSettledResult<string>[] = await Promise.allSettled(
          voters.slice(0, 10).map((voter) =>
            governance.chairAppointments.create(systemPrincipal, coventry, {
              groupId: group.id,
              personId: voter.personId,
              role,
              yearStarting,
              appointedOn: '2030-04-01',
              appointedBy: 'Elected by members',
            }),
          ),
        );
        assert.equal(settled.filter((outcome) => outcome.status === 'fulfilled').length, 1, role);
        for (const outcome of settled) {
          if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof FieldValidationError, String(outcome.reason));
        }
        const ofGroup = await governance.listChairAppointments(coventry, { groupId: group.id });
        assert.equal(ofGroup.filter((a) => a.yearStarting === yearStarting).length, 1, role);
      }
    });
  });
}

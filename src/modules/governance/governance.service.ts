import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { financialYearStart, formatDate } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { AppointmentRole, Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { Found } from '../../platform/finding.ts';
import {
  type AreaRow,
  type ChairAppointmentView,
  findOverlappingMembership,
  findPeopleAndOrganisations,
  type GroupView,
  type HeldAppointment,
  insertTerms,
  type InterestView,
  listAreas,
  listAppointmentsHeldBy,
  listAppointmentsOfYear,
  listChairAppointments,
  listPartnershipTerms,
  listGroups,
  listInterests,
  listMemberships,
  listOrganisations,
  listPartnerships,
  listPeople,
  listTermsVersions,
  type MembershipView,
  type OrganisationRow,
  type PartnershipView,
  type PersonView,
  type TermsRow,
} from './governance.repository.ts';
import type {
  AreaInput,
  ChairAppointmentInput,
  GroupInput,
  InterestInput,
  MembershipInput,
  OrganisationInput,
  PartnershipInput,
  PersonInput,
  TermsInput,
} from './governance.inputs.ts';
import { assessQuorum, type QuorumAssessment, type QuorumRule, type Seat } from './quorum.ts';
import { findRecord, type RecordService } from '../../platform/records.ts';
import { defineRecordService, references } from '../../platform/recordService.ts';
import { buildStructure, type GroupNode } from './structure.ts';
import { type AccountLinks, createAccountLinks } from './accountLinks.ts';
import { findPersonOfAccount } from './accountLinks.repository.ts';
import { createMyInterests, type MyInterests } from './myInterests.ts';

export interface TermsOfReference extends Omit<TermsRow, 'functions' | 'keyOutcomes' | 'quorumRule'> {
  functions: string[];
  keyOutcomes: string[];
  quorumRule: QuorumRule;
}

export interface GovernanceService extends AccountLinks, MyInterests {
  areas: RecordService<AreaRow, AreaInput>;
  partnerships: RecordService<PartnershipView, PartnershipInput>;
  organisations: RecordService<OrganisationRow, OrganisationInput>;
  people: RecordService<PersonView, PersonInput>;
  groups: RecordService<GroupView, GroupInput>;
  memberships: RecordService<MembershipView, MembershipInput>;
  interests: RecordService<InterestView, InterestInput>;
  chairAppointments: RecordService<ChairAppointmentView, ChairAppointmentInput>;
  listMemberships(
    partnershipId: string,
    filter: { groupId?: string; personId?: string; organisationId?: string; includeArchived?: boolean },
  ): Promise<MembershipView[]>;
  /** Memberships that have started and not ended today. */
  currentMemberships(partnershipId: string, filter: { groupId?: string; organisationId?: string }): Promise<MembershipView[]>;
  /** Memberships of a group current on a date (a meeting's, say). */
  membershipsOn(partnershipId: string, groupId: string, date: string): Promise<MembershipView[]>;
  /** The person an account is in a partnership (none or one) and the groups they sit on now: what the policy's rules ask about. */
  selves(partnershipId: string, userId: string | null): Promise<{ selves: PersonView[]; groupIds: string[] }>;
  listInterests(partnershipId: string, filter: { personId?: string }): Promise<InterestView[]>;
  listChairAppointments(partnershipId: string, filter: { groupId?: string }): Promise<ChairAppointmentView[]>;
  /**
   * The chair and vice-chair appointments in force today of the people an account is, in every partnership: what
   * makes an account a chair.
   */
  appointmentsHeldBy(userId: string): Promise<HeldAppointment[]>;
  /** Every version of a group's terms of reference, newest first. */
  termsHistory(partnershipId: string, groupId: string): Promise<TermsOfReference[]>;
  /** The terms in force on a date (null before the group had any). */
  termsInForceOn(partnershipId: string, groupId: string, date: string): Promise<TermsOfReference | null>;
  /** The version in force today, and a newer one that has been agreed but applies from a later date. */
  termsOf(
    partnershipId: string,
    groupId: string,
  ): Promise<{ history: TermsOfReference[]; inForce: TermsOfReference | null; upcoming: TermsOfReference | null }>;
  /**
   * Saves a new version: terms are never changed in place, so the reviewed history is kept.
   * `basedOn` is the version the user reviewed (0 for none); if another was saved since, ConflictError.
   */
  reviseTerms(actor: Actor, partnershipId: string, groupId: string, input: TermsInput, basedOn: number): Promise<number>;
  structure(partnershipId: string): Promise<GroupNode[]>;
  /** The partnership's people (by name or job title) and organisations (by name) that hold the words. */
  find(partnershipId: string, words: string, limit: number): Promise<Found[]>;
  /** Whether those present, from the group's current members, would make the meeting quorate. */
  checkQuorum(
    partnershipId: string,
    groupId: string,
    presentMembershipIds: readonly string[],
    date?: string,
  ): Promise<QuorumAssessment | null>;
}

export function parseTerms(row: TermsRow): TermsOfReference {
  return {
    ...row,
    functions: JSON.parse(row.functions) as string[],
    keyOutcomes: JSON.parse(row.keyOutcomes) as string[],
    quorumRule: JSON.parse(row.quorumRule) as QuorumRule,
  };
}

/** The terms in force on a date: the newest version that has started (history is newest first). */
export function termsInForce<T extends { effectiveFrom: string }>(history: readonly T[], today: string): T | null {
  return history.find((terms) => terms.effectiveFrom <= today) ?? null;
}

export function quorumRuleFrom(input: TermsInput): QuorumRule {
  switch (input.quorumKind) {
    case 'responsible_authorities_and_community':
      return { kind: input.quorumKind, communityMinimum: input.communityMinimum ?? 0 };
    case 'count':
      return { kind: input.quorumKind, minimum: input.minimum ?? 1 };
    case 'fraction':
      return { kind: input.quorumKind, numerator: input.numerator ?? 1, denominator: input.denominator ?? 1 };
  }
}

/** A membership is current on a date when it has started and not yet ended. */
export function isCurrentMembership(
  membership: { startDate: string; endDate: string | null; archivedAt: string | null },
  today: string,
): boolean {
  return membership.archivedAt === null && membership.startDate <= today && (membership.endDate === null || membership.endDate >= today);
}

export function seatOf(membership: MembershipView): Seat {
  return {
    organisationId: membership.organisationId,
    organisationName: membership.organisationName,
    responsibleAuthority: membership.responsibleAuthority,
    sector: membership.sector,
    voting: membership.voting,
  };
}

const roleWord = (role: AppointmentRole) => (role === 'chair' ? 'chair' : 'vice-chair');

/** Why a group has no room for another chair or vice-chair this year, and what to do about it. */
function appointmentsFull(role: AppointmentRole, allowed: number, holders: readonly { personName: string }[], year: string): string {
  if (role === 'chair')
    return `${holders[0]?.personName ?? 'Someone'} is already chair of this group for ${year}. A group has one chair a year: archive that appointment first if the chair has changed hands.`;
  if (allowed === 0) return "This group's terms of reference allow no vice-chair. Review its terms first if that has changed.";
  const names = holders.map((h) => h.personName).join(' and ');
  const rule = allowed === 1 ? 'one vice-chair a year' : `${allowed} vice-chairs a year`;
  return `This group's terms of reference allow ${rule}, and ${names} ${holders.length === 1 ? 'is' : 'are'} already vice-chair for ${year}. Archive an appointment first if a vice-chair has changed hands.`;
}

const scope = (scopeId: string | null): string => {
  if (scopeId === null) throw new Error('A partnership is needed');
  return scopeId;
};

export interface GovernanceDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
}

export function createGovernanceService(dependencies: GovernanceDependencies): GovernanceService {
  const { db, audit, clock } = dependencies;
  const today = () => todayInEngland(clock);

  const groups = defineRecordService(dependencies, {
    table: 'groups',
    entityType: 'group',
    partnershipScoped: true,
    list: (trx, scopeId, options) => listGroups(trx, scope(scopeId), options),
    toColumns: (input: GroupInput) => ({ name: input.name, parentId: input.parentId }),
    title: (group) => group.name,
    async check(trx, scopeId, input, existing) {
      await references(trx, scopeId, existing)('groups', 'parentId', input.parentId, 'Select a group in this partnership');
      // A group cannot report to itself or to one of its own sub-groups.
      const seen = new Set<string>();
      for (let ancestor = input.parentId; ancestor !== null && existing !== null && !seen.has(ancestor);) {
        if (ancestor === existing.id)
          throw new FieldValidationError('parentId', 'A group cannot report to itself or to one of its own sub-groups');
        seen.add(ancestor);
        ancestor = (await findRecord(trx, 'groups', scopeId, ancestor))?.parentId ?? null;
      }
    },
  });

  async function termsOf(partnershipId: string, groupId: string) {
    await groups.get(partnershipId, groupId);
    const history = (await listTermsVersions(db, groupId)).map(parseTerms);
    const inForce = termsInForce(history, today());
    const newest = history[0] ?? null;
    return { history, inForce, upcoming: newest !== inForce ? newest : null };
  }

  return {
    areas: defineRecordService(dependencies, {
      table: 'areas',
      entityType: 'area',
      partnershipScoped: false,
      list: (trx, _scopeId, options) => listAreas(trx, options),
      toColumns: (input: AreaInput) => input,
      title: (record) => record.name,
    }),

    partnerships: defineRecordService(dependencies, {
      table: 'partnerships',
      entityType: 'partnership',
      partnershipScoped: false,
      list: (trx, _scopeId, options) => listPartnerships(trx, options),
      toColumns: (input: PartnershipInput) => input,
      title: (record) => record.name,
      check: (trx, _scopeId, input, existing) => references(trx, null, existing)('areas', 'areaId', input.areaId, 'Select an area'),
    }),

    organisations: defineRecordService(dependencies, {
      table: 'organisations',
      entityType: 'organisation',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listOrganisations(trx, scope(scopeId), options),
      toColumns: (input: OrganisationInput) => input,
      title: (record) => record.name,
    }),

    people: defineRecordService(dependencies, {
      table: 'people',
      entityType: 'person',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listPeople(trx, scope(scopeId), options),
      toColumns: (input: PersonInput) => input,
      title: (record) => record.name,
      check: (trx, scopeId, input, existing) =>
        references(trx, scopeId, existing)(
          'organisations',
          'organisationId',
          input.organisationId,
          'Select an organisation in this partnership',
        ),
    }),

    groups,

    memberships: defineRecordService(dependencies, {
      table: 'memberships',
      entityType: 'membership',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listMemberships(trx, scope(scopeId), options),
      toColumns: (input: MembershipInput) => input,
      title: (m) => `${m.personName} on ${m.groupName}`,
      lockedBy: (_scopeId, input) => ({ table: 'groups', id: input.groupId }),
      inputOf: (row) => ({ ...row, role: row.role, voting: row.voting === 1, core: row.core === 1 }),
      async check(trx, scopeId, input, existing) {
        const belongs = references(trx, scopeId, existing);
        await belongs('groups', 'groupId', input.groupId, 'Select a group in this partnership');
        await belongs('people', 'personId', input.personId, 'Select a person in this partnership');
        await belongs('organisations', 'organisationId', input.organisationId, 'Select an organisation in this partnership');
        await belongs('people', 'substitutePersonId', input.substitutePersonId, 'Select a person in this partnership');
        // Two memberships of one person on one group at the same time would count them twice for quorum.
        const overlapping = await findOverlappingMembership(trx, {
          ...input,
          partnershipId: scope(scopeId),
          excludeId: existing?.id ?? null,
        });
        if (overlapping) {
          const until = overlapping.endDate ? ` to ${formatDate(overlapping.endDate)}` : '';
          throw new FieldValidationError(
            'personId',
            `This person is already a member of this group from ${formatDate(overlapping.startDate)}${until}`,
          );
        }
      },
    }),

    interests: defineRecordService(dependencies, {
      table: 'interests',
      entityType: 'interest',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listInterests(trx, scope(scopeId), options),
      toColumns: (input: InterestInput) => input,
      title: (i) => `${i.personName}: ${i.description.slice(0, 60)}`,
      check: (trx, scopeId, input, existing) =>
        references(trx, scopeId, existing)('people', 'personId', input.personId, 'Select a person in this partnership'),
    }),

    chairAppointments: defineRecordService(dependencies, {
      table: 'chairAppointments',
      entityType: 'chair_appointment',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listChairAppointments(trx, scope(scopeId), options),
      toColumns: (input: ChairAppointmentInput) => input,
      title: (a) => `${a.personName} as ${a.role.replace('_', '-')} of ${a.groupName} for ${a.yearStarting} to ${a.yearStarting + 1}`,
      // The group's lock makes a parallel appointment wait, and then see this one.
      lockedBy: (_scopeId, input) => ({ table: 'groups', id: input.groupId }),
      inputOf: (row) => ({ ...row, role: row.role }),
      async check(trx, scopeId, input, existing) {
        const belongs = references(trx, scopeId, existing);
        await belongs('groups', 'groupId', input.groupId, 'Select a group in this partnership');
        await belongs('people', 'personId', input.personId, 'Select a person in this partnership');
        const partnershipId = scope(scopeId);
        // The chair is chosen from the group's own voting members ("elected … by Board members", seed 001).
        const seats = await listMemberships(trx, partnershipId, { groupId: input.groupId, personId: input.personId });
        if (!seats.some((seat) => seat.voting && isCurrentMembership(seat, input.appointedOn))) {
          const person = await findRecord(trx, 'people', partnershipId, input.personId);
          throw new FieldValidationError(
            'personId',
            `${person?.name ?? 'This person'} is not a voting member of this group on ${formatDate(input.appointedOn)}, the date appointed. ` +
              'Only a voting member can be its chair or vice-chair: add their membership first.',
          );
        }
        const ofYear = await listAppointmentsOfYear(trx, { ...input, partnershipId, excludeId: existing?.id ?? null });
        const year = `${input.yearStarting} to ${input.yearStarting + 1}`;
        const held = ofYear.find((a) => a.personId === input.personId);
        if (held)
          throw new FieldValidationError('personId', `${held.personName} is already ${roleWord(held.role)} of this group for ${year}`);
        // One chair a year; as many vice-chairs as the terms allow (Melton's were joint, source 003).
        const allowed =
          input.role === 'chair' ? 1 : (termsInForce(await listTermsVersions(trx, input.groupId), input.appointedOn)?.viceChairs ?? 1);
        const holders = ofYear.filter((a) => a.role === input.role);
        if (holders.length >= allowed) throw new FieldValidationError('role', appointmentsFull(input.role, allowed, holders, year));
      },
    }),

    listMemberships: (partnershipId, filter) => listMemberships(db, partnershipId, filter),
    currentMemberships: async (partnershipId, filter) =>
      (await listMemberships(db, partnershipId, filter)).filter((m) => isCurrentMembership(m, today())),
    listInterests: (partnershipId, filter) => listInterests(db, partnershipId, filter),
    listChairAppointments: (partnershipId, filter) => listChairAppointments(db, partnershipId, filter),
    appointmentsHeldBy: (userId) => listAppointmentsHeldBy(db, userId, Number(financialYearStart(today()).slice(0, 4)), today()),

    termsOf,

    async termsInForceOn(partnershipId, groupId, date) {
      return termsInForce((await termsOf(partnershipId, groupId)).history, date);
    },

    async termsHistory(partnershipId, groupId) {
      return (await termsOf(partnershipId, groupId)).history;
    },

    async reviseTerms(actor, partnershipId, groupId, input, basedOn) {
      const group = await groups.get(partnershipId, groupId);
      return db.transaction().execute(async (trx) => {
        const [latest] = await listTermsVersions(trx, groupId);
        const latestVersion = latest?.versionNumber ?? 0;
        if (latestVersion !== basedOn) throw new ConflictError(latestVersion);
        const row: TermsRow = {
          id: randomUUID(),
          partnershipId,
          groupId,
          versionNumber: (latest?.versionNumber ?? 0) + 1,
          purpose: input.purpose,
          functions: JSON.stringify(input.functions),
          keyOutcomes: JSON.stringify(input.keyOutcomes),
          alsoReportsTo: input.alsoReportsTo,
          cadence: input.cadence,
          chairRole: input.chairRole,
          papersNoticeDays: input.papersNoticeDays,
          papersNoticeUnit: input.papersNoticeUnit,
          minutesCirculationDays: input.minutesCirculationDays,
          actionsCirculationWorkingDays: input.actionsCirculationWorkingDays,
          membershipSpecification: input.membershipSpecification,
          quorumRule: JSON.stringify(quorumRuleFrom(input)),
          voteMajority: input.voteMajority ?? 'votes_cast',
          viceChairs: input.viceChairs ?? 1,
          effectiveFrom: input.effectiveFrom,
          createdBy: actor.userId,
          createdAt: isoNow(clock),
        };
        try {
          await insertTerms(trx, row);
        } catch (error) {
          // Two reviews saved at the same moment: the unique version number lets only one through.
          if (isUniqueViolation(error)) throw new ConflictError(row.versionNumber);
          throw error;
        }
        await audit.record(trx, actor, {
          action: latest ? 'update' : 'create',
          entityType: 'terms_of_reference',
          entityId: groupId,
          partnershipId,
          summary: `${latest ? 'Revised' : 'Added'} terms of reference for ${group.name} (version ${row.versionNumber})`,
          before: latest ?? null,
          after: row,
        });
        return row.versionNumber;
      });
    },

    async structure(partnershipId) {
      const [groupRows, allTerms, chairs] = await Promise.all([
        listGroups(db, partnershipId),
        listPartnershipTerms(db, partnershipId),
        listMemberships(db, partnershipId),
      ]);
      const inForce = groupRows.flatMap(
        (group) =>
          termsInForce(
            allTerms.filter((t) => t.groupId === group.id),
            today(),
          ) ?? [],
      );
      const chairsNow = chairs.filter((m) => m.role === 'chair' && isCurrentMembership(m, today()));
      return buildStructure(groupRows, inForce, chairsNow);
    },

    ...createAccountLinks(dependencies),
    ...createMyInterests(dependencies),

    async find(partnershipId, words, limit) {
      const { people, organisations } = await findPeopleAndOrganisations(db, partnershipId, words, limit);
      const base = `/partnerships/${partnershipId}`;
      return [
        ...people.map((person) => ({
          kind: 'person' as const,
          title: person.name,
          detail: [person.jobTitle, person.organisationName].filter(Boolean).join(', '),
          href: `${base}/people/${person.id}`,
        })),
        ...organisations.map((organisation) => ({
          kind: 'organisation' as const,
          title: organisation.name,
          detail: organisation.responsibleAuthority ? 'Responsible Authority' : '',
          href: `${base}/organisations/${organisation.id}`,
        })),
      ];
    },

    async selves(partnershipId, userId) {
      const self = userId ? await findPersonOfAccount(db, partnershipId, userId) : undefined;
      if (!self) return { selves: [], groupIds: [] };
      const memberships = (await listMemberships(db, partnershipId, { personId: self.id })).filter((m) => isCurrentMembership(m, today()));
      return { selves: [self], groupIds: [...new Set(memberships.map((m) => m.groupId))] };
    },

    async membershipsOn(partnershipId, groupId, date) {
      return (await listMemberships(db, partnershipId, { groupId })).filter((m) => isCurrentMembership(m, date));
    },

    /** By the rule and the membership on `date` (today unless a meeting's date is given). */
    async checkQuorum(partnershipId, groupId, presentMembershipIds, date = today()) {
      const terms = termsInForce((await termsOf(partnershipId, groupId)).history, date);
      if (!terms) return null;
      const members = (await listMemberships(db, partnershipId, { groupId })).filter((m) => isCurrentMembership(m, date));
      const present = new Set(presentMembershipIds);
      return assessQuorum(terms.quorumRule, members.map(seatOf), members.filter((m) => present.has(m.id)).map(seatOf));
    },
  };
}

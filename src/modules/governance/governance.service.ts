import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { type Clock, isoNow } from '../../core/clock.ts';
import { FieldValidationError } from '../../core/errors.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditTrail } from '../audit/index.ts';
import {
  type AreaRow,
  type ChairAppointmentView,
  type EditableTable,
  findRecord,
  type GroupView,
  insertTerms,
  type InterestView,
  listAreas,
  listChairAppointments,
  listCurrentTerms,
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
} from './governance.schemas.ts';
import { assessQuorum, type QuorumAssessment, type QuorumRule, type Seat } from './quorum.ts';
import { defineRecordService, type RecordService } from './records.ts';
import { buildStructure, type GroupNode } from './structure.ts';

export interface TermsOfReference extends Omit<TermsRow, 'functions' | 'keyOutcomes' | 'quorumRule'> {
  functions: string[];
  keyOutcomes: string[];
  quorumRule: QuorumRule;
}

export interface GovernanceService {
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
  listInterests(partnershipId: string, filter: { personId?: string }): Promise<InterestView[]>;
  listChairAppointments(partnershipId: string, filter: { groupId?: string }): Promise<ChairAppointmentView[]>;
  /** Every version of a group's terms of reference, newest first. */
  termsHistory(partnershipId: string, groupId: string): Promise<TermsOfReference[]>;
  /** Saves a new version: terms are never changed in place, so the reviewed history is kept. */
  reviseTerms(actor: Actor, partnershipId: string, groupId: string, input: TermsInput): Promise<number>;
  structure(partnershipId: string): Promise<GroupNode[]>;
  /** Whether those present, from the group's current members, would make the meeting quorate. */
  checkQuorum(partnershipId: string, groupId: string, presentMembershipIds: readonly string[]): Promise<QuorumAssessment | null>;
}

export function parseTerms(row: TermsRow): TermsOfReference {
  return {
    ...row,
    functions: JSON.parse(row.functions) as string[],
    keyOutcomes: JSON.parse(row.keyOutcomes) as string[],
    quorumRule: JSON.parse(row.quorumRule) as QuorumRule,
  };
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
export function isCurrentMembership(membership: { startDate: string; endDate: string | null; archivedAt: string | null }, today: string): boolean {
  return membership.archivedAt === null && membership.startDate <= today && (membership.endDate === null || membership.endDate >= today);
}

export function seatOf(membership: MembershipView): Seat {
  return {
    organisationId: membership.organisationId,
    organisationName: membership.organisationName,
    responsibleAuthority: membership.responsibleAuthority === 1,
    voting: membership.voting === 1,
  };
}

async function mustBelong(
  db: Kysely<Database>,
  table: EditableTable,
  partnershipId: string | null,
  id: string | null,
  field: string,
  message: string,
): Promise<void> {
  if (id === null) return;
  const row = await findRecord(db, table, partnershipId, id);
  if (!row || row.archivedAt !== null) throw new FieldValidationError(field, message);
}

const scope = (scopeId: string | null): string => {
  if (scopeId === null) throw new Error('A partnership is needed');
  return scopeId;
};

export function createGovernanceService(db: Kysely<Database>, audit: AuditTrail, clock: Clock): GovernanceService {
  const dependencies = { db, audit, clock };
  const today = () => isoNow(clock).slice(0, 10);

  const groups = defineRecordService(dependencies, {
    table: 'groups',
    entityType: 'group',
    partnershipScoped: true,
    list: (trx, scopeId, options) => listGroups(trx, scope(scopeId), options),
    toColumns: (input: GroupInput) => ({ name: input.name, parentId: input.parentId }),
    title: (group) => group.name,
    async check(trx, scopeId, input, id) {
      await mustBelong(trx, 'groups', scopeId, input.parentId, 'parentId', 'Select a group in this partnership');
      // A group cannot report to itself or to one of its own sub-groups.
      let ancestor = input.parentId;
      while (ancestor !== null && id !== null) {
        if (ancestor === id) throw new FieldValidationError('parentId', 'A group cannot report to itself or to one of its own sub-groups');
        ancestor = (await findRecord(trx, 'groups', scopeId, ancestor))?.parentId ?? null;
      }
    },
  });

  async function currentTerms(partnershipId: string, groupId: string): Promise<TermsOfReference | null> {
    const [latest] = await listTermsVersions(db, groupId);
    return latest && latest.partnershipId === partnershipId ? parseTerms(latest) : null;
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
      check: (trx, _scopeId, input) => mustBelong(trx, 'areas', null, input.areaId, 'areaId', 'Select an area'),
    }),

    organisations: defineRecordService(dependencies, {
      table: 'organisations',
      entityType: 'organisation',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listOrganisations(trx, scope(scopeId), options),
      toColumns: (input: OrganisationInput) => ({ ...input, responsibleAuthority: input.responsibleAuthority ? 1 : 0 }),
      title: (record) => record.name,
    }),

    people: defineRecordService(dependencies, {
      table: 'people',
      entityType: 'person',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listPeople(trx, scope(scopeId), options),
      toColumns: (input: PersonInput) => input,
      title: (record) => record.name,
      check: (trx, scopeId, input) =>
        mustBelong(trx, 'organisations', scopeId, input.organisationId, 'organisationId', 'Select an organisation in this partnership'),
    }),

    groups,

    memberships: defineRecordService(dependencies, {
      table: 'memberships',
      entityType: 'membership',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listMemberships(trx, scope(scopeId), options),
      toColumns: (input: MembershipInput) => ({ ...input, voting: input.voting ? 1 : 0, core: input.core ? 1 : 0 }),
      title: (m) => `${m.personName} on ${m.groupName}`,
      async check(trx, scopeId, input) {
        await mustBelong(trx, 'groups', scopeId, input.groupId, 'groupId', 'Select a group in this partnership');
        await mustBelong(trx, 'people', scopeId, input.personId, 'personId', 'Select a person in this partnership');
        await mustBelong(trx, 'organisations', scopeId, input.organisationId, 'organisationId', 'Select an organisation in this partnership');
        await mustBelong(trx, 'people', scopeId, input.substitutePersonId, 'substitutePersonId', 'Select a person in this partnership');
      },
    }),

    interests: defineRecordService(dependencies, {
      table: 'interests',
      entityType: 'interest',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listInterests(trx, scope(scopeId), options),
      toColumns: (input: InterestInput) => input,
      title: (i) => `${i.personName}: ${i.description.slice(0, 60)}`,
      check: (trx, scopeId, input) => mustBelong(trx, 'people', scopeId, input.personId, 'personId', 'Select a person in this partnership'),
    }),

    chairAppointments: defineRecordService(dependencies, {
      table: 'chairAppointments',
      entityType: 'chair_appointment',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listChairAppointments(trx, scope(scopeId), options),
      toColumns: (input: ChairAppointmentInput) => input,
      title: (a) => `${a.personName} as ${a.role.replace('_', '-')} of ${a.groupName} for ${a.yearStarting} to ${a.yearStarting + 1}`,
      async check(trx, scopeId, input) {
        await mustBelong(trx, 'groups', scopeId, input.groupId, 'groupId', 'Select a group in this partnership');
        await mustBelong(trx, 'people', scopeId, input.personId, 'personId', 'Select a person in this partnership');
      },
    }),

    listMemberships: (partnershipId, filter) => listMemberships(db, partnershipId, filter),
    currentMemberships: async (partnershipId, filter) =>
      (await listMemberships(db, partnershipId, filter)).filter((m) => isCurrentMembership(m, today())),
    listInterests: (partnershipId, filter) => listInterests(db, partnershipId, filter),
    listChairAppointments: (partnershipId, filter) => listChairAppointments(db, partnershipId, filter),

    async termsHistory(partnershipId, groupId) {
      await groups.get(partnershipId, groupId);
      return (await listTermsVersions(db, groupId)).map(parseTerms);
    },

    async reviseTerms(actor, partnershipId, groupId, input) {
      const group = await groups.get(partnershipId, groupId);
      return db.transaction().execute(async (trx) => {
        const [latest] = await listTermsVersions(trx, groupId);
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
          effectiveFrom: input.effectiveFrom,
          createdBy: actor.userId,
          createdAt: isoNow(clock),
        };
        await insertTerms(trx, row);
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
      const [groupRows, terms, chairs] = await Promise.all([
        listGroups(db, partnershipId),
        listCurrentTerms(db, partnershipId),
        listMemberships(db, partnershipId),
      ]);
      const chairsNow = chairs.filter((m) => m.role === 'chair' && isCurrentMembership(m, today()));
      return buildStructure(groupRows, terms.map(parseTerms), chairsNow);
    },

    async checkQuorum(partnershipId, groupId, presentMembershipIds) {
      const terms = await currentTerms(partnershipId, groupId);
      if (!terms) return null;
      const members = (await listMemberships(db, partnershipId, { groupId })).filter((m) => isCurrentMembership(m, today()));
      const present = new Set(presentMembershipIds);
      return assessQuorum(terms.quorumRule, members.map(seatOf), members.filter((m) => present.has(m.id)).map(seatOf));
    },
  };
}


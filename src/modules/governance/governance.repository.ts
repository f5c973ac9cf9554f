import type { Kysely, Selectable } from 'kysely';
import { type ListOptions, withListOptions } from '../../platform/records.ts';
import { containsEveryWord } from '../../db/text.ts';
import type {
  AppointmentRole,
  AreasTable,
  ChairAppointmentsTable,
  Database,
  GroupsTable,
  InterestsTable,
  MembershipsTable,
  OrganisationSector,
  OrganisationsTable,
  PartnershipsTable,
  PeopleTable,
  TermsOfReferenceTable,
} from '../../db/schema.ts';

export type AreaRow = Selectable<AreasTable>;

export async function listAreas(db: Kysely<Database>, options: ListOptions = {}): Promise<AreaRow[]> {
  const query = db.selectFrom('areas').selectAll().orderBy('name');
  return withListOptions(query, 'areas', options).execute();
}

export type PartnershipView = Selectable<PartnershipsTable> & { areaName: string };

export async function listPartnerships(db: Kysely<Database>, options: ListOptions & { areaId?: string } = {}): Promise<PartnershipView[]> {
  let query = db
    .selectFrom('partnerships')
    .innerJoin('areas', 'areas.id', 'partnerships.areaId')
    .selectAll('partnerships')
    .select('areas.name as areaName')
    .orderBy('areas.name')
    .orderBy('partnerships.name');
  if (options.areaId) query = query.where('partnerships.areaId', '=', options.areaId);
  return withListOptions(query, 'partnerships', options).execute();
}

export type OrganisationRow = Omit<Selectable<OrganisationsTable>, 'responsibleAuthority'> & { responsibleAuthority: boolean };

export async function listOrganisations(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions = {},
): Promise<OrganisationRow[]> {
  const query = db.selectFrom('organisations').selectAll().where('partnershipId', '=', partnershipId).orderBy('name');
  const rows = await withListOptions(query, 'organisations', options).execute();
  return rows.map((row) => ({ ...row, responsibleAuthority: row.responsibleAuthority === 1 }));
}

export type PersonView = Selectable<PeopleTable> & { organisationName: string | null };

export async function listPeople(db: Kysely<Database>, partnershipId: string, options: ListOptions = {}): Promise<PersonView[]> {
  const query = db
    .selectFrom('people')
    .leftJoin('organisations', 'organisations.id', 'people.organisationId')
    .selectAll('people')
    .select('organisations.name as organisationName')
    .where('people.partnershipId', '=', partnershipId)
    .orderBy('people.name');
  return withListOptions(query, 'people', options).execute();
}

export type GroupView = Selectable<GroupsTable> & { parentName: string | null };

export async function listGroups(db: Kysely<Database>, partnershipId: string, options: ListOptions = {}): Promise<GroupView[]> {
  const query = db
    .selectFrom('groups')
    .leftJoin('groups as parent', 'parent.id', 'groups.parentId')
    .selectAll('groups')
    .select('parent.name as parentName')
    .where('groups.partnershipId', '=', partnershipId)
    .orderBy('groups.createdAt')
    .orderBy('groups.name');
  return withListOptions(query, 'groups', options).execute();
}

export type MembershipView = Omit<Selectable<MembershipsTable>, 'voting' | 'core'> & {
  voting: boolean;
  core: boolean;
  groupName: string;
  personName: string;
  organisationName: string;
  responsibleAuthority: boolean;
  sector: OrganisationSector;
  substituteName: string | null;
};

export async function listMemberships(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions & { groupId?: string; personId?: string; organisationId?: string } = {},
): Promise<MembershipView[]> {
  let query = db
    .selectFrom('memberships')
    .innerJoin('groups', 'groups.id', 'memberships.groupId')
    .innerJoin('people', 'people.id', 'memberships.personId')
    .innerJoin('organisations', 'organisations.id', 'memberships.organisationId')
    .leftJoin('people as substitute', 'substitute.id', 'memberships.substitutePersonId')
    .selectAll('memberships')
    .select([
      'groups.name as groupName',
      'people.name as personName',
      'organisations.name as organisationName',
      'organisations.responsibleAuthority',
      'organisations.sector',
      'substitute.name as substituteName',
    ])
    .where('memberships.partnershipId', '=', partnershipId)
    .orderBy('groups.name')
    .orderBy('people.name');
  if (options.groupId) query = query.where('memberships.groupId', '=', options.groupId);
  if (options.personId) query = query.where('memberships.personId', '=', options.personId);
  if (options.organisationId) query = query.where('memberships.organisationId', '=', options.organisationId);
  // A membership lapses with its person, organisation or group: archived ones leave the lists and the quorum.
  if (!options.includeArchived && !options.id) {
    query = query
      .where('people.archivedAt', 'is', null)
      .where('organisations.archivedAt', 'is', null)
      .where('groups.archivedAt', 'is', null);
  }
  const rows = await withListOptions(query, 'memberships', options).execute();
  return rows.map((row) => ({
    ...row,
    voting: row.voting === 1,
    core: row.core === 1,
    responsibleAuthority: row.responsibleAuthority === 1,
  }));
}

/** A live membership of the same person on the same group whose dates overlap the given ones. */
export async function findOverlappingMembership(
  db: Kysely<Database>,
  membership: {
    partnershipId: string;
    groupId: string;
    personId: string;
    startDate: string;
    endDate: string | null;
    excludeId: string | null;
  },
): Promise<Selectable<MembershipsTable> | undefined> {
  let query = db
    .selectFrom('memberships')
    .selectAll()
    .where('partnershipId', '=', membership.partnershipId)
    .where('groupId', '=', membership.groupId)
    .where('personId', '=', membership.personId)
    .where('archivedAt', 'is', null)
    .where('startDate', '<=', membership.endDate ?? '9999-12-31')
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', membership.startDate)]));
  if (membership.excludeId) query = query.where('id', '!=', membership.excludeId);
  return query.executeTakeFirst();
}

export type InterestView = Selectable<InterestsTable> & { personName: string };

export async function listInterests(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions & { personId?: string } = {},
): Promise<InterestView[]> {
  let query = db
    .selectFrom('interests')
    .innerJoin('people', 'people.id', 'interests.personId')
    .selectAll('interests')
    .select('people.name as personName')
    .where('interests.partnershipId', '=', partnershipId)
    .orderBy('people.name')
    .orderBy('interests.declaredOn', 'desc');
  if (options.personId) query = query.where('interests.personId', '=', options.personId);
  return withListOptions(query, 'interests', options).execute();
}

export type ChairAppointmentView = Selectable<ChairAppointmentsTable> & { groupName: string; personName: string };

export async function listChairAppointments(
  db: Kysely<Database>,
  partnershipId: string,
  options: ListOptions & { groupId?: string } = {},
): Promise<ChairAppointmentView[]> {
  let query = db
    .selectFrom('chairAppointments')
    .innerJoin('groups', 'groups.id', 'chairAppointments.groupId')
    .innerJoin('people', 'people.id', 'chairAppointments.personId')
    .selectAll('chairAppointments')
    .select(['groups.name as groupName', 'people.name as personName'])
    .where('chairAppointments.partnershipId', '=', partnershipId)
    .orderBy('chairAppointments.yearStarting', 'desc')
    .orderBy('groups.name')
    .orderBy('chairAppointments.role');
  if (options.groupId) query = query.where('chairAppointments.groupId', '=', options.groupId);
  return withListOptions(query, 'chairAppointments', options).execute();
}

/** The appointments of a group for a year that are not archived (other than the one being changed). */
export async function listAppointmentsOfYear(
  db: Kysely<Database>,
  appointment: { partnershipId: string; groupId: string; yearStarting: number; excludeId: string | null },
): Promise<{ personId: string; personName: string; role: AppointmentRole }[]> {
  let query = db
    .selectFrom('chairAppointments')
    .innerJoin('people', 'people.id', 'chairAppointments.personId')
    .select(['chairAppointments.personId', 'chairAppointments.role', 'people.name as personName'])
    .where('chairAppointments.partnershipId', '=', appointment.partnershipId)
    .where('chairAppointments.groupId', '=', appointment.groupId)
    .where('chairAppointments.yearStarting', '=', appointment.yearStarting)
    .where('chairAppointments.archivedAt', 'is', null);
  if (appointment.excludeId) query = query.where('chairAppointments.id', '!=', appointment.excludeId);
  return query.execute();
}

/** A chair or vice-chair appointment in force, as an account sees it. */
export interface HeldAppointment {
  partnershipId: string;
  partnershipName: string;
  groupName: string;
  role: AppointmentRole;
  yearStarting: number;
}

/**
 * The appointments the people with this e-mail address hold on `today`: of the year of office `today` falls in,
 * made by then, not archived, and held by someone who is still a voting member of the group.
 */
export async function listAppointmentsHeldBy(
  db: Kysely<Database>,
  userId: string,
  yearStarting: number,
  today: string,
): Promise<HeldAppointment[]> {
  const rows = await db
    .selectFrom('chairAppointments')
    .innerJoin('people', 'people.id', 'chairAppointments.personId')
    .innerJoin('groups', 'groups.id', 'chairAppointments.groupId')
    .innerJoin('partnerships', 'partnerships.id', 'chairAppointments.partnershipId')
    .select([
      'chairAppointments.partnershipId',
      'partnerships.name as partnershipName',
      'groups.name as groupName',
      'chairAppointments.role',
      'chairAppointments.yearStarting',
    ])
    .where('people.userId', '=', userId)
    .where('chairAppointments.yearStarting', '=', yearStarting)
    .where('chairAppointments.appointedOn', '<=', today)
    .where('chairAppointments.archivedAt', 'is', null)
    .where('people.archivedAt', 'is', null)
    .where('groups.archivedAt', 'is', null)
    .where('partnerships.archivedAt', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships')
          .select('memberships.id')
          .whereRef('memberships.groupId', '=', 'chairAppointments.groupId')
          .whereRef('memberships.personId', '=', 'chairAppointments.personId')
          .where('memberships.voting', '=', 1)
          .where('memberships.archivedAt', 'is', null)
          .where('memberships.startDate', '<=', today)
          .where((eb) => eb.or([eb('memberships.endDate', 'is', null), eb('memberships.endDate', '>=', today)])),
      ),
    )
    .orderBy('partnerships.name')
    .orderBy('groups.name')
    .execute();
  return rows.map((row) => ({ ...row, role: row.role === 'chair' ? 'chair' : 'vice_chair' }));
}

export type TermsRow = Selectable<TermsOfReferenceTable>;

export async function listTermsVersions(db: Kysely<Database>, groupId: string): Promise<TermsRow[]> {
  return db.selectFrom('termsOfReference').selectAll().where('groupId', '=', groupId).orderBy('versionNumber', 'desc').execute();
}

/** Every version of every group's terms in a partnership, newest version first. */
export async function listPartnershipTerms(db: Kysely<Database>, partnershipId: string): Promise<TermsRow[]> {
  return db
    .selectFrom('termsOfReference')
    .selectAll()
    .where('partnershipId', '=', partnershipId)
    .orderBy('groupId')
    .orderBy('versionNumber', 'desc')
    .execute();
}

export async function insertTerms(db: Kysely<Database>, row: TermsRow): Promise<void> {
  await db.insertInto('termsOfReference').values(row).execute();
}

/** The partnership's people and organisations (not archived) that hold the words, by name. */
export async function findPeopleAndOrganisations(db: Kysely<Database>, partnershipId: string, words: string, limit: number) {
  const [people, organisations] = await Promise.all([
    db
      .selectFrom('people')
      .leftJoin('organisations', 'organisations.id', 'people.organisationId')
      .select(['people.id', 'people.name', 'people.jobTitle', 'organisations.name as organisationName'])
      .where('people.partnershipId', '=', partnershipId)
      .where('people.archivedAt', 'is', null)
      .where(containsEveryWord(['people.name', 'people.jobTitle'], words))
      .orderBy('people.name')
      .limit(limit)
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'responsibleAuthority'])
      .where('partnershipId', '=', partnershipId)
      .where('archivedAt', 'is', null)
      .where(containsEveryWord(['organisations.name'], words))
      .orderBy('name')
      .limit(limit)
      .execute(),
  ]);
  return { people, organisations };
}

/**
 * Governance's pages: the service's areas and partnerships (under /admin), and a partnership's structure, its
 * organisations, people, groups, memberships, interests, chair appointments and terms of reference (under
 * /partnerships/:partnershipId).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attempt, errorsFor, type FormErrors, readForm, type TypedValues, typedValues, valuesFromRecord } from '../../web/forms.ts';
import { formatDate } from '../../platform/dates.ts';
import { nameOf } from '../../platform/inputs.ts';
import { single } from '../../web/query.ts';
import { sendCsv } from '../../web/csv.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { type Crumb, partnershipCrumbs, recordChoices, registerRecordPages } from '../../web/recordPages.ts';
import { isAllowed } from '../../platform/policy.ts';
import type { PageRenderer } from '../../web/render.ts';
import { formBody, partnershipParams, queryText, recordParams } from '../../web/schemas.ts';
import type { MembershipView } from './governance.repository.ts';
import { noticesSection, type NoticesOf } from './personNotices.ts';
import {
  areaFields,
  chairAppointmentFields,
  groupFields,
  interestFields,
  membershipFields,
  organisationFields,
  partnershipFields,
  personFields,
  termsFields,
} from './governance.forms.ts';
import {
  areaSchema,
  chairAppointmentSchema,
  groupSchema,
  interestSchema,
  membershipSchema,
  organisationSchema,
  partnershipSchema,
  personSchema,
  termsSchema,
} from './governance.inputs.ts';
import {
  appointmentRoleNames,
  cadenceNames,
  interestCategoryNames,
  membershipRoleNames,
  oversightKindNames,
  sectorNames,
  voteMajorityNames,
} from './governance.names.ts';
import type { GovernanceService, TermsOfReference } from './governance.service.ts';
import { describeQuorumRule } from './quorum.ts';
import { flattenStructure, layoutDiagram } from './structure.ts';
import { principalOf } from '../../web/permissions.ts';
import { accountSection, everythingHeldSection, type PeopleAccounts, registerAccountLinkPages } from './accountLinks.routes.ts';

const manage = { access: { view: 'partnership:view', manage: 'partnership:manage' } } as const;
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** What governance's administration pages need: its own service (they need nothing from other modules). */
export interface GovernanceRouteDependencies {
  governance: GovernanceService;
  /** The e-mails the person has chosen to get, for officers to see on their page. */
  noticesOf: NoticesOf;
}

/** What a partnership's governance pages need: the service, and from the accounts module the account a person is. */
export interface PartnershipGovernanceDependencies extends GovernanceRouteDependencies {
  accounts: PeopleAccounts;
}

const termsVersionParams = recordParams.extend({ version: z.string() });
/** The members ticked on the quorum check: none, one or several. */
const quorumQuery = z.object({
  present: z.preprocess((value: unknown) => (value === undefined ? [] : [value].flat()), z.array(z.string()).catch([])),
  checked: queryText,
});

/** A group or person chosen on the page a form was opened from. */
const chosenQuery = z.object({ groupId: queryText, personId: queryText });

/** Why a review was not saved: another was saved while this one was written. */
const termsConflict = (version: number) =>
  `Someone else saved version ${version} of these terms of reference while you were reviewing them. Your review has not been saved. Check version ${version}, then save again if you still want your changes.`;

const adminCrumbs = (): Crumb[] => [{ text: 'Administration', href: '/admin' }];

/** What the terms say about deadlines, in the words of the documents. */
function describeNotice(terms: TermsOfReference): string {
  if (terms.papersNoticeDays === null) return 'Not stated';
  return `${terms.papersNoticeDays} ${terms.papersNoticeUnit === 'working' ? 'working ' : ''}day${terms.papersNoticeDays === 1 ? '' : 's'} before the meeting`;
}

/** One row per part of the terms; `list` where the part is a list of points, shown as bullets. */
export function termsSummary(terms: TermsOfReference, reportsTo: string | null): { key: string; value: string; list?: string[] }[] {
  const days = (value: number | null, unit: string) => (value === null ? 'Not stated' : `Within ${value} ${unit}${value === 1 ? '' : 's'}`);
  return [
    { key: 'Purpose', value: terms.purpose },
    { key: 'Functions', value: terms.functions.join('\n'), list: terms.functions },
    { key: 'Key outcomes', value: terms.keyOutcomes.join('\n') || 'Not stated', list: terms.keyOutcomes },
    {
      key: 'Reports to',
      value: [reportsTo, terms.alsoReportsTo].filter(Boolean).join(', and ') || 'Nobody: this is the top of the partnership',
    },
    { key: 'Meets', value: nameOf(cadenceNames, terms.cadence) },
    { key: 'Chaired by', value: terms.chairRole },
    { key: 'Vice-chairs a year', value: String(terms.viceChairs) },
    { key: 'Papers sent out', value: describeNotice(terms) },
    { key: 'Minutes circulated', value: days(terms.minutesCirculationDays, 'day') },
    { key: 'Actions circulated', value: days(terms.actionsCirculationWorkingDays, 'working day') },
    { key: 'Quorum', value: describeQuorumRule(terms.quorumRule) },
    { key: 'Majority needed in a vote', value: nameOf(voteMajorityNames, terms.voteMajority) },
    { key: 'Membership', value: terms.membershipSpecification },
    { key: 'Applies from', value: formatDate(terms.effectiveFrom) },
  ];
}

function membershipRows(memberships: readonly MembershipView[]) {
  return memberships.map((m) => [
    m.personName,
    m.organisationName,
    nameOf(membershipRoleNames, m.role),
    m.voting ? 'Voting' : 'Non-voting',
    m.core ? 'Core' : 'Link',
    yesNo(m.responsibleAuthority),
    m.substituteName ?? '',
    formatDate(m.startDate),
    formatDate(m.endDate),
  ]);
}

const membershipHeadings = [
  'Name',
  'Representing',
  'Role',
  'Voting',
  'Core or link',
  'Responsible Authority',
  'Named substitute',
  'Start date',
  'End date',
];

function termsValues(terms: TermsOfReference) {
  const rule = terms.quorumRule;
  return valuesFromRecord(termsFields, {
    ...terms,
    functions: terms.functions.join('\n'),
    keyOutcomes: terms.keyOutcomes.join('\n'),
    quorumKind: rule.kind,
    communityMinimum: rule.kind === 'responsible_authorities_and_community' ? rule.communityMinimum : null,
    minimum: rule.kind === 'count' ? rule.minimum : null,
    numerator: rule.kind === 'fraction' ? rule.numerator : null,
    denominator: rule.kind === 'fraction' ? rule.denominator : null,
  });
}

const everything = { includeArchived: true };
const choices = <T extends { id: string; name: string; archivedAt: string | null }>(
  rows: T[],
  values: TypedValues,
  field: string,
  text = (row: T) => row.name,
) => recordChoices(rows, values, field, text);

/** The service's areas and partnerships, for administrators. */
export const governanceAdminRoutes: ModuleRoutes<Pick<GovernanceRouteDependencies, 'governance'>> = {
  prefix: '/admin',
  plugin(app, { pages, deps: { governance } }, done) {
    registerRecordPages(app, pages, {
      basePath: '/areas',
      noun: 'area',
      pluralTitle: 'Areas',
      access: { view: 'admin', manage: 'admin' },
      service: governance.areas,
      fields: areaFields,
      schema: areaSchema,
      titleOf: (area) => area.name,
      columns: [
        { heading: 'Area', cell: (area) => area.name },
        { heading: 'Police force', cell: (area) => area.forceName },
        { heading: 'Oversight body', cell: (area) => area.oversightBody },
      ],
      summary: (area) => [
        { key: 'Police force', value: area.forceName },
        { key: 'Oversight body', value: area.oversightBody },
        { key: 'Kind', value: nameOf(oversightKindNames, area.oversightKind) },
      ],
      async sections(_scopeId, area) {
        const partnerships = (await governance.partnerships.list(null)).filter((p) => p.areaId === area.id);
        return [
          {
            title: 'Partnerships',
            head: ['Partnership', 'Local authority'],
            rows: partnerships.map((p) => ({ href: `/admin/partnerships/${p.id}`, cells: [p.name, p.localAuthority] })),
            emptyText: 'No partnership is in this area yet.',
            addLink: { text: 'Add a partnership', href: '/admin/partnerships/new' },
          },
        ];
      },
      crumbs: adminCrumbs,
    });

    registerRecordPages(app, pages, {
      basePath: '/partnerships',
      noun: 'partnership',
      pluralTitle: 'Partnerships',
      access: { view: 'admin', manage: 'admin' },
      service: governance.partnerships,
      fields: partnershipFields,
      schema: partnershipSchema,
      titleOf: (p) => p.name,
      columns: [
        { heading: 'Partnership', cell: (p) => p.name },
        { heading: 'Area', cell: (p) => p.areaName },
        { heading: 'Population', cell: (p) => p.population?.toLocaleString('en-GB') ?? '' },
      ],
      summary: (p) => [
        { key: 'Area', value: p.areaName },
        { key: 'Short name', value: p.shortName },
        { key: 'Local authority', value: p.localAuthority },
        { key: 'Population', value: p.population?.toLocaleString('en-GB') ?? 'Not known' },
        { key: 'Partnership page', value: 'Open the partnership', href: `/partnerships/${p.id}` },
      ],
      options: async (_scopeId, values) => ({ areaId: choices(await governance.areas.list(null, everything), values, 'areaId') }),
      crumbs: adminCrumbs,
    });
    done();
  },
};

/** A partnership's page and its governance records. */
/** When the member last said an interest holds, and whether they changed it themselves (the audit log has what changed). */
function reviewOf(interest: { reviewedOn: string | null; memberUpdatedOn: string | null }): string {
  const updated = interest.memberUpdatedOn ? `updated by the member on ${formatDate(interest.memberUpdatedOn)}` : '';
  return [formatDate(interest.reviewedOn), updated].filter(Boolean).join(', ');
}

export const governanceRoutes: ModuleRoutes<PartnershipGovernanceDependencies> = {
  prefix: '/partnerships/:partnershipId',
  plugin(app, { pages, deps: { governance, accounts, noticesOf } }, done) {
    registerPartnershipRecords(app, pages, governance, accounts, noticesOf);
    registerGroupPages(app, pages, governance);
    registerAccountLinkPages(app, pages, { governance, accounts });
    done();
  },
};

function registerPartnershipRecords(
  app: FastifyInstance,
  pages: PageRenderer,
  governance: GovernanceService,
  accounts: PeopleAccounts,
  noticesOf: NoticesOf,
): void {
  /** The choices for a partnership's forms: a person whose organisation has since been archived keeps it when edited. */
  const partnershipOptions = async (partnershipId: string | null, values: TypedValues) => {
    const [organisations, people, groups] = await Promise.all([
      governance.organisations.list(partnershipId, everything),
      governance.people.list(partnershipId, everything),
      governance.groups.list(partnershipId, everything),
    ]);
    const personText = (p: (typeof people)[number]) => (p.organisationName ? `${p.name} (${p.organisationName})` : p.name);
    return {
      organisationId: choices(organisations, values, 'organisationId'),
      personId: choices(people, values, 'personId', personText),
      substitutePersonId: choices(people, values, 'substitutePersonId', personText),
      groupId: choices(groups, values, 'groupId'),
      parentId: choices(groups, values, 'parentId'),
    };
  };
  /** A group or person chosen on the page the user came from. */
  const choicesFromQuery = (request: FastifyRequest): TypedValues => {
    const { groupId, personId } = chosenQuery.parse(request.query);
    return { ...(groupId ? { groupId } : {}), ...(personId ? { personId } : {}) };
  };

  registerRecordPages(app, pages, {
    basePath: '/organisations',
    noun: 'organisation',
    pluralTitle: 'Organisations',
    ...manage,
    service: governance.organisations,
    fields: organisationFields,
    schema: organisationSchema,
    titleOf: (o) => o.name,
    intro:
      'The council, police, fire, probation and health bodies (the Responsible Authorities), and the community, voluntary and business organisations that take part.',
    columns: [
      { heading: 'Organisation', cell: (o) => o.name },
      { heading: 'Sector', cell: (o) => nameOf(sectorNames, o.sector) },
      { heading: 'Responsible Authority', cell: (o) => yesNo(o.responsibleAuthority) },
    ],
    summary: (o) => [
      { key: 'Sector', value: nameOf(sectorNames, o.sector) },
      { key: 'Responsible Authority', value: yesNo(o.responsibleAuthority) },
    ],
    async sections(_partnershipId, organisation) {
      const memberships = await governance.currentMemberships(organisation.partnershipId, { organisationId: organisation.id });
      return [
        {
          title: 'Representatives',
          head: ['Person', 'Group', 'Role'],
          rows: memberships.map((m) => ({
            href: `/partnerships/${m.partnershipId}/memberships/${m.id}`,
            cells: [m.personName, m.groupName, nameOf(membershipRoleNames, m.role)],
          })),
          emptyText: 'Nobody represents this organisation on a group at the moment.',
        },
      ];
    },
    crumbs: partnershipCrumbs,
  });

  registerRecordPages(app, pages, {
    basePath: '/people',
    noun: 'person',
    pluralTitle: 'People',
    ...manage,
    service: governance.people,
    fields: personFields,
    schema: personSchema,
    titleOf: (p) => p.name,
    columns: [
      { heading: 'Name', cell: (p) => p.name },
      { heading: 'Organisation', cell: (p) => p.organisationName ?? '' },
      { heading: 'Job title', cell: (p) => p.jobTitle ?? '' },
    ],
    summary: (p) => [
      { key: 'Organisation', value: p.organisationName ?? 'Not recorded' },
      { key: 'Job title', value: p.jobTitle ?? 'Not recorded' },
      { key: 'Email address', value: p.email ?? 'Not recorded' },
    ],
    async sections(_partnershipId, person, request) {
      const base = `/partnerships/${person.partnershipId}`;
      const [memberships, interests, notices, account] = await Promise.all([
        governance.listMemberships(person.partnershipId, { personId: person.id, includeArchived: false }),
        governance.listInterests(person.partnershipId, { personId: person.id }),
        noticesOf(person.partnershipId, person.id, person.name),
        accountSection(request, accounts, person),
      ]);
      return [
        ...account,
        {
          title: 'Memberships',
          head: ['Group', 'Representing', 'Role', 'From', 'Until'],
          rows: memberships.map((m) => ({
            href: `${base}/memberships/${m.id}`,
            cells: [
              m.groupName,
              m.organisationName,
              nameOf(membershipRoleNames, m.role),
              formatDate(m.startDate),
              formatDate(m.endDate) || 'Continuing',
            ],
          })),
          emptyText: 'Not a member of any group.',
          addLink: { text: 'Add a membership', href: `${base}/memberships/new?personId=${person.id}` },
        },
        {
          title: 'Register of interests',
          head: ['Interest', 'Kind', 'Declared', 'Ended'],
          rows: interests.map((i) => ({
            href: `${base}/interests/${i.id}`,
            cells: [i.description, nameOf(interestCategoryNames, i.category), formatDate(i.declaredOn), formatDate(i.endedOn)],
          })),
          emptyText: 'No interests declared.',
          addLink: { text: 'Record a declared interest', href: `${base}/interests/new?personId=${person.id}` },
        },
        noticesSection(notices),
        ...everythingHeldSection(request, person),
      ];
    },
    options: partnershipOptions,
    crumbs: partnershipCrumbs,
  });

  registerRecordPages(app, pages, {
    basePath: '/groups',
    noun: 'group',
    pluralTitle: 'Groups',
    ...manage,
    service: governance.groups,
    fields: groupFields,
    schema: groupSchema,
    titleOf: (g) => g.name,
    intro: 'The board and its sub-groups.',
    columns: [
      { heading: 'Group', cell: (g) => g.name },
      { heading: 'Reports to', cell: (g) => g.parentName ?? '' },
    ],
    options: partnershipOptions,
    crumbs: partnershipCrumbs,
    customView: true,
  });

  registerRecordPages(app, pages, {
    basePath: '/memberships',
    noun: 'membership',
    pluralTitle: 'Memberships',
    ...manage,
    service: governance.memberships,
    fields: membershipFields,
    schema: membershipSchema,
    titleOf: (m) => `${m.personName}, ${m.groupName}`,
    columns: [
      { heading: 'Member', cell: (m) => m.personName },
      { heading: 'Group', cell: (m) => m.groupName },
      { heading: 'Representing', cell: (m) => m.organisationName },
      { heading: 'Role', cell: (m) => nameOf(membershipRoleNames, m.role) },
    ],
    summary: (m) => [
      { key: 'Group', value: m.groupName, href: `/partnerships/${m.partnershipId}/groups/${m.groupId}` },
      { key: 'Person', value: m.personName, href: `/partnerships/${m.partnershipId}/people/${m.personId}` },
      { key: 'Representing', value: m.organisationName },
      { key: 'Role', value: nameOf(membershipRoleNames, m.role) },
      { key: 'Voting', value: yesNo(m.voting) },
      { key: 'Core or link member', value: m.core ? 'Core member' : 'Link member' },
      { key: 'Start date', value: formatDate(m.startDate) },
      { key: 'End date', value: formatDate(m.endDate) || 'Continuing' },
      { key: 'Named substitute', value: m.substituteName ?? 'None' },
    ],
    options: partnershipOptions,
    formValues: (m) => ({ ...m, core: m.core ? 'core' : 'link' }),
    defaults: (request) => ({ ...choicesFromQuery(request), voting: 'yes', core: 'core', role: 'member' }),
    crumbs: partnershipCrumbs,
  });

  registerRecordPages(app, pages, {
    basePath: '/interests',
    noun: 'interest',
    pluralTitle: 'Register of interests',
    ...manage,
    service: governance.interests,
    fields: interestFields,
    schema: interestSchema,
    titleOf: (i) => `${i.personName}: ${i.description}`,
    defaults: choicesFromQuery,
    intro: 'What each member has declared. Declarations made at a meeting refer to this register.',
    columns: [
      { heading: 'Member and interest', cell: (i) => `${i.personName}: ${i.description}` },
      { heading: 'Kind', cell: (i) => nameOf(interestCategoryNames, i.category) },
      { heading: 'Declared', cell: (i) => formatDate(i.declaredOn) },
      { heading: 'Ended', cell: (i) => formatDate(i.endedOn) },
      { heading: 'Reviewed', cell: reviewOf },
    ],
    summary: (i) => [
      { key: 'Person', value: i.personName, href: `/partnerships/${i.partnershipId}/people/${i.personId}` },
      { key: 'Kind', value: nameOf(interestCategoryNames, i.category) },
      { key: 'Interest', value: i.description },
      { key: 'Declared', value: formatDate(i.declaredOn) },
      { key: 'Ended', value: formatDate(i.endedOn) || 'Continuing' },
      { key: 'Reviewed', value: reviewOf(i) || 'Not yet reviewed' },
    ],
    options: partnershipOptions,
    crumbs: partnershipCrumbs,
  });

  registerRecordPages(app, pages, {
    basePath: '/chair-appointments',
    noun: 'appointment',
    pluralTitle: 'Chair and vice-chair appointments',
    ...manage,
    service: governance.chairAppointments,
    fields: chairAppointmentFields,
    schema: chairAppointmentSchema,
    titleOf: (a) =>
      `${a.personName}, ${nameOf(appointmentRoleNames, a.role).toLowerCase()} of ${a.groupName} ${a.yearStarting} to ${a.yearStarting + 1}`,
    intro:
      'The chair and vice-chair are elected each year. The record says when and by whom. For the year of office (1 April to 31 March), ' +
      'the appointment makes the account linked to the person (on their page) a chair here, who signs minutes and releases funding.',
    columns: [
      { heading: 'Appointment', cell: (a) => `${a.personName}, ${nameOf(appointmentRoleNames, a.role).toLowerCase()} of ${a.groupName}` },
      { heading: 'Year', cell: (a) => `${a.yearStarting} to ${a.yearStarting + 1}` },
      { heading: 'Appointed', cell: (a) => formatDate(a.appointedOn) },
      { heading: 'By', cell: (a) => a.appointedBy },
    ],
    summary: (a) => [
      { key: 'Group', value: a.groupName, href: `/partnerships/${a.partnershipId}/groups/${a.groupId}` },
      { key: 'Person', value: a.personName },
      { key: 'Appointed as', value: nameOf(appointmentRoleNames, a.role) },
      { key: 'Year of office', value: `${a.yearStarting} to ${a.yearStarting + 1}` },
      { key: 'Date appointed', value: formatDate(a.appointedOn) },
      { key: 'Appointed by', value: a.appointedBy },
    ],
    options: partnershipOptions,
    defaults: choicesFromQuery,
    crumbs: partnershipCrumbs,
  });
}

function registerGroupPages(instance: FastifyInstance, pages: PageRenderer, governance: GovernanceService): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const view = { config: { access: 'partnership:view' as const } };
  const edit = { config: { access: 'partnership:manage' as const } };

  // How the groups report to each other (the partnership's own page is its overview, in the overview module).
  app.get('/structure', { ...view, schema: { params: partnershipParams } }, async (request, reply) => {
    const { partnershipId } = request.params;
    const [partnership, structure] = await Promise.all([
      governance.partnerships.get(null, partnershipId),
      governance.structure(partnershipId),
    ]);
    return pages.render(request, reply, 'governance/views/structure.njk', {
      title: `Structure of ${partnership.name}`,
      record: partnership,
      structure: flattenStructure(structure),
      diagram: layoutDiagram(structure),
      canManage: isAllowed(request.principal, 'partnership:manage', request.partnership),
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  async function loadGroup({ partnershipId, id }: z.output<typeof recordParams>) {
    const [group, terms] = await Promise.all([governance.groups.get(partnershipId, id), governance.termsOf(partnershipId, id)]);
    return { group, ...terms, latest: terms.history[0] ?? null };
  }

  app.get('/groups/:id', { ...view, schema: { params: recordParams } }, async (request, reply) => {
    const { partnershipId, id } = request.params;
    const { group, inForce: terms, upcoming } = await loadGroup(request.params);
    const [memberships, appointments, allGroups] = await Promise.all([
      governance.listMemberships(partnershipId, { groupId: id }),
      governance.listChairAppointments(partnershipId, { groupId: id }),
      governance.groups.list(partnershipId),
    ]);
    const current = await governance.currentMemberships(partnershipId, { groupId: id });
    const quorum = terms
      ? await governance.checkQuorum(
          partnershipId,
          id,
          current.map((m) => m.id),
        )
      : null;
    return pages.render(request, reply, 'governance/views/group.njk', {
      title: group.name,
      group,
      terms,
      upcoming,
      termsSummary: terms ? termsSummary(terms, group.parentName) : [],
      quorumRule: terms ? describeQuorumRule(terms.quorumRule) : null,
      quorumWithEveryone: quorum,
      members: current,
      pastMembers: memberships.length - current.length,
      memberRows: membershipRows(current),
      membershipHeadings,
      appointments,
      subGroups: allGroups.filter((g) => g.parentId === id),
      roleNames: membershipRoleNames,
      appointmentRoleNames,
      canManage: isAllowed(request.principal, 'partnership:manage', request.partnership),
      breadcrumbs: [...partnershipCrumbs(request), { text: 'Groups', href: `/partnerships/${partnershipId}/groups` }],
    });
  });

  app.get('/groups/:id/members.csv', { ...view, schema: { params: recordParams } }, async (request, reply) => {
    const { partnershipId, id } = request.params;
    const group = await governance.groups.get(partnershipId, id);
    const memberships = await governance.currentMemberships(partnershipId, { groupId: id });
    return sendCsv(reply, `${group.name} members`, [membershipHeadings, ...membershipRows(memberships)]);
  });

  app.get('/groups/:id/quorum', { ...view, schema: { params: recordParams, querystring: quorumQuery } }, async (request, reply) => {
    const { partnershipId, id } = request.params;
    const { group, inForce: terms } = await loadGroup(request.params);
    const members = await governance.currentMemberships(partnershipId, { groupId: id });
    const { present, checked } = request.query;
    const assessment = checked ? await governance.checkQuorum(partnershipId, id, present) : null;
    return pages.render(request, reply, 'governance/views/quorum.njk', {
      title: `Check quorum: ${group.name}`,
      group,
      rule: terms ? describeQuorumRule(terms.quorumRule) : null,
      members,
      present,
      assessment,
      roleNames: membershipRoleNames,
      breadcrumbs: [...partnershipCrumbs(request), { text: group.name, href: `/partnerships/${partnershipId}/groups/${id}` }],
    });
  });

  app.get('/groups/:id/terms', { ...view, schema: { params: recordParams } }, async (request, reply) => {
    const { group, history, inForce } = await loadGroup(request.params);
    return pages.render(request, reply, 'governance/views/terms-history.njk', {
      title: `Terms of reference: ${group.name}`,
      group,
      history,
      inForceVersion: inForce?.versionNumber ?? null,
      breadcrumbs: [...partnershipCrumbs(request), { text: group.name, href: `/partnerships/${group.partnershipId}/groups/${group.id}` }],
    });
  });

  app.get('/groups/:id/terms/:version', { ...view, schema: { params: termsVersionParams } }, async (request, reply) => {
    const { group, history, inForce } = await loadGroup(request.params);
    const terms = history.find((t) => String(t.versionNumber) === request.params.version);
    if (!terms) return reply.callNotFound();
    const groupHref = `/partnerships/${group.partnershipId}/groups/${group.id}`;
    return pages.render(request, reply, 'governance/views/terms-version.njk', {
      title: `Terms of reference: ${group.name}, version ${terms.versionNumber}`,
      group,
      terms,
      standing: terms === inForce ? 'in force' : terms.versionNumber > (inForce?.versionNumber ?? 0) ? 'upcoming' : 'replaced',
      summary: termsSummary(terms, group.parentName),
      breadcrumbs: [
        ...partnershipCrumbs(request),
        { text: group.name, href: groupHref },
        { text: 'Terms of reference', href: `${groupHref}/terms` },
      ],
    });
  });

  const renderTermsForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    params: z.output<typeof recordParams>,
    state: { values: TypedValues; errors: FormErrors | null; basedOn?: number },
  ) => {
    const { group, latest: terms } = await loadGroup(params);
    if (state.errors) reply.code(400);
    return pages.render(request, reply, 'governance/views/terms-form.njk', {
      title: terms ? `Review terms of reference: ${group.name}` : `Add terms of reference: ${group.name}`,
      group,
      terms,
      // The version this review starts from, so a review saved meanwhile by someone else is not lost.
      basedOn: state.basedOn ?? terms?.versionNumber ?? 0,
      fields: termsFields,
      values: state.values,
      errors: state.errors,
      options: {},
      breadcrumbs: [...partnershipCrumbs(request), { text: group.name, href: `/partnerships/${group.partnershipId}/groups/${group.id}` }],
    });
  };

  app.get('/groups/:id/terms/new', { ...edit, schema: { params: recordParams } }, async (request, reply) => {
    const { latest: terms } = await loadGroup(request.params);
    const defaults = { papersNoticeUnit: 'working', quorumKind: 'fraction', numerator: '1', denominator: '3', voteMajority: 'votes_cast' };
    return renderTermsForm(request, reply, request.params, { values: terms ? termsValues(terms) : defaults, errors: null });
  });

  app.post('/groups/:id/terms', { ...edit, schema: { params: recordParams, body: formBody } }, async (request, reply) => {
    const basedOn = Number(single(request.body.basedOn) ?? 0);
    const result = readForm(termsSchema, termsFields, request.body);
    if (!result.ok) return renderTermsForm(request, reply, request.params, { values: result.typed, errors: result.errors, basedOn });
    const { partnershipId, id } = request.params;
    const saved = await attempt(() => governance.reviseTerms(principalOf(request), partnershipId, id, result.value, basedOn));
    if (!saved.ok) {
      // After a conflict the review is based on the version now saved, once the user has looked at it.
      const byField = saved.version === null ? saved.byField : { form: termsConflict(saved.version) };
      return renderTermsForm(request, reply, request.params, {
        values: typedValues(termsFields, request.body),
        errors: errorsFor(termsFields, byField),
        basedOn: saved.version ?? basedOn,
      });
    }
    request.session.flash = `Terms of reference saved as version ${saved.value}`;
    return reply.redirect(`/partnerships/${partnershipId}/groups/${id}`);
  });
}

/** Each form's fields (how it looks) and schema (the check and the type). */
import { z } from 'zod';
import { type Field, optionsOf } from '../../web/forms.ts';
import type {
  AppointmentRole,
  Cadence,
  InterestCategory,
  MembershipRole,
  OrganisationSector,
  OversightKind,
  VoteMajority,
} from '../../db/schema.ts';
import {
  choice,
  optionalDate,
  optionalText,
  optionalWholeNumber,
  requiredDate,
  requiredText,
  wholeNumber,
  yesNo,
} from '../../platform/inputs.ts';

function keysOf<T extends string>(labels: Record<T, string>): [T, ...T[]] {
  return Object.keys(labels) as [T, ...T[]];
}

export const sectorNames: Record<OrganisationSector, string> = {
  statutory: 'Statutory',
  community_voluntary: 'Community and voluntary',
  business: 'Business',
  other: 'Other',
};
export type Sector = OrganisationSector;

export type { Cadence, MembershipRole, VoteMajority };

export const cadenceNames: Record<Cadence, string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  six_weekly: 'Every six weeks',
  bi_monthly: 'Bi-monthly (every two months)',
  quarterly: 'Quarterly',
  six_monthly: 'Every six months',
  annually: 'Annually',
};

export const membershipRoleNames: Record<MembershipRole, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  secretary: 'Secretary',
  adviser: 'Adviser',
};

export const interestCategoryNames: Record<InterestCategory, string> = {
  employment: 'Employment, office or business',
  financial: 'Financial interest',
  membership: 'Membership of another body',
  gifts: 'Gifts or hospitality',
  other: 'Other',
};

export const oversightKindNames: Record<OversightKind, string> = {
  pcc: 'Police and Crime Commissioner',
  police_authority: 'Police Authority',
};

export const appointmentRoleNames: Record<AppointmentRole, string> = { chair: 'Chair', vice_chair: 'Vice-chair' };

export const areaFields: Field[] = [
  { name: 'name', label: 'Area name', kind: 'text', hint: 'The police force area, for example West Midlands' },
  { name: 'forceName', label: 'Police force', kind: 'text' },
  { name: 'oversightBody', label: 'Oversight body', kind: 'text', hint: 'For example West Midlands Police and Crime Commissioner' },
  { name: 'oversightKind', label: 'Kind of oversight body', kind: 'radios', options: optionsOf(oversightKindNames) },
];
export const areaSchema = z.object({
  name: requiredText('Enter the area name', 200, 'Area name'),
  forceName: requiredText('Enter the police force', 200, 'Police force'),
  oversightBody: requiredText('Enter the oversight body', 200, 'Oversight body'),
  oversightKind: choice(keysOf(oversightKindNames), 'Select the kind of oversight body'),
});
export type AreaInput = z.output<typeof areaSchema>;

export const partnershipFields: Field[] = [
  { name: 'areaId', label: 'Area', kind: 'select' },
  { name: 'name', label: 'Partnership name', kind: 'text', hint: 'For example Coventry Community Safety Partnership' },
  {
    name: 'shortName',
    label: 'Short name',
    kind: 'text',
    hint: 'Shown in the partnership switcher, for example Coventry',
    width: 'govuk-input--width-20',
  },
  { name: 'localAuthority', label: 'Local authority', kind: 'text' },
  {
    name: 'population',
    label: 'Population (optional)',
    kind: 'integer',
    hint: 'Used to work out rates per 1,000 people',
    width: 'govuk-input--width-10',
  },
];
export const partnershipSchema = z.object({
  areaId: requiredText('Select the area'),
  name: requiredText('Enter the partnership name', 200, 'Partnership name'),
  shortName: requiredText('Enter a short name', 60, 'Short name'),
  localAuthority: requiredText('Enter the local authority', 200, 'Local authority'),
  population: optionalWholeNumber('Population', 1, 20_000_000),
});
export type PartnershipInput = z.output<typeof partnershipSchema>;

export const organisationFields: Field[] = [
  { name: 'name', label: 'Organisation name', kind: 'text' },
  {
    name: 'sector',
    label: 'Sector',
    kind: 'radios',
    options: optionsOf(sectorNames),
    hint: 'Where a quorum needs community or voluntary representatives, members from every sector but statutory count towards it',
  },
  {
    name: 'responsibleAuthority',
    label: 'Is it a Responsible Authority?',
    kind: 'yesNo',
    hint: 'The statutory partners under the Crime and Disorder Act 1998: council, police, fire and rescue, probation and health',
  },
];
export const organisationSchema = z.object({
  name: requiredText('Enter the organisation name', 200, 'Organisation name'),
  sector: choice(keysOf(sectorNames), 'Select the sector'),
  responsibleAuthority: yesNo('Select yes if the organisation is a Responsible Authority'),
});
export type OrganisationInput = z.output<typeof organisationSchema>;

export const personFields: Field[] = [
  { name: 'name', label: 'Full name', kind: 'text', autocomplete: 'off' },
  { name: 'jobTitle', label: 'Job title (optional)', kind: 'text' },
  { name: 'organisationId', label: 'Organisation (optional)', kind: 'select', emptyText: 'Not recorded', hint: 'Where the person works' },
  { name: 'email', label: 'Email address (optional)', kind: 'email', hint: 'Used to send papers and reminders', autocomplete: 'off' },
];
export const personSchema = z.object({
  name: requiredText('Enter the full name', 200, 'Full name'),
  jobTitle: optionalText(200, 'Job title'),
  organisationId: optionalText(),
  email: z
    .email({ error: 'Enter an email address in the correct format, like name@example.com' })
    .optional()
    .transform((value) => value ?? null),
});
export type PersonInput = z.output<typeof personSchema>;

export const groupFields: Field[] = [
  { name: 'name', label: 'Group name', kind: 'text', hint: 'For example City Tasking Group' },
  {
    name: 'parentId',
    label: 'Reports to',
    kind: 'select',
    emptyText: 'Nobody: this is the board',
    hint: 'Choose "Nobody" only for the board at the top of the partnership',
  },
];
export const groupSchema = z.object({
  name: requiredText('Enter the group name', 200, 'Group name'),
  parentId: optionalText(),
});
export type GroupInput = z.output<typeof groupSchema>;

export const membershipFields: Field[] = [
  { name: 'groupId', label: 'Group', kind: 'select' },
  { name: 'personId', label: 'Person', kind: 'select' },
  { name: 'organisationId', label: 'Representing', kind: 'select', hint: 'The organisation the person represents on this group' },
  { name: 'role', label: 'Role', kind: 'radios', options: optionsOf(membershipRoleNames) },
  {
    name: 'voting',
    label: 'Voting member?',
    kind: 'yesNo',
    hint: 'Specialists invited to aid discussion usually attend in a non-voting capacity',
  },
  {
    name: 'core',
    label: 'Kind of member',
    kind: 'radios',
    options: [
      { value: 'core', text: 'Core member', hint: 'Present for every meeting' },
      { value: 'link', text: 'Link member', hint: 'Invited as appropriate for their input or expertise' },
    ],
  },
  { name: 'startDate', label: 'Start date', kind: 'date', hint: 'For example, 1 4 2016' },
  { name: 'endDate', label: 'End date (optional)', kind: 'date', hint: 'Leave empty while the membership continues' },
  { name: 'substitutePersonId', label: 'Named substitute (optional)', kind: 'select', emptyText: 'No named substitute' },
];
export const membershipSchema = z
  .object({
    groupId: requiredText('Select the group'),
    personId: requiredText('Select the person'),
    organisationId: requiredText('Select the organisation the person represents'),
    role: choice(keysOf(membershipRoleNames), 'Select the role'),
    voting: yesNo('Select yes if the person is a voting member'),
    core: choice(['core', 'link'], 'Select core or link member').transform((value) => value === 'core'),
    startDate: requiredDate('start date'),
    endDate: optionalDate('end date'),
    substitutePersonId: optionalText(),
  })
  .refine((m) => !m.endDate || m.endDate >= m.startDate, {
    path: ['endDate'],
    message: 'The end date must be the same as or after the start date',
  })
  .refine((m) => m.substitutePersonId !== m.personId, {
    path: ['substitutePersonId'],
    message: 'The substitute must be a different person',
  });
export type MembershipInput = z.output<typeof membershipSchema>;

export const interestFields: Field[] = [
  { name: 'personId', label: 'Person', kind: 'select' },
  { name: 'category', label: 'Kind of interest', kind: 'radios', options: optionsOf(interestCategoryNames) },
  {
    name: 'description',
    label: 'Interest',
    kind: 'textarea',
    hint: 'What the interest is, for example "Trustee of Coventry Haven"',
    rows: 3,
  },
  { name: 'declaredOn', label: 'Date declared', kind: 'date' },
  { name: 'endedOn', label: 'Date the interest ended (optional)', kind: 'date' },
];
export const interestSchema = z
  .object({
    personId: requiredText('Select the person'),
    category: choice(keysOf(interestCategoryNames), 'Select the kind of interest'),
    description: requiredText('Describe the interest', 1000, 'Interest'),
    declaredOn: requiredDate('date declared'),
    endedOn: optionalDate('date the interest ended'),
  })
  .refine((i) => !i.endedOn || i.endedOn >= i.declaredOn, {
    path: ['endedOn'],
    message: 'The date the interest ended must be the same as or after the date declared',
  });
export type InterestInput = z.output<typeof interestSchema>;

export const chairAppointmentFields: Field[] = [
  { name: 'groupId', label: 'Group', kind: 'select' },
  {
    name: 'role',
    label: 'Appointed as',
    kind: 'radios',
    options: optionsOf(appointmentRoleNames),
    hint: 'One chair a year, and the vice-chairs the terms of reference allow',
  },
  { name: 'personId', label: 'Person', kind: 'select', hint: 'A voting member of the group on the date appointed' },
  {
    name: 'yearStarting',
    label: 'Year of office starting',
    kind: 'integer',
    hint: 'For 2016 to 2017, enter 2016',
    width: 'govuk-input--width-4',
  },
  { name: 'appointedOn', label: 'Date appointed', kind: 'date' },
  { name: 'appointedBy', label: 'Appointed by', kind: 'text', hint: 'For example "Elected by Board members"' },
];
export const chairAppointmentSchema = z.object({
  groupId: requiredText('Select the group'),
  role: choice(keysOf(appointmentRoleNames), 'Select chair or vice-chair'),
  personId: requiredText('Select the person'),
  yearStarting: wholeNumber('Year of office starting', 1990, 2100),
  appointedOn: requiredDate('date appointed'),
  appointedBy: requiredText('Enter who made the appointment', 200, 'Appointed by'),
});
export type ChairAppointmentInput = z.output<typeof chairAppointmentSchema>;

const quorumKinds = {
  responsible_authorities_and_community: 'Every Responsible Authority, and a number of community or voluntary representatives',
  count: 'A number of voting members',
  fraction: 'A fraction of the voting members',
} as const;

/** The majority a vote needs. Where terms of reference say nothing, the usual rule: more for than against. */
export const voteMajorityNames: Record<VoteMajority, string> = {
  votes_cast: 'A simple majority of the votes cast (more for than against)',
  two_thirds_of_votes_cast: 'Two thirds of the votes cast',
  voting_members_present: 'More than half of the voting members present',
};

export const termsFields: Field[] = [
  { name: 'purpose', label: 'Purpose', kind: 'textarea', rows: 4, hint: 'Why the group exists' },
  { name: 'functions', label: 'Functions', kind: 'textarea', rows: 6, hint: 'One function on each line' },
  { name: 'keyOutcomes', label: 'Key outcomes (optional)', kind: 'textarea', rows: 4, hint: 'One outcome on each line' },
  {
    name: 'alsoReportsTo',
    label: 'Also reports to (optional)',
    kind: 'text',
    hint: 'Bodies outside the partnership, for example the Safeguarding Adults Board',
  },
  { name: 'cadence', label: 'How often the group meets', kind: 'select', options: optionsOf(cadenceNames) },
  { name: 'chairRole', label: 'Who chairs the group', kind: 'text', hint: 'The role, for example "Head of Probation Coventry"' },
  {
    name: 'viceChairs',
    label: 'Vice-chairs the group may appoint each year (optional)',
    kind: 'integer',
    width: 'govuk-input--width-3',
    hint: 'Leave blank for one. Enter 2 where the vice-chairs are joint, 0 where the group has none',
  },
  {
    name: 'papersNoticeDays',
    label: 'Notice for papers, in days (optional)',
    kind: 'integer',
    width: 'govuk-input--width-3',
    hint: 'How many days before a meeting the agenda and papers go out',
  },
  {
    name: 'papersNoticeUnit',
    label: 'Are those working days?',
    kind: 'radios',
    options: [
      { value: 'working', text: 'Working days', hint: 'Weekends and England and Wales bank holidays are not counted' },
      { value: 'calendar', text: 'Calendar days' },
    ],
  },
  {
    name: 'minutesCirculationDays',
    label: 'Minutes circulated within, in days (optional)',
    kind: 'integer',
    width: 'govuk-input--width-3',
  },
  {
    name: 'actionsCirculationWorkingDays',
    label: 'Actions circulated within, in working days (optional)',
    kind: 'integer',
    width: 'govuk-input--width-3',
    hint: 'For "by the next working day", enter 1',
  },
  {
    name: 'membershipSpecification',
    label: 'Membership',
    kind: 'textarea',
    rows: 6,
    hint: 'Which organisations and roles should be members, one on each line',
  },
  { name: 'quorumKind', label: 'Quorum rule', kind: 'radios', options: optionsOf(quorumKinds) },
  {
    name: 'communityMinimum',
    label: 'Community or voluntary representatives needed',
    kind: 'integer',
    width: 'govuk-input--width-3',
    showWhen: { field: 'quorumKind', values: ['responsible_authorities_and_community'] },
  },
  {
    name: 'minimum',
    label: 'Voting members needed',
    kind: 'integer',
    width: 'govuk-input--width-3',
    showWhen: { field: 'quorumKind', values: ['count'] },
  },
  {
    name: 'numerator',
    label: 'Fraction: top number',
    kind: 'integer',
    width: 'govuk-input--width-3',
    hint: 'For a third, enter 1 here and 3 below',
    showWhen: { field: 'quorumKind', values: ['fraction'] },
  },
  {
    name: 'denominator',
    label: 'Fraction: bottom number',
    kind: 'integer',
    width: 'govuk-input--width-3',
    showWhen: { field: 'quorumKind', values: ['fraction'] },
  },
  {
    name: 'voteMajority',
    label: 'Majority needed when a decision is put to a vote',
    kind: 'radios',
    hint: 'Only voting members present may vote',
    options: optionsOf(voteMajorityNames),
  },
  { name: 'effectiveFrom', label: 'These terms apply from', kind: 'date' },
];

const toLines = (value: string | null) =>
  (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
const lines = (message: string, label: string) => requiredText(message, 10_000, label).transform(toLines);

export const termsSchema = z
  .object({
    purpose: requiredText('Enter the purpose', 5000, 'Purpose'),
    functions: lines('Enter at least one function', 'Functions'),
    keyOutcomes: optionalText(10_000, 'Key outcomes').transform(toLines),
    alsoReportsTo: optionalText(500, 'Also reports to'),
    cadence: choice(keysOf(cadenceNames), 'Select how often the group meets'),
    chairRole: requiredText('Enter who chairs the group', 200, 'Who chairs the group'),
    // Optional for callers other than the form, as the vote's majority is: one where the terms say nothing.
    viceChairs: optionalWholeNumber('Vice-chairs', 0, 10).optional(),
    papersNoticeDays: optionalWholeNumber('Notice for papers', 0, 60),
    papersNoticeUnit: choice(['working', 'calendar'], 'Select working days or calendar days').default('working'),
    minutesCirculationDays: optionalWholeNumber('Minutes circulation', 0, 90),
    actionsCirculationWorkingDays: optionalWholeNumber('Actions circulation', 0, 30),
    membershipSpecification: requiredText('Enter who should be members', 10_000, 'Membership'),
    quorumKind: choice(keysOf(quorumKinds), 'Select the quorum rule'),
    communityMinimum: optionalWholeNumber('Community or voluntary representatives needed', 0, 100),
    minimum: optionalWholeNumber('Voting members needed', 1, 100),
    numerator: optionalWholeNumber('The top number', 1, 100),
    denominator: optionalWholeNumber('The bottom number', 1, 100),
    // Optional for callers other than the form (the form always sends one): the usual rule applies.
    voteMajority: choice(keysOf(voteMajorityNames), 'Select the majority a vote needs').optional(),
    effectiveFrom: requiredDate('date these terms apply from'),
  })
  .superRefine((terms, context) => {
    const need = (field: 'communityMinimum' | 'minimum' | 'numerator' | 'denominator', message: string) => {
      if (terms[field] === null) context.addIssue({ code: 'custom', path: [field], message });
    };
    if (terms.quorumKind === 'responsible_authorities_and_community') {
      need('communityMinimum', 'Enter how many community or voluntary representatives are needed');
    } else if (terms.quorumKind === 'count') {
      need('minimum', 'Enter how many voting members are needed');
    } else {
      need('numerator', 'Enter the top number of the fraction');
      need('denominator', 'Enter the bottom number of the fraction');
      if (terms.numerator !== null && terms.denominator !== null && terms.numerator > terms.denominator) {
        context.addIssue({ code: 'custom', path: ['numerator'], message: 'The fraction must be no more than 1 (all members)' });
      }
    }
  });
export type TermsInput = z.output<typeof termsSchema>;

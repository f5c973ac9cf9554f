/** How governance's forms look: the fields a page draws (the checks are in governance.inputs.ts). */
import { type Field, optionsOf } from '../../web/forms.ts';
import {
  sectorNames,
  cadenceNames,
  membershipRoleNames,
  interestCategoryNames,
  oversightKindNames,
  appointmentRoleNames,
  quorumKindNames,
  voteMajorityNames,
} from './governance.names.ts';

export const areaFields: Field[] = [
  { name: 'name', label: 'Area name', kind: 'text', hint: 'The police force area, for example West Midlands' },
  { name: 'forceName', label: 'Police force', kind: 'text' },
  { name: 'oversightBody', label: 'Oversight body', kind: 'text', hint: 'For example West Midlands Police and Crime Commissioner' },
  { name: 'oversightKind', label: 'Kind of oversight body', kind: 'radios', options: optionsOf(oversightKindNames) },
];

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

export const personFields: Field[] = [
  { name: 'name', label: 'Full name', kind: 'text', autocomplete: 'off' },
  { name: 'jobTitle', label: 'Job title (optional)', kind: 'text' },
  { name: 'organisationId', label: 'Organisation (optional)', kind: 'select', emptyText: 'Not recorded', hint: 'Where the person works' },
  { name: 'email', label: 'Email address (optional)', kind: 'email', hint: 'Used to send papers and reminders', autocomplete: 'off' },
];

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

export const membershipFields: Field[] = [
  { name: 'groupId', label: 'Group', kind: 'select' },
  { name: 'personId', label: 'Person', kind: 'select' },
  { name: 'organisationId', label: 'Representing', kind: 'select', hint: 'The organisation the person represents on this group' },
  {
    name: 'role',
    label: 'Role',
    kind: 'radios',
    options: optionsOf(membershipRoleNames),
    // The seat and the appointment are two records: only the appointment makes someone the chair who signs and releases.
    hint: 'The seat they hold on the group. To make someone the chair or vice-chair for a year, record their chair appointment as well.',
  },
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

/** A member's own declaration: the register's fields without the person and the dates. */
export const myInterestFields: Field[] = interestFields.filter((field) => field.name === 'category' || field.name === 'description');

export const interestEndFields: Field[] = [
  { name: 'endedOn', label: 'Date the interest ended', kind: 'date', hint: 'For example, 27 3 2026' },
];

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
  { name: 'quorumKind', label: 'Quorum rule', kind: 'radios', options: optionsOf(quorumKindNames) },
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

export const accountLinkFields: Field[] = [
  {
    name: 'email',
    label: 'Email address of their account',
    kind: 'email',
    hint: 'The address they sign in to Safer with',
    autocomplete: 'off',
  },
];

/** What governance's records take, whoever sends them (a form now, the JSON API later): no layout here. */
import { z } from 'zod';
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

function keysOf<T extends string>(labels: Record<T, string>): [T, ...T[]] {
  return Object.keys(labels) as [T, ...T[]];
}

export const areaSchema = z.object({
  name: requiredText('Enter the area name', 200, 'Area name'),
  forceName: requiredText('Enter the police force', 200, 'Police force'),
  oversightBody: requiredText('Enter the oversight body', 200, 'Oversight body'),
  oversightKind: choice(keysOf(oversightKindNames), 'Select the kind of oversight body'),
});

export type AreaInput = z.output<typeof areaSchema>;

export const partnershipSchema = z.object({
  areaId: requiredText('Select the area'),
  name: requiredText('Enter the partnership name', 200, 'Partnership name'),
  shortName: requiredText('Enter a short name', 60, 'Short name'),
  localAuthority: requiredText('Enter the local authority', 200, 'Local authority'),
  population: optionalWholeNumber('Population', 1, 20_000_000),
});

export type PartnershipInput = z.output<typeof partnershipSchema>;

export const organisationSchema = z.object({
  name: requiredText('Enter the organisation name', 200, 'Organisation name'),
  sector: choice(keysOf(sectorNames), 'Select the sector'),
  responsibleAuthority: yesNo('Select yes if the organisation is a Responsible Authority'),
});

export type OrganisationInput = z.output<typeof organisationSchema>;

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

export const groupSchema = z.object({
  name: requiredText('Enter the group name', 200, 'Group name'),
  parentId: optionalText(),
});

export type GroupInput = z.output<typeof groupSchema>;

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

/** What a member says of their own interest: the person is theirs, and the dates are the day they say it. */
export const myInterestSchema = z.object({
  category: choice(keysOf(interestCategoryNames), 'Select the kind of interest'),
  description: requiredText('Describe the interest', 1000, 'Interest'),
});

export type MyInterestInput = z.output<typeof myInterestSchema>;

export const interestEndSchema = z.object({ endedOn: requiredDate('date the interest ended') });

export const chairAppointmentSchema = z.object({
  groupId: requiredText('Select the group'),
  role: choice(keysOf(appointmentRoleNames), 'Select chair or vice-chair'),
  personId: requiredText('Select the person'),
  yearStarting: wholeNumber('Year of office starting', 1990, 2100),
  appointedOn: requiredDate('date appointed'),
  appointedBy: requiredText('Enter who made the appointment', 200, 'Appointed by'),
});

export type ChairAppointmentInput = z.output<typeof chairAppointmentSchema>;

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
    quorumKind: choice(keysOf(quorumKindNames), 'Select the quorum rule'),
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

/** The account a person is, named by its address: an officer finds an account, never browses them. */
export const accountLinkSchema = z.object({
  email: z.email({
    error: (issue) =>
      issue.input === undefined
        ? 'Enter the email address of their account'
        : 'Enter an email address in the correct format, like name@example.com',
  }),
});

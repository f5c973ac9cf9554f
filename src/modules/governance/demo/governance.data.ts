// Demo governance data for Safer, transcribed from real public documents.
//
// Sources:
//   - Coventry: briefing note to Scrutiny Co-ordination Committee, 13 July 2016
//     (shared/seeds/001): Appendix 1 (board terms of reference), Appendix 3
//     (current membership), Appendices 4–7 (sub-groups' terms of reference).
//   - Leicestershire: Leicestershire Police Authority, Consultation and
//     Communications Committee report "Crime and Disorder Reduction
//     Partnerships – Update", 1 October 2009 (shared/seeds/003).
//   - Plymouth: no source document; an illustrative partnership built from the
//     statutory responsible authorities only (no people are invented).
//
// Text marked "verbatim" is copied from the document, correcting only obvious
// typing errors (noted beside each). Anything not in a document is marked as a
// demo assumption.

import type { Cadence, MembershipRole, Sector } from '../governance.names.ts';
import type { QuorumRule } from '../quorum.ts';

export interface DemoOrganisation {
  key: string;
  name: string;
  responsibleAuthority: boolean;
  sector: Sector;
}
export interface DemoPerson {
  key: string;
  name: string;
  organisationKey: string;
  jobTitle: string | null;
}
export interface DemoTerms {
  purpose: string; // the purpose/aim/role/statement of intent paragraph(s), verbatim where the document has them
  functions: string[]; // one entry per bullet, verbatim (fix only obvious OCR typos like "guarter")
  keyOutcomes: string[]; // verbatim bullets
  alsoReportsTo: string | null; // reporting lines to bodies outside the partnership, e.g. "Coventry Safeguarding Adults Board"
  cadence: Cadence;
  chairRole: string; // e.g. "Head of Probation Coventry"; for the board "Elected annually by Board members"
  papersNoticeDays: number | null;
  papersNoticeUnit: 'working' | 'calendar'; // board: 5 working days; Prevent: 7 (calendar) days; City Tasking: tasking document 1 day prior
  minutesCirculationDays: number | null; // e.g. Prevent: within 7 days; null where the document is silent
  actionsCirculationWorkingDays: number | null; // City Tasking: "by the next working day" = 1
  membershipSpecification: string; // the document's membership text (the list of organisations/roles), as plain text with one line per entry
  viceChairs?: number; // how many a year the terms allow; one where the document is silent
  quorumRule: QuorumRule; // Coventry board: responsible_authorities_and_community, 6. Where the document is silent choose { kind: 'fraction', numerator: 1, denominator: 3 } and say so in a comment.
  effectiveFrom: string; // YYYY-MM-DD; Coventry documents: '2016-04-01' unless the text says otherwise (Harm Reduction membership says 2011-12: use '2011-04-01')
}
export interface DemoMembership {
  personKey: string;
  organisationKey: string;
  role: MembershipRole;
  voting: boolean;
  core: boolean;
  startDate: string;
  substitutePersonKey: string | null;
}
export interface DemoChairAppointment {
  personKey: string;
  role: 'chair' | 'vice_chair';
  yearStarting: number;
  appointedOn: string;
  appointedBy: string;
}
export interface DemoGroup {
  key: string;
  name: string;
  parentKey: string | null;
  terms: DemoTerms;
  memberships: DemoMembership[];
  chairAppointments: DemoChairAppointment[];
}
export interface DemoPartnership {
  key: string;
  name: string;
  shortName: string;
  localAuthority: string;
  population: number | null;
  organisations: DemoOrganisation[];
  people: DemoPerson[];
  groups: DemoGroup[];
}
export interface DemoArea {
  key: string;
  name: string;
  forceName: string;
  oversightBody: string;
  oversightKind: 'pcc' | 'police_authority';
  partnerships: DemoPartnership[];
}

// ---------------------------------------------------------------------------
// Helpers (private)
// ---------------------------------------------------------------------------

type OrgRow = readonly [key: string, name: string, sector: Sector, responsibleAuthority?: boolean];
type PersonRow = readonly [key: string, name: string, organisationKey: string, jobTitle?: string | null];

function organisations(rows: readonly OrgRow[]): DemoOrganisation[] {
  return rows.map(([key, name, sector, responsibleAuthority = false]) => ({
    key,
    name,
    responsibleAuthority,
    sector,
  }));
}

function people(rows: readonly PersonRow[]): DemoPerson[] {
  return rows.map(([key, name, organisationKey, jobTitle = null]) => ({
    key,
    name,
    organisationKey,
    jobTitle,
  }));
}

type MembershipOptions = Partial<Omit<DemoMembership, 'personKey' | 'organisationKey'>>;

/** Builds memberships whose organisation is the person's own; throws on an unknown person. */
function membershipBuilder(persons: readonly DemoPerson[], startDate: string) {
  return (personKey: string, options: MembershipOptions = {}): DemoMembership => {
    const person = persons.find((p) => p.key === personKey);
    if (!person) throw new Error(`Demo data: unknown person "${personKey}"`);
    return {
      personKey,
      organisationKey: person.organisationKey,
      role: 'member',
      voting: true,
      core: true,
      startDate,
      substitutePersonKey: null,
      ...options,
    };
  };
}

const lines = (...entries: string[]): string => entries.join('\n');

/** Used wherever the source document says nothing about quorum (demo default). */
const ONE_THIRD_QUORUM: QuorumRule = { kind: 'fraction', numerator: 1, denominator: 3 };

// What the public documents the demo is drawn from leave out, said in words a user reads as a fact, not a fault.
const NOT_STATED = 'Not named in the published documents';

// ---------------------------------------------------------------------------
// Populations: ONS mid-2019 LSOA population estimates, summed by 2022 LAD
// (shared/data/population/lsoa_population_mid2019_lsoa2011.csv, each 2011 LSOA
// counted once, mapped to its LAD by shared/data/geo/lsoa11_to_lsoa21_to_lad.csv).
// ---------------------------------------------------------------------------

const POPULATION_MID_2019 = {
  coventry: 371_521, // E08000026 Coventry (195 LSOAs)
  plymouth: 262_100, // E06000026 Plymouth (161 LSOAs)
  leicester: 354_224, // E06000016 Leicester (192 LSOAs)
  blaby: 101_526, // E07000129 Blaby (60 LSOAs)
  charnwood: 185_851, // E07000130 Charnwood (99 LSOAs)
  harborough: 93_807, // E07000131 Harborough (47 LSOAs)
  hinckleyAndBosworth: 113_136, // E07000132 Hinckley and Bosworth (66 LSOAs)
  melton: 51_209, // E07000133 Melton (30 LSOAs)
  northWestLeicestershire: 103_611, // E07000134 North West Leicestershire (58 LSOAs)
  oadbyAndWigston: 57_015, // E07000135 Oadby and Wigston (36 LSOAs)
  rutland: 39_927, // E06000017 Rutland (23 LSOAs)
} as const;

// ---------------------------------------------------------------------------
// West Midlands — Coventry (source 001, 2016)
// ---------------------------------------------------------------------------

const coventryOrganisations = organisations([
  // Responsible Authorities exactly as Appendix 1 lists them.
  ['coventry-city-council', 'Coventry City Council', 'statutory', true],
  ['west-midlands-police', 'West Midlands Police', 'statutory', true],
  // Appendix 1: "West Midlands Fire & Rescue Authority (RA)" / "West Midlands Fire & Rescue Service";
  // Appendix 3 and the sub-groups: "West Midlands Fire Service".
  ['west-midlands-fire-service', 'West Midlands Fire Service', 'statutory', true],
  // Appendix 1: "Staffordshire and West Midlands Probation Service (RA)" and "... Probation Trust";
  // Appendix 3: "Probation Service" and "Staffordshire & West Midlands Probation Trust"; Appendix 5:
  // "National Probation Service". One organisation here.
  ['probation', 'Staffordshire and West Midlands Probation Service', 'statutory', true],
  ['coventry-rugby-ccg', 'NHS Coventry & Rugby Clinical Commissioning Group', 'statutory', true],
  // Other public bodies (statutory, not Responsible Authorities under Appendix 1).
  // Appendix 3 reads "West Midlands Office Policing & Crime"; Appendix 1's seat is the
  // "Assistant Police & Crime Commissioner".
  ['opcc', 'West Midlands Office for Policing & Crime', 'statutory'],
  // Appendix 3: "University Hospital for Coventry & Warwickshire"; Appendix 4:
  // "University Coventry and Warwickshire Hospital NHS trust".
  ['uhcw', 'University Hospitals Coventry and Warwickshire NHS Trust', 'statutory'],
  ['magistrates-court', 'Coventry Magistrates Court', 'statutory'],
  // Appendix 3: "Coventry & Warwickshire Partnership Trust"; Appendix 4: "Coventry and Warwickshire
  // Partnership Trust (& Coventry Community Health Service)"; Appendix 6: "Coventry and Warwickshire
  // Mental Health Partnership Trust".
  ['cwpt', 'Coventry and Warwickshire Partnership Trust', 'statutory'],
  // Appendix 4 (2011-12) "NHS Coventry"; Appendix 5 "Coventry Teaching Primary Care Trust". The PCT
  // preceded the CCG; Appendix 1 (2016) does not list it as a Responsible Authority.
  ['nhs-coventry', 'NHS Coventry (Coventry Teaching Primary Care Trust)', 'statutory'],
  ['west-midlands-ambulance', 'West Midlands Ambulance Service', 'statutory'],
  ['noms', 'National Offender Management Service', 'statutory'],
  ['cps', 'Crown Prosecution Service', 'statutory'],
  // Community, voluntary and faith.
  ['citizens-advice', 'Coventry Citizens Advice', 'community_voluntary'],
  ['victim-support', 'Victim Support', 'community_voluntary'], // Appendix 3: "Victim Support Service"
  // Appendix 3: "Multi Faith Forum"; Appendix 1: "Multi – Faith Network".
  ['multi-faith-forum', 'Multi Faith Forum', 'community_voluntary'],
  ['community-empowerment-network', 'Community Empowerment Network', 'community_voluntary'],
  // Appendix 3: "CEMAP".
  ['cemap', 'Coventry Ethnic Minority Action Partnership', 'community_voluntary'],
  ['coventry-womens-voices', "Coventry Women's Voices", 'community_voluntary'],
  ['coventry-youth-council', 'Coventry Youth Council', 'community_voluntary'],
  ['voluntary-action-coventry', 'Voluntary Action Coventry', 'community_voluntary'],
  // Business. Appendix 3: "FSB – Federation of Small Businesses".
  ['fsb', 'Federation of Small Businesses', 'business'],
  ['chamber-of-commerce', 'Chamber of Commerce', 'business'], // Appendix 1 seat; nobody named in Appendix 3
  // Social housing. Appendix 1: "Whitefriars Housing (representing social landlords)"; Appendix 3:
  // "Whitefriars" / "Whitefrairs".
  ['whitefriars', 'Whitefriars Housing', 'other'],
  // Appendix 4 "Coventry Consortium of Registered Social Landlords"; Appendix 5 "Coventry Consortium of
  // Social Landlords".
  ['coventry-consortium-rsl', 'Coventry Consortium of Registered Social Landlords', 'other'],
]);

// Appendix 3 — Current Membership (name + organisation), in the document's order.
// Job titles only where the document gives one (after a dash in the organisation column).
const coventryBoardPeople: readonly PersonRow[] = [
  ['cllr-akhtar', 'Cllr Akhtar', 'coventry-city-council'],
  ['alethea-fuller', 'Alethea Fuller', 'opcc'],
  ['andrea-simmonds', 'Andrea Simmonds', 'west-midlands-fire-service'],
  ['andy-hardy', 'Andy Hardy', 'uhcw'],
  ['andy-wade', 'Andy Wade', 'probation'],
  ['ben-diamond', 'Ben Diamond', 'west-midlands-fire-service'],
  ['cllr-birdi', 'Cllr Birdi', 'coventry-city-council'],
  ['carmel-mccarthy', 'Carmel McCarthy', 'whitefriars'],
  ['caroline-leighton', 'Caroline Leighton', 'citizens-advice'],
  ['caroline-ward', 'Caroline Ward', 'citizens-advice'],
  ['cheryl-rosser', 'Cheryl Rosser', 'magistrates-court'],
  ['danny-long', 'Danny Long', 'west-midlands-police'],
  ['cllr-ruane', 'Cllr Ruane', 'coventry-city-council'],
  // Job title is a demo assumption (Coventry's Cabinet Member for Policing and Equalities in 2016).
  ['cllr-abbott', 'Cllr Abbott', 'coventry-city-council', 'Cabinet Member for Policing and Equalities'],
  ['cllr-sawdon', 'Cllr Sawdon', 'coventry-city-council'],
  ['darren-oshaughnessy', "Darren O'Shaughnessy", 'coventry-city-council', 'Communications Team'],
  ['david-eltringham', 'David Eltringham', 'uhcw'],
  ['cllr-duggins', 'Cllr Duggins', 'coventry-city-council'],
  ['emma-livesley', 'Emma Livesley', 'uhcw'],
  ['fran-collingham', 'Fran Collingham', 'coventry-city-council', 'Communications Team'],
  ['gurdeep-hanspaul', 'Gurdeep Hanspaul', 'victim-support'],
  ['harry-hill', 'Harry Hill', 'multi-faith-forum'],
  ['craig-hickin', 'Craig Hickin', 'coventry-city-council'],
  ['hasson-shigdar', 'Hasson Shigdar', 'west-midlands-police'],
  ['josie-spencer', 'Josie Spencer', 'cwpt'],
  ['juliet-hancox', 'Juliet Hancox', 'coventry-rugby-ccg'],
  ['june-jeffrey', 'June Jeffrey', 'community-empowerment-network'],
  ['cllr-khan', 'Cllr Khan', 'coventry-city-council'],
  ['kobina-hall', 'Kobina Hall', 'probation'],
  ['linsey-hunter', 'Linsey Hunter', 'fsb'],
  ['linsey-luke', 'Linsey Luke', 'fsb'],
  ['martin-reeves', 'Martin Reeves', 'coventry-city-council'],
  ['mary-ann-stephenson', 'Mary-Ann Stephenson', 'coventry-womens-voices'], // document: "Mary – Ann"
  ['jane-moore', 'Jane Moore', 'coventry-city-council'],
  ['oliver-lole', 'Oliver Lole', 'coventry-youth-council'],
  ['olivia-mcfadden', 'Olivia McFadden', 'coventry-youth-council'],
  ['pauline-white', 'Pauline White', 'whitefriars'],
  ['rob-allison', 'Rob Allison', 'voluntary-action-coventry'],
  ['ross-palmer', 'Ross Palmer', 'uhcw'],
  ['sean-cumming', 'Sean Cumming', 'coventry-youth-council'],
  ['sheila-bates', 'Sheila Bates', 'coventry-city-council', "Children's Champion"],
  ['steve-mills', 'Steve Mills', 'fsb'],
  ['geoff-thomas', 'Geoff Thomas', 'coventry-city-council', 'Prevent Coordinator'],
  ['viv-brosnahan', 'Viv Brosnahan', 'cemap'],
];

// Appendix 4 — Harm Reduction and Vulnerable Victims Forum named members (2011-12). Job titles are the
// team/service the document gives after the name.
const coventryForumPeople: readonly PersonRow[] = [
  ['alison-quigley', 'Alison Quigley', 'coventry-city-council', 'Community Safety Team'],
  ['nic-mansell', 'Nic Mansell', 'west-midlands-police', 'Local Police Unit'],
  ['jarina-rashid-porter', 'Jarina Rashid-Porter', 'nhs-coventry'],
  ['kam-sidhu', 'Kam Sidhu', 'coventry-consortium-rsl'],
  ['sue-whitmore', 'Sue Whitmore', 'coventry-city-council', 'Children Learning and Young People'],
  ['kelly-bielby', 'Kelly Bielby', 'west-midlands-ambulance'],
  ['margaret-greer', 'Margaret Greer', 'uhcw'],
  ['jon-hanley', 'Jon Hanley', 'cwpt'],
  ['penny-greenaway', 'Penny Greenaway', 'cwpt'],
  ['louise-thomas', 'Louise Thomas', 'coventry-city-council', 'Local Education Authority'],
  ['lee-millar', 'Lee Millar', 'coventry-city-council', 'Public Health Enforcement Team'],
  ['winston-muhammad', 'Winston Muhammad', 'noms'],
  // Youth Offending Service is a City Council service in Coventry (Appendix 8: "CCC YOS").
  ['pat-duignan', 'Pat Duignan', 'coventry-city-council', 'Youth Offending Service'],
  ['lisa-windridge', 'Lisa Windridge', 'cps'],
  ['gurmit-shoker', 'Gurmit Shoker', 'victim-support'],
];

const coventryPeople = people([...coventryBoardPeople, ...coventryForumPeople]);

const COVENTRY_FROM = '2016-04-01';
const coventryMember = membershipBuilder(coventryPeople, COVENTRY_FROM);

// Board roles that differ from voting 'member'. Chair and vice-chair are DEMO ASSUMPTIONS: Appendix 3
// names nobody as chair; Appendix 1 says both are elected annually by Board members.
const coventryBoardRoleOverrides: Readonly<Record<string, MembershipOptions>> = {
  'cllr-abbott': { role: 'chair' },
  'danny-long': { role: 'vice_chair' },
  // Officers attending in support of the Board rather than representing an organisation.
  'darren-oshaughnessy': { role: 'adviser', voting: false },
  'fran-collingham': { role: 'adviser', voting: false },
  'geoff-thomas': { role: 'adviser', voting: false },
};

const coventryBoard: DemoGroup = {
  key: 'board',
  name: 'Coventry Police, Crime and Community Safety Partnership Board',
  parentKey: null,
  terms: {
    // Appendix 1, "Function" and "Aim", verbatim.
    purpose: lines(
      'The Coventry Local Police, Crime & Community Safety Partnership Board (CLPCCSPB) provides the governance for the work of the statutory Community Safety Partnership for Coventry. It is responsible for ensuring compliance with the statutory duties and responsibilities set out in relevant legislation including the Crime & Disorder Act 1998, the Police & Justice Act 2006, Policing & Crime Act 2009 and the Health and Social Care Act 2012.',
      '',
      'Aim: To reduce and prevent crime, disorder and Anti-Social Behaviour and to work across partnerships to deal with the causes of crime including mental health, substance misuse and chaotic lifestyles',
    ),
    // Appendix 1, "Role & Responsibilities", verbatim. The document's third bullet runs on into
    // "Receive regular reports ..." on a new line without a bullet mark; taken as a separate bullet.
    functions: [
      'Oversee the production of the annual Strategic Assessment. Leading on the process, agreeing strategic priorities, objectives and targets (reviewed annually). Ensure delivery plans are developed to support the strategic objectives.',
      'To agree the annual spending plan, ensuring that spending is in line with local priorities and targets. Commissioning services as necessary and receiving quarterly financial reports updating on spends.',
      'Undertake a performance management function, connecting the performance of strategic and operational groups and holding them to account against their agreed action plans.',
      'Receive regular reports from sub-groups for information, approval or as part of performance monitoring arrangements. Reviewing quarterly performance reports against annual targets.',
      "To work with other partnerships including Health and Wellbeing Board, Adult and Children's Safeguarding Boards and the Local Public Service Board to influence priorities and where appropriate change policy and practice. Promoting practice that supports communities to do more for themselves and to become more resilient.",
      'Produce the annual report of the board setting out the progress made and suggesting future developments. Formulating agendas, providing associated paperwork in advance of the meeting, ensuring all agreed actions from the previous board minutes are completed or accounted for.',
    ],
    keyOutcomes: [], // Appendix 1 has no outcomes section.
    alsoReportsTo: null,
    cadence: 'quarterly',
    chairRole: 'Elected annually by Board members',
    papersNoticeDays: 5,
    papersNoticeUnit: 'working',
    minutesCirculationDays: null, // minutes circulate with the papers and are agreed at the following meeting
    actionsCirculationWorkingDays: null,
    membershipSpecification: lines(
      'Responsible Authorities (RA):',
      'Coventry City Council (RA) including: Public Health, People Directorate, Cabinet Member',
      'West Midlands Police (RA)',
      'West Midlands Fire & Rescue Authority (RA)',
      'Staffordshire and West Midlands Probation Service (RA)',
      'Coventry & Rugby Clinical Commissioning Group (RA)',
      'Other Stakeholders:',
      'Communities/Special Interest Groups',
      'Voluntary Sector',
      'Social Housing',
      'Business',
      'Statutory (8):',
      'Coventry City Council (4)',
      'West Midlands Police (1)',
      'West Midlands Fire & Rescue Service (1)',
      'Staffordshire & West Midlands Probation Trust (1)',
      'Coventry & Rugby CCG (1)',
      'Community / Voluntary (11):',
      'Lead Cabinet Member for Community Safety (1)',
      'Assistant Police & Crime Commissioner (1)',
      'Community Empowerment Network (1)',
      'Multi-Faith Network (1)',
      'Coventry Ethnic Minority Action Partnership (1)',
      'Federation of Small Businesses (1)',
      'Chamber of Commerce (1)',
      'Voluntary Action Coventry (1)',
      'Other Voluntary Sector (1)',
      'Whitefriars Housing (representing social landlords) (1)',
      'Youth Council (1)',
    ),
    // "the attendance of all Responsible Authorities and 6 Community/Voluntary Representatives"
    quorumRule: { kind: 'responsible_authorities_and_community', communityMinimum: 6 },
    effectiveFrom: COVENTRY_FROM,
  },
  memberships: coventryBoardPeople.map(([key]) => coventryMember(key, coventryBoardRoleOverrides[key])),
  // DEMO ASSUMPTIONS, not from the document: 21 July 2016 is the Board meeting the briefing note
  // mentions; the document does not record any election.
  chairAppointments: [
    {
      personKey: 'cllr-abbott',
      role: 'chair',
      yearStarting: 2016,
      appointedOn: '2016-07-21',
      appointedBy: 'Elected by Board members',
    },
    {
      personKey: 'danny-long',
      role: 'vice_chair',
      yearStarting: 2016,
      appointedOn: '2016-07-21',
      appointedBy: 'Elected by Board members',
    },
  ],
};

const FORUM_FROM = '2011-04-01'; // Appendix 4: "Membership 2011-12"
const forumMember = membershipBuilder(coventryPeople, FORUM_FROM);

const coventryHarmReduction: DemoGroup = {
  key: 'harm-reduction',
  name: 'Coventry Harm Reduction and Vulnerable Victims Forum',
  parentKey: 'board',
  terms: {
    // Appendix 4, "Purpose", verbatim ("case mange" corrected to "case manage").
    purpose: lines(
      'On behalf of the Coventry Community Safety Partnership and Coventry Safeguarding Adults Board to effectively case manage and provide a multi agency response to vulnerable individuals and victims of hate crime, anti social behaviour and repeat callers to emergency services and partner agencies.',
      '',
      'The Forum definition of a vulnerable individual is:',
      '"An individual will be considered VULNERABLE if the conduct in question causes an adverse impact on their quality of life, including personal safety. Adverse impact includes the risk of harm; deterioration of their health, physical, mental and or emotional well being; or an inability to carry out normal day to day routine through fear and intimidation"',
      "Or If the conduct in question causes an adverse impact on their quality of life, including personal safety where this is not a temporary state due to intoxication.'",
      '',
      'Coventry Community Safety Partnership definition of hate crime is',
      '"A hate crime is any incident perceived by the victim or any other person to be motivated by prejudice against someone\'s sex, racial heritage, religion, disability or sexual orientation"',
    ),
    // Appendix 4, "Functions": the lead-in sentence, then one entry per top-level bullet; the
    // sub-bullets of "Making full use of ..." are kept inside that entry.
    functions: [
      'To co-ordinate services in response to the identified needs of individuals in order to prevent, protect and address behaviour affecting the individuals and/or to address their needs. By:',
      'Appointing a lead agency to manage and coordinate each case.',
      'Promoting positive action against perpetrators.',
      'Actively promote community based solutions to develop social cohesion.',
      "Making full use of all available interventions including: Preventative measures; Enforcement; Referrals onto appropriate services; Referrals into Safeguarding Adults and Safeguarding Children's procedures as appropriate; The use of technical support equipment.",
      'Identifying areas of good practice and develop more effective ways of joint working.',
      'Identifying barriers to progress and seek to resolve these issues or to raise them with the Coventry Community Safety Partnership and /or Coventry Safeguarding Adults Board',
    ],
    keyOutcomes: [
      'Improved identification and protection of vulnerable individuals using an action-focused approach',
      'Mobilisation of core mainstream resources & effective use of external resources',
      'Increased confidence in reporting incidents',
      'More positive outcomes for individuals',
      'Local communities feeling safer.',
    ],
    alsoReportsTo: 'Coventry Safeguarding Adults Board',
    cadence: 'monthly',
    chairRole: 'Community Safety Hate Crime Reduction Officer',
    papersNoticeDays: null,
    papersNoticeUnit: 'working',
    minutesCirculationDays: null,
    actionsCirculationWorkingDays: null,
    membershipSpecification: lines(
      'Membership for Repeat Callers and Hate Crime sections',
      'Core Members:',
      'Alison Quigley, Community Safety Team Coventry City Council',
      'Nic Mansell, West Midlands Police Local Police Unit',
      'Public Protection Unit West Midlands Police',
      'Operational Team Representative, Adult Social Care Coventry City Council (to be agreed)',
      'Jarina Rashid-Porter, NHS Coventry',
      'Kam Sidhu, Coventry Consortium of Registered Social Landlords',
      'Sue Whitmore, Children Learning and Young People City Council',
      'Andrea Simmonds, West Midlands Fire Service',
      'Kelly Bielby, West Midlands Ambulance Services',
      'Margaret Greer, University Coventry and Warwickshire Hospital NHS trust',
      'Jon Hanley or Penny Greenaway Coventry and Warwickshire Partnership Trust (& Coventry Community Health Service)',
      'Link Members:',
      'Rep to be identified, Contact and Connect – Age UK',
      'Membership for Hate Crime section only',
      'Louise Thomas, Local Education Authority Coventry City Council',
      'Lee Millar, Public Health Enforcement Team, Coventry City Council',
      'Winston Muhammad, National Offender Management Service',
      'Pat Duignan, Youth Offending Service',
      'Lisa Windridge, Crown Prosecution Service',
      'Gurmit Shoker, Victim Support',
    ),
    quorumRule: ONE_THIRD_QUORUM, // document silent on quorum: demo default
    effectiveFrom: FORUM_FROM,
  },
  memberships: [
    // Core members (unnamed "Public Protection Unit" and "Operational Team Representative" skipped).
    // Alison Quigley as chair: she is the Community Safety team member (the chair is "the Community
    // Safety Hate Crime Reduction Officer").
    forumMember('alison-quigley', { role: 'chair' }),
    ...['nic-mansell', 'jarina-rashid-porter', 'kam-sidhu', 'sue-whitmore', 'andrea-simmonds', 'kelly-bielby', 'margaret-greer'].map(
      (key) => forumMember(key),
    ),
    forumMember('jon-hanley', { substitutePersonKey: 'penny-greenaway' }), // "Jon Hanley or Penny Greenaway"
    // Hate Crime section only: invited for that section, so treated as link (non-core) members.
    ...['louise-thomas', 'lee-millar', 'winston-muhammad', 'pat-duignan', 'lisa-windridge', 'gurmit-shoker'].map((key) =>
      forumMember(key, { core: false }),
    ),
  ],
  chairAppointments: [],
};

// For the three groups below the documents name roles, not people. The named holders are DEMO
// ASSUMPTIONS: people already in the data whose organisation fits the role.
const coventryOffenderManagement: DemoGroup = {
  key: 'offender-management',
  name: 'Coventry Offender Management Group',
  parentKey: 'board',
  terms: {
    // Appendix 5, "Role", verbatim.
    purpose:
      'The Coventry Offender Management Group (COMG) is a sub group of the Coventry Community Safety Partnership, responsible for overseeing the development and performance of the Integrated Offender Management approach and monitoring the delivery of all associated offender management programmes in Coventry.',
    // Appendix 5, "Function" ("On behalf of the Coventry Community Safety Partnership, the COMG will:").
    functions: [
      'Oversee the management of offenders and forums, including Local Case Management Forums, DV Offenders Forums, Prolific and Other Priority Offenders (SPF), MARAC and MAPPA.',
      'Identify and look to mitigate or maximise the relevant cross cutting factors identified in the annual Community Safety Partnership Strategic Assessment',
      'Oversee the delivery of programmes to address offenders generally, including Drug Intervention.',
      'Ensure the effective functioning of Integrated Offender Management forums, and ensure management processes in place and that regular performance monitoring requirements are met, including regular updates from Chairs of respective forums',
      'Identify solutions to blockages and issues raised by offender management groups.',
      'Identify good practice and facilitate its dissemination. As new offender management programmes are implemented, oversee their delivery.',
      'Link with other strategic subgroups of CCSP and other relevant partnerships to ensure that common aims are identified, and integrated plans are developed where necessary.',
      'On behalf of the Joint Commissioning Group, consider funding allocations to support offender management programmes and make recommendations for spend',
      'Report as requested to the Community Safety Partnership and Joint Commissioning Group',
    ],
    keyOutcomes: [
      'Effective delivery of Offender Management strategies and plans to ensure a seamless end to end referral and case management process for offender management programmes in Coventry',
      'Reduction in crime, disorder and anti-social behaviour within identified cohorts',
      'Increased numbers of managed offenders accessing treatment and support, as well as obtaining/maintaining stable accommodation and employment',
    ],
    alsoReportsTo: 'Joint Commissioning Group',
    cadence: 'bi_monthly',
    chairRole: 'Head of Probation Coventry',
    papersNoticeDays: 5,
    papersNoticeUnit: 'working',
    minutesCirculationDays: null,
    actionsCirculationWorkingDays: null,
    membershipSpecification: lines(
      'Head of Probation Coventry, National Probation Service (Chair)',
      'Chair – Multi-Agency Public Protection Panel',
      'Chair - Shared Priorities Forum',
      'Chair – DVA Offenders Forum',
      'Chair - Local Case Management Forums x 4',
      'Police Crime Manager',
      'PPO Co-ordinator (Probation)',
      'Substance Misuse Commissioning Manager',
      'Coventry Consortium of Social Landlords',
      'Youth Offending Service (representative)',
      'Representative from Prison Service',
      'Community Safety Manager',
      'Housing Strategy/Homefinder',
      'Job Centre Plus/Connexions (agenda dependent)',
      'Coventry Teaching Primary Care Trust',
      'MDT',
      'Crown Prosecution Service (agenda dependent)',
      'Coventry City Council Offender Management Officer',
    ),
    quorumRule: ONE_THIRD_QUORUM, // document silent on quorum: demo default
    effectiveFrom: COVENTRY_FROM,
  },
  memberships: [
    coventryMember('andy-wade', { role: 'chair' }), // as Head of Probation Coventry
    coventryMember('kobina-hall'), // as PPO Co-ordinator (Probation)
    coventryMember('hasson-shigdar'), // as Police Crime Manager
    coventryMember('kam-sidhu'), // Coventry Consortium of Social Landlords
    coventryMember('pat-duignan'), // Youth Offending Service
    coventryMember('lisa-windridge', { core: false }), // Crown Prosecution Service (agenda dependent)
  ],
  chairAppointments: [],
};

const coventryPrevent: DemoGroup = {
  key: 'prevent',
  name: 'Coventry Prevent Group',
  parentKey: 'board',
  terms: {
    // Appendix 6, "Role", verbatim.
    purpose:
      'Coventry Prevent Group is a sub group of the Coventry Police and Crime Board Executive Group. It is responsible for ensuring partners provide an effective multi agency approach to dealing with all forms of risk, threats and violence related to extremism',
    functions: [
      'Develop and deliver Coventry Prevent Delivery Plan and ensure the plan reflects the findings of the CTLP and local intelligence provided by partner agencies and the local communities.',
      'Identify barriers to progress and seek to resolve these issues',
      'Identify areas of good practice and develop more effective ways of joint working',
      'Identify any barriers to progress and seek to resolve these issues or raise', // sic: ends mid-sentence
    ],
    keyOutcomes: [
      'Ensure the effective delivery of the Coventry PREVENT Delivery plan',
      'To improve the knowledge and understanding of PREVENT',
      'To raise awareness about the risks of radicalisation',
      'To build resilience in local communities and support vulnerable victims.',
    ],
    alsoReportsTo: null, // reports to the "Coventry Police and Crime Board Executive Group", i.e. the board
    cadence: 'quarterly',
    chairRole: 'Assistant Director Policy, Partnership and Performance, Coventry City Council',
    papersNoticeDays: 7, // "The agenda will be disseminated to members 7 days in advance"
    papersNoticeUnit: 'calendar',
    minutesCirculationDays: 7,
    actionsCirculationWorkingDays: null,
    membershipSpecification: lines(
      'Community Safety Team, Coventry City Council',
      'Assistant Director, Partnership and Performance, Coventry City Council',
      'West Midlands Police',
      'West Midlands Counter Terrorism Unit',
      "Children's and Young People Directorate, Coventry City Council",
      'Education and Learning Services CLYP Directorate',
      'Policy and Communities Officer Chief Executives Directorate, Coventry City Council',
      'Youth Offending Service',
      'University of Warwick',
      'Coventry University',
      'City College, Coventry',
      'Henley College, Coventry',
      'West Midlands Fire Service',
      'Coventry and Warwickshire Mental Health Partnership Trust',
      'Staffordshire and West Midlands Probation Trust',
    ),
    quorumRule: ONE_THIRD_QUORUM, // document silent on quorum: demo default
    effectiveFrom: COVENTRY_FROM,
  },
  // No chair membership: nobody in the data is the council's Assistant Director Policy, Partnership
  // and Performance.
  memberships: [
    coventryMember('alison-quigley', { role: 'vice_chair' }), // as "The Harm Reduction and Strategic Victim Support Officer"
    coventryMember('geoff-thomas'), // Prevent Coordinator
    coventryMember('hasson-shigdar'), // West Midlands Police
    coventryMember('ben-diamond'), // West Midlands Fire Service
    coventryMember('josie-spencer'), // Coventry and Warwickshire (Mental Health) Partnership Trust
    coventryMember('kobina-hall'), // Staffordshire and West Midlands Probation Trust
  ],
  chairAppointments: [],
};

const coventryCityTasking: DemoGroup = {
  key: 'city-tasking',
  name: 'Coventry Community Safety Partnership City Tasking Group',
  parentKey: 'board',
  terms: {
    // Appendix 7, "Statement of Intent" and "Role", verbatim (underlining dropped).
    purpose: lines(
      'The Group exists on behalf of the Police, Crime & Community Safety Partnership Board and enables senior executives of the partnership to commit and respond rapidly to public place crime, disorder and nuisance through mobilisation of and/or coordination of street based services and resources to hotspot locations determined by a monthly tasking document.',
      '',
      'The group provides an operational capability to deliver partnership priorities through a range of tactics and problem solving in locations, identified through their annual strategic assessment and set out in their annual plan.',
      '',
      'The group will provide information to, and receive information from, victim and offender based forums in the City to ensure all three approaches are being effectively managed to keep the city as safe as possible.',
      '',
      'Role: The role of this group is to task and coordinate their operational resources to respond to locations experiencing a range of crimes and nuisance behaviours. The members will consider any trends, patterns and analysed data with which to provide tactical advice and guidance to officers delivering services. This process will be driven by the use of a tasking document which provides statistical data, intelligence and issues identified by communities and mapped geographically to identify locations most affected. This will also seek to drive down unnecessary repeat demand and focus the collective effort of the partnership on priorities evidenced by need.',
    ),
    // Appendix 7, "Function" ("Partnership Tasking & Coordination forum will:").
    functions: [
      'Ensure that trends in crime, community safety including environmental issues and local community tensions are scrutinised on a monthly basis and partner agencies respond to such through tasking and deployment of their collective resources and held to account for their service delivery and interventions.',
      'Consider the data analysed and produced in a partnership document in accordance with the Coventry Information Sharing Agreement (section 115 of Section 17 of the Crime & Disorder Act 1998) having been provided by key agencies including Coventry City Council, Social Housing Providers, Fire and Health Services.',
      'Provide advice and guidance to influence operational planning and activity by officers delivering services in the locations identified. Ensure individual organisations priorities and concerns are identified, considered and where appropriate are reflected in the tasking outcomes on a monthly basis',
      'Ensure consideration is given to services already being provided by the voluntary sector, to avoid duplication and maximise effectiveness of interventions',
      'Review, examine and evaluate impact of interventions of each operational plan and plan regular programmes of activity',
      'Feed into individual agency tasking & coordinating processes including local Police tasking arrangements.',
      'Feed back into other partnership forums i.e victim and offender based forums and community forums.',
    ],
    // Appendix 7, "Key objectives/outcomes".
    keyOutcomes: [
      'The partnership approach will ensure the appropriate commitment of resources to joint operations (to include the co-ordination of high visibility uniformed patrols, involving street based personnel from across partnership agencies to respond to predicted increases in seasonal crimes).',
      'Pre-planned activity based upon predictive analysis to minimise impact of rises in seasonal crime and disorder and quality of life incidents.',
      'Effective deployment and performance management of street based services and dynamics within communities.',
      'Effective and efficient use of resources to maximise collective effort and delivery across agencies.',
      'Public reassurance and increased community confidence.',
      'Effective communication with local communities and agencies.',
      'Safer & stronger neighbourhoods.',
    ],
    alsoReportsTo: null,
    cadence: 'monthly',
    chairRole: 'Head of Service from the City Council',
    papersNoticeDays: 1, // "the tasking document will be despatched electronically, 1 day prior to the meeting"
    papersNoticeUnit: 'calendar',
    minutesCirculationDays: null,
    actionsCirculationWorkingDays: 1, // "disseminated to members of the group by the next working day"
    membershipSpecification: lines(
      'Coventry Local Policing Unit & Partnership Analyst',
      'A representative for all Social Housing Providers',
      'West Midlands Fire Service',
      'West Midlands Police (function TBC)',
      'Coventry Community Drugs Team',
      'Community representatives/groups',
      'Coventry City Council including:-Environmental Services, Street Pride & Green Spaces, Youth Service, the City Centre Business Improvement District, Planning & Regulatory Services, the Multi-agency Safe Guarding Hub, Traffic & Parking Services, Coventry & Warwickshire resilience forum representative',
    ),
    quorumRule: ONE_THIRD_QUORUM, // document silent on quorum: demo default
    effectiveFrom: COVENTRY_FROM,
  },
  memberships: [
    coventryMember('craig-hickin', { role: 'chair' }), // as Head of Service, City Council
    coventryMember('danny-long'), // Coventry Local Policing Unit
    coventryMember('andrea-simmonds'), // West Midlands Fire Service
    coventryMember('carmel-mccarthy'), // representative for all Social Housing Providers
    coventryMember('june-jeffrey'), // community representatives/groups
  ],
  chairAppointments: [],
};

const coventry: DemoPartnership = {
  key: 'coventry',
  name: 'Coventry Community Safety Partnership',
  shortName: 'Coventry',
  localAuthority: 'Coventry City Council',
  population: POPULATION_MID_2019.coventry,
  organisations: coventryOrganisations,
  people: coventryPeople,
  groups: [coventryBoard, coventryHarmReduction, coventryOffenderManagement, coventryPrevent, coventryCityTasking],
};

// ---------------------------------------------------------------------------
// Leicestershire — nine CDRPs (source 003, Leicestershire Police Authority, 1 October 2009)
// ---------------------------------------------------------------------------

// 003 describes no CDRP's membership. Organisations are the 2009 statutory responsible authorities:
// district/city council (+ Leicestershire County Council in the two-tier districts), the police
// force, the police authority (a responsible authority until 2012), the fire and rescue service,
// probation, and the primary care trust.
const NHS_COUNTY_AND_RUTLAND: OrgRow = ['nhs', 'NHS Leicestershire County and Rutland (Primary Care Trust)', 'statutory', true];
const NHS_LEICESTER_CITY: OrgRow = ['nhs', 'NHS Leicester City (Primary Care Trust)', 'statutory', true];

function leicestershireOrganisations(council: OrgRow, twoTier: boolean, nhs: OrgRow): DemoOrganisation[] {
  return organisations([
    council,
    ...(twoTier ? [['leicestershire-county-council', 'Leicestershire County Council', 'statutory', true] as const] : []),
    ['leicestershire-police', 'Leicestershire Police', 'statutory', true],
    ['leicestershire-police-authority', 'Leicestershire Police Authority', 'statutory', true],
    ['leicestershire-fire-rescue', 'Leicestershire Fire and Rescue Service', 'statutory', true],
    ['probation', 'Leicestershire and Rutland Probation', 'statutory', true],
    nhs,
  ]);
}

const LEICESTERSHIRE_FROM = '2009-04-01'; // demo assumption: start of 2009/10 (003 gives no dates of adoption)

// One-line statutory purpose, in 003's words for the CDRP obligation.
const CDRP_PURPOSE =
  'To formulate and implement a strategy to address the crime, disorder and substance misuse issues in the area (Crime and Disorder Act 1998, section 6).';

function statutoryBoard(
  name: string,
  orgs: readonly DemoOrganisation[],
  overrides: Partial<Omit<DemoGroup, 'terms'>> & { terms?: Partial<DemoTerms> } = {},
): DemoGroup {
  const { terms, ...rest } = overrides;
  return {
    key: 'board',
    name,
    parentKey: null,
    memberships: [],
    chairAppointments: [],
    ...rest,
    terms: {
      purpose: CDRP_PURPOSE,
      functions: [],
      keyOutcomes: [],
      alsoReportsTo: null,
      cadence: 'quarterly', // 003 is silent except for Harborough ("quarterly")
      chairRole: NOT_STATED,
      papersNoticeDays: null,
      papersNoticeUnit: 'working',
      minutesCirculationDays: null,
      actionsCirculationWorkingDays: null,
      // Not from 003 (which lists no members): the responsible authorities above.
      membershipSpecification: lines(...orgs.filter((o) => o.responsibleAuthority).map((o) => `${o.name} (responsible authority)`)),
      quorumRule: ONE_THIRD_QUORUM, // 003 silent on quorum: demo default
      effectiveFrom: LEICESTERSHIRE_FROM,
      ...terms,
    },
  };
}

type LeicestershireSpec = {
  key: string;
  name: string; // 003's own name for the partnership where it gives one
  shortName: string;
  council: OrgRow;
  twoTier: boolean;
  nhs?: OrgRow; // default: the county-and-Rutland PCT
  population: number;
  boardName?: string;
  people?: readonly PersonRow[];
  board?: (persons: DemoPerson[]) => Partial<Omit<DemoGroup, 'terms'>> & { terms?: Partial<DemoTerms> };
  subGroups?: (persons: DemoPerson[]) => DemoGroup[];
};

function leicestershirePartnership(spec: LeicestershireSpec): DemoPartnership {
  const orgs = leicestershireOrganisations(spec.council, spec.twoTier, spec.nhs ?? NHS_COUNTY_AND_RUTLAND);
  const persons = people(spec.people ?? []);
  const board = statutoryBoard(spec.boardName ?? `${spec.name} Board`, orgs, spec.board?.(persons));
  return {
    key: spec.key,
    name: spec.name,
    shortName: spec.shortName,
    localAuthority: spec.council[1],
    population: spec.population,
    organisations: orgs,
    people: persons,
    groups: [board, ...(spec.subGroups?.(persons) ?? [])],
  };
}

// Police Authority members named in 003 as "Member attending" are recorded as the Police Authority's
// (a responsible authority's) representative, from the date of the meeting they attended.
const PA = 'leicestershire-police-authority';

const melton = leicestershirePartnership({
  key: 'melton',
  name: 'Melton Area Safer Communities Partnership',
  shortName: 'Melton',
  council: ['melton-borough-council', 'Melton Borough Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.melton,
  boardName: 'Melton Area Safer Communities Partnership Core Group', // 003: "Core Group meeting 10 July 2009"
  people: [
    // Council of Ron Marks inferred (003 gives "Cllr Ron Marks" only).
    ['ron-marks', 'Cllr Ron Marks', 'melton-borough-council'],
    ['nigel-peters', 'Insp Nigel Peters', 'leicestershire-police', 'Inspector'], // "from the Constabulary"
    ['kevin-pearson', 'Kevin Pearson', 'leicestershire-fire-rescue'], // "from the Fire Service"
    ['david-wright', 'Cllr David Wright', 'melton-borough-council', 'Deputy Leader of Melton Borough Council'],
    ['sarah-hoare', 'Sarah Hoare', PA, 'Engagement and Communications Officer'],
  ],
  board: (persons) => {
    const m = membershipBuilder(persons, '2009-07-10');
    return {
      terms: { chairRole: 'Agreed by the Core Group (nomination)', viceChairs: 2 },
      memberships: [
        m('ron-marks', { role: 'chair' }),
        m('nigel-peters', { role: 'vice_chair' }), // joint vice-chair
        m('kevin-pearson', { role: 'vice_chair' }), // joint vice-chair
        // Stepped down as chair on becoming Deputy Leader; start date is a demo assumption.
        m('david-wright', { startDate: '2008-04-01' }),
        // Police Authority officer attending (not a PA member): non-voting adviser.
        m('sarah-hoare', { role: 'adviser', voting: false, core: false }),
      ],
      chairAppointments: [
        {
          personKey: 'ron-marks',
          role: 'chair',
          yearStarting: 2009,
          appointedOn: '2009-07-10',
          appointedBy: 'Agreed by the Core Group (only one nomination)',
        },
        ...['nigel-peters', 'kevin-pearson'].map((personKey): DemoChairAppointment => ({
          personKey,
          role: 'vice_chair',
          yearStarting: 2009,
          appointedOn: '2009-07-10',
          appointedBy: 'Agreed by the Core Group (joint position)',
        })),
      ],
    };
  },
});

const rutland = leicestershirePartnership({
  key: 'rutland',
  name: 'Rutland Crime and Disorder Reduction Partnership', // 003 gives no name: generic
  shortName: 'Rutland',
  council: ['rutland-county-council', 'Rutland County Council', 'statutory', true],
  twoTier: false,
  population: POPULATION_MID_2019.rutland,
});

const hinckleyAndBosworth = leicestershirePartnership({
  key: 'hinckley-and-bosworth',
  name: 'Hinckley and Bosworth Crime and Disorder Reduction Partnership', // 003 gives no name: generic
  shortName: 'Hinckley and Bosworth',
  council: ['hinckley-and-bosworth-borough-council', 'Hinckley and Bosworth Borough Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.hinckleyAndBosworth,
});

const oadbyAndWigston = leicestershirePartnership({
  key: 'oadby-and-wigston',
  name: 'Oadby and Wigston Crime and Disorder Reduction Partnership', // 003 gives no name: generic
  shortName: 'Oadby and Wigston',
  council: ['oadby-and-wigston-borough-council', 'Oadby and Wigston Borough Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.oadbyAndWigston,
});

const blaby = leicestershirePartnership({
  key: 'blaby',
  name: 'Blaby Community Safety Partnership',
  shortName: 'Blaby',
  council: ['blaby-district-council', 'Blaby District Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.blaby,
  people: [
    ['david-prince', 'David Prince', PA, 'Police Authority member'],
    ['insp-brown', 'Insp. Brown', 'leicestershire-police', 'LPU Commander'], // "the new LPU commander"
  ],
  board: (persons) => {
    const m = membershipBuilder(persons, '2009-08-20');
    return {
      // "The CDRP Chair reported back on his annual report to Cabinet"
      terms: { alsoReportsTo: 'Blaby District Council Cabinet' },
      memberships: [m('david-prince'), m('insp-brown')],
    };
  },
  // 003 also says the CDRP "tasked the Tactical group"; taken to be this JAG.
  subGroups: (persons) => [
    {
      key: 'jag',
      name: 'Joint Action Group (JAG)',
      parentKey: 'board',
      terms: {
        // Plain statement drawn from 003 (no terms of reference quoted; they were under review).
        purpose:
          "Delivers the partnership's action plan and responds to crime trends, sharing partners' data under the Information Sharing Protocol.",
        functions: [],
        keyOutcomes: [],
        alsoReportsTo: null,
        cadence: 'monthly', // 003 silent: demo assumption
        chairRole: NOT_STATED,
        papersNoticeDays: null,
        papersNoticeUnit: 'working',
        minutesCirculationDays: null,
        actionsCirculationWorkingDays: null,
        membershipSpecification: 'Not set out in the published documents (role and membership to be reviewed, August 2009)',
        quorumRule: ONE_THIRD_QUORUM, // 003 silent on quorum: demo default
        effectiveFrom: LEICESTERSHIRE_FROM,
      },
      // "I am also attending the next JAG as observer"
      memberships: [membershipBuilder(persons, '2009-08-20')('david-prince', { role: 'adviser', voting: false, core: false })],
      chairAppointments: [],
    },
  ],
});

const harborough = leicestershirePartnership({
  key: 'harborough',
  name: 'Market Harborough Community Safety Partnership',
  shortName: 'Harborough',
  council: ['harborough-district-council', 'Harborough District Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.harborough,
  people: [['wendy-martin', 'Wendy Martin', PA, 'Police Authority member']],
  board: (persons) => ({
    // "if the meeting was to be quarterly" — the new structure, in place about five months by August 2009.
    terms: { cadence: 'quarterly' },
    memberships: [membershipBuilder(persons, '2009-08-24')('wendy-martin')],
  }),
});

const leicester = leicestershirePartnership({
  key: 'leicester',
  name: 'Leicester City Crime and Disorder Reduction Partnership', // 003: "Leicester City"; no name given
  shortName: 'Leicester',
  council: ['leicester-city-council', 'Leicester City Council', 'statutory', true],
  twoTier: false,
  nhs: NHS_LEICESTER_CITY,
  population: POPULATION_MID_2019.leicester,
});

const charnwood = leicestershirePartnership({
  key: 'charnwood',
  name: 'Charnwood Community Safety Partnership',
  shortName: 'Charnwood',
  council: ['charnwood-borough-council', 'Charnwood Borough Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.charnwood,
  people: [
    ['david-snartt', 'Cllr David Snartt', 'charnwood-borough-council'], // council inferred
    ['bernard-greaves', 'Bernard Greaves', PA, 'Police Authority member'],
  ],
  board: (persons) => {
    const m = membershipBuilder(persons, '2009-08-27');
    // Snartt chaired the 27 August 2009 meeting ("the partnership Chair"); appointment date unknown.
    return { memberships: [m('david-snartt', { role: 'chair' }), m('bernard-greaves')] };
  },
  // Not in 003: the demo's tasking group, which receives the monthly tasking document built from police.uk data.
  subGroups: () => [
    {
      key: 'tasking',
      name: 'Charnwood Tasking Group',
      parentKey: 'board',
      terms: {
        purpose:
          "Tasks and co-ordinates partners' operational resources to the priority locations and emerging hotspots of the monthly tasking document, and hears the results.",
        functions: [],
        keyOutcomes: [],
        alsoReportsTo: null,
        cadence: 'monthly',
        chairRole: NOT_STATED,
        papersNoticeDays: 1,
        papersNoticeUnit: 'working',
        minutesCirculationDays: null,
        actionsCirculationWorkingDays: null,
        membershipSpecification: 'Not stated: a demo group',
        quorumRule: ONE_THIRD_QUORUM,
        effectiveFrom: LEICESTERSHIRE_FROM,
      },
      memberships: [],
      chairAppointments: [],
    },
  ],
});

const northWestLeicestershire = leicestershirePartnership({
  key: 'north-west-leicestershire',
  name: 'North West Leicestershire Partnership in Safer Communities',
  shortName: 'North West Leicestershire',
  council: ['nwl-district-council', 'North West Leicestershire District Council', 'statutory', true],
  twoTier: true,
  population: POPULATION_MID_2019.northWestLeicestershire,
  people: [
    ['trevor-pendleton', 'Trevor Pendleton', 'nwl-district-council'], // "the Chair"; organisation inferred
    ['chris-brown', 'Chris Brown', 'leicestershire-police'], // organisation inferred (reports police resources)
    ['joe-orton', 'Joe Orton', PA, 'Police Authority member'],
    ['adrienne-roberts', 'Adrienne Roberts', PA, 'Police Authority member'],
  ],
  board: (persons) => {
    const m = membershipBuilder(persons, '2009-09-11');
    return {
      memberships: [m('trevor-pendleton', { role: 'chair' }), m('chris-brown'), m('joe-orton'), m('adrienne-roberts')],
    };
  },
});

// ---------------------------------------------------------------------------
// Devon and Cornwall — Safer Plymouth (no source document: illustrative, no people)
// ---------------------------------------------------------------------------

const PLYMOUTH_FROM = '2019-04-01'; // demo assumption: NHS Devon CCG formed 1 April 2019

const plymouthOrganisations = organisations([
  ['plymouth-city-council', 'Plymouth City Council', 'statutory', true],
  ['devon-cornwall-police', 'Devon and Cornwall Police', 'statutory', true],
  ['dsfrs', 'Devon and Somerset Fire and Rescue Service', 'statutory', true],
  // Probation was split between two responsible authorities from 2014 to 2021.
  ['nps', 'National Probation Service', 'statutory', true],
  ['ddc-crc', 'Dorset, Devon and Cornwall Community Rehabilitation Company', 'statutory', true],
  ['nhs-devon-ccg', 'NHS Devon Clinical Commissioning Group', 'statutory', true],
]);

const plymouthBoard = statutoryBoard('Safer Plymouth Partnership Board', plymouthOrganisations, {
  terms: {
    purpose:
      'To formulate and implement a strategy for the reduction of crime and disorder, the misuse of drugs, alcohol and other substances, and reoffending in Plymouth (Crime and Disorder Act 1998, section 6).',
    effectiveFrom: PLYMOUTH_FROM,
  },
});

const saferPlymouthTasking = statutoryBoard('Safer Plymouth Tasking and Co-ordination Group', plymouthOrganisations, {
  key: 'tasking',
  parentKey: 'board',
  terms: {
    purpose:
      "To direct partners' operational resources to the places, people and problems identified in the partnership's strategic assessment.",
    cadence: 'monthly',
    effectiveFrom: PLYMOUTH_FROM,
  },
});

const plymouth: DemoPartnership = {
  key: 'plymouth',
  name: 'Safer Plymouth',
  shortName: 'Plymouth',
  localAuthority: 'Plymouth City Council',
  population: POPULATION_MID_2019.plymouth,
  organisations: plymouthOrganisations,
  people: [],
  groups: [plymouthBoard, saferPlymouthTasking],
};

// ---------------------------------------------------------------------------

export const demoAreas: DemoArea[] = [
  {
    key: 'west-midlands',
    name: 'West Midlands',
    forceName: 'West Midlands Police',
    oversightBody: 'West Midlands Police and Crime Commissioner',
    oversightKind: 'pcc',
    partnerships: [coventry],
  },
  {
    key: 'leicestershire',
    name: 'Leicestershire',
    forceName: 'Leicestershire Police',
    oversightBody: 'Leicestershire Police Authority',
    oversightKind: 'police_authority',
    // In 003's order.
    partnerships: [melton, rutland, hinckleyAndBosworth, oadbyAndWigston, blaby, harborough, leicester, charnwood, northWestLeicestershire],
  },
  {
    key: 'devon-and-cornwall',
    name: 'Devon and Cornwall',
    forceName: 'Devon and Cornwall Police',
    oversightBody: 'Devon and Cornwall Police and Crime Commissioner',
    oversightKind: 'pcc',
    partnerships: [plymouth],
  },
];

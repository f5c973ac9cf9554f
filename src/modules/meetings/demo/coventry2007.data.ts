// The meeting of the Coventry Community Safety Partnership of 30 November 2007, transcribed from its
// minutes (shared/seeds/000). Names and organisations are as the minutes print them, correcting only
// obvious typing errors (noted beside each). Anything the minutes do not say is marked as a demo
// assumption.
import type { QuorumRule, Sector } from '../../governance/index.ts';
import type { DecisionInput } from '../meetings.inputs.ts';

export interface Organisation2007 {
  name: string;
  sector: Sector;
  responsibleAuthority: boolean;
}

/** The 2007 bodies not already in the demo's Coventry partnership; the others are found by name. */
export const organisations2007: Organisation2007[] = [
  // Council services: the minutes name each attendee's service, so each is kept as the organisation
  // they attended for. Coventry City Council itself remains the Responsible Authority.
  { name: 'City Services, Coventry City Council', sector: 'statutory', responsibleAuthority: false },
  { name: 'Youth Offending Service, Coventry City Council', sector: 'statutory', responsibleAuthority: false },
  { name: 'Neighbourhood Management, Coventry City Council', sector: 'statutory', responsibleAuthority: false },
  { name: 'Community Safety Team, Coventry City Council', sector: 'statutory', responsibleAuthority: false },
  // In 2007 probation was the West Midlands Probation Service, a Responsible Authority; the 2016 demo
  // has its successor, Staffordshire and West Midlands Probation.
  { name: 'West Midlands Probation Services', sector: 'statutory', responsibleAuthority: true },
  { name: 'West Midlands Probation Services Unpaid Work Unit', sector: 'statutory', responsibleAuthority: false },
  // Police authorities were Responsible Authorities until 2012.
  { name: 'West Midlands Police Authority', sector: 'statutory', responsibleAuthority: true },
  { name: 'Government Office for the West Midlands (GOWM)', sector: 'statutory', responsibleAuthority: false },
  { name: 'Coventry Partnership', sector: 'other', responsibleAuthority: false },
  { name: 'Coventry Drugs Team', sector: 'statutory', responsibleAuthority: false },
  // The minutes list Paul Wells under "Community Drug Team" and Julie Bains under "Coventry Drugs
  // Team"; they may be one team, but the minutes do not say so.
  { name: 'Community Drug Team', sector: 'statutory', responsibleAuthority: false },
  { name: 'New Deal for Communities', sector: 'other', responsibleAuthority: false },
  { name: 'Vulnerable Adult Team', sector: 'statutory', responsibleAuthority: false },
  // Voluntary Action Coventry's name before 2009.
  { name: 'Coventry Voluntary Services Council', sector: 'community_voluntary', responsibleAuthority: false },
];

/** Organisations the minutes name that the 2016 demo already holds, under its name for them. */
const existing = {
  council: 'Coventry City Council',
  police: 'West Midlands Police', // the minutes: "West Midlands Police (M1)" for the M1 command unit
  fire: 'West Midlands Fire Service',
  pct: 'NHS Coventry (Coventry Teaching Primary Care Trust)', // the minutes: "Primary Care Trust"
  cps: 'Crown Prosecution Service', // the minutes: "Crown Prosecution Services"
  cen: 'Community Empowerment Network', // the minutes: "CEN" once and "Community Empowerment Network" once
  whitefriars: 'Whitefriars Housing', // the minutes: "Whitefriars Housing Group"
  fsb: 'Federation of Small Businesses',
} as const;

export interface Member2007 {
  name: string;
  organisation: string;
  jobTitle: string | null;
  status: 'present' | 'apologies';
  chair?: boolean;
}

// Everyone the minutes list, in their order. Alethea Fuller, Rob Allison and Sheila Bates are the
// people of the same names in the 2016 demo, found by name; the rest are added.
export const members2007: Member2007[] = [
  { name: 'Mark Taylor', organisation: existing.fire, jobTitle: null, status: 'present', chair: true },
  { name: 'Alan Bennett', organisation: 'City Services, Coventry City Council', jobTitle: null, status: 'present' },
  { name: 'Andy Pepper', organisation: 'Youth Offending Service, Coventry City Council', jobTitle: null, status: 'present' },
  { name: 'Annabel Wrangles', organisation: existing.cen, jobTitle: null, status: 'present' },
  { name: 'Chief Supt Steven Glover', organisation: existing.police, jobTitle: 'Commander, M1', status: 'present' },
  { name: 'Cllr Andy Matchet', organisation: existing.council, jobTitle: null, status: 'present' },
  { name: 'Eamon Lynch', organisation: existing.whitefriars, jobTitle: null, status: 'present' },
  { name: 'Inspector Mandy Mason', organisation: existing.police, jobTitle: null, status: 'present' },
  { name: 'John Payne', organisation: 'Neighbourhood Management, Coventry City Council', jobTitle: null, status: 'present' },
  { name: 'Julie Bains', organisation: 'Coventry Drugs Team', jobTitle: null, status: 'present' },
  { name: 'Karen Buttle', organisation: 'New Deal for Communities', jobTitle: null, status: 'present' },
  { name: 'Lesley Sigston', organisation: 'Community Safety Team, Coventry City Council', jobTitle: null, status: 'present' },
  { name: 'Ric Richards', organisation: existing.fsb, jobTitle: null, status: 'present' },
  { name: 'Mark Tovey', organisation: 'Government Office for the West Midlands (GOWM)', jobTitle: null, status: 'present' },
  { name: 'Nick Kempton', organisation: 'Community Safety Team, Coventry City Council', jobTitle: null, status: 'present' },
  { name: 'Nigel Cavendish', organisation: 'Government Office for the West Midlands (GOWM)', jobTitle: null, status: 'present' },
  { name: 'Nigel Hart', organisation: 'Coventry Partnership', jobTitle: null, status: 'present' },
  { name: 'Nikki Murch', organisation: 'Community Safety Team, Coventry City Council', jobTitle: null, status: 'present' },
  { name: 'Sara Roach', organisation: 'Coventry Partnership', jobTitle: null, status: 'present' },
  { name: 'Sarah Chand', organisation: 'West Midlands Probation Services', jobTitle: null, status: 'present' },
  { name: 'Stephen Jones', organisation: existing.pct, jobTitle: null, status: 'present' },
  { name: 'Stella Manzie', organisation: existing.council, jobTitle: 'Chief Executive', status: 'apologies' },
  { name: 'Alethea Fuller', organisation: 'West Midlands Police Authority', jobTitle: null, status: 'apologies' },
  { name: 'Alison Green', organisation: existing.cps, jobTitle: null, status: 'apologies' },
  { name: 'Andrea Clemons', organisation: 'Community Safety Team, Coventry City Council', jobTitle: null, status: 'apologies' },
  { name: 'Barry Eveleigh', organisation: 'Community Safety Team, Coventry City Council', jobTitle: null, status: 'apologies' },
  // The minutes: "Chief Sup Int'd D Harrod".
  { name: 'Chief Supt D Harrod', organisation: existing.police, jobTitle: null, status: 'apologies' },
  // The minutes: "Elected Members, Coventry City Council".
  { name: 'Cllr Ann Lucas', organisation: existing.council, jobTitle: 'Elected Member', status: 'apologies' },
  { name: "Cllr Tony O'Neill", organisation: existing.council, jobTitle: 'Elected Member', status: 'apologies' },
  { name: 'David Clark', organisation: existing.cps, jobTitle: null, status: 'apologies' },
  { name: 'Janice Nichols', organisation: 'Neighbourhood Management, Coventry City Council', jobTitle: null, status: 'apologies' },
  { name: 'June Morley', organisation: 'Coventry Partnership', jobTitle: null, status: 'apologies' },
  { name: 'Malcolm Walls', organisation: existing.fsb, jobTitle: null, status: 'apologies' },
  { name: 'Paul Wells', organisation: 'Community Drug Team', jobTitle: null, status: 'apologies' },
  { name: 'Rob Allison', organisation: 'Coventry Voluntary Services Council', jobTitle: null, status: 'apologies' },
  { name: 'Sheila Bates', organisation: existing.cen, jobTitle: null, status: 'apologies' },
];

// Listed as present but not members: Penny Smith came for item 3, and Pete Morgan was not yet a member
// (item 7's action adds him to the list of members).
export const inAttendance2007 = [
  { name: 'Penny Smith', organisation: 'West Midlands Probation Services Unpaid Work Unit' },
  { name: 'Pete Morgan', organisation: 'Vulnerable Adult Team' },
];
export const minuteTaker2007 = { name: 'Denise Kellam', organisation: 'Community Safety Team, Coventry City Council' };

export const group2007 = {
  name: 'Coventry Community Safety Partnership',
  // DEMO ASSUMPTIONS: the minutes do not include terms of reference. The partnership met roughly every
  // two months (30 November, then February) until item 10 moved it to quarterly meetings. Who was a
  // member is known only from this meeting: memberships run from the start of 2007/08 and end the day
  // before the 2016 board's, so the group has no current members.
  membershipFrom: '2007-04-01',
  membershipTo: '2016-03-31',
  purpose:
    'The Crime and Disorder Reduction Partnership for Coventry under the Crime and Disorder Act 1998, as it met in 2007 before the Coventry Police, Crime and Community Safety Partnership Board. Its terms of reference are not in the demo sources.',
  cadence: 'bi_monthly' as const,
  // The minutes say nothing of quorum: the demo default of one third of the voting members. (A rule
  // needing every Responsible Authority would have made this meeting inquorate, the Police Authority
  // having sent apologies, yet the minutes record its decisions as made.)
  quorumRule: { kind: 'fraction', numerator: 1, denominator: 3 } as QuorumRule,
};

export interface Item2007 {
  /** As the minutes word it; a standard item (welcome, minutes, any other business, next meeting) keeps the agenda's standard wording. */
  title: string;
  standardItem?: 'welcome' | 'minutes' | 'aob' | 'next-meeting';
  presenter?: string;
  /** None where the minutes are one decision, so that it is not said twice. */
  narrative?: string;
  decisions?: DecisionInput[];
  actions?: { owner: string; description: string }[];
}

const decision = (outcome: DecisionInput['outcome'], wording: string): DecisionInput => ({
  outcome,
  wording,
  recommendedTo: null,
  votesFor: null,
  votesAgainst: null,
  votesAbstaining: null,
});

const paragraphs = (...texts: string[]) => texts.join('\n\n');

// The fifteen items in the minutes' order; their narratives condensed from the minutes.
export const items2007: Item2007[] = [
  {
    title: 'Welcome & Apologies',
    standardItem: 'welcome',
    narrative: paragraphs(
      'Mark Taylor welcomed everybody to the meeting and introduced Chief Superintendent Steve Glover, who has replaced Max Sahota for M1.',
      'Mark expressed his thanks to Max on behalf of the Partnership for the commitment he had shown to partnership working during his time in Coventry.',
    ),
  },
  {
    title: 'Minutes of the Last Meeting & Matters Arising',
    standardItem: 'minutes',
    decisions: [decision('agreed', 'The minutes were agreed as a true and accurate record with no matters arising')],
  },
  {
    title: 'Unpaid Work Programme',
    presenter: 'Penny Smith, Manager of the Unpaid Work Unit',
    narrative: paragraphs(
      "Penny Smith (Manager of the 'Unpaid Work Unit', a division of the Probation Service) updated the Partnership on the work of the Unit, and was keen to establish links with and to commission work through the Partnership.",
      'The Unit has the capacity to provide 200 offenders each week for programmes such as defensive planting, gardening, graffiti removal, ground clearance and area maintenance; not plumbing or electrical work, and not on or in private residential properties. Risk and health and safety assessments are carried out before work starts.',
      'The group discussed where the Unit could be commissioned and identified Safer Neighbourhood Groups as the forums for identifying local work. Sara Roach suggested that the information be presented at the next Safer Neighbourhood Steering Group meeting in January.',
    ),
    actions: [{ owner: 'Sara Roach', description: 'Suggestions/opportunities for working with the Unit to be forwarded to Sara Roach' }],
  },
  {
    title: 'Designated Public Place Order (DPPO) Review',
    presenter: 'Alan Bennett',
    narrative: paragraphs(
      "Alan Bennett presented the 12 month review of the 'Designated Public Place Order' (DPPO), introduced to tackle anti-social behaviour and alcohol related crime, which makes it an offence to drink alcohol in a designated public area after being asked not to by a police officer.",
      "The review analysed alcohol related crimes, alcohol related fixed penalty notices and anecdotal evidence from practitioners, with caution, as the data relies on the 'alcohol marker' being correctly allocated to incidents. Across the city, North West (M1) and South (M2), all 'street based' alcohol related crime has been reduced by 3.5%, and the Police fully endorsed continuing DPPOs as a powerful tool.",
      'The group fully endorsed the use of DPPO across the city. Cllr Matchet added that council corporate policies support the continued use of this legislation; John Payne added that it had made a big difference in public perception in the Stoke Aldermoor area and was welcomed by residents.',
      'The report will be submitted to the licensing team on 18 December 2007.',
    ),
    decisions: [
      decision('supported', '4.1 The CCSP is recommended to endorse the continued use of the Citywide Designated Public Places Order.'),
      decision(
        'supported',
        '4.2 If agreed, the support of the CCSP and the contents of this report will be shared with the Licensing and Regulatory Committee, who are responsible for the review and through which agreement to continue the citywide implementation will be reached.',
      ),
    ],
  },
  {
    title: 'Crime Report – 6 months update',
    presenter: 'Sara Roach',
    narrative: paragraphs(
      "Sara presented the latest crime performance report of 2007/08. Whilst not currently on target to achieve PSA1, Coventry has improved its position, moving up to the second best performing CDRP within its 'family' group (iQuanta). The next 4 months are 'high-crime' months, so extra focus, targeting and vigilance will continue.",
      'Domestic Burglary – good progress towards target. Violent Crime – not on target, improving six month trend. Theft from Person – ahead of target. Vehicle Crime – exceeding the target. Criminal Damage – not on target, although improving year to date. Overall the Partnership has achieved 14% towards the 20% target.',
      'Activity commissioned against violent crime and criminal damage includes police and neighbourhood warden overtime in the evening and night-time economy, Safer Neighbourhood Groups informing the Priority Crime Group, tracker devices and home security for vulnerable households, awareness campaigns, a Satnav decoy operation, interventions at the RICOH arena, PCSOs on designated bus routes, domestic violence initiatives including White Ribbon day, and the extension of Operation Takis.',
      'Chief Supt. Glover informed the group that the seasonal trends Coventry would normally expect have not happened. Mandy Mason suggested the proactive approach the Partnership had adopted, such as predictive calendars, had been successful. Mark Tovey said the Home Office recognised the hard work in Coventry but also the challenge ahead to achieve the 20% PSA target.',
    ),
  },
  {
    title: 'Substance Misuse – Outcome of 6 month review by NTA',
    presenter: 'Sara Roach',
    narrative: paragraphs(
      'Sara updated the Partnership on the outcome of the 6 month review with the National Treatment Agency. Performance is varied; the Partnership needs to focus on retention, penetration of the problem drug user population, DRR performance, tier 4 provision and links to mental health provision. Improvements to retention have been agreed, and other areas will be considered by the Treatment Programme Delivery Group.',
      'Paul Hargrave and Abtar Sanga have been appointed to the Substance Misuse Team to support Barry in co-ordinating and commissioning the Treatment Plan. With new processes and the full support of the CDT management team, performance should improve by the end of January.',
      'Julie Bains raised whether the right clients are targeted, such as weekend (mainly cocaine) drug users, who do not see their use as a problem; agencies need to recognise problem users and increase referrals, and a profile of weekend drug takers is being developed. Sarah Chand said the appointment system with CDT has improved and thanked CDT for its flexible approach to appointments with Probation.',
    ),
  },
  {
    title: 'Coventry Vulnerable Adults Protection Committee',
    presenter: 'Pete Morgan',
    narrative: paragraphs(
      'Pete Morgan presented background on the Vulnerable Adult Protection Team and the formal definition of a vulnerable person: "anybody aged over 18 who is or may be eligible for community care services by reason of mental or other disability, age or illness, and who is or may be unable to take care of him or herself or unable to protect him or herself against significant harm or exploitation".',
      'The Team now has a multi-agency policy and is moving into a more strategic role; it sees a clear need for links with the CCSP, and is concerned that there has been no local Police representative on the Committee for 18 months. Mandy recommended the lead for the Public Protection Unit, being developed imminently, as the most appropriate Police representative. Mark Taylor suggested that Pete should represent the Committee at future CCSP meetings.',
    ),
    actions: [
      {
        owner: 'Chief Supt. Steve Glover',
        description: 'To contact Pete Morgan to establish links with the Public Protection Unit and Vulnerable Adults Protection Team',
      },
      { owner: 'Pete Morgan', description: 'On behalf of Vulnerable Adults Protection Team to be added to the list of CCSP members' },
    ],
  },
  {
    title: 'Alcohol Needs Assessment Update',
    presenter: 'Lesley Sigston',
    narrative: paragraphs(
      'Lesley Sigston presented an overview of the draft Alcohol Needs Assessment, the basis for the Coventry Alcohol Harm Reduction Strategy required by 1 April 2008. Four themes are emerging: prevention and education (emphasis on young people); treatment and care; the criminal justice system; and working with the alcohol industry.',
      'Coventry has a high number of alcohol related hospital admissions and crime, consistent with many areas; average pocket money of £8.73 buys 70 units of alcohol. Concerns include national drinking culture and binge drinking, disposable income, care pathways (under review) and 4,000 alcohol related crimes reported in 2005/06.',
      'Proposed actions include standardised alcohol data sets, compliance with National Drug Treatment Monitoring Service requirements, single points of contact in agencies, closer working with Community Services, reviewing current provision and funding, and services that meet the needs of ethnic groups.',
    ),
    decisions: [
      decision('noted', 'The group welcomed the strategy. The draft strategy will be circulated at the next meeting for consultation'),
    ],
  },
  {
    title: "Young People's Substance Misuse Review – Update",
    presenter: 'Nick Kempton',
    narrative: paragraphs(
      "Nick Kempton presented a report on the Young People's Substance Misuse Partnership (YPSM) grant expenditure and local targets, submitted to West Midlands Government Office in October 2007. Good progress has been made, with more to do on integrating commissioning into the Children & Young People's (CYP) Partnership, referral pathways, user involvement, diversity, the needs of vulnerable groups, communications, social inclusion, work with Connexions and workforce capacity. The Young Persons Substance Misuse Programme Delivery Group will review these areas.",
      'Progress: the National Healthy Schools target for December 2007 was met early, in July 2007; Coventry Youth Offending Services are meeting all key performance indicators for screening, assessment and intervention; completions of treatment are on target. The tendering process for YP Treatment Services has commenced.',
      'Sara informed the group that responsibility for young people’s substance misuse was likely to transfer from the CCSP to the CYP Partnership, in line with national changes.',
    ),
  },
  {
    title: 'National Standards Action Plan',
    presenter: 'Sara Roach',
    narrative: paragraphs(
      'Sara provided an update on the local implementation of the National Standards. Following the review of the Crime & Disorder Act 1998 there is no longer a duty to undertake a 3 yearly audit or to report annually; instead there are new duties, including extending Section 17 to anti-social behaviour, substance misuse and behaviour adversely affecting the environment, stronger information sharing, and National Standards.',
      'The Strategic Assessment for 2007/08 has been produced, a local Action Plan responds to the National Standards, and the Community Safety Strategy 2008-2011 is to be developed by April 2008. The Action Plan has 4 themes: strengthen the Community Safety Partnership; information sharing; community engagement; Community Safety Strategy & Strategic Assessment.',
      'A review of the frequency of CCSP and JCG meetings indicated that quarterly meetings would be more in line with performance management timescales. Responsible authorities are required to nominate a lead policy officer and lead data officer for the Strategic Assessment Working Group.',
    ),
    decisions: [decision('agreed', 'Those present at the meeting endorsed the move to quarterly meetings')],
    actions: [
      {
        owner: 'All agencies',
        description:
          'To inform Sara Roach (sara.roach@coventry.gov.uk) of their nominated lead policy officer and lead data officer (single point of contact) to represent their organisation on the Strategic Assessment Working Group',
      },
    ],
  },
  {
    title: 'Communications',
    presenter: 'Nigel Hart',
    narrative: paragraphs(
      'Nigel Hart outlined the Partnership Communication Strategy and its 6 themes: awareness of the CCSP and the Community Safety Strategy; awareness of key services; safer communities and public participation; community involvement and a 2-way flow of information; partners and staff understanding the partnership’s aims; drug and alcohol misuse awareness.',
      "Work in progress: the redeveloped CCSP website is complete; the 'Its Your Call' reporting line re-launches in January 2008; the Domestic Violence campaign with the Blaze ice-hockey team and White Ribbon day; a campaign to promote reporting of drug dealing; and a campaign on parenting and young people's binge drinking for January – March 2008.",
      'Sara thanked Nigel for his continued support during the absence of a Communications Officer in the Community Safety Team.',
    ),
  },
  {
    title: 'Report back from Coventry Partnership + CCSP Improvement Plan',
    decisions: [decision('deferred', 'This item was postponed due to time constraints')],
  },
  {
    title: 'Report back from Neighbourhood Management',
    presenter: 'John Payne',
    narrative: paragraphs(
      'John Payne provided an update on Neighbourhood Management. Crackdown and Consolidation: the crackdown days and evaluations are complete for Foleshill and Willenhall, with street briefings and mini-crackdowns within existing resources; the Hillfields crackdown went ahead successfully with the support of partners and the community; a third Foleshill crackdown will be followed by a community event.',
      'Your Neighbourhood Matters: Chris Moorly is the new Programme Manager, the first year evaluation is complete, and an Executive Group has been created; Janice Nichols will clarify its accountability arrangements. Warden Review: on-going, with a cabinet report expected in January 2008.',
    ),
  },
  {
    title: 'Any Other Business',
    standardItem: 'aob',
    narrative:
      'On behalf of the CCSP Mark Taylor expressed sincere thanks and gratitude to Inspector Mandy Mason for her hard work, commitment and dedication to community safety. Mandy is retiring from the Police at Christmas.',
  },
  {
    title: 'Date of next meeting',
    standardItem: 'next-meeting',
    narrative: paragraphs(
      'Wednesday, 6 February 2008, 10.00 am – 1.00 pm, Council House, Committee Rooms 5 + 6, Earl Street, Coventry.',
      'Latest update: this meeting has been re-scheduled to Thursday 28 February 2008, 9.30am – 12.30pm at The Welcome Centre (Christian Life Ministries, Parkside, Coventry CV1 2HG) in order to distribute and discuss the Strategic Assessment and Community Safety Strategy. Please update your diaries.',
    ),
  },
];

// DEMO ASSUMPTION: the minutes give neither the time nor the place of this meeting; those of the next one.
export const meeting2007 = { meetingDate: '2007-11-30', startTime: '10:00', location: 'Council House, Coventry' };

export const nextMeeting2007 = {
  meetingDate: '2008-02-06',
  startTime: '10:00',
  location: 'Council House, Committee Rooms 5 + 6, Earl Street, Coventry',
  rescheduled: {
    meetingDate: '2008-02-28',
    startTime: '09:30',
    location: 'The Welcome Centre (Christian Life Ministries, Parkside, Coventry CV1 2HG)',
    reason: 'To distribute and discuss the Strategic Assessment and Community Safety Strategy',
  },
};

// The minutes of 30 November were approved at the next meeting; its minutes do not survive in the
// demo sources, so that it was held, and by whom they were signed, follow the usual course.
export const chair2007 = 'Mark Taylor';

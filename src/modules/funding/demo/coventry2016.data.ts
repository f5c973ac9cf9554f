/**
 * Coventry's Police & Crime Commissioner funding for 2016/17, from the briefing note to the Scrutiny
 * Co-ordination Committee of 13 July 2016 (shared/seeds/001): paragraph 6.1 for the grant and carry-over,
 * Appendix 8 ("Funding Decisions 2016/17") for the allocations, in its words. Amounts are in pounds as
 * printed; the seed turns them into pence.
 */

export const coventryGrant2016 = {
  yearStarting: 2016,
  funder: 'West Midlands Police and Crime Commissioner',
  // "the Board was given £409,728 by the PCC; this represented a 25% reduction in funding from the previous year".
  amount: 409_728,
  // Not printed: the grant 25% higher than £409,728 would have been, i.e. £409,728 ÷ 0.75. Illustrative.
  previousAmount: 546_304,
  // "the PCC allowed the Board to carry over £82,750 from underspends in the previous year".
  carryOver: 82_750,
  notes:
    'Figures from the briefing note to the Scrutiny Co-ordination Committee, 13 July 2016. Last year’s grant is derived from the stated 25% reduction.',
};

export interface DemoAllocation {
  theme: string;
  purpose: string;
  /** Null: "To be Commissioned"; undefined: the appendix names no one. */
  grantee: string | null | undefined;
  amount: number;
}

const partnership = 'Partnership Functions & Statutory Responsibilities';
const victims = 'Support for Victims & Vulnerable People';
const offenders = 'Management of Perpetrators & Offenders including gangs & OCGs';
const locations = 'Operational Activity for Locations';
const causes = 'Tackle causes and drivers of crime, nuisance and harm';

export const coventryAllocations2016: DemoAllocation[] = [
  {
    theme: partnership,
    purpose:
      'Partnership Support, Development & Contract Monitoring Officer including administration & coordination of partnership meetings',
    grantee: 'CCC Business Support',
    amount: 39_000,
  },
  {
    theme: partnership,
    purpose: 'Analytical support and production of assessments and documents for Partnership meetings',
    grantee: 'West Midlands Police',
    amount: 35_000,
  },
  {
    theme: victims,
    purpose: 'Coordination of work for High Risk DVA Victims via MARAC case management',
    grantee: undefined,
    amount: 25_000,
  },
  {
    theme: victims,
    purpose: 'Work with women offenders and their families to prevent reoffending- Springboard',
    grantee: 'Community Rehabilitation Company CRC',
    amount: 25_000,
  },
  {
    theme: victims,
    purpose: 'Contribution towards domestic security within DVA services',
    grantee: 'CCC - Adults Commissioning team',
    amount: 35_415,
  },
  { theme: offenders, purpose: 'DVA perpetrator mentoring programme', grantee: 'Mentoring West Midlands', amount: 55_000 },
  {
    theme: offenders,
    purpose: 'Youth Offending - Community resolution, reparation & out of court disposals',
    grantee: 'CCC YOS',
    amount: 85_000,
  },
  {
    theme: offenders,
    purpose: 'Civil Powers. Their use alongside and in conjunction with criminal powers',
    grantee: 'Coventry City Council',
    amount: 33_750,
  },
  { theme: locations, purpose: 'Mediation for Neighbourhood disputes', grantee: 'Whitefriars Mediation Service', amount: 2_000 },
  {
    theme: locations,
    purpose: 'Community payback for priority locations (alley way clearances)',
    grantee: 'Community Rehabilitation Company CRC',
    amount: 5_000,
  },
  { theme: locations, purpose: 'Road Safety', grantee: 'West Midland Police', amount: 10_000 },
  {
    theme: locations,
    purpose: 'Target Hardening and Security to Public Spaces including deployment of CCTV',
    grantee: 'CCC street lighting services',
    amount: 10_000,
  },
  { theme: locations, purpose: 'CCTV Modernisation', grantee: 'Coventry City Council', amount: 49_000 },
  {
    theme: locations,
    purpose: 'Disruption and Operational planning i.e. NTE & CSE activity',
    grantee: 'Coventry City Council & West Midlands Police',
    amount: 10_000,
  },
  { theme: locations, purpose: 'Local initiative & contingency', grantee: null, amount: 4_813 },
  { theme: locations, purpose: 'CCTV annual air time agreement costs', grantee: 'Rapid Vision - CCTV company', amount: 6_500 },
  { theme: causes, purpose: 'Mental Health Triage', grantee: 'NHS Coventry & Rugby CCG', amount: 30_000 },
  { theme: causes, purpose: 'Substance Misuse & early intervention services', grantee: 'CCC Public Health', amount: 32_000 },
];

/**
 * DEMO ASSUMPTION: the briefing note says "Funding decisions are taken by the Board" but not when; the
 * meeting below (the board's third Thursday, as the demo's meeting cycle has it) and its words are assumed.
 */
export const agreeingMeeting2016 = {
  meetingDate: '2016-04-21',
  startTime: '14:00',
  location: 'Committee Room 3, Council House',
  item: 'Police & Crime Commissioner funding 2016/17',
  decision:
    'The Board agreed the allocation of the Police & Crime Commissioner’s funding for 2016/17 as set out in the report (18 allocations, £492,478), and asked the Chair to release the funding.',
};

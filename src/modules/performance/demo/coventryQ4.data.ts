/**
 * Coventry's Quarter 4, 2015-16 performance report, from appendix 9 of the briefing note to Scrutiny of
 * 13 July 2016 (seed 001). The figures the report gives are entered as it gives them; where it gives only
 * a change or a year's total, the missing inputs are marked "illustrative" in their note, chosen so that
 * the derived figures come out as the report states them.
 */
import type { IndicatorInput } from '../performance.inputs.ts';

type Owner = 'board' | 'harm' | 'tasking';

export interface DemoIndicator {
  input: Omit<IndicatorInput, 'ownerGroupId' | 'priorityId'>;
  owner: Owner;
  measurements: { period: string; value: string; status: 'provisional' | 'confirmed'; note?: string }[];
  commentary: string;
}

export const demoQuarter = '2015-16 Q4';

/** The groups of the demo that own the indicators, by their names in the governance demo. */
export const demoOwners: Record<Owner, string> = {
  board: 'Coventry Police, Crime and Community Safety Partnership Board',
  harm: 'Coventry Harm Reduction and Vulnerable Victims Forum',
  tasking: 'Coventry Community Safety Partnership City Tasking Group',
};

/** The priorities of the demo's 2016/17 strategic assessment (the strategy module's demo) that the owners' indicators measure. */
export const demoPriorities: Record<Owner, string | null> = {
  board: null,
  harm: 'Domestic abuse, sexual violence, hate crime and modern day slavery',
  tasking: 'Public place-based issues, safety and reassurance',
};

const noTarget = { baselinePeriod: null, baselineValue: null, targetKind: 'none', targetValue: null, redBeyondPercent: 5 } as const;
const illustrative = 'Illustrative: the report gives only the change';

export const coventryIndicators: DemoIndicator[] = [
  {
    input: {
      ...noTarget,
      name: 'Total recorded crime',
      definition: 'All crimes recorded by West Midlands Police in Coventry in the financial year.',
      unit: 'count',
      polarity: 'lower_better',
      frequency: 'yearly',
      source: 'West Midlands Police',
      stableWithinPercent: 0.5,
    },
    owner: 'board',
    measurements: [
      { period: '2014-15', value: '23,301', status: 'confirmed', note: `${illustrative} (−201 offences, −0.9%)` },
      { period: '2015-16', value: '23,100', status: 'confirmed', note: `${illustrative} (−201 offences, −0.9%)` },
    ],
    commentary:
      'Despite increases in certain crime categories in the final months of the year, Coventry still managed to achieve an overall reduction in crime for the year of -0.9% (-201 offences). This is the third consecutive year that Coventry has exceeded the "lowest ever" figure established in 2012/13. This is in stark contrast to the remainder of the Force with Coventry being the only Local Policing Unit (LPU) who recorded a reduction.',
  },
  {
    input: {
      ...noTarget,
      name: 'Total recorded crime per 1,000 population, year to date',
      definition: 'Crimes recorded in the year to date per 1,000 residents, as iQuanta compares Community Safety Partnerships.',
      unit: 'rate_per_1000',
      polarity: 'lower_better',
      frequency: 'yearly',
      source: 'iQuanta',
      stableWithinPercent: 1,
    },
    owner: 'board',
    measurements: [{ period: '2015-16', value: '62.176', status: 'confirmed', note: 'Table 1 of the report' }],
    commentary: 'Coventry has the lowest rate of recorded crime per 1,000 population in its Most Similar Group.',
  },
  {
    input: {
      ...noTarget,
      name: 'Domestic violence and abuse: repeat victim rate',
      definition: 'The share of victims of domestic violence and abuse incidents known to the police who had been victims before.',
      unit: 'percentage',
      polarity: 'lower_better',
      frequency: 'yearly',
      source: 'West Midlands Police',
      stableWithinPercent: 1,
    },
    owner: 'harm',
    measurements: [
      { period: '2014-15', value: '10.5%', status: 'confirmed' },
      { period: '2015-16', value: '9.3%', status: 'confirmed' },
    ],
    commentary:
      'The repeat victim rate reduced to 9.3% from the previous year’s 10.5%. This could suggest that victims are feeling safer and more confident to report incidents and the processes put in place are reducing the risk of them becoming repeat victims so making them safer.',
  },
  {
    input: {
      ...noTarget,
      name: 'Domestic violence and abuse crimes',
      definition: 'Domestic violence and abuse incidents known to the police where criminal offences are identified.',
      unit: 'count',
      polarity: 'monitor',
      frequency: 'yearly',
      source: 'West Midlands Police',
      stableWithinPercent: 1,
    },
    owner: 'harm',
    measurements: [
      { period: '2014-15', value: '2,133', status: 'confirmed', note: `${illustrative} (+32 offences, +1.5%)` },
      { period: '2015-16', value: '2,165', status: 'confirmed', note: `${illustrative} (+32 offences, +1.5%)` },
    ],
    commentary:
      'Domestic Violence Abuse has a history of underreporting and West Midlands Police are taking steps to provide appropriate care to victims and positive action against offenders. Crimes actually increased by 32 offences (+1.5%).',
  },
  {
    input: {
      ...noTarget,
      name: 'Domestic violence and abuse non-crime incidents',
      definition: 'Less serious domestic incidents reported to the police, recorded to keep the home safe, where no offence is identified.',
      unit: 'count',
      polarity: 'monitor',
      frequency: 'yearly',
      source: 'West Midlands Police',
      stableWithinPercent: 1,
    },
    owner: 'harm',
    measurements: [
      { period: '2014-15', value: '4,000', status: 'confirmed', note: `${illustrative} (−164 reports, −4.1%)` },
      { period: '2015-16', value: '3,836', status: 'confirmed', note: `${illustrative} (−164 reports, −4.1%)` },
    ],
    commentary: 'Non crime incidents fell by 164 reports (-4.1%): this again is indicative of the work done to reduce repeat victims.',
  },
  {
    input: {
      ...noTarget,
      name: 'Domestic violence and abuse incidents with children present',
      definition: 'Domestic violence and abuse incidents known to the police where children in the family were present at the time.',
      unit: 'count',
      polarity: 'monitor',
      frequency: 'yearly',
      source: 'West Midlands Police',
      stableWithinPercent: 1,
    },
    owner: 'harm',
    measurements: [
      { period: '2014-15', value: '742', status: 'confirmed' },
      { period: '2015-16', value: '1,832', status: 'confirmed' },
    ],
    commentary:
      'The reporting of children present has increased by 147% (from 742 last year to 1832 this year). This is in line with the drive to ensure that we are able to identify risk, harm and threats to children in the home to ensure their safety in response to recent recommendations.',
  },
  {
    input: {
      ...noTarget,
      name: 'Coventry Domestic Violence and Abuse Services referrals',
      definition: 'Referrals received by the Coventry Domestic Violence & Abuse Services (CDVASS).',
      unit: 'count',
      polarity: 'monitor',
      frequency: 'yearly',
      source: 'CDVASS',
      stableWithinPercent: 1,
    },
    owner: 'harm',
    measurements: [{ period: '2015-16', value: '1,083', status: 'confirmed', note: 'April 2015 to March 2016' }],
    commentary: 'The service came into place on 29th September 2014; data for April 2015 to March 2016 shows a total of 1083 referrals.',
  },
  {
    input: {
      ...noTarget,
      name: 'Sexual Assault Referral Centre clients seen',
      definition: 'Clients seen by the Sexual Assault Referral Centre (SARC), across Coventry and Warwickshire.',
      unit: 'count',
      polarity: 'monitor',
      frequency: 'quarterly',
      source: 'SARC',
      stableWithinPercent: 1,
    },
    owner: 'harm',
    measurements: [
      ...['Q1', 'Q2', 'Q3'].map((q, i) => ({
        period: `2014-15 ${q}`,
        value: String([85, 85, 86][i]),
        status: 'confirmed' as const,
        note: 'Illustrative: the report gives only quarter 4 (127) and the year (383)',
      })),
      { period: '2014-15 Q4', value: '127', status: 'confirmed' },
      ...['Q1', 'Q2', 'Q3'].map((q) => ({
        period: `2015-16 ${q}`,
        value: '112',
        status: 'confirmed' as const,
        note: 'Illustrative: the report gives only quarter 4 (110) and the year (446)',
      })),
      { period: '2015-16 Q4', value: '110', status: 'confirmed' },
    ],
    commentary:
      'In quarter 4 a total of 110 clients were seen (across Coventry & Warwickshire), which compares to 127 for the same period last year, a decrease of -13%, 17 fewer clients seen; however at year end a total of 446 clients were seen, which compares to 383 in the same period for 2014-15, a year end increase of +16%.',
  },
  {
    input: {
      ...noTarget,
      name: 'Hate crime incidents reported',
      definition: 'Hate crime incidents recorded by the police (crime and non crime) and by Hate Crime Reporting Centres.',
      unit: 'count',
      polarity: 'monitor',
      frequency: 'yearly',
      source: 'West Midlands Police and Hate Crime Reporting Centres',
      stableWithinPercent: 2,
    },
    owner: 'harm',
    measurements: [
      { period: '2014-15', value: '518', status: 'confirmed', note: 'Police 460 and Hate Crime Reporting Centres 58' },
      {
        period: '2015-16',
        value: '527',
        status: 'confirmed',
        note: 'Police 467 (379 crime, 88 non crime) and Hate Crime Reporting Centres 60',
      },
    ],
    commentary:
      'In quarter 4 a total of 115 hate crime incidents were reported; year-end 2015/16 the number totalled 527. Police data showed a small annual increase of 7 incidents (1.5%). The majority of incidents are racist in nature.',
  },
  {
    input: {
      ...noTarget,
      name: 'Anti-social behaviour and nuisance incidents',
      definition:
        'Anti-social behaviour incidents reported to the police and anti-social behaviour and nuisance reported to the City Council.',
      unit: 'count',
      polarity: 'lower_better',
      frequency: 'quarterly',
      source: 'West Midlands Police and Coventry City Council',
      stableWithinPercent: 1,
    },
    owner: 'tasking',
    measurements: [
      ...['Q1', 'Q2', 'Q3'].map((q) => ({
        period: `2015-16 ${q}`,
        value: '2,915',
        status: 'confirmed' as const,
        note: 'Illustrative: the report gives only quarter 4 and the year (11,408)',
      })),
      {
        period: '2015-16 Q4',
        value: '2,663',
        status: 'confirmed',
        note: 'Police 1,497 and City Council 1,166 (contact centre searched data)',
      },
    ],
    commentary:
      'Total number of anti-social behaviour incidents for quarter 4 was 2663, including Police (n=1497) and City Council ASB/Nuisance (n=1166 based on contact centre searched data). The total year to date numbered 11408. Both Police and City Council have seen reductions compared with the same period last year.',
  },
];

/** Table 1 of the report: Total Recorded Crime year to date, crimes per 1,000 population, in the report's order. */
export const coventryMsg = {
  indicator: 'Total recorded crime per 1,000 population, year to date',
  period: '2015-16',
  selfName: 'West Midlands - Coventry',
  publishedAverage: '83.482',
  source: 'iQuanta Most Similar Group comparisons (Table 1 of the report)',
  members: [
    'West Midlands - Coventry, 62.176',
    'Greater Manchester - Salford, 68.604',
    'Devon & Cornwall - Plymouth, 70.729',
    'Hertfordshire - Stevenage,',
    'Bedfordshire - Luton,',
    'Greater Manchester - Bolton,',
    'Thames Valley - Slough, 79.599',
    'Essex - Harlow, 83.120',
    'Leicestershire - Leicester, 83.239',
    'West Yorkshire - Bradford, 85.079',
    'Staffordshire - Stoke on Trent,',
    'Lincolnshire - Lincoln, 93.376',
    'Avon & Somerset - Bristol, 100.711',
    'Hampshire - Portsmouth, 103.039',
    'Lancashire - Blackpool, 109.416',
  ].join('\n'),
};

export const coventrySummary =
  'The trend for Total Recorded Crime is downwards (0.9% decrease): Coventry Local Policing Unit was the only LPU in West Midlands to record a reduction. Domestic violence and abuse crimes rose by 1.5% while the repeat victim rate fell to 9.3% from 10.5%; incidents with children present rose by 147%, mainly because of better identification and recording of risk to children in the home. Hate crime remains stable and anti-social behaviour is downward.';

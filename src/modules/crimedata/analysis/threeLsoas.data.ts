/**
 * A tiny area for the tests to work by hand: three LSOAs over the 24 months November 2022 to October 2024,
 * with March 2024 unpublished, and an LSOA outside the area whose crimes must never count.
 *
 * Every published month:
 *   Town Centre 001A (population 3,000): High Street 3 shoplifting, Market Square 3 and Church Lane 2 anti-social behaviour,
 *     Station Road 2 bicycle theft: 10 crimes.
 *   Riverside 001B (population 1,000): Mill Lane 4 burglaries; in October 2024 8, and 2 criminal damage on Bridge Road: 10.
 *   Hillside 001C (population not known): High Street 1 vehicle crime, but none in February 2024.
 *   Outside the area: High Street 50 drugs offences.
 */
import { monthsBetween } from './months.ts';
import type { AreaLsoa, CrimeCount, Month } from './types.ts';

export const townCentre = 'E01000001';
export const riverside = 'E01000002';
export const hillside = 'E01000003';
const outside = 'E01099999';

export const lsoas: AreaLsoa[] = [
  { code: townCentre, name: 'Town Centre 001A', population: 3000 },
  { code: riverside, name: 'Riverside 001B', population: 1000 },
  { code: hillside, name: 'Hillside 001C', population: null },
];

export const unpublished = '2024-03';
export const publishedMonths: Month[] = monthsBetween('2022-11', '2024-10').filter((month) => month !== unpublished);

export const crime = (month: Month, lsoaCode: string, location: string, crimeType: string, count: number): CrimeCount => ({
  month,
  lsoaCode,
  location,
  crimeType,
  count,
});

function crimesIn(month: Month): CrimeCount[] {
  const rows = [
    crime(month, townCentre, 'On or near High Street', 'Shoplifting', 3),
    crime(month, townCentre, 'On or near Market Square', 'Anti-social behaviour', 3),
    crime(month, townCentre, 'On or near Church Lane', 'Anti-social behaviour', 2),
    crime(month, townCentre, 'On or near Station Road', 'Bicycle theft', 2),
    crime(month, outside, 'On or near High Street', 'Drugs', 50),
  ];
  if (month === '2024-10') {
    rows.push(crime(month, riverside, 'On or near Mill Lane', 'Burglary', 8));
    rows.push(crime(month, riverside, 'On or near Bridge Road', 'Criminal damage and arson', 2));
  } else {
    rows.push(crime(month, riverside, 'On or near Mill Lane', 'Burglary', 4));
  }
  if (month !== '2024-02') rows.push(crime(month, hillside, 'On or near High Street', 'Vehicle crime', 1));
  return rows;
}

export const counts: CrimeCount[] = publishedMonths.flatMap(crimesIn);

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodOf, yearEarlier } from './analysis/periods.ts';
import { crimeProfile } from './analysis/profile.ts';
import type { AreaFigures } from './analysis/types.ts';
import { limits, profileCsv, residentsText, withoutLocationText } from './figuresPage.ts';

const year = periodOf('year', '2021-03');
const figures = (heldMonths: string[], populationEdition: 2011 | 2021): AreaFigures => ({
  partnershipId: 'charnwood',
  name: 'Charnwood',
  heldMonths,
  byType: [{ crimeType: 'Burglary', count: 5200 }],
  population: 185_700,
  populationEdition,
});

describe('the crime profile in words', () => {
  it('writes thousands with a separator', () => {
    assert.equal(
      withoutLocationText({ force: 'Leicestershire Police', crimes: 3123 }),
      '3,123 crimes in Leicestershire Police’s files for the period had no location, so count for no partnership.',
    );
  });

  it('says which ONS estimate the residents are: mid-2019 for 2011 LSOAs, mid-2022 for 2021 ones', () => {
    const of = (edition: 2011 | 2021) =>
      residentsText(crimeProfile(figures(['2021-03'], edition), figures([], edition), year, yearEarlier(year)));
    assert.match(of(2011), /^185,700 \(ONS mid-2019 estimates for the area’s 2011 LSOAs/);
    assert.match(of(2021), /^185,700 \(ONS mid-2022 estimates for the area’s 2021 LSOAs/);
  });

  it('labels every CSV row of a period not wholly held with the months held, and gives no rate', () => {
    const held = ['2020-11', '2020-12', '2021-01', '2021-02', '2021-03'];
    const profile = crimeProfile(figures(held, 2011), figures([], 2011), year, yearEarlier(year));
    const rows = profileCsv(profile, null).slice(1, 3);
    assert.deepEqual(rows[0]?.slice(0, 4), ['November 2020 to March 2021 only', 'All crime', '5200', '']);
  });

  it('shows a lower limit below 0 as 0.0: no rate of crime is below 0', () => {
    assert.equal(limits(-0.9, 12.3), '0.0 to 12.3');
    assert.equal(limits(-0.04, 0.3), '0.0 to 0.3');
    assert.equal(limits(1.25, 3), '1.3 to 3.0');
  });
});

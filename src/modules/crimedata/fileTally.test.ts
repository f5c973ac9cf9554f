import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crimeTally, type LsoaPlace } from './fileTally.ts';

const own = 'E23000034';
const other = 'E23000001';

/** A file's crimes: LSOA code (null: no location) and type. */
function tallyOf(crimes: [string | null, string][]) {
  const tally = crimeTally();
  for (const [lsoaCode, crimeType] of crimes) tally.add({ lsoaCode, crimeType });
  return tally;
}

describe('a file counted as it is read', () => {
  // E01000001 is of both editions; E01000002 only of 2011 (ended in 2021); E01035000 only of 2021; E01099999 of neither.
  const places: LsoaPlace[] = [
    { code: 'E01000001', edition: 2011, forceCode: own },
    { code: 'E01000001', edition: 2021, forceCode: own },
    { code: 'E01000002', edition: 2011, forceCode: other },
    { code: 'E01035000', edition: 2021, forceCode: own },
  ];

  it('counts its crimes by LSOA and type, leaving those without a location out of every LSOA', () => {
    const tally = tallyOf([
      ['E01000001', 'Burglary'],
      ['E01000001', 'Burglary'],
      ['E01000001', 'Drugs'],
      [null, 'Drugs'],
      ['E01000002', 'Drugs'],
    ]);
    assert.deepEqual(tally.lsoaCodes(), ['E01000001', 'E01000002']);
    assert.deepEqual(tally.counts(), [
      { lsoaCode: 'E01000001', crimeType: 'Burglary', crimes: 2 },
      { lsoaCode: 'E01000001', crimeType: 'Drugs', crimes: 1 },
      { lsoaCode: 'E01000002', crimeType: 'Drugs', crimes: 1 },
    ]);
  });

  it('takes the edition its codes of one edition only say, and counts unknown codes and other forces’ by it', () => {
    const tally = tallyOf([
      ['E01000001', 'Burglary'],
      ['E01000002', 'Drugs'],
      ['E01000002', 'Drugs'],
      ['E01035000', 'Drugs'],
      ['E01099999', 'Drugs'],
      [null, 'Drugs'],
    ]);
    // Two crimes in a 2011-only LSOA against one in a 2021-only one: 2011, whatever the month.
    assert.deepEqual(tally.counted(places, own, '2024-01'), {
      lsoaEdition: 2011,
      crimes: 6,
      withoutLocation: 1,
      // The 2021-only code and the code of neither edition.
      unknownLsoa: 2,
      // The two in the other force's LSOA.
      outsideForce: 2,
    });
  });

  it('takes the edition by the month when every code is of both', () => {
    const tally = tallyOf([['E01000001', 'Burglary']]);
    assert.equal(tally.counted(places, own, '2022-12').lsoaEdition, 2011);
    assert.equal(tally.counted(places, own, '2023-01').lsoaEdition, 2021);
    // A file placed in no force has no crime outside it.
    assert.equal(tallyOf([['E01000002', 'Drugs']]).counted(places, null, '2022-12').outsideForce, 1);
  });
});

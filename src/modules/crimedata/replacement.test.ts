import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changeText, describeChange, muchSmaller, partnershipChanges } from './replacement.ts';

describe('the change a replacing file makes to each partnership', () => {
  it('counts the crimes held and the file’s for each partnership, by name, and marks those that differ', () => {
    const changes = partnershipChanges(
      [
        { partnershipId: 'p2', name: 'Safer Leicester', cspCode: 'L', cspName: 'Leicester' },
        { partnershipId: 'p1', name: 'Safer Charnwood', cspCode: 'C', cspName: 'Charnwood' },
        { partnershipId: 'p3', name: 'Safer Melton', cspCode: 'M', cspName: 'Melton' },
      ],
      [
        { importId: 'old', cspCode: 'L', crimes: 4102 },
        { importId: 'old', cspCode: 'C', crimes: 1200 },
        { importId: 'new', cspCode: 'C', crimes: 9802 },
        { importId: 'old', cspCode: 'M', crimes: 80 },
        { importId: 'new', cspCode: 'M', crimes: 80 },
      ],
      { importId: 'new' },
    );
    assert.deepEqual(
      changes.map(({ name, before, after, differs }) => [name, before, after, differs]),
      [
        ['Safer Charnwood', 1200, 9802, true],
        ['Safer Leicester', 4102, 0, true],
        ['Safer Melton', 80, 80, false],
      ],
    );
  });

  it('counts crimes moved to another street in the same LSOA, as an attack on the street hotspots would', () => {
    const [change] = partnershipChanges(
      [{ partnershipId: 'p1', name: 'Safer Charnwood', cspCode: 'C', cspName: 'Charnwood' }],
      [
        { importId: 'old', cspCode: 'C', lsoaCode: 'A', location: 'On or near High Street', crimeType: 'Theft', crimes: 500 },
        { importId: 'new', cspCode: 'C', lsoaCode: 'A', location: 'On or near Attacker Street', crimeType: 'Theft', crimes: 500 },
      ],
      { importId: 'new' },
    );
    assert.equal(change?.moved, 500);
    assert.equal(change && describeChange(change), 'Same total, but 500 crimes have a different type or place');
  });

  it('counts the crimes moved to another LSOA or crime type, beyond the change in the total, and says it plainly', () => {
    const [change] = partnershipChanges(
      [{ partnershipId: 'p1', name: 'Safer Charnwood', cspCode: 'C', cspName: 'Charnwood' }],
      [
        { importId: 'old', cspCode: 'C', lsoaCode: 'A', crimeType: 'Theft', crimes: 100 },
        { importId: 'old', cspCode: 'C', lsoaCode: 'B', crimeType: 'Theft', crimes: 50 },
        { importId: 'new', cspCode: 'C', lsoaCode: 'A', crimeType: 'Theft', crimes: 60 },
        { importId: 'new', cspCode: 'C', lsoaCode: 'A', crimeType: 'Burglary', crimes: 40 },
        { importId: 'new', cspCode: 'C', lsoaCode: 'B', crimeType: 'Theft', crimes: 50 },
      ],
      { importId: 'new' },
    );
    assert.deepEqual([change?.before, change?.after, change?.moved, change?.differs], [150, 150, 40, true]);
    assert.equal(describeChange(change!), 'Same total, but 40 crimes have a different type or place');
    assert.equal(
      changeText(change!, 'October 2022'),
      'Same total for Charnwood’s October 2022 (150 crimes), but 40 crimes have a different type or place',
    );
    assert.equal(describeChange({ before: 4500, after: 4000, moved: 0 }), '−500 (−11%)');
    assert.equal(describeChange({ before: 100, after: 120, moved: 1 }), '+20 (+20%), and 1 crime has a different type or place');
    assert.equal(describeChange({ before: 0, after: 12, moved: 0 }), '+12');
    assert.equal(describeChange({ before: 7, after: 7, moved: 0 }), 'No change');
  });

  it('calls a file much smaller when it has under 90% of the crimes it replaces', () => {
    assert.equal(muchSmaller(89, 100), true);
    assert.equal(muchSmaller(90, 100), false);
    assert.equal(muchSmaller(5, 0), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { muchSmaller, partnershipChanges } from './replacement.ts';

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

  it('calls a file much smaller when it has under 90% of the crimes it replaces', () => {
    assert.equal(muchSmaller(89, 100), true);
    assert.equal(muchSmaller(90, 100), false);
    assert.equal(muchSmaller(5, 0), false);
  });
});

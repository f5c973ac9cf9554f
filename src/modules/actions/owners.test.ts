import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownerKindOf, ownerNamed, ownerOf, type OwnerRecords } from './owners.ts';

const records: OwnerRecords = {
  people: [
    { id: 'sara', name: 'Sara Roach', organisationId: 'council', organisationName: 'Coventry City Council' },
    { id: 'jo-1', name: 'Jo Bloggs', organisationId: null, organisationName: null },
    { id: 'jo-2', name: 'Jo Bloggs', organisationId: null, organisationName: null },
    { id: 'probation-person', name: 'Probation', organisationId: null, organisationName: null },
  ],
  organisations: [
    { id: 'council', name: 'Coventry City Council' },
    { id: 'probation', name: 'Probation' },
  ],
};

describe('ownerOf', () => {
  it('finds the chosen record of the partnership, and refuses one it does not hold next to its field', () => {
    assert.deepEqual(ownerOf({ kind: 'person', personId: 'sara' }, records), {
      owner: 'Sara Roach',
      ownerPersonId: 'sara',
      ownerOrganisationId: null,
    });
    assert.deepEqual(ownerOf({ kind: 'organisation', organisationId: 'council' }, records), {
      owner: 'Coventry City Council',
      ownerPersonId: null,
      ownerOrganisationId: 'council',
    });
    assert.deepEqual(ownerOf({ kind: 'other', name: 'All agencies' }, records), {
      owner: 'All agencies',
      ownerPersonId: null,
      ownerOrganisationId: null,
    });
    assert.deepEqual(ownerOf({ kind: 'person', personId: 'elsewhere' }, records), {
      field: 'ownerPersonId',
      message: 'Select a person of this partnership',
    });
    assert.deepEqual(ownerOf({ kind: 'organisation', organisationId: 'sara' }, records), {
      field: 'ownerOrganisationId',
      message: 'Select an organisation of this partnership',
    });
  });
});

describe('ownerNamed', () => {
  it('names the one organisation, else the one person where no organisation has the name, else the words', () => {
    assert.deepEqual(ownerNamed(' coventry CITY council ', records), { kind: 'organisation', organisationId: 'council' });
    assert.deepEqual(ownerNamed('sara roach', records), { kind: 'person', personId: 'sara' });
    assert.deepEqual(ownerNamed('Probation', records), { kind: 'organisation', organisationId: 'probation' });
    assert.deepEqual(ownerNamed('Jo Bloggs', records), { kind: 'other', name: 'Jo Bloggs' });
    assert.deepEqual(ownerNamed('All agencies', records), { kind: 'other', name: 'All agencies' });
  });
});

describe('ownerKindOf', () => {
  it('is the kind the stored links say', () => {
    assert.equal(ownerKindOf({ ownerPersonId: 'sara', ownerOrganisationId: null }), 'person');
    assert.equal(ownerKindOf({ ownerPersonId: null, ownerOrganisationId: 'council' }), 'organisation');
    assert.equal(ownerKindOf({ ownerPersonId: null, ownerOrganisationId: null }), 'other');
  });
});

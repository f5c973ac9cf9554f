import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tallyAttendance } from './attendanceRecord.ts';

const seat = (membershipId: string, personName: string, organisationId: string, responsibleAuthority = false) => ({
  membershipId,
  personName,
  organisationId,
  organisationName: organisationId,
  responsibleAuthority,
});
const police1 = seat('p1', 'Danny Long', 'Police', true);
const police2 = seat('p2', 'Hasson Shigdar', 'Police', true);
const fire = seat('f1', 'Andrea Simmonds', 'Fire', true);
const fsb = seat('b1', 'Steve Mills', 'FSB');

describe('tallyAttendance', () => {
  const record = tallyAttendance([
    {
      seats: [police1, police2, fire, fsb],
      statusBySeat: new Map([
        ['p1', 'present'],
        ['f1', 'apologies'],
        ['b1', 'present'],
      ]),
    },
    {
      seats: [police1, police2, fire, fsb],
      statusBySeat: new Map([
        ['p2', 'substitute'],
        ['f1', 'present'],
      ]),
    },
  ]);

  it('counts each member over the meetings they were expected at; nothing recorded is absent', () => {
    const danny = record.members.find((m) => m.personName === 'Danny Long');
    assert.deepEqual(danny && [danny.expected, danny.present, danny.absent], [2, 1, 1]);
    const steve = record.members.find((m) => m.personName === 'Steve Mills');
    assert.deepEqual(steve && [steve.expected, steve.present, steve.absent], [2, 1, 1]);
  });

  it('counts an organisation as there when any of its members or a substitute came', () => {
    const police = record.organisations.find((o) => o.organisationName === 'Police');
    assert.deepEqual(police && [police.expected, police.present, police.substitute, police.missedAsResponsibleAuthority], [2, 1, 1, false]);
  });

  it('picks out a Responsible Authority that missed a meeting', () => {
    const fireService = record.organisations.find((o) => o.organisationName === 'Fire');
    assert.deepEqual(fireService && [fireService.apologies, fireService.missedAsResponsibleAuthority], [1, true]);
    assert.equal(
      record.organisations.find((o) => o.organisationName === 'FSB')?.missedAsResponsibleAuthority,
      false,
      'only Responsible Authorities',
    );
  });
});

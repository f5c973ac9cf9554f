import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersFor, isOverdue } from './actionStatus.ts';

describe('isOverdue', () => {
  it('is overdue only while still to do and past its date', () => {
    assert.equal(isOverdue({ status: 'open', dueDate: '2026-11-20' }, '2026-11-23'), true);
    assert.equal(isOverdue({ status: 'in_progress', dueDate: '2026-11-23' }, '2026-11-23'), false, 'due today is not overdue');
    assert.equal(isOverdue({ status: 'done', dueDate: '2026-11-20' }, '2026-11-23'), false);
    assert.equal(isOverdue({ status: 'open', dueDate: null }, '2026-11-23'), false);
  });
});

describe('answersFor', () => {
  const pete = { name: 'Pete Morgan', organisationName: 'Coventry City Council' };
  it('is the person named, their organisation, or everyone; in any case', () => {
    assert.equal(answersFor('Pete Morgan', pete), true);
    assert.equal(answersFor(' coventry city council ', pete), true);
    assert.equal(answersFor('All agencies', pete), true);
    assert.equal(answersFor('Sara Roach', pete), false);
    assert.equal(answersFor('Pete', pete), false, 'part of a name is not enough');
    assert.equal(answersFor('Coventry City Council', { name: 'Sara Roach', organisationName: null }), false);
  });
});

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
  const pete = { id: 'pete', organisationId: 'council' };
  const owned = (ownerPersonId: string | null, ownerOrganisationId: string | null) => ({ ownerPersonId, ownerOrganisationId });
  it('is the person the action is, or their organisation, by the records and never by name', () => {
    assert.equal(answersFor(owned('pete', null), pete), true);
    assert.equal(answersFor(owned(null, 'council'), pete), true);
    assert.equal(answersFor(owned('sara', null), pete), false);
    assert.equal(answersFor(owned(null, 'police'), pete), false);
    assert.equal(answersFor(owned(null, null), pete), false, 'an owner named in words ("All agencies") is no one in particular');
    assert.equal(answersFor(owned(null, null), { id: 'sara', organisationId: null }), false, 'no organisation is not a match');
  });
});

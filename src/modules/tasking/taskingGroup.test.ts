import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taskingGroupOf } from './taskingGroup.ts';

const board = { id: 'board', name: 'Charnwood Community Safety Partnership Board' };
const jag = { id: 'jag', name: 'Joint Action Group' };
const tasking = { id: 'tasking', name: 'Charnwood Tasking Group' };

describe('taskingGroupOf', () => {
  it('opens on the group whose tasking is the latest', () => {
    const used = [
      { groupId: 'tasking', month: '2025-10' },
      { groupId: 'jag', month: '2025-12' },
    ];
    assert.equal(taskingGroupOf([board, jag, tasking], used), jag);
  });

  it('else on a group named as a tasking group, never the board for being first', () => {
    assert.equal(taskingGroupOf([board, jag, tasking], []), tasking);
    assert.equal(taskingGroupOf([board, jag, tasking], [{ groupId: 'archived', month: '2025-12' }]), tasking);
  });

  it('else on the first group, and on none when there is none', () => {
    assert.equal(taskingGroupOf([board, jag], []), board);
    assert.equal(taskingGroupOf([], []), undefined);
  });
});

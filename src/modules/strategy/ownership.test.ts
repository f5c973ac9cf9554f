import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionOwnerOf, boardOf } from './ownership.ts';

const group = (id: string, name: string, parentId: string | null = null, archivedAt: string | null = null) => ({
  id,
  name,
  parentId,
  archivedAt,
});

describe('who keeps a priority’s actions', () => {
  const board = group('board', 'Coventry Police, Crime and Community Safety Partnership Board');
  const tasking = group('tasking', 'City Tasking Group', 'board');
  // Coventry's partnership of 2007 reports to nobody either, and sorts first by name.
  const earlier = group('2007', 'Coventry Community Safety Partnership');

  it('takes the top group that others report to as the board', () => {
    assert.equal(boardOf([earlier, board, tasking])?.id, 'board');
  });

  it('takes the first by name among top groups alike, and none that is archived', () => {
    assert.equal(boardOf([group('b', 'Beta'), group('a', 'Alpha')])?.id, 'a');
    assert.equal(boardOf([group('a', 'Alpha', null, '2020-01-01T00:00:00Z'), group('b', 'Beta')])?.id, 'b');
    assert.equal(boardOf([]), null);
  });

  it('gives a priority’s actions to its owner, and a cross-cutting priority’s to the board', () => {
    const groups = [earlier, board, tasking];
    assert.equal(actionOwnerOf({ ownerGroupId: 'tasking' }, groups)?.id, 'tasking');
    assert.equal(actionOwnerOf({ ownerGroupId: null }, groups)?.id, 'board');
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { paginate, pageSize } from './pagination.ts';

it('sends a page past the end of a list to its last page, keeping the other query values', () => {
  const total = pageSize * 3 + 1;
  assert.equal(paginate('/things', { page: '9', status: 'open' }).beyondEnd(total), '/things?status=open&page=4');
  assert.equal(paginate('/things', { page: '4' }).beyondEnd(total), null);
  // An empty list has one page, which says that nothing matches.
  assert.equal(paginate('/things', { page: '2' }).beyondEnd(0), '/things?page=1');
  assert.equal(paginate('/things', {}).beyondEnd(0), null);
});

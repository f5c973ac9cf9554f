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

it('links Next and Previous, and the numbers next to this page, to the rows on from its ends; the rest by number', () => {
  const ends = { first: ['2026-01-01', 'a'], last: [null, 'z'] };
  const pages = paginate('/things', { page: '5', status: 'open', after: 'stale' }).links(pageSize * 20, ends);
  const keyOf = (href: string | undefined, direction: string) => {
    const text = new URLSearchParams(href?.split('?')[1]).get(direction);
    return text === null ? null : (JSON.parse(Buffer.from(text, 'base64url').toString()) as unknown);
  };
  assert.deepEqual(keyOf(pages?.next?.href, 'after'), [null, 'z']);
  assert.deepEqual(keyOf(pages?.previous?.href, 'before'), ['2026-01-01', 'a']);
  const hrefs = Object.fromEntries((pages?.items ?? []).flatMap((item) => ('number' in item ? [[item.number, item.href]] : [])));
  assert.equal(hrefs[6], pages?.next?.href);
  assert.equal(hrefs[4], pages?.previous?.href);
  assert.equal(hrefs[7], '/things?status=open&page=7');
  assert.equal(hrefs[1], '/things?status=open&page=1');
  // Previous from page 2 is the first page, read from the start.
  assert.equal(paginate('/things', { page: '2' }).links(pageSize * 3, ends)?.previous?.href, '/things?page=1');
});

it('reads on from a key a link carried, and by number from page 1 or a key that is not one', () => {
  const key = Buffer.from(JSON.stringify(['2026-01-01', 'a'])).toString('base64url');
  assert.deepEqual(paginate('/things', { page: '3', after: key }).seek, { direction: 'after', key: ['2026-01-01', 'a'] });
  assert.deepEqual(paginate('/things', { page: '3', before: key }).seek, { direction: 'before', key: ['2026-01-01', 'a'] });
  assert.equal(paginate('/things', { page: '1', after: key }).seek, null);
  // A hidden character (PostgreSQL refuses NUL outright) makes it no key.
  const hidden = Buffer.from(JSON.stringify(['2026-01-01\u0000', 'a'])).toString('base64url');
  for (const bad of ['not-a-key', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), hidden]) {
    assert.equal(paginate('/things', { page: '3', after: bad }).seek, null);
  }
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { nearerEnd } from '../db/pageRead.ts';
import { paginate, pageSize } from './pagination.ts';

it('sends a page past the end of a list to its last page, keeping the other query values', () => {
  const total = pageSize * 3 + 1;
  assert.equal(paginate('/things', { page: '9', status: 'open' }).beyondEnd(total), '/things?status=open&page=4');
  assert.equal(paginate('/things', { page: '4' }).beyondEnd(total), null);
  // An empty list has one page, which says that nothing matches.
  assert.equal(paginate('/things', { page: '2' }).beyondEnd(0), '/things?page=1');
  assert.equal(paginate('/things', {}).beyondEnd(0), null);
});

it('links Next and Previous, and the numbers up to two from this page, to the rows on from its ends; the rest by number', () => {
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
  // Two pages on (or back) read on from the same end, passing over the page between.
  assert.deepEqual(keyOf(hrefs[7], 'after'), [pageSize, null, 'z']);
  assert.deepEqual(keyOf(hrefs[3], 'before'), [pageSize, '2026-01-01', 'a']);
  assert.deepEqual(paginate('/things', Object.fromEntries(new URLSearchParams(hrefs[7]?.split('?')[1]))).seek, {
    direction: 'after',
    key: [null, 'z'],
    skip: pageSize,
  });
  // The first and the last pages by number: the last is read back from the end (db/pageRead.ts).
  assert.equal(hrefs[1], '/things?status=open&page=1');
  assert.equal(hrefs[20], '/things?status=open&page=20');
  // Previous from page 2 is the first page, read from the start.
  assert.equal(paginate('/things', { page: '2' }).links(pageSize * 3, ends)?.previous?.href, '/things?page=1');
});

it('reads on from a key a link carried, and by number from page 1 or a key that is not one', () => {
  const key = Buffer.from(JSON.stringify(['2026-01-01', 'a'])).toString('base64url');
  assert.deepEqual(paginate('/things', { page: '3', after: key }).seek, { direction: 'after', key: ['2026-01-01', 'a'], skip: 0 });
  assert.deepEqual(paginate('/things', { page: '3', before: key }).seek, { direction: 'before', key: ['2026-01-01', 'a'], skip: 0 });
  assert.equal(paginate('/things', { page: '1', after: key }).seek, null);
  // A hidden character (PostgreSQL refuses NUL outright) makes it no key.
  const hidden = Buffer.from(JSON.stringify(['2026-01-01\u0000', 'a'])).toString('base64url');
  // More than a page to pass over is no key, nor a key of nothing but rows to pass over.
  const encoded = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  for (const bad of [
    encoded([pageSize + 1, 'a']),
    encoded([pageSize]),
    encoded([1.5, 'a']),
    'not-a-key',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1]').toString('base64url'),
    hidden,
  ]) {
    assert.equal(paginate('/things', { page: '3', after: bad }).seek, null);
  }
});

it('reads a page past half way back from the end, and the rest as asked', () => {
  const asked = (page: number) => ({ limit: pageSize, offset: (page - 1) * pageSize });
  const total = pageSize * 10 + 7;
  assert.deepEqual(nearerEnd(asked(11), total), { limit: 7, offset: pageSize * 10, seek: { direction: 'before', key: null, skip: 0 } });
  assert.deepEqual(nearerEnd(asked(10), total), {
    limit: pageSize,
    offset: pageSize * 9,
    seek: { direction: 'before', key: null, skip: 7 },
  });
  assert.deepEqual(nearerEnd(asked(5), total), asked(5));
  assert.deepEqual(nearerEnd(asked(12), total), asked(12));
  const seeking = { ...asked(10), seek: { direction: 'after' as const, key: ['a'] } };
  assert.equal(nearerEnd(seeking, total), seeking);
});

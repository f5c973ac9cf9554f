import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnTo } from './returnTo.ts';

describe('safeReturnTo', () => {
  it('keeps a path on this site, with its query', () => {
    assert.equal(safeReturnTo('/partnerships/abc/groups?archived=yes'), '/partnerships/abc/groups?archived=yes');
  });

  it('resolves dot segments to the path they name', () => {
    assert.equal(safeReturnTo('/partnerships/./abc/../def'), '/partnerships/def');
  });

  const attacks = [
    '//evil.example',
    '/\t/evil.example',
    '/\\evil.example',
    '/\n/evil.example',
    'https://evil.example/',
    'evil',
    '',
    // Dot segments that resolve to a path starting "//", which a browser reads as another site.
    '/.//evil.example',
    '/..//x',
    '/%2e%2e//x',
    '/%2E%2E//x',
    '/.%2e//x',
    '/a/..//x',
    '/././/x',
  ];
  for (const attack of attacks) {
    it(`refuses ${JSON.stringify(attack)}`, () => {
      assert.equal(safeReturnTo(attack), null);
    });
  }

  it('refuses anything that is not a string', () => {
    assert.equal(safeReturnTo(['/a', '/b']), null);
    assert.equal(safeReturnTo(undefined), null);
  });
});

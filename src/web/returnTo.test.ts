import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnTo } from './returnTo.ts';

describe('safeReturnTo', () => {
  it('keeps a path on this site, with its query', () => {
    assert.equal(safeReturnTo('/partnerships/abc/groups?archived=yes'), '/partnerships/abc/groups?archived=yes');
  });

  for (const attack of ['//evil.example', '/\t/evil.example', '/\\evil.example', '/\n/evil.example', 'https://evil.example/', 'evil', '']) {
    it(`refuses ${JSON.stringify(attack)}`, () => {
      assert.equal(safeReturnTo(attack), null);
    });
  }

  it('refuses anything that is not a string', () => {
    assert.equal(safeReturnTo(['/a', '/b']), null);
    assert.equal(safeReturnTo(undefined), null);
  });
});

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { unsubscribeTokens } from './unsubscribeToken.ts';

describe('unsubscribeTokens', () => {
  const tokens = unsubscribeTokens('a session secret of the tests');
  const scope = { partnershipId: randomUUID(), personId: randomUUID(), kind: 'publication' as const, groupId: randomUUID() };

  it('reads back what it signed, with or without a group, and fits one path segment', () => {
    const token = tokens.sign(scope);
    assert.deepEqual(tokens.verify(token), scope);
    assert.ok(token.length <= 100, `${token.length} characters`);
    const all = { ...scope, kind: 'all' as const, groupId: null };
    assert.deepEqual(tokens.verify(tokens.sign(all)), all);
    assert.match(token, /^[\w-]+\.[\w-]+$/, 'safe in an address as it is');
  });

  it('refuses a token altered anywhere, cut short, made up, or signed with another secret', () => {
    const token = tokens.sign(scope);
    for (let at = 0; at < token.length; at += 1) {
      if (token[at] === '.') continue;
      const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
      assert.equal(tokens.verify(altered), null, `altered at ${at}`);
    }
    assert.equal(tokens.verify(token.slice(0, -2)), null);
    assert.equal(tokens.verify(token.split('.')[0] ?? ''), null);
    assert.equal(tokens.verify('not-a-token'), null);
    assert.equal(tokens.verify(`${token}.more`), null);
    assert.equal(unsubscribeTokens('another secret').verify(token), null);
    const other = tokens.sign({ ...scope, kind: 'minutes' });
    const [content] = token.split('.');
    const [, otherSignature] = other.split('.');
    assert.equal(tokens.verify(`${content}.${otherSignature}`), null, "another token's signature");
  });
});

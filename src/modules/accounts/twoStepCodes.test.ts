/** Two-step sign-in's pure parts: sealing, codes and the one rule of who must use it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupedSecret, mustUseTwoStep, newRecoveryCodes, newTotpSecret, stepOfCode, twoStepKeys } from './twoStepCodes.ts';

const keys = twoStepKeys('a session secret of at least thirty-two characters');

describe('two-step codes', () => {
  it('seals a secret that only the same session secret opens', () => {
    const secret = newTotpSecret();
    const sealed = keys.seal(secret);
    assert.ok(!sealed.includes(secret));
    assert.notEqual(keys.seal(secret), sealed, 'each sealing has its own nonce');
    assert.equal(keys.open(sealed), secret);
    assert.equal(twoStepKeys('another session secret, thirty-two characters').open(sealed), null);
    assert.equal(keys.open(`${sealed}x`), null, 'an altered secret is refused');
  });

  it('groups the secret in fours, and reads no code from a secret it cannot open', () => {
    assert.equal(groupedSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
    assert.equal(stepOfCode(null, '123456', new Date()), null);
    assert.equal(stepOfCode(newTotpSecret(), '12345', new Date()), null);
  });

  it('makes ten different recovery codes, matched however they are typed', () => {
    const codes = newRecoveryCodes();
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    const [code = ''] = codes;
    assert.equal(keys.hashRecoveryCode(` ${code.toUpperCase().replace('-', ' ')} `), keys.hashRecoveryCode(code));
    assert.notEqual(twoStepKeys('another session secret, thirty-two characters').hashRecoveryCode(code), keys.hashRecoveryCode(code));
  });

  it('requires it of accounts that read a partnership that requires it, and of administrators once any does', () => {
    const required = { partnershipIds: new Set(['coventry']), areaIds: new Set(['west-midlands']) };
    const none = { partnershipIds: new Set<string>(), areaIds: new Set<string>() };
    const member = (partnershipIds: string[], areaIds: string[] = []) => ({ isAdmin: false, partnershipIds, areaIds });
    assert.equal(mustUseTwoStep(member(['coventry']), required), true);
    assert.equal(mustUseTwoStep(member(['plymouth']), required), false);
    assert.equal(mustUseTwoStep(member([], ['west-midlands']), required), true);
    assert.equal(mustUseTwoStep({ isAdmin: true, partnershipIds: [], areaIds: [] }, required), true);
    assert.equal(mustUseTwoStep({ isAdmin: true, partnershipIds: [], areaIds: [] }, none), false);
  });
});

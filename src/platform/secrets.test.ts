import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSecretBox } from './secrets.ts';

const secret = 'a-test-secret-that-is-at-least-32-characters-long';

describe('sealed secrets', () => {
  it('opens what it sealed, and the sealed text does not hold the secret', () => {
    const box = createSecretBox(secret);
    const sealed = box.seal('client secret 123');
    assert.ok(!sealed.includes('client secret'));
    assert.notEqual(box.seal('client secret 123'), sealed, 'a fresh nonce each time');
    assert.equal(box.open(sealed), 'client secret 123');
  });

  it('refuses a seal changed since, or made under another session secret', () => {
    const sealed = createSecretBox(secret).seal('client secret 123');
    const parts = sealed.split('.');
    const body = parts[3] ?? '';
    const changed = [...parts.slice(0, 3), `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`].join('.');
    assert.throws(() => createSecretBox(secret).open(changed));
    assert.throws(() => createSecretBox(`${secret}-rotated`).open(sealed));
    assert.throws(() => createSecretBox(secret, 'another purpose').open(sealed));
  });
});

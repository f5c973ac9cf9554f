import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Signer } from '@fastify/cookie';
import { rememberingSigner } from './sessionSigner.ts';

const secret = 'a session secret of thirty-two characters or more';

/** Counts the HMACs the signer works out, by counting the calls on @fastify/cookie's own signer. */
function countingHmacs(): { counts: { sign: number; unsign: number }; restore: () => void } {
  const counts = { sign: 0, unsign: 0 };
  const { sign, unsign } = Signer.prototype;
  Signer.prototype.sign = function (this: Signer, value: string) {
    counts.sign += 1;
    return sign.call(this, value);
  };
  Signer.prototype.unsign = function (this: Signer, cookie: string) {
    counts.unsign += 1;
    return unsign.call(this, cookie);
  };
  return { counts, restore: () => Object.assign(Signer.prototype, { sign, unsign }) };
}

describe('the session cookie signer', () => {
  it('answers as @fastify/cookie’s signer does, for genuine, altered and foreign cookies', () => {
    const plain = new Signer(secret);
    const signer = rememberingSigner(secret);
    const cookie = plain.sign('session-id');
    for (const value of [cookie, cookie, `${cookie}x`, 'session-id.', 'no-dot', new Signer(`${secret}!`).sign('session-id')])
      assert.deepEqual({ ...signer.unsign(value) }, plain.unsign(value), value);
    assert.equal(signer.sign('session-id'), cookie);
    assert.equal(signer.sign('another-id'), plain.sign('another-id'));
  });

  it('refuses a secret shorter than @fastify/session takes', () => {
    for (const short of ['', 'x'.repeat(31)]) assert.throws(() => rememberingSigner(short), /at least 32 characters/);
  });

  it('works out a valid cookie’s HMAC once, and the id’s cookie from it', (t) => {
    const { counts, restore } = countingHmacs();
    t.after(restore);
    const signer = rememberingSigner(secret);
    const cookie = new Signer(secret).sign('session-id');
    counts.sign = 0;
    for (let request = 0; request < 3; request++) {
      assert.equal(signer.unsign(cookie).value, 'session-id');
      assert.equal(signer.sign('session-id'), cookie);
    }
    assert.deepEqual(counts, { sign: 0, unsign: 1 });
    // A cookie that is not valid is checked every time: made-up cookies are never kept.
    for (let request = 0; request < 3; request++) assert.equal(signer.unsign(`${cookie}x`).valid, false);
    assert.equal(counts.unsign, 4);
    // A new session's id (a request without a cookie) is signed afresh, not kept.
    signer.sign('new-id');
    signer.sign('new-id');
    assert.equal(counts.sign, 2);
  });

  it('keeps at most its size of cookies, forgetting the oldest first', (t) => {
    const { counts, restore } = countingHmacs();
    t.after(restore);
    const signer = rememberingSigner(secret, 2);
    const plain = new Signer(secret);
    const cookies = ['a', 'b', 'c'].map((id) => plain.sign(id));
    for (const cookie of cookies) signer.unsign(cookie);
    counts.unsign = 0;
    counts.sign = 0;
    signer.unsign(cookies[2]!);
    signer.unsign(cookies[1]!);
    assert.equal(counts.unsign, 0);
    assert.equal(signer.sign('a'), cookies[0]);
    assert.equal(counts.sign, 1);
    assert.equal(signer.unsign(cookies[0]!).value, 'a');
    assert.equal(counts.unsign, 1);
  });
});

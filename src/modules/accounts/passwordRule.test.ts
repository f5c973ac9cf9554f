import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblem } from './passwordRule.ts';

describe('passwordProblem', () => {
  it('takes a long passphrase', () => {
    assert.equal(passwordProblem('correct horse battery staple', 'olivia.officer@coventry.example'), null);
  });

  it('asks for 12 characters or more, and no more than 1000', () => {
    assert.equal(passwordProblem(''), 'Enter a password');
    assert.equal(passwordProblem('eleven char'), 'The password must be 12 characters or more');
    assert.equal(passwordProblem('twelve chars'), null);
    assert.equal(passwordProblem('x'.repeat(1001)), 'The password must be 1000 characters or fewer');
  });

  it('refuses a password from the breached list, whatever its capitals', () => {
    for (const breached of ['password1234', 'QWERTYUIOP123', 'Qwerty123456']) {
      assert.equal(passwordProblem(breached), 'This password is one of the most common in data breaches: choose a different password');
    }
  });

  it("refuses a password holding the account's email name part, whatever its capitals", () => {
    assert.equal(
      passwordProblem('my name is Olivia.Officer ok', 'olivia.officer@coventry.example'),
      'The password must not contain the name part of the email address: choose a different password',
    );
    assert.equal(passwordProblem('coventry.example is where I work', 'olivia.officer@coventry.example'), null);
    // A name part of one or two letters would refuse too much.
    assert.equal(passwordProblem('a long passphrase with jo in it', 'jo@example.org'), null);
  });
});

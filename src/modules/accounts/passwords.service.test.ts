/** A person's own password: changed with the current one, or chosen again with a single-use link that expires. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testConfig } from '../../../test/helpers/app.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { recordingMailer } from '../../../test/helpers/mail.ts';
import { type Container, createContainer } from '../../container.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import { signInThrottle } from './index.ts';

/** A clock the test moves on by hand. */
function testClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (minutes: number) => (now += minutes * 60_000) };
}

const password = 'a long first passphrase';
const address = '192.0.2.10';

for (const database of testDatabases()) {
  describe(`own passwords on ${database.engine}`, () => {
    const clock = testClock('2026-12-10T09:00:00Z');
    const mailer = recordingMailer();
    const { sent } = mailer;
    let container: Container;
    let accountNumber = 0;

    before(async () => {
      container = createContainer(testConfig, { clock, database: await database.create(), mailer });
    });
    after(() => container.database.close());

    /** A new account of its own for each test, so that no test's throttles or links reach another's. */
    async function newAccount(): Promise<{ userId: string; email: string }> {
      accountNumber += 1;
      const email = `person${accountNumber}@example.org`;
      const userId = await container.accounts.createUser(systemPrincipal, {
        email,
        name: `Person ${accountNumber}`,
        password,
        isAdmin: false,
      });
      return { userId, email };
    }

    /** Asks for a link as the forgotten-password page does, runs the queue, and gives the token of the link sent, if any. */
    async function askForLink(email: string, from = address): Promise<string | null> {
      sent.length = 0;
      assert.equal(await container.accounts.passwords.requestReset(email, from), null);
      await container.notifications.runDueJobs();
      const link = sent.map((mail) => /\/reset-password\/(\S+)/.exec(mail.text)?.[1]).find(Boolean);
      return link ?? null;
    }

    const signsInWith = async (email: string, candidate: string) =>
      (await container.accounts.signIn(email, candidate, '198.51.100.1')).outcome === 'signed-in';

    it('sends a link that lets the person choose a new password once, spends it, and signs the account out everywhere', async () => {
      const { userId, email } = await newAccount();
      await container.accounts.sessions.save('their-session', { userId }, new Date('2027-01-01'));
      const token = await askForLink(email);
      assert.ok(token, 'a link was e-mailed');
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.to, email);
      assert.match(sent[0]?.text ?? '', /within 1 hour/);
      // Only the token's SHA-256 is kept.
      const stored = await container.database.db.selectFrom('passwordResets').selectAll().where('userId', '=', userId).execute();
      assert.equal(stored.length, 1);
      assert.notEqual(stored[0]?.tokenHash, token);
      assert.equal(stored[0]?.tokenHash.length, 64);

      assert.equal(await container.accounts.passwords.resetLinkWorks(token), true);
      assert.equal(await container.accounts.passwords.reset(token, 'a brand new passphrase'), true);
      assert.equal(await container.accounts.passwords.resetLinkWorks(token), false, 'used once, the link is spent');
      assert.equal(await container.accounts.passwords.reset(token, 'another new passphrase'), false);
      assert.equal(await container.accounts.sessions.load('their-session'), null, 'signed out everywhere');
      assert.equal(await signsInWith(email, 'a brand new passphrase'), true);
      assert.equal(await signsInWith(email, password), false);
      const user = await container.database.db.selectFrom('users').select('emailVerifiedAt').where('id', '=', userId).executeTakeFirst();
      assert.equal(user?.emailVerifiedAt, clock.now().toISOString(), 'following the link proves the address');
      const { rows } = await container.audit.list({ entityType: 'user', action: 'update' }, { limit: 50, offset: 0 });
      assert.ok(rows.some((row) => row.summary === `Person ${accountNumber} chose a new password with a link sent to their email address`));
    });

    it('lets exactly one of ten redemptions of a link at once set the password', async () => {
      const { email } = await newAccount();
      const token = await askForLink(email);
      assert.ok(token);
      const candidates = Array.from({ length: 10 }, (_, i) => `parallel passphrase number ${i}`);
      const results = await Promise.all(candidates.map((candidate) => container.accounts.passwords.reset(token, candidate)));
      assert.equal(results.filter(Boolean).length, 1, 'exactly one redemption succeeds');
      const winner = candidates[results.indexOf(true)] ?? '';
      assert.equal(await signsInWith(email, winner), true, 'the password is the one the successful redemption chose');
    });

    it('stops a link working after an hour, and when a newer link is sent', async () => {
      const { email } = await newAccount();
      const expiring = await askForLink(email);
      assert.ok(expiring);
      clock.advance(59);
      assert.equal(await container.accounts.passwords.resetLinkWorks(expiring), true, 'a minute before the hour is out');
      clock.advance(1);
      assert.equal(await container.accounts.passwords.resetLinkWorks(expiring), false, 'on the hour it has expired');
      assert.equal(await container.accounts.passwords.reset(expiring, 'a brand new passphrase'), false);

      const first = await askForLink(email);
      const second = await askForLink(email);
      assert.ok(first && second && first !== second);
      assert.equal(await container.accounts.passwords.resetLinkWorks(first), false, 'the newer link replaces the earlier one');
      assert.equal(await container.accounts.passwords.resetLinkWorks(second), true);
      assert.equal(await signsInWith(email, password), true, 'the password is unchanged until a link is used');
    });

    it('refuses a breached password, or one holding the email name, and leaves the link to be used again', async () => {
      const { email } = await newAccount();
      const token = await askForLink(email);
      assert.ok(token);
      await assert.rejects(container.accounts.passwords.reset(token, 'Password1234'), (error: unknown) => {
        assert.ok(error instanceof FieldValidationError);
        assert.equal(error.field, 'password');
        assert.match(error.message, /most common in data breaches/);
        return true;
      });
      await assert.rejects(container.accounts.passwords.reset(token, `mine is ${email.split('@')[0]} ok`), /name part of the email/);
      assert.equal(await container.accounts.passwords.resetLinkWorks(token), true);
    });

    it('answers an unknown or archived address exactly as a known one, and sends nothing for it', async () => {
      const known = await newAccount();
      const archived = await newAccount();
      await container.accounts.setActive(systemPrincipal, archived.userId, 1, false);
      for (const email of ['nobody@example.org', archived.email]) {
        assert.equal(await container.accounts.passwords.requestReset(email, '203.0.113.5'), null);
      }
      assert.equal(await container.accounts.passwords.requestReset(known.email, '203.0.113.5'), null);
      // The same work whatever the address: one job each, of the same kind.
      const jobs = await container.database.db.selectFrom('jobs').select(['kind', 'payload']).where('doneAt', 'is', null).execute();
      assert.deepEqual(
        jobs.map((job) => job.kind),
        ['password-reset', 'password-reset', 'password-reset'],
      );
      sent.length = 0;
      await container.notifications.runDueJobs();
      assert.deepEqual(
        sent.map((mail) => mail.to),
        [known.email],
      );
    });

    it('throttles requests for one address, and from one network, without holding up signing in', async () => {
      const { email } = await newAccount();
      for (let i = 0; i < signInThrottle.freeFailures; i += 1) {
        assert.equal(await container.accounts.passwords.requestReset(email, '203.0.113.9'), null);
      }
      const refused = await container.accounts.passwords.requestReset(email, '203.0.113.9');
      assert.equal(refused?.by, 'account');
      assert.equal(await signsInWith(email, password), true, 'asking for links does not throttle signing in');
      await container.notifications.runDueJobs();
    });

    it('changes the password with the current one, ends the other sessions, and audits it', async () => {
      const { userId, email } = await newAccount();
      await container.accounts.sessions.save('elsewhere', { userId }, new Date('2027-01-01'));
      assert.deepEqual(await container.accounts.passwords.change(userId, 'not my password', 'a brand new passphrase', address), {
        outcome: 'wrong-password',
        newPasswordProblem: null,
      });
      // A wrong current password and a new one the rule refuses are both answered.
      assert.deepEqual(await container.accounts.passwords.change(userId, 'not my password', 'qwerty123456', address), {
        outcome: 'wrong-password',
        newPasswordProblem: 'This password is one of the most common in data breaches: choose a different password',
      });
      clock.advance(1);
      assert.equal(await signsInWith(email, password), true);
      await assert.rejects(container.accounts.passwords.change(userId, password, 'qwerty123456', address), /most common in data breaches/);
      assert.deepEqual(await container.accounts.passwords.change(userId, password, 'a brand new passphrase', address), {
        outcome: 'changed',
      });
      assert.equal(await container.accounts.sessions.load('elsewhere'), null);
      clock.advance(1);
      assert.equal(await signsInWith(email, 'a brand new passphrase'), true);
      const history = await container.accounts.signInHistory(userId);
      assert.deepEqual(
        history.map(({ succeeded, address: from, method }) => ({ succeeded, from, method })),
        [
          { succeeded: true, from: '198.51.100.1', method: 'Password' },
          { succeeded: true, from: '198.51.100.1', method: 'Password' },
          { succeeded: false, from: address, method: 'Password' },
          { succeeded: false, from: address, method: 'Password' },
        ],
      );
    });

    it('throttles wrong current passwords as it does wrong sign-ins', async () => {
      const { userId } = await newAccount();
      const wrongGuess = () => container.accounts.passwords.change(userId, 'a wrong guess', 'a brand new passphrase', address);
      for (let i = 1; i < signInThrottle.freeFailures; i += 1) assert.equal((await wrongGuess()).outcome, 'wrong-password');
      // The right password with a new one the rule refuses is no failure: it forgives those before it, as a sign-in does.
      await assert.rejects(container.accounts.passwords.change(userId, password, 'too short', address), /12 characters or more/);
      for (let i = 0; i < signInThrottle.freeFailures; i += 1) assert.equal((await wrongGuess()).outcome, 'wrong-password');
      // The next attempt, even with the right password, waits as a sign-in would.
      const refused = await container.accounts.passwords.change(userId, password, 'a brand new passphrase', address);
      assert.equal(refused.outcome, 'throttled');
    });

    it('shows the last twenty sign-ins and failed attempts, newest first', async () => {
      const { userId, email } = await newAccount();
      for (let i = 0; i < 22; i += 1) {
        clock.advance(1);
        await signsInWith(email, password);
      }
      const history = await container.accounts.signInHistory(userId);
      assert.equal(history.length, 20);
      assert.ok(
        history.every((entry, i) => i === 0 || entry.at < (history[i - 1]?.at ?? '')),
        'newest first',
      );
    });
  });
}

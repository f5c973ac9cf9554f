/** Two-step sign-in's rules on both engines: codes, drift, reuse, single-use recovery codes, the requirement and its audit. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TOTP } from 'otpauth';
import { URI } from 'otpauth';
import type { Clock } from '../../platform/clock.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { systemPrincipal } from '../../platform/principal.ts';
import type { Container } from '../../container.ts';
import { TestClock } from '../../../test/helpers/clock.ts';
import { build, suiteScope } from '../../../test/helpers/build.ts';
import { testDatabases } from '../../../test/helpers/database.ts';
import { addMember, addPerson } from '../../../test/helpers/people.ts';

/** The authenticator app: reads the set-up address, and says the code for a moment. */
const appFor = (address: string) => URI.parse(address) as TOTP;
const codeAt = (app: TOTP, clock: Clock, offsetSeconds = 0) => app.generate({ timestamp: clock.now().getTime() + offsetSeconds * 1000 });

for (const database of testDatabases()) {
  describe(`two-step sign-in on ${database.engine}`, () => {
    const clock = new TestClock('2026-12-10T09:00:00Z');
    const scope = suiteScope();
    let container: Container;
    let coventry: string;

    before(async () => {
      ({ container, coventry } = await build(scope, { clock, database: await database.create(), as: 'nobody' }));
    });

    const newMember = async (name: string) => {
      const id = await container.accounts.createUser(systemPrincipal, {
        email: `${name}@example.com`,
        name,
        password: 'a long enough password',
        isAdmin: false,
      });
      await container.accounts.grantRole(systemPrincipal, id, 'member', { partnershipId: coventry, areaId: null });
      return id;
    };

    /** Sets two-step up for the account, and gives its app and recovery codes. */
    const enrol = async (userId: string) => {
      const secret = await container.accounts.twoStep.setUp(userId);
      assert.ok(secret);
      const app = appFor(secret.address);
      const codes = await container.accounts.twoStep.confirm({ userId }, userId, codeAt(app, clock));
      return { app, codes };
    };

    const auditSummaries = async () =>
      (await container.database.db.selectFrom('auditLog').select('summary').execute()).map((row) => row.summary);

    it('refuses a wrong code at set-up, and keeps the secret sealed in the database', async () => {
      const userId = await newMember('Sam');
      const secret = await container.accounts.twoStep.setUp(userId);
      assert.ok(secret);
      const plain = appFor(secret.address).secret.base32;
      assert.equal(secret.grouped.replaceAll(' ', ''), plain);
      await assert.rejects(container.accounts.twoStep.confirm({ userId }, userId, '000000'), FieldValidationError);
      const stored = await container.database.db
        .selectFrom('twoStepEnrolments')
        .selectAll()
        .where('userId', '=', userId)
        .executeTakeFirstOrThrow();
      assert.equal(stored.confirmedAt, null);
      assert.ok(!stored.sealedSecret.includes(plain), 'the secret is not stored as it is');
      // Asking again shows the same secret, for the app that has already scanned it.
      assert.equal((await container.accounts.twoStep.setUp(userId))?.grouped, secret.grouped);
    });

    it('accepts a current code once, refuses it again and refuses an older one', async () => {
      const userId = await newMember('Ali');
      const { app, codes } = await enrol(userId);
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      // The code used to confirm is spent.
      assert.deepEqual(await container.accounts.twoStep.check(userId, codeAt(app, clock), '10.0.0.1'), { outcome: 'wrong' });
      clock.advance(30);
      const code = codeAt(app, clock);
      assert.deepEqual(await container.accounts.twoStep.check(userId, code, '10.0.0.1'), { outcome: 'passed', by: 'code' });
      assert.deepEqual(await container.accounts.twoStep.check(userId, code, '10.0.0.1'), { outcome: 'wrong' });
      assert.deepEqual(await container.accounts.twoStep.check(userId, codeAt(app, clock, -30), '10.0.0.1'), { outcome: 'wrong' });
      const summaries = await auditSummaries();
      assert.ok(summaries.includes('Ali signed in with a two-step code'));
      assert.ok(summaries.includes("Wrong two-step code for Ali's account from 10.0.0.1"));
    });

    it('allows one step of drift either way, and no more', async () => {
      const userId = await newMember('Dee');
      const { app } = await enrol(userId);
      clock.advance(300);
      assert.equal((await container.accounts.twoStep.check(userId, codeAt(app, clock, -30), '10.0.0.2')).outcome, 'passed');
      clock.advance(300);
      assert.equal((await container.accounts.twoStep.check(userId, codeAt(app, clock, 30), '10.0.0.2')).outcome, 'passed');
      clock.advance(300);
      assert.equal((await container.accounts.twoStep.check(userId, codeAt(app, clock, -60), '10.0.0.2')).outcome, 'wrong');
      assert.equal((await container.accounts.twoStep.check(userId, codeAt(app, clock, 60), '10.0.0.2')).outcome, 'wrong');
    });

    it('lets a recovery code in once, of ten parallel attempts with it', async () => {
      const userId = await newMember('Rob');
      const { codes } = await enrol(userId);
      const [code = ''] = codes;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, n) => container.accounts.twoStep.check(userId, code.toUpperCase(), `10.0.1.${n}`)),
      );
      assert.equal(results.filter((result) => result.outcome === 'passed').length, 1);
      assert.deepEqual(
        results.find((result) => result.outcome === 'passed'),
        { outcome: 'passed', by: 'recovery-code' },
      );
      clock.advance(120);
      assert.deepEqual(await container.accounts.twoStep.check(userId, code, '10.0.2.1'), { outcome: 'wrong' });
      assert.equal((await container.accounts.twoStep.status(userId)).recoveryCodesLeft, 9);
      assert.ok((await auditSummaries()).includes('Rob signed in with a recovery code (9 left)'));
    });

    it('throttles wrong codes as it throttles passwords', async () => {
      const userId = await newMember('Tess');
      const { app } = await enrol(userId);
      clock.advance(30);
      for (let attempt = 1; attempt <= 5; attempt++) {
        assert.equal((await container.accounts.twoStep.check(userId, '123456', '10.0.3.1')).outcome, 'wrong');
      }
      assert.equal((await container.accounts.twoStep.check(userId, codeAt(app, clock), '10.0.3.1')).outcome, 'throttled');
      clock.advance(30);
      assert.equal((await container.accounts.twoStep.check(userId, codeAt(app, clock), '10.0.3.1')).outcome, 'passed');
    });

    it('asks for set-up after the password once a partnership requires it, of its members and administrators', async () => {
      const userId = await newMember('Kim');
      const adminId = await container.accounts.createUser(systemPrincipal, {
        email: 'kim-admin@example.com',
        name: 'Kim Admin',
        password: 'a long enough password',
        isAdmin: true,
      });
      assert.equal(await container.accounts.twoStep.stepAfterSignIn(userId), 'none');
      await container.accounts.twoStep.setRequired({ userId: adminId }, coventry, true);
      assert.equal(await container.accounts.twoStep.stepAfterSignIn(userId), 'set-up');
      assert.equal(await container.accounts.twoStep.stepAfterSignIn(adminId), 'set-up');
      assert.equal((await container.accounts.signIn('kim@example.com', 'a long enough password', '10.0.4.1')).outcome, 'signed-in');
      await enrol(userId);
      assert.equal(await container.accounts.twoStep.stepAfterSignIn(userId), 'code');
      assert.deepEqual(await container.accounts.signIn('kim@example.com', 'a long enough password', '10.0.4.1'), {
        outcome: 'two-step-code',
        userId,
      });
      // A required two-step sign-in cannot be turned off, but an administrator can reset it.
      await assert.rejects(
        container.accounts.twoStep.turnOff({ userId }, userId, 'a long enough password', '123456', '10.0.4.1'),
        /cannot be turned off/,
      );
      await container.accounts.twoStep.reset({ userId: adminId }, userId);
      assert.equal((await container.accounts.twoStep.status(userId)).enrolled, false);
      await container.accounts.twoStep.setRequired({ userId: adminId }, coventry, false);
      assert.equal(await container.accounts.twoStep.stepAfterSignIn(userId), 'none');
      const summaries = await auditSummaries();
      assert.ok(summaries.some((summary) => summary.startsWith('Required two-step sign-in for the accounts of Coventry')));
      assert.ok(summaries.some((summary) => summary.startsWith('Stopped requiring two-step sign-in for the accounts of Coventry')));
      assert.ok(summaries.includes('Reset two-step sign-in for Kim'));
    });

    it('reaches a member whose role comes from their seat on a group, not from a role given', async () => {
      const userId = await container.accounts.createUser(systemPrincipal, {
        email: 'seated@example.com',
        name: 'Sam Seated',
        password: 'a long enough password',
        isAdmin: false,
      });
      const [organisation] = await container.governance.organisations.list(coventry);
      const [board] = await container.governance.groups.list(coventry);
      const personId = await addPerson(container.governance, coventry, {
        name: 'Sam Seated',
        email: null,
        organisationId: organisation?.id ?? '',
      });
      await addMember(container.governance, coventry, {
        groupId: board?.id ?? '',
        personId,
        organisationId: organisation?.id ?? '',
        role: 'member',
      });
      await container.governance.linkAccount(systemPrincipal, coventry, personId, userId);
      await container.accounts.twoStep.setRequired(systemPrincipal, coventry, true);
      try {
        assert.equal(await container.accounts.twoStep.stepAfterSignIn(userId), 'set-up');
      } finally {
        await container.accounts.twoStep.setRequired(systemPrincipal, coventry, false);
      }
    });

    it('turns off only with the password and a code', async () => {
      const userId = await newMember('Pat');
      const { app } = await enrol(userId);
      clock.advance(30);
      await assert.rejects(
        container.accounts.twoStep.turnOff({ userId }, userId, 'not the password', codeAt(app, clock), '10.0.5.1'),
        (error: FieldValidationError) => error.field === 'password',
      );
      await assert.rejects(
        container.accounts.twoStep.turnOff({ userId }, userId, 'a long enough password', '654321', '10.0.5.1'),
        (error: FieldValidationError) => error.field === 'code',
      );
      await container.accounts.twoStep.turnOff({ userId }, userId, 'a long enough password', codeAt(app, clock), '10.0.5.1');
      assert.deepEqual(await container.accounts.twoStep.status(userId), {
        enrolled: false,
        since: null,
        recoveryCodesLeft: 0,
        required: false,
      });
      assert.ok((await auditSummaries()).includes('Pat turned off two-step sign-in'));
    });

    it('counts wrong passwords given to turn it off as failed sign-ins, so an open session cannot guess the password', async () => {
      const userId = await newMember('Lou');
      const { app } = await enrol(userId);
      const messages: string[] = [];
      for (let attempt = 0; attempt < 25; attempt += 1) {
        const refused = await container.accounts.twoStep
          .turnOff({ userId }, userId, `guess ${attempt}`, codeAt(app, clock), '10.0.6.1')
          .then(
            () => 'turned off',
            (error: FieldValidationError) => error.message,
          );
        messages.push(refused);
      }
      assert.ok(messages.includes('Too many wrong passwords. Wait a minute, then try again.'), messages.join('; '));
      assert.ok(!messages.includes('turned off'));
    });
  });
}

/**
 * Two-step sign-in: setting an authenticator up and turning it off, the code asked for after the password, the
 * administrator's requirement per partnership, and resetting an account that lost its phone. Every change and
 * every sign-in outcome is audited.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditEntry, AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Actor, Principal } from '../../platform/principal.ts';
import { findUserById, type UserRow } from './accounts.repository.ts';
import type { SignInLimiter, ThrottleRefusal } from './signInLimiter.ts';
import {
  confirmEnrolment,
  countRecoveryCodesLeft,
  findEnrolment,
  findRequirements,
  insertPendingEnrolment,
  removeEnrolment,
  replaceRecoveryCodes,
  setRequirement,
  useRecoveryCode,
  useStep,
} from './twoStep.repository.ts';
import {
  groupedSecret,
  isTotpCode,
  mustUseTwoStep,
  newRecoveryCodes,
  newTotpSecret,
  stepOfCode,
  totpAddress,
  type TwoStepKeys,
  type TwoStepRequirements,
} from './twoStepCodes.ts';

/** What an account must do once it has proved who it is: nothing more, enter a code, or set two-step sign-in up first. */
export type TwoStepStep = 'none' | 'code' | 'set-up';

export interface TwoStepStatus {
  enrolled: boolean;
  /** When it was set up. */
  since: string | null;
  recoveryCodesLeft: number;
  /** Whether the account must use it (and so cannot turn it off). */
  required: boolean;
}

export type TwoStepCheck =
  { outcome: 'passed'; by: 'code' | 'recovery-code' } | { outcome: 'wrong' } | ({ outcome: 'throttled' } & ThrottleRefusal);

export interface TwoStepService {
  /**
   * What an account must do after its password: the check single sign-on may call, or skip when the provider
   * has its own second factor.
   */
  stepAfterSignIn(userId: string): Promise<TwoStepStep>;
  status(userId: string): Promise<TwoStepStatus>;
  /** The secret being set up (made on first asking), as an app's address and as text grouped for typing; null once set up. */
  setUp(userId: string): Promise<{ address: string; grouped: string } | null>;
  /** Confirms the set-up with a current code; gives the recovery codes, to be shown once. */
  confirm(actor: Actor, userId: string, code: string): Promise<string[]>;
  /** The code asked for after the password; `address` is the client's, throttled as password attempts are. */
  check(userId: string, code: string, address: string): Promise<TwoStepCheck>;
  /** Turns it off, with the password and a code, unless the account must use it. */
  turnOff(actor: Actor, userId: string, password: string, code: string, address: string): Promise<void>;
  /** An administrator's reset, for someone who lost both their phone and their recovery codes. */
  reset(actor: Actor, userId: string): Promise<void>;
  requirements(): Promise<TwoStepRequirements>;
  setRequired(actor: Actor, partnershipId: string, required: boolean): Promise<void>;
}

export interface TwoStepDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  keys: TwoStepKeys;
  limiter: SignInLimiter;
  verifyPassword: (user: UserRow, password: string) => Promise<boolean>;
  partnershipName: (id: string) => Promise<string | undefined>;
  /** The account's roles, given and derived (a member by their person's seats): what the requirement reaches. */
  principalOf: (userId: string) => Promise<Principal | null>;
}

const enterCode = 'Enter the 6-digit code from your authenticator app, or one of your recovery codes';

export function createTwoStepService({
  db,
  audit,
  clock,
  keys,
  limiter,
  verifyPassword,
  partnershipName,
  principalOf,
}: TwoStepDependencies): TwoStepService {
  const userOf = async (userId: string) => {
    const user = await findUserById(db, userId);
    if (!user) throw new NotFoundError('User');
    return user;
  };

  const mustUse = async (user: UserRow) => {
    const principal = await principalOf(user.id);
    const account = {
      isAdmin: user.isAdmin,
      partnershipIds: [...(principal?.partnershipRoles.keys() ?? [])],
      areaIds: [...(principal?.overseerAreaIds ?? [])],
    };
    return mustUseTwoStep(account, await findRequirements(db));
  };

  const record = (
    trx: Kysely<Database>,
    actor: Actor,
    user: UserRow,
    entry: Pick<AuditEntry, 'action' | 'summary'> & { after?: AuditEntry['after'] },
  ) => audit.record(trx, actor, { after: null, ...entry, entityType: 'user', entityId: user.id, partnershipId: null, before: null });

  /**
   * Whether the code is the account's: a current authenticator code not used before, or an unused recovery code,
   * used up in the same transaction as `then`. Each attempt is counted by the sign-in throttle before it is checked.
   */
  async function prove(
    user: UserRow,
    code: string,
    address: string,
    then: (trx: Kysely<Database>, by: 'code' | 'recovery-code') => Promise<void>,
  ): Promise<TwoStepCheck> {
    const throttleKey = `two-step ${user.id}`;
    const refusal = await limiter.claim(throttleKey, address);
    if (refusal) return { outcome: 'throttled', ...refusal };
    const enrolment = await findEnrolment(db, user.id);
    if (!enrolment?.confirmedAt) return { outcome: 'wrong' };
    const step = isTotpCode(code) ? stepOfCode(keys.open(enrolment.sealedSecret), code, clock.now()) : null;
    const by = isTotpCode(code) ? 'code' : 'recovery-code';
    const passed = await db.transaction().execute(async (trx) => {
      const used =
        by === 'code'
          ? step !== null && (await useStep(trx, user.id, step))
          : await useRecoveryCode(trx, user.id, keys.hashRecoveryCode(code), isoNow(clock));
      if (!used) return false;
      await limiter.succeeded(trx, throttleKey, address);
      await then(trx, by);
      return true;
    });
    return passed ? { outcome: 'passed', by } : { outcome: 'wrong' };
  }

  return {
    async stepAfterSignIn(userId) {
      const user = await userOf(userId);
      if ((await findEnrolment(db, userId))?.confirmedAt) return 'code';
      return (await mustUse(user)) ? 'set-up' : 'none';
    },

    async status(userId) {
      const user = await userOf(userId);
      const enrolment = await findEnrolment(db, userId);
      const since = enrolment?.confirmedAt ?? null;
      return {
        enrolled: since !== null,
        since,
        recoveryCodesLeft: since ? await countRecoveryCodesLeft(db, userId) : 0,
        required: await mustUse(user),
      };
    },

    async setUp(userId) {
      const user = await userOf(userId);
      const begun = await findEnrolment(db, userId);
      if (begun?.confirmedAt) return null;
      // A set-up sealed under an earlier session secret cannot be read: it is begun again.
      if (begun && keys.open(begun.sealedSecret) === null) await removeEnrolment(db, userId);
      await insertPendingEnrolment(db, userId, keys.seal(newTotpSecret()), isoNow(clock));
      const enrolment = await findEnrolment(db, userId);
      const secret = enrolment && !enrolment.confirmedAt ? keys.open(enrolment.sealedSecret) : null;
      return secret ? { address: totpAddress(secret, user.email), grouped: groupedSecret(secret) } : null;
    },

    async confirm(actor, userId, code) {
      const user = await userOf(userId);
      const enrolment = await findEnrolment(db, userId);
      if (enrolment?.confirmedAt) throw new FieldValidationError('code', 'Two-step sign-in is already set up for this account');
      const step = enrolment ? stepOfCode(keys.open(enrolment.sealedSecret), code, clock.now()) : null;
      if (step === null) throw new FieldValidationError('code', 'Enter the 6-digit code your authenticator app shows now');
      const codes = newRecoveryCodes();
      await db.transaction().execute(async (trx) => {
        if (!(await confirmEnrolment(trx, userId, step, isoNow(clock)))) {
          throw new FieldValidationError('code', 'Two-step sign-in is already set up for this account');
        }
        await replaceRecoveryCodes(
          trx,
          userId,
          codes.map((recovery) => ({ id: randomUUID(), codeHash: keys.hashRecoveryCode(recovery) })),
        );
        await record(trx, actor, user, { action: 'update', summary: `${user.name} set up two-step sign-in` });
      });
      return codes;
    },

    async check(userId, code, address) {
      const user = await userOf(userId);
      const result = await prove(user, code, address, async (trx, by) => {
        const summary =
          by === 'code'
            ? `${user.name} signed in with a two-step code`
            : `${user.name} signed in with a recovery code (${await countRecoveryCodesLeft(trx, userId)} left)`;
        // Where from and how, for the account's sign-in history.
        await record(trx, { userId }, user, { action: 'sign-in', summary, after: { address, method: by } });
      });
      if (result.outcome === 'wrong') {
        await db.transaction().execute((trx) =>
          record(trx, { userId: null }, user, {
            action: 'sign-in-failed',
            summary: `Wrong two-step code for ${user.name}'s account from ${address}`,
            after: { address, method: 'code' },
          }),
        );
      }
      return result;
    },

    async turnOff(actor, userId, password, code, address) {
      const user = await userOf(userId);
      if (await mustUse(user)) {
        throw new FieldValidationError(
          'password',
          'Two-step sign-in cannot be turned off: an administrator requires it for your partnership',
        );
      }
      // Wrong passwords are counted as failed sign-ins are, so a session left open is no way to guess the password.
      const refusal = await limiter.claim(user.email, address);
      if (refusal) throw new FieldValidationError('password', 'Too many wrong passwords. Wait a minute, then try again.');
      if (!(await verifyPassword(user, password))) throw new FieldValidationError('password', 'Enter your current password');
      await db.transaction().execute((trx) => limiter.succeeded(trx, user.email, address));
      const result = await prove(user, code, address, async (trx) => {
        await removeEnrolment(trx, userId);
        await record(trx, actor, user, { action: 'update', summary: `${user.name} turned off two-step sign-in` });
      });
      if (result.outcome === 'throttled') throw new FieldValidationError('code', 'Too many wrong codes. Wait a minute, then try again.');
      if (result.outcome === 'wrong') throw new FieldValidationError('code', enterCode);
    },

    async reset(actor, userId) {
      const user = await userOf(userId);
      await db.transaction().execute(async (trx) => {
        await removeEnrolment(trx, userId);
        await record(trx, actor, user, { action: 'update', summary: `Reset two-step sign-in for ${user.name}` });
      });
    },

    requirements: () => findRequirements(db),

    async setRequired(actor, partnershipId, required) {
      const name = await partnershipName(partnershipId);
      if (!name) throw new NotFoundError('Partnership');
      await db.transaction().execute(async (trx) => {
        if (!(await setRequirement(trx, partnershipId, required, isoNow(clock)))) return;
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'partnership',
          entityId: partnershipId,
          partnershipId,
          summary: `${required ? 'Required' : 'Stopped requiring'} two-step sign-in for the accounts of ${name}`,
          before: { twoStepRequired: !required },
          after: { twoStepRequired: required },
        });
      });
    },
  };
}

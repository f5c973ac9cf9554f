/**
 * A person's own password: changed with the current one, or chosen again from an e-mailed link when forgotten.
 * See docs/decisions/0035-passwords-and-account-page.md.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Database } from '../../db/schema.ts';
import { findUserByEmail, findUserById, type UserRow } from './accounts.repository.ts';
import {
  deletePasswordResetsExpiredBefore,
  findLivePasswordReset,
  insertPasswordReset,
  spendLivePasswordReset,
  spendPasswordResetsOf,
} from './passwordResets.repository.ts';
import { hashPassword, verifyPassword } from './passwordHashes.ts';
import { passwordProblem, requireAcceptablePassword } from './passwordRule.ts';
import type { SessionRecords } from './sessions.service.ts';
import type { SignInLimiter, ThrottleRefusal } from './signInLimiter.ts';
import { changeUser } from './userChanges.ts';

/** How long a link to choose a new password works. */
export const resetLinkLifetimeMinutes = 60;
/** The job that looks the address up and, if it is an account's, sends the link. */
export const passwordResetJob = 'password-reset';

/** A wrong current password carries what is wrong with the new one too, so that the form shows both at once. */
export type PasswordChangeResult =
  { outcome: 'changed' } | { outcome: 'wrong-password'; newPasswordProblem: string | null } | ({ outcome: 'throttled' } & ThrottleRefusal);

export interface PasswordService {
  /**
   * The signed-in person's new password, if the current one is right (wrong ones are throttled as sign-ins are).
   * Every session of the account ends: the caller starts the current one again.
   */
  change(userId: string, currentPassword: string, newPassword: string, address: string): Promise<PasswordChangeResult>;
  /**
   * Asks for a link to be sent to the address. The same work and the same answer whether or not an account uses the
   * address (the job finds out), so the answer says nothing about who has an account; null unless throttled.
   */
  requestReset(email: string, address: string): Promise<ThrottleRefusal | null>;
  /** The queued job: a new link for the active account with the address, if there is one, replacing any earlier link. */
  sendResetLink(payload: unknown): Promise<void>;
  /** Whether the link's token still works (not used, replaced or expired). */
  resetLinkWorks(token: string): Promise<boolean>;
  /**
   * Sets the new password and spends the link, once: false if the link no longer works. Every session of the account
   * ends, and its e-mail address counts as proven.
   */
  reset(token: string, newPassword: string): Promise<boolean>;
}

export interface PasswordDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  sessions: SessionRecords;
  signInLimiter: SignInLimiter;
  resetLimiter: SignInLimiter;
  queueJob: (trx: Kysely<Database>, kind: string, payload: unknown) => Promise<void>;
  /** Sends at once: a link's token is never written down anywhere but the e-mail (and its hash). */
  sendEmail: (email: { to: string; subject: string; text: string }) => Promise<void>;
  /** Where people reach the service, for the link. */
  publicUrl: string;
  /** Following the e-mailed link proves the account's address (and links it to the people that address names). */
  markEmailVerified: (userId: string) => Promise<void>;
}

const resetJobPayload = z.object({ email: z.string(), address: z.string() });

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function resetEmail(user: UserRow, link: string, address: string) {
  return {
    to: user.email,
    subject: 'Choose a new password for Safer',
    text: [
      `Dear ${user.name},`,
      '',
      'Someone asked for a link to choose a new password for your Safer account. If it was you, open this link within 1 hour:',
      '',
      link,
      '',
      'The link works once. If you did not ask for it, you can ignore this email: your password has not changed.',
      '',
      `The request came from the network address ${address}.`,
    ].join('\n'),
  };
}

export function createPasswordService(deps: PasswordDependencies): PasswordService {
  const { db, audit, clock, sessions, signInLimiter, resetLimiter } = deps;

  /** Sets the account's password in the transaction, audited; the caller ends its sessions once it commits. */
  async function setPassword(trx: Kysely<Database>, user: UserRow, passwordHash: string, summary: string) {
    await changeUser(
      trx,
      { audit, clock },
      { userId: user.id },
      { id: user.id, version: user.version, changes: { passwordHash }, summary: () => summary },
    );
  }

  return {
    async change(userId, currentPassword, newPassword, address) {
      const user = await findUserById(db, userId);
      if (!user || user.archivedAt) throw new NotFoundError('User');
      // The current password is checked even when the new one will not do, so that both are answered at once.
      const newPasswordProblem = passwordProblem(newPassword, user.email);
      const refusal = await signInLimiter.claim(user.email, address);
      if (refusal) return { outcome: 'throttled', ...refusal };
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        await db.transaction().execute((trx) =>
          audit.record(
            trx,
            { userId },
            {
              action: 'sign-in-failed',
              entityType: 'user',
              entityId: userId,
              partnershipId: null,
              summary: `Wrong current password given to change ${user.name}'s password, from ${address}`,
              before: null,
              after: { address, method: 'password' },
            },
          ),
        );
        return { outcome: 'wrong-password', newPasswordProblem };
      }
      if (newPasswordProblem) {
        // The right password, so no failure to count.
        await db.transaction().execute((trx) => signInLimiter.succeeded(trx, user.email, address));
        throw new FieldValidationError('password', newPasswordProblem);
      }
      const passwordHash = await hashPassword(newPassword);
      await db.transaction().execute(async (trx) => {
        await signInLimiter.succeeded(trx, user.email, address);
        await setPassword(trx, user, passwordHash, `${user.name} changed their password`);
      });
      await sessions.removeAllOf(userId);
      return { outcome: 'changed' };
    },

    async requestReset(rawEmail, address) {
      const email = rawEmail.trim().toLowerCase();
      const refusal = await resetLimiter.claim(email, address);
      if (refusal) return refusal;
      await db.transaction().execute((trx) => deps.queueJob(trx, passwordResetJob, { email, address }));
      return null;
    },

    async sendResetLink(payload) {
      const { email, address } = resetJobPayload.parse(payload);
      // An archived account is not found: it gets nothing.
      const user = await findUserByEmail(db, email);
      if (!user) return;
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const reset = {
        id: randomUUID(),
        userId: user.id,
        tokenHash: tokenHash(token),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + resetLinkLifetimeMinutes * 60_000).toISOString(),
        spentAt: null,
      };
      await db.transaction().execute(async (trx) => {
        // A day after expiry a link is no use to anyone, even to explain itself.
        await deletePasswordResetsExpiredBefore(trx, new Date(now.getTime() - 24 * 60 * 60_000).toISOString());
        await spendPasswordResetsOf(trx, user.id, reset.createdAt);
        await insertPasswordReset(trx, reset);
        await audit.record(
          trx,
          { userId: null },
          {
            action: 'create',
            entityType: 'password_reset',
            entityId: reset.id,
            partnershipId: null,
            summary: `Sent ${user.name} a link to choose a new password, asked for from ${address}`,
            before: null,
            after: { userId: user.id, address, expiresAt: reset.expiresAt },
          },
        );
      });
      await deps.sendEmail(resetEmail(user, `${deps.publicUrl}/reset-password/${token}`, address));
    },

    async resetLinkWorks(token) {
      return (await findLivePasswordReset(db, tokenHash(token), isoNow(clock))) !== undefined;
    },

    async reset(token, newPassword) {
      const hashed = tokenHash(token);
      const live = await findLivePasswordReset(db, hashed, isoNow(clock));
      const user = live && (await findUserById(db, live.userId));
      if (!user || user.archivedAt) return false;
      requireAcceptablePassword(newPassword, user.email);
      const passwordHash = await hashPassword(newPassword);
      const done = await db.transaction().execute(async (trx) => {
        // Spent here, in the transaction that sets the password: of many redemptions at once, one finds it unspent.
        const now = isoNow(clock);
        if ((await spendLivePasswordReset(trx, hashed, now)) !== user.id) return false;
        await spendPasswordResetsOf(trx, user.id, now);
        await setPassword(trx, user, passwordHash, `${user.name} chose a new password with a link sent to their email address`);
        return true;
      });
      if (!done) return false;
      await sessions.removeAllOf(user.id);
      await deps.markEmailVerified(user.id);
      return true;
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { type Engine, refusingDuplicates } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import {
  countUsers,
  deleteGrant,
  findGrant,
  findGrantsForUser,
  findUserWithGrants,
  findAnyUserByEmail,
  findUserByEmail,
  findUserById,
  findOverseers,
  findUsers,
  insertGrant,
  insertUser,
  type RoleGrantRow,
  setEmailVerified,
  type UserRow,
} from './accounts.repository.ts';
import type { GrantedRole, PartnershipRole, Principal } from '../../platform/principal.ts';
import { type NewUser, normaliseEmail, type UserDetailsInput } from './accounts.inputs.ts';
import { type AccountsForPeople, createAccountsForPeople, type PartnershipsAsPerson, reachOf } from './accountsForPeople.ts';
import { createSessionRecords, type SessionRecords } from './sessions.service.ts';
import { hashPassword, verifyPassword } from './passwordHashes.ts';
import { requireAcceptablePassword } from './passwordRule.ts';
import { changeUser, type PublicUser, withoutHash } from './userChanges.ts';
import { createPasswordService, type PasswordDependencies, type PasswordService } from './passwords.service.ts';
import { createSignInLimiter, type ThrottleRefusal } from './signInLimiter.ts';
import { createTwoStepService, type TwoStepService } from './twoStep.service.ts';
import { twoStepKeys } from './twoStepCodes.ts';

export { normaliseEmail };

/**
 * After the right password: signed in (but kept to setting two-step sign-in up first, if the account must use it
 * and has not), or asked for a two-step code before being signed in.
 */
export type SignInResult =
  | { outcome: 'signed-in'; userId: string; mustSetUpTwoStep: boolean }
  | { outcome: 'two-step-code'; userId: string }
  | { outcome: 'wrong-credentials' }
  | ({ outcome: 'throttled' } & ThrottleRefusal);

/** What came of a sign-in that an organisation's provider vouched for. */
export type VouchedSignInResult =
  | { outcome: 'signed-in'; userId: string }
  | { outcome: 'no-account' }
  | { outcome: 'deactivated' }
  | ({ outcome: 'throttled' } & ThrottleRefusal);

/** A chair or vice-chair appointment in force, which makes its holder the partnership's chair. */
export interface ChairAppointmentHeld {
  partnershipId: string;
  partnershipName: string;
  groupName: string;
  role: 'chair' | 'vice_chair';
  yearStarting: number;
}

/** What the account's page needs from governance: the appointments held today by the people an account is. */
export interface ChairAppointments {
  heldBy: (userId: string) => Promise<ChairAppointmentHeld[]>;
}

/** A partnership where the person an account is sits on a group today, and whether as a chair or vice-chair of one. */
export interface SeatHeld {
  partnershipId: string;
  chairs: boolean;
}

/** Where roles are held, by name: every partnership and area, archived ones too (their roles are still shown). */
export interface PlaceNames {
  partnerships: ReadonlyMap<string, string>;
  areas: ReadonlyMap<string, string>;
}

/** A role given to an account, with the name of the partnership or area it is held in. */
export type RoleGrantView = RoleGrantRow & { partnershipName: string | null; areaName: string | null };

/** One sign-in or failed attempt on an account: when, from which network address, how, and whether it succeeded. */
export interface SignInRecord {
  at: string;
  succeeded: boolean;
  address: string | null;
  /** "Password", "Two-step code", "Recovery code", or "Single sign-on: " and the provider's name. */
  method: string;
}

/** How many of an account's latest sign-ins its page shows. */
export const signInHistoryLength = 20;

export interface AccountsService extends AccountsForPeople {
  sessions: SessionRecords;
  twoStep: TwoStepService;
  passwords: PasswordService;
  /** The account's latest sign-ins and failed attempts, newest first. */
  signInHistory(userId: string): Promise<SignInRecord[]>;
  createUser(actor: Actor, user: NewUser): Promise<string>;
  /** `address` is the client's network address: failures are throttled by it as well as by account. */
  signIn(email: string, password: string, address: string): Promise<SignInResult>;
  /**
   * Signs in the account with an address a sign-in provider has vouched for (never creating one), throttled by
   * address as a password sign-in is. `provider` is its name, for the audit log.
   */
  signInVouchedFor(email: string, provider: string, address: string): Promise<VouchedSignInResult>;
  recordSignOut(userId: string): Promise<void>;
  /**
   * Records that the account has proven its address (it followed a link e-mailed there, or a sign-in provider said
   * so), and makes it the person that address names in each partnership where that is one person not yet linked.
   */
  markEmailVerified(userId: string): Promise<void>;
  loadPrincipal(userId: string): Promise<Principal | null>;
  countUsers(): Promise<number>;
  listUsers(): Promise<PublicUser[]>;
  /** Who oversees the area (the active accounts with its overseer's role), to be told what waits for them. */
  overseersOf(areaId: string): Promise<{ name: string; email: string }[]>;
  /** The account, the roles given to it, and the appointments that make it a chair. */
  getUser(id: string): Promise<{ user: PublicUser; grants: RoleGrantView[]; appointments: ChairAppointmentHeld[] }>;
  /** Name, email address and whether an administrator. */
  updateUser(actor: Actor, id: string, version: number, details: UserDetailsInput): Promise<void>;
  /** A new password set by an administrator; the user is signed out everywhere. */
  setPassword(actor: Actor, id: string, version: number, password: string): Promise<void>;
  /** Deactivates (signing the user out everywhere) or reactivates an account. */
  setActive(actor: Actor, id: string, version: number, active: boolean): Promise<void>;
  grantRole(actor: Actor, userId: string, role: GrantedRole, scope: { partnershipId: string | null; areaId: string | null }): Promise<void>;
  revokeRole(actor: Actor, userId: string, grantId: string): Promise<void>;
}

const emailTaken = 'An account with this email address already exists';

export interface AccountsDependencies {
  db: Kysely<Database>;
  /** The sign-in throttle's lock differs by engine. */
  engine: Engine;
  audit: AuditWriter;
  clock: Clock;
  chairs: ChairAppointments;
  /**
   * From governance: where the account's person sits on a group today, and chairs one. The member and chair roles are
   * derived from them at every request, never stored, so the memberships, the appointments and the roles cannot disagree.
   */
  seatsHeld: (userId: string) => Promise<SeatHeld[]>;
  /** From governance: links the account to the people its proven address names (one per partnership at most). */
  linkPeople: (userId: string, email: string, mayJoin: (partnershipId: string) => boolean) => Promise<unknown>;
  /** From governance: the partnerships where the account is already a person. */
  partnershipsAsPerson: PartnershipsAsPerson;
  /** From governance: the names of the partnerships and areas roles are held in. */
  placeNames: () => Promise<PlaceNames>;
  /** From the audit log: an account's latest sign-ins and failed attempts, newest first. */
  signIns: (userId: string, limit: number) => Promise<{ at: string; action: string; afterJson: string | null }[]>;
  /** The notifications queue, and its mailer for an e-mail sent at once. */
  queueJob: PasswordDependencies['queueJob'];
  sendEmail: PasswordDependencies['sendEmail'];
  publicUrl: string;
  /** The keys that seal two-step secrets and hash recovery codes are derived from it. */
  sessionSecret: string;
}

/** What a sign-in's audit entry records of it, where it records anything (entries before issue 18 did not). */
const signInDetails = z
  .object({ address: z.string().optional(), method: z.string().optional(), provider: z.string().optional() })
  .catch({});

/** How a sign-in's second step was made, in the history's words. */
const secondSteps: Record<string, string> = { code: 'Two-step code', 'recovery-code': 'Recovery code' };

function signInRecord(entry: { at: string; action: string; afterJson: string | null }): SignInRecord {
  const details = signInDetails.parse(entry.afterJson ? (JSON.parse(entry.afterJson) as unknown) : {});
  const method = details.method ?? 'password';
  return {
    at: entry.at,
    succeeded: entry.action === 'sign-in',
    address: details.address ?? null,
    method: details.provider
      ? `Single sign-on: ${details.provider}`
      : ((Object.hasOwn(secondSteps, method) ? secondSteps[method] : undefined) ?? 'Password'),
  };
}

export function createAccountsService(deps: AccountsDependencies): AccountsService {
  const { db, engine, audit, clock, chairs, seatsHeld, linkPeople, placeNames } = deps;
  // A hash to verify against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
  const decoyHash = hashPassword(randomUUID());
  const sessions = createSessionRecords(db, clock);
  const limiter = createSignInLimiter(db, engine, clock);
  const twoStep = createTwoStepService({
    db,
    audit,
    clock,
    keys: twoStepKeys(deps.sessionSecret),
    limiter,
    verifyPassword: (user, password) => verifyPassword(user.passwordHash, password),
    partnershipName: async (id) => (await placeNames()).partnerships.get(id),
    principalOf: loadPrincipal,
  });

  /** The account's roles: those given, and those its person's seats make (member, and chair). */
  async function loadPrincipal(userId: string): Promise<Principal | null> {
    // The account and its roles in one query, its person's seats in another, side by side: every signed-in request asks.
    const [account, seats] = await Promise.all([findUserWithGrants(db, userId), seatsHeld(userId)]);
    if (!account || account.user.archivedAt) return null;
    const { user, grants } = account;
    const partnershipRoles = new Map<string, Set<PartnershipRole>>();
    const overseerAreaIds = new Set<string>();
    for (const grant of grants) {
      if (grant.role === 'overseer') {
        if (grant.areaId) overseerAreaIds.add(grant.areaId);
      } else if (grant.partnershipId) {
        const roles = partnershipRoles.get(grant.partnershipId) ?? new Set<PartnershipRole>();
        roles.add(grant.role);
        partnershipRoles.set(grant.partnershipId, roles);
      }
    }
    // The person the account is (an explicit link, never an address) is a member where they sit on a group today,
    // and the chair where appointed chair or vice-chair of one this year; never chair where the account is an
    // officer: the officer prepares, the chair signs and releases, and no one does both.
    for (const { partnershipId, chairs: chair } of seats) {
      const roles = partnershipRoles.get(partnershipId) ?? new Set<PartnershipRole>();
      roles.add('member');
      if (chair && !roles.has('officer')) roles.add('chair');
      partnershipRoles.set(partnershipId, roles);
    }
    return { userId, name: user.name, email: user.email, isAdmin: user.isAdmin, partnershipRoles, overseerAreaIds };
  }

  async function markEmailVerified(userId: string): Promise<void> {
    const user = await findUserById(db, userId);
    if (!user || user.archivedAt) return;
    if (!user.emailVerifiedAt) await setEmailVerified(db, userId, isoNow(clock));
    await linkPeople(userId, user.email, await reachOf(db, deps.partnershipsAsPerson, user));
  }
  const passwords = createPasswordService({
    db,
    audit,
    clock,
    sessions,
    signInLimiter: limiter,
    resetLimiter: createSignInLimiter(db, engine, clock, 'password-reset '),
    queueJob: deps.queueJob,
    sendEmail: deps.sendEmail,
    publicUrl: deps.publicUrl,
    markEmailVerified,
  });

  const update = (actor: Actor, id: string, version: number, changes: Partial<UserRow>, summary: (user: UserRow) => string) =>
    db.transaction().execute((trx) => changeUser(trx, { audit, clock }, actor, { id, version, changes, summary }));

  /** ' in Coventry', say: where a role is held, for the audit log's summary. */
  const placeOf = async (grant: Pick<RoleGrantRow, 'partnershipId' | 'areaId'>) => {
    const names = await placeNames();
    const name = grant.partnershipId
      ? names.partnerships.get(grant.partnershipId)
      : grant.areaId
        ? names.areas.get(grant.areaId)
        : undefined;
    return name ? ` in ${name}` : '';
  };

  return {
    ...createAccountsForPeople(db, deps.partnershipsAsPerson),
    sessions,
    twoStep,
    passwords,

    signInHistory: async (userId) => (await deps.signIns(userId, signInHistoryLength)).map(signInRecord),

    async createUser(actor, user) {
      const email = normaliseEmail(user.email);
      if (await findUserByEmail(db, email)) throw new FieldValidationError('email', emailTaken);
      const id = randomUUID();
      const now = isoNow(clock);
      const passwordHash = await hashPassword(user.password);
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            await insertUser(trx, {
              id,
              email,
              emailVerifiedAt: null,
              name: user.name.trim(),
              passwordHash,
              isAdmin: user.isAdmin,
              createdAt: now,
              updatedAt: now,
              archivedAt: null,
            });
            await audit.record(trx, actor, {
              action: 'create',
              entityType: 'user',
              entityId: id,
              partnershipId: null,
              summary: `Created account for ${user.name.trim()}`,
              before: null,
              after: { email, name: user.name.trim(), isAdmin: user.isAdmin },
            });
          }),
        new FieldValidationError('email', emailTaken),
      );
      return id;
    },

    async signIn(rawEmail, password, address) {
      const email = normaliseEmail(rawEmail);
      const refusal = await limiter.claim(email, address);
      if (refusal) return { outcome: 'throttled', ...refusal };
      const user = await findUserByEmail(db, email);
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);
      if (!user || !valid) {
        // Who was tried and from where, never the password; an unknown address is not kept either, as it is
        // sometimes a password typed in the wrong box.
        await db.transaction().execute((trx) =>
          audit.record(
            trx,
            { userId: null },
            {
              action: 'sign-in-failed',
              entityType: user ? 'user' : 'sign_in_address',
              entityId: user?.id ?? address,
              partnershipId: null,
              summary: user
                ? `Failed sign-in to ${user.name}'s account from ${address}`
                : `Failed sign-in with an email address that has no account, from ${address}`,
              before: null,
              after: { address, method: 'password' },
            },
          ),
        );
        return { outcome: 'wrong-credentials' };
      }
      const next = await twoStep.stepAfterSignIn(user.id);
      await db.transaction().execute(async (trx) => {
        await limiter.succeeded(trx, email, address);
        // Signed in only once the code is entered: that step records it.
        if (next === 'code') return;
        await audit.record(
          trx,
          { userId: user.id },
          {
            action: 'sign-in',
            entityType: 'user',
            entityId: user.id,
            partnershipId: null,
            summary:
              next === 'set-up'
                ? `${user.name} entered the right password, and must set up two-step sign-in to finish signing in`
                : `${user.name} signed in from ${address}`,
            before: null,
            after: { address, method: 'password' },
          },
        );
      });
      return next === 'code'
        ? { outcome: 'two-step-code', userId: user.id }
        : { outcome: 'signed-in', userId: user.id, mustSetUpTwoStep: next === 'set-up' };
    },

    async signInVouchedFor(rawEmail, provider, address) {
      const email = normaliseEmail(rawEmail);
      // Counted before the account is looked up, as a password is: one address cannot probe which addresses have accounts.
      const refusal = await limiter.claim(email, address);
      if (refusal) return { outcome: 'throttled', ...refusal };
      const user = await findAnyUserByEmail(db, email);
      const result: VouchedSignInResult = !user
        ? { outcome: 'no-account' }
        : user.archivedAt
          ? { outcome: 'deactivated' }
          : { outcome: 'signed-in', userId: user.id };
      const signedIn = result.outcome === 'signed-in';
      await db.transaction().execute(async (trx) => {
        if (signedIn) await limiter.succeeded(trx, email, address);
        await audit.record(
          trx,
          { userId: signedIn ? result.userId : null },
          {
            action: signedIn ? 'sign-in' : 'sign-in-failed',
            entityType: user ? 'user' : 'sign_in_address',
            entityId: user?.id ?? address,
            partnershipId: null,
            summary: !user
              ? `Refused sign-in with ${provider}: no account has the address it vouched for, from ${address}`
              : signedIn
                ? `${user.name} signed in with ${provider}`
                : `Refused sign-in with ${provider} to ${user.name}'s deactivated account, from ${address}`,
            before: null,
            after: { address, provider },
          },
        );
      });
      return result;
    },

    async recordSignOut(userId) {
      const user = await findUserById(db, userId);
      if (!user) return;
      await db.transaction().execute((trx) =>
        audit.record(
          trx,
          { userId },
          {
            action: 'sign-out',
            entityType: 'user',
            entityId: userId,
            partnershipId: null,
            summary: `${user.name} signed out`,
            before: null,
            after: null,
          },
        ),
      );
    },

    markEmailVerified,

    loadPrincipal,

    countUsers: () => countUsers(db),

    async listUsers() {
      return (await findUsers(db)).map(withoutHash);
    },

    overseersOf: (areaId) => findOverseers(db, areaId),

    async getUser(id) {
      const user = await findUserById(db, id);
      if (!user) throw new NotFoundError('User');
      const [grants, names, appointments] = await Promise.all([findGrantsForUser(db, id), placeNames(), chairs.heldBy(id)]);
      const named = grants.map((grant) => ({
        ...grant,
        partnershipName: grant.partnershipId ? (names.partnerships.get(grant.partnershipId) ?? null) : null,
        areaName: grant.areaId ? (names.areas.get(grant.areaId) ?? null) : null,
      }));
      return { user: withoutHash(user), grants: named, appointments };
    },

    async updateUser(actor, id, version, details) {
      const email = normaliseEmail(details.email);
      const other = await findUserByEmail(db, email);
      if (other && other.id !== id) throw new FieldValidationError('email', emailTaken);
      if (actor.userId === id && !details.isAdmin) {
        throw new FieldValidationError('isAdmin', 'You cannot remove your own administrator rights: ask another administrator');
      }
      await refusingDuplicates(
        () =>
          update(
            actor,
            id,
            version,
            { email, name: details.name.trim(), isAdmin: details.isAdmin },
            (user) => `Changed account of ${user.name}`,
          ),
        new FieldValidationError('email', emailTaken),
      );
    },

    async setPassword(actor, id, version, password) {
      const user = await findUserById(db, id);
      if (!user) throw new NotFoundError('User');
      requireAcceptablePassword(password, user.email);
      const passwordHash = await hashPassword(password);
      await update(actor, id, version, { passwordHash }, (user) => `Set a new password for ${user.name}`);
      await sessions.removeAllOf(id);
    },

    async setActive(actor, id, version, active) {
      if (actor.userId === id && !active) throw new FieldValidationError('form', 'You cannot deactivate your own account');
      await update(
        actor,
        id,
        version,
        { archivedAt: active ? null : isoNow(clock) },
        (user) => `${active ? 'Reactivated' : 'Deactivated'} the account of ${user.name}`,
      );
      if (!active) await sessions.removeAllOf(id);
    },

    async grantRole(actor, userId, role, scope) {
      const user = await findUserById(db, userId);
      if (!user) throw new NotFoundError('User');
      const held = await findGrantsForUser(db, userId);
      const same = (grant: RoleGrantRow) =>
        grant.role === role && (role === 'overseer' ? grant.areaId === scope.areaId : grant.partnershipId === scope.partnershipId);
      if (held.some(same)) return;
      const grant = {
        id: randomUUID(),
        userId,
        role,
        partnershipId: role === 'overseer' ? null : scope.partnershipId,
        areaId: role === 'overseer' ? scope.areaId : null,
        createdAt: isoNow(clock),
      };
      const place = await placeOf(grant);
      await db.transaction().execute(async (trx) => {
        await insertGrant(trx, grant);
        await audit.record(trx, actor, {
          action: 'grant',
          entityType: 'user',
          entityId: userId,
          partnershipId: grant.partnershipId,
          summary: `Gave ${user.name} the ${role} role${place}`,
          before: null,
          after: grant,
        });
      });
    },

    async revokeRole(actor, userId, grantId) {
      const grant = await findGrant(db, grantId);
      const user = await findUserById(db, userId);
      if (!grant || !user || grant.userId !== userId) throw new NotFoundError('Role');
      const place = await placeOf(grant);
      await db.transaction().execute(async (trx) => {
        await deleteGrant(trx, grantId);
        await audit.record(trx, actor, {
          action: 'revoke',
          entityType: 'user',
          entityId: userId,
          partnershipId: grant.partnershipId,
          summary: `Removed ${user.name}'s ${grant.role} role${place}`,
          before: grant,
          after: null,
        });
      });
    },
  };
}

import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { updateVersioned } from '../../platform/records.ts';
import { type Engine, refusingDuplicates } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import {
  asUser,
  countUsers,
  deleteGrant,
  findGrant,
  findGrantsForUser,
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
import type { NewUser, UserDetailsInput } from './accounts.inputs.ts';
import { createSessionRecords, type SessionRecords } from './sessions.service.ts';
import { createSignInLimiter, type ThrottleRefusal } from './signInLimiter.ts';

// argon2id (the library's default algorithm) with OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane.
const argonOptions = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export type SignInResult =
  { outcome: 'signed-in'; userId: string } | { outcome: 'wrong-credentials' } | ({ outcome: 'throttled' } & ThrottleRefusal);

export type PublicUser = Omit<UserRow, 'passwordHash'>;

/** A chair or vice-chair appointment in force, which makes its holder the partnership's chair. */
export interface ChairAppointmentHeld {
  partnershipId: string;
  partnershipName: string;
  groupName: string;
  role: 'chair' | 'vice_chair';
  yearStarting: number;
}

/**
 * What accounts need from governance: the appointments held today by the people an account is. The chair role is
 * derived from them, never stored, so the account and the appointment cannot disagree.
 */
export interface ChairAppointments {
  heldBy: (userId: string) => Promise<ChairAppointmentHeld[]>;
}

/** Where roles are held, by name: every partnership and area, archived ones too (their roles are still shown). */
export interface PlaceNames {
  partnerships: ReadonlyMap<string, string>;
  areas: ReadonlyMap<string, string>;
}

/** A role given to an account, with the name of the partnership or area it is held in. */
export type RoleGrantView = RoleGrantRow & { partnershipName: string | null; areaName: string | null };

export interface AccountsService {
  sessions: SessionRecords;
  createUser(actor: Actor, user: NewUser): Promise<string>;
  /** `address` is the client's network address: failures are throttled by it as well as by account. */
  signIn(email: string, password: string, address: string): Promise<SignInResult>;
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

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function withoutHash(user: UserRow): PublicUser {
  const { passwordHash: _omitted, ...rest } = user;
  return rest;
}

export interface AccountsDependencies {
  db: Kysely<Database>;
  /** The sign-in throttle's lock differs by engine. */
  engine: Engine;
  audit: AuditWriter;
  clock: Clock;
  chairs: ChairAppointments;
  /** From governance: links the account to the people its proven address names (one per partnership at most). */
  linkPeople: (userId: string, email: string) => Promise<unknown>;
  /** From governance: the names of the partnerships and areas roles are held in. */
  placeNames: () => Promise<PlaceNames>;
}

export function createAccountsService({ db, engine, audit, clock, chairs, linkPeople, placeNames }: AccountsDependencies): AccountsService {
  // A hash to verify against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
  const decoyHash = hash(randomUUID(), argonOptions);
  const sessions = createSessionRecords(db, clock);
  const limiter = createSignInLimiter(db, engine, clock);

  /** One audited, version-checked change to an account; the password hash never reaches the audit log. */
  async function changeUser(actor: Actor, id: string, version: number, changes: Partial<UserRow>, summary: (user: UserRow) => string) {
    await db.transaction().execute((trx) =>
      updateVersioned(trx, audit, actor, {
        table: 'users',
        id,
        partnershipId: null,
        version,
        changes: { ...changes, updatedAt: isoNow(clock) },
        what: 'User',
        entry: (before, after) => ({
          action: 'update',
          entityType: 'user',
          partnershipId: null,
          summary: summary(asUser(before)),
          before: withoutHash(asUser(before)),
          after: withoutHash(asUser(after)),
        }),
      }),
    );
  }

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
    sessions,

    async createUser(actor, user) {
      const email = normaliseEmail(user.email);
      if (await findUserByEmail(db, email)) throw new FieldValidationError('email', emailTaken);
      const id = randomUUID();
      const now = isoNow(clock);
      const passwordHash = await hash(user.password, argonOptions);
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
      const valid = await verify(user?.passwordHash ?? (await decoyHash), password);
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
              after: { address },
            },
          ),
        );
        return { outcome: 'wrong-credentials' };
      }
      await db.transaction().execute(async (trx) => {
        await limiter.succeeded(trx, email, address);
        await audit.record(
          trx,
          { userId: user.id },
          {
            action: 'sign-in',
            entityType: 'user',
            entityId: user.id,
            partnershipId: null,
            summary: `${user.name} signed in`,
            before: null,
            after: null,
          },
        );
      });
      return { outcome: 'signed-in', userId: user.id };
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

    async markEmailVerified(userId) {
      const user = await findUserById(db, userId);
      if (!user || user.archivedAt) return;
      if (!user.emailVerifiedAt) await setEmailVerified(db, userId, isoNow(clock));
      await linkPeople(userId, user.email);
    },

    async loadPrincipal(userId) {
      const user = await findUserById(db, userId);
      if (!user || user.archivedAt) return null;
      const grants = await findGrantsForUser(db, userId);
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
      // The appointment makes the chair, but only of an account an administrator has given a role in that
      // partnership (a person's e-mail address is typed by officers, so it alone must not open a partnership), and
      // never of its officers: the officer prepares, the chair signs and releases, and no one does both.
      // Asked on every request, so only of an account that holds a role the appointment could add to.
      const mayChair = [...partnershipRoles.values()].some((granted) => !granted.has('officer'));
      for (const { partnershipId } of mayChair ? await chairs.heldBy(userId) : []) {
        const granted = partnershipRoles.get(partnershipId);
        if (granted && granted.size > 0 && !granted.has('officer')) granted.add('chair');
      }
      return { userId, name: user.name, email: user.email, isAdmin: user.isAdmin, partnershipRoles, overseerAreaIds };
    },

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
          changeUser(
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
      const passwordHash = await hash(password, argonOptions);
      await changeUser(actor, id, version, { passwordHash }, (user) => `Set a new password for ${user.name}`);
      await sessions.removeAllOf(id);
    },

    async setActive(actor, id, version, active) {
      if (actor.userId === id && !active) throw new FieldValidationError('form', 'You cannot deactivate your own account');
      await changeUser(
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

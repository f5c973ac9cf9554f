import type { Kysely, Selectable } from 'kysely';
import { type Engine, lockingRows } from '../../db/dialect.ts';
import type { Database, RoleGrantsTable, UsersTable } from '../../db/schema.ts';
import type { ThrottleState } from './signInThrottle.ts';

/** A user as the app sees it: `isAdmin` is stored as 0 or 1 and read as a boolean here. */
export type UserRow = Omit<Selectable<UsersTable>, 'isAdmin'> & { isAdmin: boolean };

export const asUser = (row: Selectable<UsersTable>): UserRow => ({ ...row, isAdmin: row.isAdmin === 1 });
const stored = <T extends { isAdmin?: boolean }>(user: T) => ({
  ...user,
  ...(user.isAdmin === undefined ? {} : { isAdmin: Number(user.isAdmin) }),
});
export type RoleGrantRow = Selectable<RoleGrantsTable>;

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).where('archivedAt', 'is', null).executeTakeFirst();
  return row && asUser(row);
}

/** The account with this address, deactivated or not. */
export async function findAnyUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row && asUser(row);
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && asUser(row);
}

export async function findUsers(db: Kysely<Database>): Promise<UserRow[]> {
  return (await db.selectFrom('users').selectAll().orderBy('name').execute()).map(asUser);
}

/** The active users given the overseer's role for the area, with their e-mail addresses. */
export async function findOverseers(db: Kysely<Database>, areaId: string): Promise<{ name: string; email: string }[]> {
  return db
    .selectFrom('roleGrants')
    .innerJoin('users', 'users.id', 'roleGrants.userId')
    .select(['users.name', 'users.email'])
    .distinct()
    .where('roleGrants.role', '=', 'overseer')
    .where('roleGrants.areaId', '=', areaId)
    .where('users.archivedAt', 'is', null)
    .orderBy('users.email')
    .execute();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertUser(db: Kysely<Database>, user: Omit<UserRow, 'version'>): Promise<void> {
  await db.insertInto('users').values(stored(user)).execute();
}

export async function setEmailVerified(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ emailVerifiedAt: at }).where('id', '=', id).execute();
}

export async function findGrantsForUser(db: Kysely<Database>, userId: string): Promise<RoleGrantRow[]> {
  return db.selectFrom('roleGrants').selectAll().where('userId', '=', userId).orderBy('createdAt').execute();
}

/** What a request needs of its account, in one query: the user, active or not, and the roles given to it. */
export async function findUserWithGrants(
  db: Kysely<Database>,
  userId: string,
): Promise<{ user: UserRow; grants: Pick<RoleGrantRow, 'role' | 'partnershipId' | 'areaId'>[] } | undefined> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('roleGrants', 'roleGrants.userId', 'users.id')
    .selectAll('users')
    .select(['roleGrants.role', 'roleGrants.partnershipId', 'roleGrants.areaId'])
    .where('users.id', '=', userId)
    .orderBy('roleGrants.createdAt')
    .execute();
  const [first] = rows;
  if (!first) return undefined;
  const { role: _role, partnershipId: _partnershipId, areaId: _areaId, ...user } = first;
  const grants = rows.flatMap(({ role, partnershipId, areaId }) => (role ? [{ role, partnershipId, areaId }] : []));
  return { user: asUser(user), grants };
}

export async function findGrant(db: Kysely<Database>, id: string): Promise<RoleGrantRow | undefined> {
  return db.selectFrom('roleGrants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertGrant(db: Kysely<Database>, grant: RoleGrantRow): Promise<void> {
  await db.insertInto('roleGrants').values(grant).execute();
}

export async function deleteGrant(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('roleGrants').where('id', '=', id).execute();
}

/** The throttles of these keys, locked until the transaction ends; a key never seen starts at no failures. */
export async function lockThrottles(db: Kysely<Database>, engine: Engine, keys: string[]): Promise<Map<string, ThrottleState>> {
  const sorted = [...keys].sort();
  // Rows inserted and locked in one order, so two sign-ins never wait on each other in a circle.
  const never = new Date(0).toISOString();
  await db
    .insertInto('signInThrottles')
    .values(sorted.map((key) => ({ key, failures: 0, firstFailureAt: never, lastFailureAt: never })))
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
  const rows = await lockingRows(engine, db.selectFrom('signInThrottles').selectAll().where('key', 'in', sorted).orderBy('key')).execute();
  return new Map(rows.map(({ key, ...state }) => [key, state]));
}

export async function saveThrottle(db: Kysely<Database>, key: string, state: ThrottleState): Promise<void> {
  await db.updateTable('signInThrottles').set(state).where('key', '=', key).execute();
}

export async function deleteThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('signInThrottles').where('key', '=', key).execute();
}

/** Throttles with no failure since `before` have expired: dropped so the table stays small. */
export async function deleteThrottlesBefore(db: Kysely<Database>, before: string): Promise<void> {
  await db.deleteFrom('signInThrottles').where('lastFailureAt', '<', before).execute();
}

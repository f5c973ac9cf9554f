/** Two-step sign-in's tables: enrolments, recovery codes and the partnerships that require it. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, TwoStepEnrolmentsTable } from '../../db/schema.ts';
import type { TwoStepRequirements } from './twoStepCodes.ts';

export type EnrolmentRow = Selectable<TwoStepEnrolmentsTable>;

export async function findEnrolment(db: Kysely<Database>, userId: string): Promise<EnrolmentRow | undefined> {
  return db.selectFrom('twoStepEnrolments').selectAll().where('userId', '=', userId).executeTakeFirst();
}

/** A secret to set up, unless the account already has one (set up or being set up). */
export async function insertPendingEnrolment(db: Kysely<Database>, userId: string, sealedSecret: string, at: string): Promise<void> {
  await db
    .insertInto('twoStepEnrolments')
    .values({ userId, sealedSecret, confirmedAt: null, lastUsedStep: null, createdAt: at })
    .onConflict((conflict) => conflict.column('userId').doNothing())
    .execute();
}

/** Confirms the enrolment being set up; false if it was confirmed already (by a parallel request, say). */
export async function confirmEnrolment(db: Kysely<Database>, userId: string, step: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('twoStepEnrolments')
    .set({ confirmedAt: at, lastUsedStep: step })
    .where('userId', '=', userId)
    .where('confirmedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Uses the code of a step: only a step later than the last used, in one conditional update, so that of two
 * requests with the same code (or an older one) only the first is accepted, on either engine.
 */
export async function useStep(db: Kysely<Database>, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('twoStepEnrolments')
    .set({ lastUsedStep: step })
    .where('userId', '=', userId)
    .where('confirmedAt', 'is not', null)
    .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function removeEnrolment(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('twoStepRecoveryCodes').where('userId', '=', userId).execute();
  await db.deleteFrom('twoStepEnrolments').where('userId', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Kysely<Database>, userId: string, codes: { id: string; codeHash: string }[]): Promise<void> {
  await db.deleteFrom('twoStepRecoveryCodes').where('userId', '=', userId).execute();
  await db
    .insertInto('twoStepRecoveryCodes')
    .values(codes.map((code) => ({ ...code, userId, usedAt: null })))
    .execute();
}

/** Uses a recovery code once: of parallel requests with the same code, the conditional update lets one through. */
export async function useRecoveryCode(db: Kysely<Database>, userId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('twoStepRecoveryCodes')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countRecoveryCodesLeft(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('twoStepRecoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('left'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.left);
}

/** The partnerships that require two-step sign-in, and the areas they are in. */
export async function findRequirements(db: Kysely<Database>): Promise<TwoStepRequirements> {
  const rows = await db
    .selectFrom('twoStepRequirements')
    .innerJoin('partnerships', 'partnerships.id', 'twoStepRequirements.partnershipId')
    .select(['twoStepRequirements.partnershipId', 'partnerships.areaId'])
    .execute();
  return { partnershipIds: new Set(rows.map((row) => row.partnershipId)), areaIds: new Set(rows.map((row) => row.areaId)) };
}

/** Requires two-step sign-in of a partnership's accounts, or stops; false if that was already so. */
export async function setRequirement(db: Kysely<Database>, partnershipId: string, required: boolean, at: string): Promise<boolean> {
  if (required) {
    const result = await db
      .insertInto('twoStepRequirements')
      .values({ partnershipId, requiredAt: at })
      .onConflict((conflict) => conflict.column('partnershipId').doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }
  const result = await db.deleteFrom('twoStepRequirements').where('partnershipId', '=', partnershipId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

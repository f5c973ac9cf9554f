import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DataSubject, PersonalData } from '../../platform/personalData.ts';

const set = (present: boolean) => (present ? 'set' : 'not set');

/**
 * The account and its roles. Secrets are said to be set or not, never given: not the password's hash, the two-step
 * secret, the recovery codes or the reset links' hashes.
 */
export async function accountDataAbout(db: Kysely<Database>, { userId }: DataSubject): Promise<PersonalData> {
  if (!userId) return { account: null };
  const [user, roles, twoStep, recoveryCodes, passwordResets] = await Promise.all([
    db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst(),
    db.selectFrom('roleGrants').select(['role', 'partnershipId', 'areaId', 'createdAt']).where('userId', '=', userId).execute(),
    db.selectFrom('twoStepEnrolments').select(['confirmedAt', 'createdAt']).where('userId', '=', userId).executeTakeFirst(),
    db.selectFrom('twoStepRecoveryCodes').select('usedAt').where('userId', '=', userId).execute(),
    db
      .selectFrom('passwordResets')
      .select(['createdAt', 'expiresAt', 'spentAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .execute(),
  ]);
  if (!user) return { account: null };
  const { passwordHash, ...account } = user;
  return {
    account: {
      ...account,
      isAdmin: account.isAdmin === 1,
      password: set(passwordHash !== ''),
      twoStepSignIn: {
        authenticator: set(Boolean(twoStep?.confirmedAt)),
        confirmedAt: twoStep?.confirmedAt ?? null,
        recoveryCodes: set(recoveryCodes.length > 0),
        recoveryCodesUnused: recoveryCodes.filter(({ usedAt }) => usedAt === null).length,
      },
      passwordResetLinks: passwordResets,
    },
    roles,
  };
}

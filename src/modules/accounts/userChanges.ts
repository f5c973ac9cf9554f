/** One audited, version-checked change to an account, shared by the administrator's forms and a person's own. */
import type { Kysely } from 'kysely';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { Actor } from '../../platform/principal.ts';
import { updateVersioned } from '../../platform/records.ts';
import type { Database } from '../../db/schema.ts';
import { asUser, type UserRow } from './accounts.repository.ts';

export type PublicUser = Omit<UserRow, 'passwordHash'>;

export function withoutHash(user: UserRow): PublicUser {
  const { passwordHash: _omitted, ...rest } = user;
  return rest;
}

/** Made in the caller's transaction; the password hash never reaches the audit log. */
export async function changeUser(
  trx: Kysely<Database>,
  { audit, clock }: { audit: AuditWriter; clock: Clock },
  actor: Actor,
  change: { id: string; version: number; changes: Partial<UserRow>; summary: (user: UserRow) => string },
): Promise<void> {
  await updateVersioned(trx, audit, actor, {
    table: 'users',
    id: change.id,
    partnershipId: null,
    version: change.version,
    changes: { ...change.changes, updatedAt: isoNow(clock) },
    what: 'User',
    entry: (before, after) => ({
      action: 'update',
      entityType: 'user',
      partnershipId: null,
      summary: change.summary(asUser(before)),
      before: withoutHash(asUser(before)),
      after: withoutHash(asUser(after)),
    }),
  });
}

/**
 * The accounts a partnership's person records may name: an officer finds one by its address (the service's accounts
 * are never listed to them), and may take only an account of their own partnership's staff or of no one's. The same
 * reach bounds the links an address the account proves makes (decision 0034): an officer who types someone else's
 * address on a person cannot draw another partnership's staff, or an administrator, into their partnership.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { FieldValidationError, NotPermittedError } from '../../platform/errors.ts';
import { isOfficer } from '../../platform/policy.ts';
import type { Principal } from '../../platform/principal.ts';
import { normaliseEmail } from './accounts.inputs.ts';
import { findGrantsForUser, findUserByEmail, findUserById, type UserRow } from './accounts.repository.ts';

/** An account as a person's page shows it. */
export interface AccountOfPerson {
  id: string;
  name: string;
  email: string;
  /** When it was deactivated: its person keeps the link, and the account cannot sign in. */
  archivedAt: string | null;
}

export interface AccountsForPeople {
  /** The account a person record names, or null where it names none (or one since removed). */
  accountOfPerson(userId: string | null): Promise<AccountOfPerson | null>;
  /**
   * The active account with this address that the actor may make a person of the partnership: an administrator any,
   * an officer one that holds a role in this partnership or none at all. Refused with a message for the `email` field.
   */
  accountToLink(actor: Principal, partnershipId: string, email: string): Promise<AccountOfPerson>;
}

// One message whatever the reason, so that an officer cannot learn which addresses other partnerships' staff have.
const notLinkable = 'There is no account with this email address that you can link. Check the address, or ask an administrator to link it';
const notActive = 'There is no active account with this email address. Check the address, or add the account first';

const shown = ({ id, name, email, archivedAt }: UserRow): AccountOfPerson => ({ id, name, email, archivedAt });

/** The partnerships where an account is already a person (from governance). */
export type PartnershipsAsPerson = (userId: string) => Promise<readonly string[]>;

/**
 * Which partnerships' people the account may become: those where it holds a role given by an administrator; and, for
 * an account that is no other partnership's (no role given anywhere, no person of another partnership, no
 * administrator), any.
 */
export async function reachOf(
  db: Kysely<Database>,
  partnershipsAsPerson: PartnershipsAsPerson,
  user: UserRow,
): Promise<(partnershipId: string) => boolean> {
  const grants = await findGrantsForUser(db, user.id);
  const granted = new Set(grants.flatMap((grant) => (grant.partnershipId ? [grant.partnershipId] : [])));
  const unclaimed = !user.isAdmin && grants.length === 0;
  const personOf = await partnershipsAsPerson(user.id);
  return (partnershipId) => granted.has(partnershipId) || (unclaimed && personOf.every((id) => id === partnershipId));
}

export function createAccountsForPeople(db: Kysely<Database>, partnershipsAsPerson: PartnershipsAsPerson): AccountsForPeople {
  /** Whether an officer may take the account: it is their partnership's staff, or no other partnership's. */
  const withinReach = async (user: UserRow, partnershipId: string) => (await reachOf(db, partnershipsAsPerson, user))(partnershipId);

  return {
    async accountOfPerson(userId) {
      const user = userId ? await findUserById(db, userId) : undefined;
      return user ? shown(user) : null;
    },

    async accountToLink(actor, partnershipId, email) {
      if (!isOfficer(actor, partnershipId)) throw new NotPermittedError('Only the partnership’s officers can link its people to accounts');
      const user = await findUserByEmail(db, normaliseEmail(email));
      if (actor.isAdmin) {
        if (!user) throw new FieldValidationError('email', notActive);
        return shown(user);
      }
      if (!user || !(await withinReach(user, partnershipId))) throw new FieldValidationError('email', notLinkable);
      return shown(user);
    },
  };
}

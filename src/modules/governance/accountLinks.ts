/**
 * An account is a person: each person record names the account it is, set by an officer or administrator, or made
 * when the account proves an address that names exactly one person of a partnership (an e-mailed link followed, or
 * a sign-in provider's verified claim). An address typed by an officer alone never opens a partnership.
 */
import type { Kysely } from 'kysely';
import { isoNow, type Clock, todayInEngland } from '../../platform/clock.ts';
import { financialYearStart } from '../../platform/dates.ts';
import { refusingDuplicates } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import { findRecord } from '../../platform/records.ts';
import {
  listLinkableByEmail,
  listPeopleOfAccount,
  listSeatsHeldBy,
  type PersonOfAccount,
  type SeatHeld,
  setPersonAccount,
} from './accountLinks.repository.ts';

export type { PersonOfAccount, SeatHeld };

export interface AccountLinks {
  /** The people records an account is, one per partnership at most. */
  peopleOfAccount(userId: string): Promise<PersonOfAccount[]>;
  /** Makes a person of the partnership the account given, or no account (null). */
  linkAccount(actor: Actor, partnershipId: string, personId: string, userId: string | null): Promise<void>;
  /**
   * Links an account to the people its proven address names, where that is one person of a partnership the account
   * may join (`mayJoin`, the accounts module's rule).
   */
  linkByVerifiedEmail(userId: string, email: string, mayJoin: (partnershipId: string) => boolean): Promise<PersonOfAccount[]>;
  /**
   * The partnerships where the person an account is sits on a group today, and whether as a chair or vice-chair of
   * this year of office: the member and chair roles the account holds there. One query, asked at every request.
   */
  seatsHeldBy(userId: string): Promise<SeatHeld[]>;
}

const takenAccount = 'That account is already another person of this partnership. Unlink it from them first.';

export function createAccountLinks({ db, audit, clock }: { db: Kysely<Database>; audit: AuditWriter; clock: Clock }): AccountLinks {
  return {
    peopleOfAccount: (userId) => listPeopleOfAccount(db, userId),

    seatsHeldBy(userId) {
      const today = todayInEngland(clock);
      return listSeatsHeldBy(db, userId, Number(financialYearStart(today).slice(0, 4)), today);
    },

    async linkAccount(actor, partnershipId, personId, userId) {
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            const person = await findRecord(trx, 'people', partnershipId, personId);
            if (!person) throw new NotFoundError('Person not found');
            if (person.userId === userId) return;
            await setPersonAccount(trx, personId, userId, isoNow(clock));
            await audit.record(trx, actor, {
              action: 'update',
              entityType: 'person',
              entityId: personId,
              partnershipId,
              summary: userId ? `Linked ${person.name} to an account` : `Unlinked ${person.name} from their account`,
              before: { userId: person.userId },
              after: { userId },
            });
          }),
        new FieldValidationError('userId', takenAccount),
      );
    },

    async linkByVerifiedEmail(userId, email, mayJoin) {
      return db.transaction().execute(async (trx) => {
        const linkable = (await listLinkableByEmail(trx, userId, email)).filter((person) => mayJoin(person.partnershipId));
        for (const person of linkable) {
          await setPersonAccount(trx, person.id, userId, isoNow(clock));
          await audit.record(
            trx,
            { userId },
            {
              action: 'update',
              entityType: 'person',
              entityId: person.id,
              partnershipId: person.partnershipId,
              summary: `Linked ${person.name} to the account that proved their e-mail address`,
              before: { userId: null },
              after: { userId },
            },
          );
        }
        const linkedIds = new Set(linkable.map((person) => person.id));
        return (await listPeopleOfAccount(trx, userId)).filter((person) => linkedIds.has(person.personId));
      });
    },
  };
}

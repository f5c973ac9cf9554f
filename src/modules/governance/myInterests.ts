/**
 * Members keep their own entries in the register of interests: declare one, change or end it, and say it is still
 * correct. A member reaches only the interests of the person their account is; any other is not found.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { formatDate } from '../../platform/dates.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import { findRecord, insertRecord, type Row, updateVersioned } from '../../platform/records.ts';
import { findPersonOfAccount } from './accountLinks.repository.ts';
import type { MyInterestInput } from './governance.inputs.ts';
import { type InterestView, listInterests, type PersonView } from './governance.repository.ts';

export interface MyInterests {
  /** The person the account is in the partnership (null if none) and that person's interests, ended ones too. */
  myInterests(userId: string | null, partnershipId: string): Promise<{ self: PersonView | null; interests: InterestView[] }>;
  /** One of the account's own interests; another person's is not found. */
  myInterest(userId: string | null, partnershipId: string, id: string): Promise<InterestView>;
  declareInterest(actor: Actor, partnershipId: string, input: MyInterestInput): Promise<string>;
  changeInterest(actor: Actor, partnershipId: string, id: string, version: number, input: MyInterestInput): Promise<void>;
  endInterest(actor: Actor, partnershipId: string, id: string, version: number, endedOn: string): Promise<void>;
  /** The member says the interest is still correct: its review date becomes today. */
  confirmInterest(actor: Actor, partnershipId: string, id: string, version: number): Promise<void>;
}

const notYours = () => new NotFoundError('Interest');

export function createMyInterests({ db, audit, clock }: { db: Kysely<Database>; audit: AuditWriter; clock: Clock }): MyInterests {
  const today = () => todayInEngland(clock);

  async function selfOf(trx: Kysely<Database>, partnershipId: string, userId: string | null): Promise<PersonView> {
    const self = userId ? await findPersonOfAccount(trx, partnershipId, userId) : undefined;
    if (!self) throw new NotFoundError('Person');
    return self;
  }

  /** The interest, if it is the account's own person's. */
  async function ownInterest(trx: Kysely<Database>, partnershipId: string, userId: string | null, id: string): Promise<Row<'interests'>> {
    const self = await selfOf(trx, partnershipId, userId);
    const interest = await findRecord(trx, 'interests', partnershipId, id);
    if (!interest || interest.personId !== self.id || interest.archivedAt !== null) throw notYours();
    return interest;
  }

  /** A change the member makes to their own entry: version-checked, dated as theirs, and audited. */
  async function changeOwn(
    actor: Actor,
    partnershipId: string,
    id: string,
    version: number,
    changes: Partial<Row<'interests'>>,
    summary: (interest: Row<'interests'>) => string,
  ) {
    await db.transaction().execute(async (trx) => {
      const before = await ownInterest(trx, partnershipId, actor.userId, id);
      await updateVersioned(trx, audit, actor, {
        table: 'interests',
        id,
        partnershipId,
        version,
        before,
        changes: { ...changes, memberUpdatedOn: today(), updatedAt: isoNow(clock) },
        what: 'interest',
        entry: (was, now) => ({ action: 'update', entityType: 'interest', partnershipId, summary: summary(was), before: was, after: now }),
      });
    });
  }

  return {
    async myInterests(userId, partnershipId) {
      const self = (userId ? await findPersonOfAccount(db, partnershipId, userId) : undefined) ?? null;
      if (!self) return { self, interests: [] };
      return { self, interests: await listInterests(db, partnershipId, { personId: self.id }) };
    },

    async myInterest(userId, partnershipId, id) {
      const own = await ownInterest(db, partnershipId, userId, id);
      const [interest] = await listInterests(db, partnershipId, { id: own.id });
      if (!interest) throw notYours();
      return interest;
    },

    async declareInterest(actor, partnershipId, input) {
      return db.transaction().execute(async (trx) => {
        const self = await selfOf(trx, partnershipId, actor.userId);
        const now = isoNow(clock);
        const row = {
          id: randomUUID(),
          partnershipId,
          personId: self.id,
          category: input.category,
          description: input.description,
          declaredOn: today(),
          endedOn: null,
          reviewedOn: today(),
          memberUpdatedOn: today(),
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertRecord(trx, 'interests', row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'interest',
          entityId: row.id,
          partnershipId,
          summary: `${self.name} declared an interest: ${input.description.slice(0, 60)}`,
          before: null,
          after: row,
        });
        return row.id;
      });
    },

    changeInterest: (actor, partnershipId, id, version, input) =>
      changeOwn(
        actor,
        partnershipId,
        id,
        version,
        { ...input, reviewedOn: today() },
        (was) => `The member changed their interest: ${was.description.slice(0, 60)}`,
      ),

    async endInterest(actor, partnershipId, id, version, endedOn) {
      const interest = await ownInterest(db, partnershipId, actor.userId, id);
      if (endedOn < interest.declaredOn) {
        throw new FieldValidationError(
          'endedOn',
          `The date the interest ended must be on or after ${formatDate(interest.declaredOn)}, when it was declared`,
        );
      }
      if (endedOn > today()) throw new FieldValidationError('endedOn', 'The date the interest ended must be today or in the past');
      await changeOwn(
        actor,
        partnershipId,
        id,
        version,
        { endedOn },
        (was) => `The member ended their interest: ${was.description.slice(0, 60)}`,
      );
    },

    confirmInterest: (actor, partnershipId, id, version) =>
      changeOwn(
        actor,
        partnershipId,
        id,
        version,
        { reviewedOn: today() },
        (was) => `The member confirmed their interest is still correct: ${was.description.slice(0, 60)}`,
      ),
  };
}

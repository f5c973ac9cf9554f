import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { DataAbout, DataSubject, PersonalData } from '../../platform/personalData.ts';
import type { Actor } from '../../platform/principal.ts';

/** What governance holds about people: the records, which tie them to memberships and organisations. */
export interface GovernanceData extends PersonalData {
  people: { organisationId: string | null }[];
  memberships: { id: string; organisationId: string }[];
}

export interface SubjectAccessDependencies {
  audit: AuditWriter;
  clock: Clock;
  /** The account's name, or null when there is no such account. */
  account: (userId: string) => Promise<{ name: string } | null>;
  /** A person of the partnership, or null when it has none by that id. */
  person: (partnershipId: string, personId: string) => Promise<{ name: string; userId: string | null } | null>;
  /** From governance: the people records an account is. */
  personIdsOfAccount: (trx: Kysely<Database>, userId: string) => Promise<string[]>;
  governance: (trx: Kysely<Database>, personIds: readonly string[]) => Promise<GovernanceData>;
  /** Every other module's part, in the order the file lists them. */
  parts: DataAbout[];
}

/** The file of everything held about a person, and the name to give it. */
export interface SubjectAccessFile {
  fileName: string;
  content: PersonalData;
}

export interface SubjectAccessService {
  /** Everything held about an account and every people record it is. */
  aboutAccount(actor: Actor, userId: string): Promise<SubjectAccessFile>;
  /** Everything held about a person: through their account when they have one, so that nothing of theirs is left out. */
  aboutPerson(actor: Actor, partnershipId: string, personId: string): Promise<SubjectAccessFile>;
}

export function createSubjectAccessService(deps: SubjectAccessDependencies): SubjectAccessService {
  const { audit, clock } = deps;

  async function gather(
    actor: Actor,
    about: { name: string; userId: string | null; personId: string | null; partnershipId: string | null },
  ): Promise<SubjectAccessFile> {
    const entry = {
      entityType: about.userId ? 'user' : 'person',
      entityId: about.userId ?? about.personId ?? '',
      partnershipId: about.partnershipId,
      summary: `Exported everything held about ${about.name}`,
    };
    const exportedAt = isoNow(clock);
    const content = await audit.auditedRead(actor, entry, async (trx) => {
      const personIds = about.userId ? await deps.personIdsOfAccount(trx, about.userId) : [about.personId ?? ''];
      const held = await deps.governance(trx, personIds);
      const subject: DataSubject = {
        userId: about.userId,
        personIds,
        membershipIds: held.memberships.map(({ id }) => id),
        organisationIds: [
          ...new Set([
            ...held.people.flatMap(({ organisationId }) => (organisationId ? [organisationId] : [])),
            ...held.memberships.map(({ organisationId }) => organisationId),
          ]),
        ],
      };
      const parts = await Promise.all(deps.parts.map((part) => part(trx, subject)));
      return Object.assign({ about: about.name, exportedAt }, held, ...parts) as PersonalData;
    });
    const slug =
      about.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'person';
    return { fileName: `everything-held-about-${slug}-${exportedAt.slice(0, 10)}.json`, content };
  }

  return {
    async aboutAccount(actor, userId) {
      const account = await deps.account(userId);
      if (!account) throw new NotFoundError('No such account');
      return gather(actor, { name: account.name, userId, personId: null, partnershipId: null });
    },
    async aboutPerson(actor, partnershipId, personId) {
      const person = await deps.person(partnershipId, personId);
      if (!person) throw new NotFoundError('No such person');
      return gather(actor, { name: person.name, userId: person.userId, personId, partnershipId });
    },
  };
}

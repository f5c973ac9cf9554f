import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * A subject access request (UK GDPR Art. 15): each module gives what it holds about a person, from its own tables,
 * through one narrow function that container.ts hands to the privacy module (docs/decisions/0039).
 */

/** Whom a request is about: the account and the people records it is, with what those records tie them to. */
export interface DataSubject {
  userId: string | null;
  personIds: readonly string[];
  /** Their memberships of groups (attendance is recorded against these). */
  membershipIds: readonly string[];
  /** The organisations they belong to (actions owned by an organisation are listed apart). */
  organisationIds: readonly string[];
}

/** A module's part of the file: named lists of rows, or a summary of what is set, never a secret or a hash. */
export type PersonalData = Record<string, unknown>;

/** Reads with the transaction it is given, the one that writes the export's audit entry. */
export type DataAbout = (trx: Kysely<Database>, subject: DataSubject) => Promise<PersonalData>;

/**
 * Who may read a meeting's Part II (confidential) business: one rule for papers, the agenda pack, minutes,
 * decisions and actions. "Seen only by members of the group": the partnership's officers (and administrators),
 * and the people who are members of the meeting's group now (the policy's `readPartTwo` rule).
 * Everyone else in the partnership, and the area's overseers, see the public part.
 */
import type { Kysely } from 'kysely';
import { noPartTwo, type PartTwoReadership, type Policy, readPartTwo } from '../../platform/policy.ts';
import { type Principal } from '../../platform/principal.ts';
import type { Database } from '../../db/schema.ts';
import { requireMeeting } from './meetings.repository.ts';

/**
 * Who is looking at a meeting: the public sees a published meeting's public part; the partnership sees the
 * public part of any meeting; the group (its members and the partnership's officers) sees Part II too.
 */
export type Audience = 'public' | 'partnership' | 'group';

/** A reader may ask for the public version of what they read: it can only narrow what they see. */
export interface ReadingOptions {
  publicVersion?: boolean;
}

export interface Confidentiality {
  /** The groups whose Part II business this reader may read in a partnership (the policy's rule, narrowed by options). */
  readership(partnershipId: string, reader: Principal, options?: ReadingOptions): Promise<PartTwoReadership>;
  /** Whether this reader reads a meeting as its group, or as the rest of the partnership. */
  audienceFor(partnershipId: string, meetingId: string, reader: Principal, options?: ReadingOptions): Promise<'group' | 'partnership'>;
}

export interface ConfidentialityDependencies {
  db: Kysely<Database>;
  policy: Policy;
}

export function createConfidentiality({ db, policy }: ConfidentialityDependencies): Confidentiality {
  const readership = async (partnershipId: string, reader: Principal, options: ReadingOptions = {}): Promise<PartTwoReadership> =>
    options.publicVersion ? noPartTwo : policy.partTwoReadership(reader, partnershipId);

  return {
    readership,
    async audienceFor(partnershipId, meetingId, reader, options = {}) {
      const { groupId } = await requireMeeting(db, partnershipId, meetingId);
      const group = !options.publicVersion && (await policy.can(reader, readPartTwo, { partnershipId, groupId }));
      return group ? 'group' : 'partnership';
    },
  };
}

/**
 * Who may read a meeting's Part II (confidential) business: one rule for papers, the agenda pack, minutes,
 * decisions and actions. "Seen only by members of the group": the partnership's officers (and administrators),
 * and the people who are members of the meeting's group now, known by their account's e-mail address.
 * Everyone else in the partnership, and the area's overseers, see the public part.
 */
import type { Kysely } from 'kysely';
import { noPartTwo, type PartTwoReadership, type Viewer } from '../../core/actor.ts';
import type { Database } from '../../db/schema.ts';
import type { GovernanceService } from '../governance/index.ts';
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
  /** The groups whose Part II business this viewer may read in a partnership. */
  readership(partnershipId: string, viewer: Viewer, options?: ReadingOptions): Promise<PartTwoReadership>;
  /** Whether this viewer reads a meeting as its group, or as the rest of the partnership. */
  audienceFor(partnershipId: string, meetingId: string, viewer: Viewer, options?: ReadingOptions): Promise<'group' | 'partnership'>;
}

export function createConfidentiality(db: Kysely<Database>, governance: GovernanceService): Confidentiality {
  async function readership(partnershipId: string, viewer: Viewer, options: ReadingOptions = {}): Promise<PartTwoReadership> {
    if (options.publicVersion) return noPartTwo;
    if (viewer.officer) return { everyGroup: true };
    const selves = new Set((await governance.peopleByEmail(partnershipId, viewer.email)).map((person) => person.id));
    if (selves.size === 0) return noPartTwo;
    const memberships = await governance.currentMemberships(partnershipId, {});
    const groupIds = new Set(memberships.filter((membership) => selves.has(membership.personId)).map((m) => m.groupId));
    return { everyGroup: false, groupIds: [...groupIds] };
  }

  return {
    readership,
    async audienceFor(partnershipId, meetingId, viewer, options) {
      const { groupId } = await requireMeeting(db, partnershipId, meetingId);
      const seen = await readership(partnershipId, viewer, options);
      return seen.everyGroup || seen.groupIds.includes(groupId) ? 'group' : 'partnership';
    },
  };
}

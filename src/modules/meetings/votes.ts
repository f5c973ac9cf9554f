/** A decision put to a vote: carried or not, by the majority the group's terms of reference require. */
import type { VoteMajority } from '../governance/index.ts';

export interface Votes {
  for: number;
  against: number;
  abstaining: number;
}

export interface VoteResult {
  carried: boolean;
  /** Votes for that were needed. */
  needed: number;
}

/**
 * Abstentions are not votes cast. Under "voting members present" they count against, because the
 * majority is of everyone entitled to vote who was there (all who voted, where attendance was not recorded).
 * A tie is lost: a chair's casting vote, where terms give one, is recorded as a vote for.
 */
export function voteResult(votes: Votes, majority: VoteMajority, votingMembersPresent: number | null): VoteResult {
  const cast = votes.for + votes.against;
  let needed: number;
  switch (majority) {
    case 'votes_cast':
      needed = Math.floor(cast / 2) + 1;
      break;
    case 'two_thirds_of_votes_cast':
      needed = Math.max(1, Math.ceil((2 * cast) / 3));
      break;
    case 'voting_members_present':
      needed = Math.floor((votingMembersPresent ?? cast + votes.abstaining) / 2) + 1;
      break;
  }
  return { carried: votes.for >= needed, needed };
}

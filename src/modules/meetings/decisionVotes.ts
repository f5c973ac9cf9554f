/**
 * What a decision's vote and quorum were, read for many decisions at once (the decisions register, a meeting's
 * minutes): one query says which meetings have attendance recorded, and each group's terms are read once.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import { termsInForce, type VoteMajority } from '../governance/index.ts';
import { countPresent } from './attendance.repository.ts';
import type { AttendanceService, MeetingAttendance } from './attendance.service.ts';
import type { GovernanceReads } from './governance.reads.ts';
import type { DecisionInput } from './meetings.inputs.ts';
import type { MeetingView } from './meetings.repository.ts';
import type { DecisionView } from './minutes.repository.ts';
import { deferredForQuorum, outcomeOfVote } from './outcomes.ts';
import { type VoteResult, voteResult } from './votes.ts';

export type RegisteredDecision = DecisionView & { deferredForQuorum: boolean; vote: VoteResult | null };

/** From a meeting's attendance: its quorum, and the voting members there (a substitute votes in the member's place). */
export function votingFacts({ quorum, members, recordedAt }: MeetingAttendance): { quorate: boolean | null; votingPresent: number | null } {
  if (!recordedAt) return { quorate: null, votingPresent: null };
  const votingPresent = members.filter((m) => m.member.voting && (m.status === 'present' || m.status === 'substitute')).length;
  return { quorate: quorum?.quorate ?? null, votingPresent };
}

const noFacts = { quorate: null, votingPresent: null };

/** The terms a group had in force on a date (null before it had any): what a vote's majority is read from. */
type TermsOn = (groupId: string, date: string) => Promise<{ voteMajority: VoteMajority } | null>;

/** A vote as it was checked against the attendance: the votes cast, and the voting seats and how many were present. */
export interface VoteCheck {
  voted: number;
  votingSeats: readonly string[];
  votingPresent: number;
}

export interface DecisionVotes {
  /**
   * A decision as it is stored, its vote checked against the voting members recorded present and its outcome as the
   * vote gave it; with what the write checks again under the meeting's lock (`assertVoteStillFits`).
   */
  decided: (
    partnershipId: string,
    meeting: MeetingView,
    input: DecisionInput,
  ) => Promise<{ fields: DecisionInput; voteCheck: VoteCheck | null }>;
  assertVoteStillFits: (trx: Kysely<Database>, meetingId: string, check: VoteCheck | null) => Promise<void>;
  /** Decisions as the register shows them: each with its vote, its outcome as the vote gave it, and whether deferred for quorum. */
  registered: (partnershipId: string, decisions: DecisionView[]) => Promise<RegisteredDecision[]>;
  /** A decision's vote, against the majority the terms in force at its meeting require. */
  voteOf: (
    partnershipId: string,
    decision: Pick<DecisionView, 'groupId' | 'meetingDate' | 'votesFor' | 'votesAgainst' | 'votesAbstaining'>,
    votingPresent: number | null,
  ) => Promise<VoteResult | null>;
}

export function createDecisionVotes({
  attendance,
  governance,
}: {
  attendance: Pick<AttendanceService, 'recordedOf' | 'attendance'>;
  governance: Pick<GovernanceReads, 'termsInForceOn' | 'termsHistory'>;
}): DecisionVotes {
  /** Whether each meeting was quorate and how many voting members were there (null without attendance: one query says which). */
  async function meetingFacts(partnershipId: string, meetingIds: readonly string[]) {
    const facts = new Map<string, { quorate: boolean | null; votingPresent: number | null }>();
    const unique = [...new Set(meetingIds)];
    const recorded = await attendance.recordedOf(unique);
    for (const id of unique) facts.set(id, recorded.has(id) ? votingFacts(await attendance.attendance(partnershipId, id)) : noFacts);
    return facts;
  }

  /** For many decisions: each group's terms read once, the version in force picked for each date. */
  function termsReadOnce(partnershipId: string): TermsOn {
    const histories = new Map<string, ReturnType<GovernanceReads['termsHistory']>>();
    return async (groupId, date) => {
      const history = histories.get(groupId) ?? governance.termsHistory(partnershipId, groupId);
      histories.set(groupId, history);
      return termsInForce(await history, date);
    };
  }

  /** A decision's vote, against the majority the terms in force at its meeting require. */
  async function voteOf(
    partnershipId: string,
    decision: Pick<DecisionView, 'groupId' | 'meetingDate' | 'votesFor' | 'votesAgainst' | 'votesAbstaining'>,
    votingPresent: number | null,
    termsOn: TermsOn = (groupId, date) => governance.termsInForceOn(partnershipId, groupId, date),
  ): Promise<VoteResult | null> {
    if (decision.votesFor === null) return null;
    const terms = await termsOn(decision.groupId, decision.meetingDate);
    const votes = { for: decision.votesFor, against: decision.votesAgainst ?? 0, abstaining: decision.votesAbstaining ?? 0 };
    return voteResult(votes, terms?.voteMajority ?? 'votes_cast', votingPresent);
  }

  /** A decision is read the same way whether written before or after its outcome followed the vote. */
  async function registered(partnershipId: string, decisions: DecisionView[]): Promise<RegisteredDecision[]> {
    const facts = await meetingFacts(
      partnershipId,
      decisions.map((d) => d.meetingId),
    );
    const termsOn = termsReadOnce(partnershipId);
    return Promise.all(
      decisions.map(async (d) => {
        const { quorate = null, votingPresent = null } = facts.get(d.meetingId) ?? {};
        const vote = await voteOf(partnershipId, d, votingPresent, termsOn);
        // Read the same way for a decision written before the outcome followed the vote.
        const outcome = vote ? outcomeOfVote(d.outcome, vote.carried) : d.outcome;
        return { ...d, outcome, deferredForQuorum: deferredForQuorum(outcome, quorate), vote };
      }),
    );
  }

  /**
   * A decision as it is stored: a vote only of the voting members recorded present, and then the outcome the
   * vote gave. Read before the writing transaction (attendance and the terms are other services' reads), so the
   * write counts again, under the meeting's lock, the voting members present (`voteCheck`): an attendance saved in
   * between would otherwise leave more votes than voting members present.
   */
  async function decided(
    partnershipId: string,
    meeting: MeetingView,
    input: DecisionInput,
  ): Promise<{ fields: DecisionInput; voteCheck: VoteCheck | null }> {
    const { votesFor, votesAgainst, votesAbstaining } = input;
    if (votesFor === null && votesAgainst === null && votesAbstaining === null) return { fields: input, voteCheck: null };
    const recorded = await attendance.attendance(partnershipId, meeting.id);
    const { votingPresent } = votingFacts(recorded);
    if (votingPresent === null) throw new FieldValidationError('votesFor', 'Record attendance before recording a vote');
    const votes = { votesFor: votesFor ?? 0, votesAgainst: votesAgainst ?? 0, votesAbstaining: votesAbstaining ?? 0 };
    const voted = votes.votesFor + votes.votesAgainst + votes.votesAbstaining;
    assertVotesFit(voted, votingPresent);
    const vote = await voteOf(partnershipId, { ...meeting, ...votes }, votingPresent);
    const fields = { ...input, ...votes, outcome: vote ? outcomeOfVote(input.outcome, vote.carried) : input.outcome };
    const votingSeats = recorded.members.filter(({ member }) => member.voting).map(({ member }) => member.id);
    return { fields, voteCheck: { voted, votingSeats, votingPresent } };
  }

  function assertVotesFit(voted: number, votingPresent: number): void {
    if (voted > votingPresent) {
      throw new FieldValidationError(
        'votesFor',
        `Only voting members present may vote: ${voted} votes were entered but ${votingPresent} voting members were present`,
      );
    }
  }

  /**
   * In the writing transaction, under the meeting's lock: the voting members present are those the vote was checked
   * against. Changed since, the vote (and the majority it needs) is checked again by the person entering it.
   */
  async function assertVoteStillFits(trx: Kysely<Database>, meetingId: string, check: VoteCheck | null): Promise<void> {
    if (!check) return;
    const present = await countPresent(trx, meetingId, check.votingSeats);
    if (present === check.votingPresent) return;
    assertVotesFit(check.voted, present);
    throw new FieldValidationError(
      'votesFor',
      `The attendance was recorded again while you entered the vote: ${present} voting members are now present. Check the vote, then save it again`,
    );
  }

  return {
    registered,
    voteOf: (partnershipId, decision, votingPresent) => voteOf(partnershipId, decision, votingPresent),
    decided,
    assertVoteStillFits,
  };
}

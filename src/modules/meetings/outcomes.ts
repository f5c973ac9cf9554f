/** Decisions: the words of the minutes, and what is derived from them. */
import type { DecisionOutcome } from '../../db/schema.ts';

export const outcomeNames = {
  agreed: 'Agreed',
  resolved: 'Resolved',
  supported: 'Supported',
  recommended: 'Recommended to another body',
  noted: 'Noted',
  deferred: 'Deferred',
  not_agreed: 'Not agreed',
} as const satisfies Record<DecisionOutcome, string>;
export type Outcome = DecisionOutcome;
export const outcomes = [
  'agreed',
  'resolved',
  'supported',
  'recommended',
  'noted',
  'deferred',
  'not_agreed',
] as const satisfies readonly Outcome[];

/**
 * "Where meetings are not quorate, discussions can take place but key decisions will be deferred to the
 * next meeting" (Coventry's terms of reference): a decision taken at an inquorate meeting stands as
 * deferred. Noting something is not a decision, and one already deferred stays so.
 */
export function deferredForQuorum(outcome: Outcome, meetingQuorate: boolean | null): boolean {
  return meetingQuorate === false && outcome !== 'noted' && outcome !== 'deferred';
}

/**
 * Where a decision was put to a vote, its outcome is what the vote gave: a vote not carried is not agreed,
 * whatever was chosen; a carried vote keeps the outcome chosen, unless that says nothing was agreed.
 */
export function outcomeOfVote(chosen: Outcome, carried: boolean): Outcome {
  if (!carried) return 'not_agreed';
  return chosen === 'not_agreed' || chosen === 'noted' ? 'agreed' : chosen;
}

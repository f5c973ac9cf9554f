/** Decisions: the words of the minutes, and what is derived from them. */

export const outcomeNames = {
  agreed: 'Agreed',
  resolved: 'Resolved',
  supported: 'Supported',
  recommended: 'Recommended to another body',
  noted: 'Noted',
  deferred: 'Deferred',
} as const;
export type Outcome = keyof typeof outcomeNames;

/**
 * "Where meetings are not quorate, discussions can take place but key decisions will be deferred to the
 * next meeting" (Coventry's terms of reference): a decision taken at an inquorate meeting stands as
 * deferred. Noting something is not a decision, and one already deferred stays so.
 */
export function deferredForQuorum(outcome: string, meetingQuorate: boolean | null): boolean {
  return meetingQuorate === false && outcome !== 'noted' && outcome !== 'deferred';
}

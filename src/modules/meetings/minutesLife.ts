/**
 * The life of a meeting's minutes: draft → circulated → approved at a later meeting "as a true and
 * accurate record" → signed by the chair. Approved minutes do not change; a correction is an amendment.
 */
import type { MeetingMinutesTable } from '../../db/schema.ts';

export type MinutesStatus = MeetingMinutesTable['status'];

export const minutesStatusNames = {
  draft: 'Draft',
  circulated: 'Circulated',
  approved: 'Approved as a true and accurate record',
  signed: 'Approved and signed by the chair',
} as const satisfies Record<MinutesStatus, string>;

const allowed: Record<MinutesStatus, MinutesStatus[]> = {
  draft: ['circulated', 'approved'],
  circulated: ['approved'],
  approved: ['signed'],
  signed: [],
};

export function canMoveTo(from: MinutesStatus, to: MinutesStatus): boolean {
  return allowed[from].includes(to);
}

/** Minutes can be written until they are approved. */
export function isEditable(status: MinutesStatus): boolean {
  return status === 'draft' || status === 'circulated';
}

/** Once approved, minutes take corrections only as amendments recorded beside them. */
export function canAmend(status: MinutesStatus): boolean {
  return !isEditable(status);
}

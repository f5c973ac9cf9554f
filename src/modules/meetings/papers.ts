/** Papers: whether a paper came late or as a supplement (derived from when it was uploaded). */
import { todayInEngland } from '../../platform/clock.ts';

/**
 * Late: uploaded (in England) after the day the agenda and papers were due out. Supplement: added
 * after the agenda was published.
 */
export function paperStanding(
  uploadedAt: string,
  meeting: { papersDue: string | null; publishedAt: string | null },
): { late: boolean; supplement: boolean } {
  const uploadedOn = todayInEngland({ now: () => new Date(uploadedAt) });
  return {
    late: meeting.papersDue !== null && uploadedOn > meeting.papersDue,
    supplement: meeting.publishedAt !== null && uploadedAt > meeting.publishedAt,
  };
}

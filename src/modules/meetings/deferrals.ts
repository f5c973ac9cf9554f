/**
 * "Where meetings are not quorate, discussions can take place but key decisions will be deferred to the next
 * meeting" (Coventry's terms): a decision deferred for want of a quorum goes onto the agenda of the group's next
 * meeting still to come, by itself, as an item after "Minutes of the last meeting and matters arising".
 *
 * When: as the inquorate meeting's minutes are circulated, and again as they are approved. By circulation the
 * attendance (so the quorum) and the decisions are written down, and it comes before the next agenda goes out;
 * recording a decision is too early (attendance is often entered after it, and can change the quorum), and
 * approval alone too late (it happens at the next meeting). Approval is the backstop: it carries decisions added
 * after circulation, minutes approved without being circulated, and those that waited because no later meeting
 * was planned when the minutes were circulated (approval names a later meeting, so one is planned by then).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { formatDate } from '../../platform/dates.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type AgendaItemRow, carriedDecisionIds, insertAgendaItem, listAgendaItems } from './agenda.repository.ts';
import { listMeetings, type MeetingView, requireMeeting } from './meetings.repository.ts';
import { findMeetingMinutes } from './minutes.repository.ts';
import { agendaRefusals } from './papers.ts';
import { isStillToCome } from './stillToCome.ts';

/** A decision deferred for want of a quorum, with the item it was taken on. */
export interface DeferredDecision {
  id: string;
  wording: string;
  item: AgendaItemRow;
}

/**
 * The first of the meetings whose agenda can still change (not one settled by its circulated minutes), locked:
 * positions are numbered from the items already there, one writer of a meeting's agenda at a time. Locks are taken
 * in date order, later than the meeting whose step carries the decisions, as every step takes them.
 */
async function nextOpenAgenda(
  trx: Kysely<Database>,
  candidates: readonly MeetingView[],
  stillFits: (meeting: MeetingView) => boolean,
): Promise<MeetingView | null> {
  for (const candidate of candidates) {
    await lockRow(trx, 'meetings', candidate.id);
    // Read again under the lock: cancelled or moved while this waited, it is judged as it is now.
    const meeting = await requireMeeting(trx, candidate.partnershipId, candidate.id);
    const minutes = (await findMeetingMinutes(trx, meeting.id))?.status ?? 'draft';
    if (stillFits(meeting) && agendaRefusals(meeting, minutes).change === null) return meeting;
  }
  return null;
}

/**
 * Puts each deferred decision not yet carried onto the group's next meeting still to come, once: an item taken
 * off that agenda is not put back. A Part II item stays Part II. Returns how many wait for a meeting to be planned.
 */
export async function carryForwardDeferred(
  trx: Kysely<Database>,
  { audit, clock, actor }: { audit: AuditWriter; clock: Clock; actor: Actor },
  from: MeetingView,
  deferred: readonly DeferredDecision[],
): Promise<{ waiting: number }> {
  const carried = await carriedDecisionIds(
    trx,
    deferred.map((decision) => decision.id),
  );
  const toCarry = deferred.filter((decision) => !carried.has(decision.id));
  if (toCarry.length === 0) return { waiting: 0 };
  const today = todayInEngland(clock);
  const later = await listMeetings(trx, from.partnershipId, { groupId: from.groupId, from: today });
  const candidate = (meeting: MeetingView) => isStillToCome(meeting, today) && meeting.meetingDate > from.meetingDate;
  const next = await nextOpenAgenda(trx, later.filter(candidate), candidate);
  if (!next) return { waiting: toCarry.length };
  const opening = (await listAgendaItems(trx, next.id)).filter((item) => item.section === 'opening');
  let position = Math.max(0, ...opening.map((item) => item.position));
  const now = isoNow(clock);
  for (const { id: decisionId, wording, item: was } of toCarry) {
    const item = {
      id: randomUUID(),
      partnershipId: from.partnershipId,
      meetingId: next.id,
      section: 'opening' as const,
      position: ++position,
      standardItem: null,
      title: `Deferred decision: ${was.title}`,
      presenter: was.presenter,
      purpose: `Deferred from the meeting of ${formatDate(from.meetingDate)}, which was not quorate: ${wording}`,
      confidential: was.confidential,
      confidentialReason: was.confidentialReason,
      deferredDecisionId: decisionId,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    await insertAgendaItem(trx, item);
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'agenda_item',
      entityId: item.id,
      partnershipId: from.partnershipId,
      summary: `Put "${was.title}", deferred for want of a quorum on ${formatDate(from.meetingDate)}, on the agenda (${next.groupName}, ${next.meetingDate})`,
      before: null,
      after: item,
    });
  }
  return { waiting: 0 };
}

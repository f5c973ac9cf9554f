/** Meetings and agenda items made the short way, for tests that need one to work on. */
import { systemActor } from '../../src/core/actor.ts';
import type { AgendaService, MeetingsService } from '../../src/modules/meetings/index.ts';

/** An ordinary meeting of a group at the Council House. */
export function scheduleMeeting(
  meetings: MeetingsService,
  partnershipId: string,
  groupId: string,
  meetingDate: string,
  startTime = '14:00',
): Promise<string> {
  return meetings.schedule(systemActor, partnershipId, { groupId, kind: 'ordinary', meetingDate, startTime, location: 'Council House' });
}

/** An item for decision: public, or confidential (Part II) because it is about individuals. */
export function addAgendaItem(
  agenda: AgendaService,
  partnershipId: string,
  meetingId: string,
  title: string,
  { confidential = false, presenter = null }: { confidential?: boolean; presenter?: string | null } = {},
): Promise<string> {
  return agenda.addItem(systemActor, partnershipId, meetingId, {
    title,
    section: 'decision',
    presenter,
    purpose: null,
    confidential,
    confidentialReason: confidential ? 'Information about individuals' : null,
  });
}

/** An officer adding an update to an action: allowed on any action. */
export const byOfficer = { officer: true, email: null };

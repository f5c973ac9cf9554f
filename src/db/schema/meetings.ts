/** Tables of meetings: their agendas, papers, attendance, minutes, decisions and actions (see ../schema.ts). */
import type { Generated } from 'kysely';
import type { InterestCategory, PartnershipRecordColumns } from '../schema.ts';

/** Status columns are unions: the database holds only these, and a service cannot write another. */
export type MeetingStatus = 'scheduled' | 'rescheduled' | 'cancelled' | 'held';
export type MeetingKind = 'ordinary' | 'extraordinary' | 'public';
export type AgendaSection = 'opening' | 'decision' | 'noting' | 'briefing' | 'closing';
export type DecisionOutcome = 'agreed' | 'resolved' | 'supported' | 'recommended' | 'noted' | 'deferred' | 'not_agreed';

export interface MeetingsTable extends PartnershipRecordColumns {
  groupId: string;
  meetingDate: string;
  startTime: string;
  location: string;
  kind: MeetingKind;
  status: MeetingStatus;
  /** When the agenda was published, and by whom: its public part is then on the public pages. */
  publishedAt: string | null;
  publishedBy: string | null;
  /** A published agenda withdrawn before the meeting: when, by whom and why. Publishing it again clears them. */
  agendaWithdrawnAt: string | null;
  agendaWithdrawnBy: string | null;
  agendaWithdrawnReason: string | null;
}

export interface AgendaItemsTable extends PartnershipRecordColumns {
  meetingId: string;
  section: AgendaSection;
  position: number;
  standardItem: string | null;
  title: string;
  presenter: string | null;
  purpose: string | null;
  confidential: number;
  confidentialReason: string | null;
  /** The decision, deferred at an earlier meeting for want of a quorum, that this item carries forward. */
  deferredDecisionId: string | null;
}

export interface PapersTable extends PartnershipRecordColumns {
  meetingId: string;
  agendaItemId: string;
  title: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string | null;
}

export interface PaperContentsTable {
  paperId: string;
  content: Buffer;
}

export interface AttendanceTable {
  id: string;
  partnershipId: string;
  meetingId: string;
  membershipId: string | null;
  status: 'present' | 'apologies' | 'absent' | 'substitute' | 'in_attendance' | 'minute_taker';
  substitutePersonId: string | null;
  attendeeName: string | null;
  attendeeOrganisation: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

export interface ItemMinutesTable {
  agendaItemId: string;
  partnershipId: string;
  meetingId: string;
  narrative: string;
  version: Generated<number>;
  updatedAt: string;
  updatedBy: string | null;
}

export interface DecisionsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  meetingId: string;
  agendaItemId: string;
  outcome: DecisionOutcome;
  wording: string;
  recommendedTo: string | null;
  votesFor: number | null;
  votesAgainst: number | null;
  votesAbstaining: number | null;
  createdAt: string;
  createdBy: string | null;
}

export type ActionStatus = 'open' | 'in_progress' | 'done' | 'cancelled' | 'carried_forward';

export interface ActionsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  groupId: string;
  /** Null for an action agreed outside a meeting, such as one of the community safety plan. */
  meetingId: string | null;
  agendaItemId: string | null;
  description: string;
  /** The owner as shown; the owner itself only when neither a person nor an organisation is named ("other"). */
  owner: string;
  ownerPersonId: string | null;
  ownerOrganisationId: string | null;
  dueDate: string | null;
  status: ActionStatus;
  createdAt: string;
  updatedAt: string;
}

/** The actions of a partnership counted by group and status, kept by triggers (migration 2026-12-11-06). */
export interface ActionCountsTable {
  partnershipId: string;
  groupId: string;
  status: ActionStatus;
  total: number;
}

export interface ActionUpdatesTable {
  id: string;
  actionId: string;
  status: ActionStatus;
  note: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface MeetingMinutesTable {
  meetingId: string;
  partnershipId: string;
  status: 'draft' | 'circulated' | 'approved' | 'signed';
  circulatedAt: string | null;
  approvedAtMeetingId: string | null;
  approvedAt: string | null;
  signedAt: string | null;
  signedBy: string | null;
  version: Generated<number>;
}

export interface MinutesAmendmentsTable {
  id: string;
  partnershipId: string;
  meetingId: string;
  correction: string;
  madeAt: string;
  madeBy: string | null;
}

export interface DeclarationsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  meetingId: string;
  agendaItemId: string;
  personId: string;
  interestId: string | null;
  nature: string;
  madeAt: string;
  madeBy: string | null;
}

export interface MeetingApologiesTable {
  id: string;
  partnershipId: string;
  meetingId: string;
  personId: string;
  substitutePersonId: string | null;
  note: string | null;
  sentAt: string;
  sentBy: string | null;
}

export interface ItemInterestsTable {
  id: string;
  partnershipId: string;
  meetingId: string;
  agendaItemId: string;
  personId: string;
  category: InterestCategory;
  interestId: string | null;
  nature: string;
  declaredAt: string;
  declaredBy: string | null;
  /** When the officer recorded it in the minutes' declarations. */
  recordedAt: string | null;
  recordedBy: string | null;
}

export type CommentResolution = 'changed' | 'no_change';

export interface MinutesCommentsTable {
  id: string;
  partnershipId: string;
  meetingId: string;
  /** The item commented on; null for the minutes as a whole. */
  agendaItemId: string | null;
  personId: string;
  comment: string;
  madeAt: string;
  madeBy: string | null;
  resolution: CommentResolution | null;
  resolutionNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface WorkProgrammeItemsTable {
  id: string;
  partnershipId: string;
  groupId: string;
  title: string;
  notes: string | null;
  plannedMeetingId: string | null;
  agendaItemId: string | null;
  createdAt: string;
}

export interface MeetingChangesTable {
  id: string;
  meetingId: string;
  kind: Extract<MeetingStatus, 'rescheduled' | 'cancelled'>;
  fromDate: string;
  fromTime: string;
  toDate: string | null;
  toTime: string | null;
  reason: string;
  changedAt: string;
  changedBy: string | null;
}

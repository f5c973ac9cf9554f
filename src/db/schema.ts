/**
 * The hand-written shape of the database, as the app sees it (camelCase; the
 * CamelCasePlugin maps to snake_case columns). Types that work on both engines:
 * text UUIDs, ISO-8601 text timestamps, YYYY-MM-DD dates, 0/1 integers for
 * booleans, JSON as text.
 */
import type { Generated } from 'kysely';

/** Columns every editable record carries: optimistic concurrency and soft archive. */
export interface RecordColumns {
  id: string;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export type OversightKind = 'pcc' | 'police_authority';

export interface AreasTable extends RecordColumns {
  name: string;
  forceName: string;
  oversightBody: string;
  oversightKind: OversightKind;
}

export interface PartnershipsTable extends RecordColumns {
  areaId: string;
  name: string;
  shortName: string;
  localAuthority: string;
  population: number | null;
}

export interface PartnershipRecordColumns extends RecordColumns {
  partnershipId: string;
}

/** Community and voluntary representatives are counted for quorum by their organisation's sector. */
export type OrganisationSector = 'statutory' | 'community_voluntary' | 'business' | 'other';

export interface OrganisationsTable extends PartnershipRecordColumns {
  name: string;
  responsibleAuthority: number;
  sector: OrganisationSector;
}

export interface PeopleTable extends PartnershipRecordColumns {
  name: string;
  email: string | null;
  jobTitle: string | null;
  organisationId: string | null;
  /** The account this person is (set by an officer or administrator, or by an address the account proved). */
  userId: string | null;
}

export interface GroupsTable extends PartnershipRecordColumns {
  name: string;
  parentId: string | null;
}

export type Cadence = 'weekly' | 'monthly' | 'six_weekly' | 'bi_monthly' | 'quarterly' | 'six_monthly' | 'annually';
export type NoticeUnit = 'working' | 'calendar';
export type VoteMajority = 'votes_cast' | 'two_thirds_of_votes_cast' | 'voting_members_present';

export interface TermsOfReferenceTable {
  id: string;
  partnershipId: string;
  groupId: string;
  versionNumber: number;
  purpose: string;
  functions: string;
  keyOutcomes: string;
  alsoReportsTo: string | null;
  cadence: Cadence;
  chairRole: string;
  papersNoticeDays: number | null;
  papersNoticeUnit: NoticeUnit;
  minutesCirculationDays: number | null;
  actionsCirculationWorkingDays: number | null;
  membershipSpecification: string;
  quorumRule: string;
  voteMajority: VoteMajority;
  /** How many vice-chairs the group may appoint a year. */
  viceChairs: number;
  effectiveFrom: string;
  createdBy: string | null;
  createdAt: string;
}

export type MembershipRole = 'chair' | 'vice_chair' | 'member' | 'secretary' | 'adviser';

export interface MembershipsTable extends PartnershipRecordColumns {
  groupId: string;
  personId: string;
  organisationId: string;
  role: MembershipRole;
  voting: number;
  core: number;
  startDate: string;
  endDate: string | null;
  substitutePersonId: string | null;
}

export type InterestCategory = 'employment' | 'financial' | 'membership' | 'gifts' | 'other';

export interface InterestsTable extends PartnershipRecordColumns {
  personId: string;
  category: InterestCategory;
  description: string;
  declaredOn: string;
  endedOn: string | null;
  /** When the member last confirmed the interest still holds. */
  reviewedOn: string | null;
  /** When the member last declared, changed, ended or confirmed it themselves (the audit log has the detail). */
  memberUpdatedOn: string | null;
}

export type AppointmentRole = 'chair' | 'vice_chair';

export interface ChairAppointmentsTable extends PartnershipRecordColumns {
  groupId: string;
  personId: string;
  role: AppointmentRole;
  yearStarting: number;
  appointedOn: string;
  appointedBy: string;
}

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

export interface UsersTable extends RecordColumns {
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: number;
  emailVerifiedAt: string | null;
}

/** The roles an administrator gives (the chair's comes from the chair appointments, never granted). */
export type GrantedRoleName = 'officer' | 'member' | 'analyst' | 'overseer';

export interface RoleGrantsTable {
  id: string;
  userId: string;
  role: GrantedRoleName;
  partnershipId: string | null;
  areaId: string | null;
  createdAt: string;
}

export interface SessionsTable {
  id: string;
  data: string;
  expiresAt: string;
  userId: string | null;
}

/** A link to choose a new password, by the SHA-256 of its token; spent once used or replaced by a newer link. */
export interface PasswordResetsTable {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  spentAt: string | null;
}

/** An organisation's OpenID provider, by which its staff sign in (docs/decisions/0037-single-sign-on.md). */
export interface SignInProvidersTable extends RecordColumns {
  name: string;
  issuer: string;
  clientId: string;
  /** Sealed by platform/secrets.ts: never stored as typed. */
  sealedClientSecret: string;
}

/** An e-mail domain a provider vouches for; at most one active provider a domain. */
export interface SignInProviderDomainsTable {
  providerId: string;
  domain: string;
  archivedAt: string | null;
}

/** Failed sign-ins by key ('account:<email>' or 'address:<ip>'), for throttling. */
export interface SignInThrottlesTable {
  key: string;
  failures: number;
  firstFailureAt: string;
  lastFailureAt: string;
}

/** An account's authenticator (TOTP): the secret sealed (AES-256-GCM), unconfirmed until a first code is entered. */
export interface TwoStepEnrolmentsTable {
  userId: string;
  sealedSecret: string;
  confirmedAt: string | null;
  /** The last 30-second step whose code was accepted: a code is never accepted twice. */
  lastUsedStep: number | null;
  createdAt: string;
}

/** A single-use recovery code, as a keyed hash only. */
export interface TwoStepRecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
}

/** A partnership whose accounts must use two-step sign-in. */
export interface TwoStepRequirementsTable {
  partnershipId: string;
  requiredAt: string;
}

/** A change, a sign-in or a role given or taken, or 'view': a read of confidential material (indexed with `at`). */
export type AuditLogAction =
  'create' | 'update' | 'delete' | 'archive' | 'restore' | 'sign-in' | 'sign-in-failed' | 'sign-out' | 'grant' | 'revoke' | 'view';

export interface AuditLogTable {
  id: string;
  at: string;
  userId: string | null;
  action: AuditLogAction;
  entityType: string;
  entityId: string;
  partnershipId: string | null;
  summary: string;
  beforeJson: string | null;
  afterJson: string | null;
}

/** A partnership's meetings not archived, counted by group, kept by triggers (migration 2026-12-11-06). */
export interface MeetingCountsTable {
  partnershipId: string;
  groupId: string;
  total: number;
}

/** The audit log counted by partnership, account, kind of record and action ('' for none), kept by triggers. */
export interface AuditCountsTable {
  partnershipId: string;
  userId: string;
  entityType: string;
  action: AuditLogAction;
  total: number;
}

export interface JobsTable {
  id: string;
  kind: string;
  /** Set for a job that must exist once only, such as one day's action reminders. */
  uniqueKey: string | null;
  payload: string;
  runAfter: string;
  attempts: number;
  lastError: string | null;
  lockedUntil: string | null;
  claimedBy: string | null;
  doneAt: string | null;
  failedAt: string | null;
  createdAt: string;
}

export interface ActionRemindersTable {
  actionId: string;
  dueDate: string;
  sentAt: string;
}

/** The e-mail notices a person chooses to get: per group for publication and minutes, per person for reminders. */
export type NoticeKind = 'publication' | 'minutes' | 'reminders';

export interface NoticePreferencesTable {
  personId: string;
  /** 1 to be reminded of actions they owe (the default), 0 not. */
  reminders: number;
  /** 1 for one e-mail a week holding every notice, 0 for each as it happens (the default). */
  digest: number;
  updatedAt: string;
}

export interface NoticeOptOutsTable {
  personId: string;
  groupId: string;
  kind: Exclude<NoticeKind, 'reminders'>;
  createdAt: string;
}

export interface HeldNoticesTable {
  id: string;
  partnershipId: string;
  personId: string;
  email: string;
  kind: NoticeKind;
  groupId: string | null;
  subject: string;
  text: string;
  heldAt: string;
}

export interface StrategicAssessmentsTable extends PartnershipRecordColumns {
  /** The financial year, by the year it starts in: 2016 is 2016/17. */
  yearStarting: number;
  title: string;
  summary: string;
  findings: string;
  surveyResults: string | null;
}

export interface AssessmentDocumentsTable extends PartnershipRecordColumns {
  assessmentId: string;
  title: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  content: Buffer;
  uploadedBy: string | null;
}

export interface PrioritiesTable extends PartnershipRecordColumns {
  assessmentId: string;
  title: string;
  description: string | null;
  /** Null: cross-cutting, owned collectively. */
  ownerGroupId: string | null;
  position: number;
}

export interface ObjectivesTable extends PartnershipRecordColumns {
  priorityId: string;
  title: string;
  description: string | null;
  position: number;
}

export interface PlanActionsTable {
  actionId: string;
  objectiveId: string;
  partnershipId: string;
}

export type IndicatorUnit = 'count' | 'rate_per_1000' | 'percentage' | 'money';
export type IndicatorPolarity = 'lower_better' | 'higher_better' | 'monitor';
export type IndicatorFrequency = 'monthly' | 'quarterly' | 'yearly';
export type TargetKind = 'none' | 'value' | 'change';
export type MeasurementStatus = 'provisional' | 'confirmed';
/** Typed in (or imported from a CSV) by the partnership, or worked out by Safer from the imported police.uk data. */
export type FiguresFrom = 'typed_in' | 'police_uk';
export type PerformanceReportStatus = 'draft' | 'approved';

export interface IndicatorsTable extends PartnershipRecordColumns {
  name: string;
  definition: string;
  /** Money in pence. */
  unit: IndicatorUnit;
  polarity: IndicatorPolarity;
  frequency: IndicatorFrequency;
  source: string;
  ownerGroupId: string | null;
  priorityId: string | null;
  baselinePeriod: string | null;
  baselineValue: number | null;
  /** A change is a % change from the baseline. */
  targetKind: TargetKind;
  targetValue: number | null;
  redBeyondPercent: number;
  stableWithinPercent: number;
  figuresFrom: Generated<FiguresFrom>;
  /** A police.uk indicator's crime type; null for all crime. */
  crimeType: string | null;
  /** Whether a police.uk indicator of all crime counts anti-social behaviour (1) or not (0); null otherwise. */
  includesAsb: number | null;
}

export interface MeasurementsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  indicatorId: string;
  /** 2015-16, 2015-16 Q4 or 2016-03, as the indicator's frequency says. */
  period: string;
  value: number;
  status: MeasurementStatus;
  note: string | null;
  /** A police.uk indicator's figure as the imported data gave it at the last update (null for a typed-in one). */
  policeUkValue: number | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface PopulationsTable {
  partnershipId: string;
  yearStarting: number;
  population: number;
  source: string;
}

export interface MsgComparisonsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  indicatorId: string;
  period: string;
  publishedAverage: number | null;
  source: string;
  updatedAt: string;
}

export interface MsgMembersTable {
  id: string;
  comparisonId: string;
  position: number;
  name: string;
  /** Null: the source gave no value for this member. */
  value: number | null;
  isSelf: number;
}

export interface PerformanceReportsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  /** The quarter, e.g. 2015-16 Q4. */
  period: string;
  summary: string | null;
  status: PerformanceReportStatus;
  approvedAt: string | null;
  approvedBy: string | null;
  /** The report as approved, as JSON: what is published. */
  approvedJson: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReportCommentaryTable {
  reportId: string;
  indicatorId: string;
  commentary: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface GrantsTable extends PartnershipRecordColumns {
  /** The financial year, by the year it starts in: 2016 is 2016/17. */
  yearStarting: number;
  funder: string;
  amountPence: number;
  /** Last year's grant where last year is not recorded here. */
  previousAmountPence: number | null;
  carryOverPence: number;
  notes: string | null;
}

export interface AllocationsTable extends PartnershipRecordColumns {
  grantId: string;
  /** 1, 2, 3… within the grant. */
  reference: number;
  theme: string;
  purpose: string;
  granteeKind: 'organisation' | 'commissioned' | 'not_named';
  grantee: string | null;
  amountPence: number;
  priorityId: string | null;
  state: 'proposed' | 'agreed' | 'released' | 'withdrawn';
  decisionId: string | null;
}

export interface AllocationEventsTable {
  id: string;
  allocationId: string;
  partnershipId: string;
  state: 'proposed' | 'agreed' | 'released' | 'withdrawn';
  decisionId: string | null;
  at: string;
  byUserId: string | null;
}

export interface SpendReturnsTable {
  allocationId: string;
  partnershipId: string;
  /** Of the grant's financial year. */
  quarter: 1 | 2 | 3 | 4;
  spentPence: number;
  /** The whole year's expected spend; null means as allocated. */
  forecastPence: number | null;
  /** Why the allocation's spend goes past the amount allocated, given when a return takes it there; null otherwise. */
  beyondAllocationReason: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CarryOverRequestsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  grantId: string;
  requestedPence: number;
  reason: string;
  requestedAt: string;
  requestedBy: string | null;
  state: 'requested' | 'agreed' | 'declined';
  agreedPence: number | null;
  decidedAt: string | null;
  decidedBy: string | null;
  funderNote: string | null;
}

export interface CrimeReferenceTable {
  name: string;
  edition: string;
  loadedAt: string;
}

export interface CrimeCspsTable {
  code: string;
  name: string;
  forceCode: string;
  forceName: string;
}

/** The census whose LSOA boundaries a code is of: an area unchanged in 2021 kept its code and is of both. */
export type LsoaEdition = 2011 | 2021;

/** An LSOA of one census edition: its name and population (mid-2019 for 2011, mid-2022 for 2021) are that edition's. */
export interface CrimeLsoasTable {
  code: string;
  edition: LsoaEdition;
  name: string;
  cspCode: string | null;
  population: number | null;
}

/**
 * receiving, waiting, importing, held (replaces a month held: waits for the overseer), confirming (only inside the
 * transaction that confirms a held file), complete, replaced, unchanged, refused, rejected (by the overseer) or
 * failed (the job queue gave up: it can be tried again).
 */
export type CrimeImportStatus =
  'receiving' | 'waiting' | 'importing' | 'held' | 'confirming' | 'complete' | 'replaced' | 'unchanged' | 'refused' | 'rejected' | 'failed';

export interface CrimeImportsTable {
  id: string;
  fileName: string;
  sha256: string;
  bytes: number;
  status: CrimeImportStatus;
  fallsWithin: string | null;
  forceCode: string | null;
  month: string | null;
  linesDone: Generated<number>;
  bytesDone: Generated<number>;
  crimes: Generated<number>;
  withoutLocation: Generated<number>;
  outsideForce: Generated<number>;
  unknownLsoa: Generated<number>;
  problem: string | null;
  runner: string | null;
  claimedUntil: string | null;
  batchId: string | null;
  partnershipId: string | null;
  importedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Who confirmed or rejected a held import (at finishedAt). */
  decidedBy: string | null;
  /** The LSOA edition the file's codes are of, worked out when its import completes (or is held). */
  lsoaEdition: LsoaEdition | null;
}

export interface CrimeUploadChunksTable {
  importId: string;
  seq: number;
  content: Buffer;
}

/** A file of an uploaded police.uk zip that was not imported, and why. */
export interface CrimeUploadSkipsTable {
  batchId: string;
  seq: number;
  fileName: string;
  reason: string;
}

export interface CrimesTable {
  importId: string;
  line: number;
  month: string;
  crimeId: string | null;
  longitude: number | null;
  latitude: number | null;
  location: string;
  lsoaCode: string | null;
  crimeType: string;
  outcome: string | null;
}

/** An import's crimes counted by month, LSOA and crime type (rows without an LSOA are in no count). */
export interface CrimeCountsTable {
  importId: string;
  month: string;
  lsoaCode: string;
  crimeType: string;
  crimes: number;
}

export interface CrimeAreasTable {
  partnershipId: string;
  cspCode: string;
  updatedAt: string;
}

/** A partnership's chosen peer set for crime figures: none chosen means the other partnerships of its area. */
export interface CrimePeersTable {
  partnershipId: string;
  peerId: string;
  chosenAt: string;
}

/** A priority location is a set of LSOAs or a set of streets (police.uk locations). */
export type LocationKind = 'lsoa' | 'street';

export interface PriorityLocationsTable extends PartnershipRecordColumns {
  name: string;
  kind: LocationKind;
  reason: string | null;
  priorityId: string | null;
}

export interface PriorityLocationPlacesTable {
  locationId: string;
  place: string;
}

export interface TaskingDocumentsTable {
  id: string;
  partnershipId: string;
  groupId: string;
  month: string;
  meetingId: string | null;
  pdf: Buffer;
  issuedAt: string;
  issuedBy: string | null;
  agendaItemId: string | null;
}

/** What an agency commits to a place at tasking. */
export type TaskingResource = 'patrols' | 'clean_up' | 'target_hardening' | 'cctv' | 'engagement' | 'enforcement' | 'other';

export interface TaskingActionsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  actionId: string;
  month: string;
  priorityLocationId: string | null;
  lsoaCode: string | null;
  placeName: string;
  resource: TaskingResource;
  description: string;
  organisationId: string;
  startsOn: string;
  endsOn: string;
  result: string | null;
  resultReportedAt: string | null;
  resultReportedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One row, counting every change to who may do what (decision 0053); kept by triggers, never written by the app. */
export interface AccessGenerationTable {
  id: number;
  generation: string | number;
  countedBy: string | number | null;
}

/** A partnership's count of changes to what its performance report is read from (decision 0054); kept by triggers. */
export interface PerformanceVersionsTable {
  partnershipId: string;
  version: string | number;
  countedBy: string | number | null;
}

export interface Database {
  accessGeneration: AccessGenerationTable;
  performanceVersions: PerformanceVersionsTable;
  areas: AreasTable;
  partnerships: PartnershipsTable;
  organisations: OrganisationsTable;
  people: PeopleTable;
  groups: GroupsTable;
  termsOfReference: TermsOfReferenceTable;
  memberships: MembershipsTable;
  interests: InterestsTable;
  chairAppointments: ChairAppointmentsTable;
  meetings: MeetingsTable;
  meetingChanges: MeetingChangesTable;
  agendaItems: AgendaItemsTable;
  papers: PapersTable;
  paperContents: PaperContentsTable;
  attendance: AttendanceTable;
  itemMinutes: ItemMinutesTable;
  decisions: DecisionsTable;
  actions: ActionsTable;
  actionCounts: ActionCountsTable;
  actionUpdates: ActionUpdatesTable;
  meetingMinutes: MeetingMinutesTable;
  minutesAmendments: MinutesAmendmentsTable;
  declarations: DeclarationsTable;
  meetingApologies: MeetingApologiesTable;
  itemInterests: ItemInterestsTable;
  minutesComments: MinutesCommentsTable;
  workProgrammeItems: WorkProgrammeItemsTable;
  users: UsersTable;
  roleGrants: RoleGrantsTable;
  sessions: SessionsTable;
  passwordResets: PasswordResetsTable;
  signInThrottles: SignInThrottlesTable;
  twoStepEnrolments: TwoStepEnrolmentsTable;
  twoStepRecoveryCodes: TwoStepRecoveryCodesTable;
  twoStepRequirements: TwoStepRequirementsTable;
  signInProviders: SignInProvidersTable;
  signInProviderDomains: SignInProviderDomainsTable;
  auditLog: AuditLogTable;
  auditCounts: AuditCountsTable;
  meetingCounts: MeetingCountsTable;
  jobs: JobsTable;
  actionReminders: ActionRemindersTable;
  noticePreferences: NoticePreferencesTable;
  noticeOptOuts: NoticeOptOutsTable;
  heldNotices: HeldNoticesTable;
  strategicAssessments: StrategicAssessmentsTable;
  assessmentDocuments: AssessmentDocumentsTable;
  priorities: PrioritiesTable;
  objectives: ObjectivesTable;
  planActions: PlanActionsTable;
  indicators: IndicatorsTable;
  measurements: MeasurementsTable;
  populations: PopulationsTable;
  msgComparisons: MsgComparisonsTable;
  msgMembers: MsgMembersTable;
  performanceReports: PerformanceReportsTable;
  reportCommentary: ReportCommentaryTable;
  grants: GrantsTable;
  allocations: AllocationsTable;
  allocationEvents: AllocationEventsTable;
  spendReturns: SpendReturnsTable;
  carryOverRequests: CarryOverRequestsTable;
  crimeReference: CrimeReferenceTable;
  crimeCsps: CrimeCspsTable;
  crimeLsoas: CrimeLsoasTable;
  crimeImports: CrimeImportsTable;
  crimeUploadChunks: CrimeUploadChunksTable;
  crimeUploadSkips: CrimeUploadSkipsTable;
  crimes: CrimesTable;
  crimeCounts: CrimeCountsTable;
  crimeAreas: CrimeAreasTable;
  crimePeers: CrimePeersTable;
  priorityLocations: PriorityLocationsTable;
  priorityLocationPlaces: PriorityLocationPlacesTable;
  taskingDocuments: TaskingDocumentsTable;
  taskingActions: TaskingActionsTable;
}

/**
 * The hand-written shape of the database, as the app sees it (camelCase; the
 * CamelCasePlugin maps to snake_case columns). Types that work on both engines:
 * text UUIDs, ISO-8601 text timestamps, YYYY-MM-DD dates, 0/1 integers for
 * booleans, JSON as text.
 */
import type { Generated } from 'kysely';
import type {
  MeetingsTable,
  AgendaItemsTable,
  PapersTable,
  PaperContentsTable,
  AttendanceTable,
  ItemMinutesTable,
  DecisionsTable,
  ActionsTable,
  ActionCountsTable,
  ActionUpdatesTable,
  MeetingMinutesTable,
  MinutesAmendmentsTable,
  DeclarationsTable,
  MeetingApologiesTable,
  ItemInterestsTable,
  MinutesCommentsTable,
  WorkProgrammeItemsTable,
  MeetingChangesTable,
} from './schema/meetings.ts';
import type {
  StrategicAssessmentsTable,
  AssessmentDocumentsTable,
  PrioritiesTable,
  ObjectivesTable,
  PlanActionsTable,
  IndicatorsTable,
  MeasurementsTable,
  PopulationsTable,
  MsgComparisonsTable,
  MsgMembersTable,
  PerformanceReportsTable,
  ReportCommentaryTable,
  GrantsTable,
  AllocationsTable,
  AllocationEventsTable,
  SpendReturnsTable,
  CarryOverRequestsTable,
} from './schema/strategy.ts';
import type {
  CrimeReferenceTable,
  CrimeCspsTable,
  CrimeLsoasTable,
  CrimeImportsTable,
  CrimeUploadChunksTable,
  CrimeUploadSkipsTable,
  CrimesTable,
  CrimeCountsTable,
  CrimeAreasTable,
  CrimePeersTable,
  PriorityLocationsTable,
  PriorityLocationPlacesTable,
  TaskingDocumentsTable,
  TaskingActionsTable,
} from './schema/crime.ts';

export type * from './schema/meetings.ts';
export type * from './schema/strategy.ts';
export type * from './schema/crime.ts';

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

/** One row, counting every change to who may do what (decision 0053); kept by triggers, never written by the app. */
export interface AccessGenerationTable {
  id: number;
  generation: string | number;
  countedBy: string | number | null;
}

/** One count of every change to any partnership's versions (decision 0061), read with the session; kept by triggers. */
export interface PageGenerationTable {
  id: number;
  generation: string | number;
}

/** A partnership's count of changes to what its performance report is read from (decision 0054); kept by triggers. */
export interface PerformanceVersionsTable {
  partnershipId: string;
  version: string | number;
  countedBy: string | number | null;
}

/** A partnership's count of changes to what its meetings' pages and overview are read from (decision 0057); kept by triggers. */
export type PartnershipVersionsTable = PerformanceVersionsTable;

export interface Database {
  accessGeneration: AccessGenerationTable;
  pageGeneration: PageGenerationTable;
  performanceVersions: PerformanceVersionsTable;
  partnershipVersions: PartnershipVersionsTable;
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

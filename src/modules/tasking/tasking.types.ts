/** The tasking module's records and views: priority locations, the monthly tasking document and tasking actions. */
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../../platform/audit.ts';
import type { Recipients } from '../../platform/recipients.ts';
import type { Clock, RecordedOn } from '../../platform/clock.ts';
import type { ActionsService, ActionStatus } from '../actions/index.ts';
import type { CrimeDataService } from '../crimedata/index.ts';
import type { PapersService } from '../meetings/index.ts';
import type { Database, LocationKind } from '../../db/schema.ts';
import type { Actor, Principal } from '../../platform/principal.ts';
import type { PriorityLocationInput, Resource, TaskingActionInput } from './tasking.inputs.ts';
import type { AreaLsoa, CrimePoint, MonthCount, PredictionAccuracy, Trend } from '../crimedata/index.ts';

export type { LocationKind, PriorityLocationInput, Resource, TaskingActionInput };

export const locationKindNames: Record<LocationKind, string> = {
  lsoa: 'A set of LSOAs (neighbourhoods)',
  street: 'A set of streets (police.uk locations)',
};

/** A named set of LSOAs or streets the partnership manages, from its strategic assessment. */
export interface PriorityLocation {
  id: string;
  version: number;
  name: string;
  kind: LocationKind;
  /** LSOA codes, or police.uk location names ("On or near Market Street"). */
  places: string[];
  /** The places as people read them: LSOA names with their codes, or the location names. */
  placeNames: string[];
  reason: string | null;
  archivedAt: string | null;
}

export const resourceNames: Record<Resource, string> = {
  patrols: 'Patrols',
  clean_up: 'Clean-up',
  target_hardening: 'Target hardening',
  cctv: 'CCTV',
  engagement: 'Community engagement',
  enforcement: 'Enforcement',
  other: 'Other',
};

export interface TaskingActionView {
  id: string;
  version: number;
  /** The entry in the group's action log. */
  actionId: string;
  actionStatus: ActionStatus;
  groupId: string;
  month: string;
  priorityLocationId: string | null;
  lsoaCode: string | null;
  placeName: string;
  resource: Resource;
  resourceName: string;
  organisationId: string;
  organisationName: string;
  startsOn: string;
  endsOn: string;
  description: string;
  result: string | null;
  resultReportedAt: string | null;
  resultReportedByName: string | null;
  /** Crimes at the place in the action's month, and in the month after (null when not published or not yet). */
  crimesInMonth: number | null;
  crimesNextMonth: number | null;
  /** The months Safer holds the force's crimes for, oldest first: they say why a month has no figure. */
  heldMonths: readonly string[];
}

/** One place of a tasking document: a priority location, or an emerging hotspot (an LSOA). */
export interface TaskingSection {
  /** The priority location's id, or `lsoa:<code>`. */
  key: string;
  kind: 'priority' | 'emerging';
  name: string;
  /** Why it is here: the priority location's reason, or why the hotspot is emerging ("12 crimes against 6 expected"). */
  why: string | null;
  placeNames: string[];
  /**
   * The place's crimes in the month; null, with every figure of the month, when the month's file is coded in LSOAs of
   * the other census edition than the place's (not comparable: never 0).
   */
  count: number | null;
  lastMonth: number | null;
  sameMonthLastYear: number | null;
  expected: number | null;
  /** Per 1,000 residents, for a set of LSOAs whose populations are known; null for streets. */
  ratePer1000: number | null;
  /** The commonest crime types, then "Other types" with the rest, so that they add up to the count. */
  crimeTypes: { crimeType: string; count: number }[];
  /**
   * Up to 24 months to the document's month, from the first month held; null where the force published nothing, or
   * where the month's LSOAs are of another census edition than the place's (notComparable).
   */
  series: MonthCount[];
  trend: Trend;
  points: CrimePoint[];
  /** The resources committed here for last month, with their results. */
  lastMonthActions: TaskingActionView[];
}

export interface TaskingDocument {
  partnershipId: string;
  partnershipName: string;
  groupId: string;
  groupName: string;
  month: string;
  /** "October 2022". */
  monthName: string;
  areaName: string | null;
  forceName: string | null;
  /** Whether the force published the month; a document of an unpublished month has no figures. */
  published: boolean;
  /** The months Safer holds the force's crimes for, oldest first: they say why a month has no figure. */
  heldMonths: readonly string[];
  total: { count: number; lastMonth: number | null; sameMonthLastYear: number | null; expected: number | null };
  /** The group's first meeting after the month ends, and the working day before it, when the document is issued. */
  meeting: { id: string; date: string; title: string } | null;
  issueDate: string | null;
  issued: { id: string; issuedAt: string; issuedByName: string | null; meetingId: string | null; agendaItemId: string | null } | null;
  sections: TaskingSection[];
  /** Every resource committed at last month's tasking, wherever it was (a place may have left the document since). */
  lastMonthActions: TaskingActionView[];
  /** The resources committed for this month's document so far. */
  thisMonthActions: TaskingActionView[];
  /** Its hotspots named as "Charnwood 003A (E01025720)". */
  accuracy: PredictionAccuracy | null;
}

export interface TaskingFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface TaskingService {
  locations(partnershipId: string, options?: { includeArchived?: boolean }): Promise<PriorityLocation[]>;
  /** A priority location with its monthly series (up to 24 months to the latest published, from the first held) and trend. */
  location(partnershipId: string, id: string): Promise<{ location: PriorityLocation; series: MonthCount[]; trend: Trend }>;
  /** What a priority location can be made of: the area's LSOAs, and the streets its crimes were at. */
  placeChoices(partnershipId: string): Promise<{ lsoas: AreaLsoa[]; streets: string[] }>;
  createLocation(actor: Actor, partnershipId: string, input: PriorityLocationInput): Promise<string>;
  updateLocation(actor: Actor, partnershipId: string, id: string, version: number, input: PriorityLocationInput): Promise<void>;
  archiveLocation(actor: Actor, partnershipId: string, id: string, version: number): Promise<void>;
  /** The month's tasking document as it stands now (figures live until it is issued). */
  document(partnershipId: string, groupId: string, month: string): Promise<TaskingDocument>;
  /** The PDF as issued, if it was; else drawn now. Word is always drawn now. */
  documentFile(partnershipId: string, groupId: string, month: string, format: 'pdf' | 'docx'): Promise<TaskingFile>;
  /** The most recent month's issued tasking document, for the partnership's overview; null before the first. */
  latestIssued(partnershipId: string): Promise<{ title: string; issuedOn: string; href: string } | null>;
  /** Who issuing would e-mail, for the page that asks to confirm it. */
  issueRecipients(partnershipId: string, groupId: string): Promise<Recipients>;
  /** Keeps the PDF as issued and e-mails the group's members that it is ready ("despatched electronically"); says whom. */
  issue(actor: Actor, partnershipId: string, groupId: string, month: string): Promise<Recipients>;
  /** Puts the issued document on the agenda of a meeting still to come, as an item with the PDF as its paper. */
  attach(actor: Actor, partnershipId: string, groupId: string, month: string, meetingId: string): Promise<void>;
  actions(partnershipId: string, filter?: { month?: string; groupId?: string }): Promise<TaskingActionView[]>;
  /** The groups that have had tasking (a document issued or an action recorded), each with its latest month. */
  taskingGroups(partnershipId: string): Promise<{ groupId: string; month: string }[]>;
  /** Of these entries in the action log, those recorded at tasking: the group and month of their tasking document. */
  documentsOfActions(partnershipId: string, actionIds: readonly string[]): Promise<{ actionId: string; groupId: string; month: string }[]>;
  action(partnershipId: string, id: string): Promise<TaskingActionView>;
  /** An agency's resource for a place, written into the group's action log as an action the agency owns. */
  recordAction(actor: Actor, partnershipId: string, input: TaskingActionInput): Promise<string>;
  /** Whether the viewer may report the result: an officer, or a person of the agency that owns it. */
  mayReportResult(partnershipId: string, id: string, by: Principal): Promise<boolean>;
  /** The result, reported back: the action is done, with the result as its update. */
  /** `on`, for a result recorded after the event (the demo's), is when it was reported. */
  reportResult(by: Principal, partnershipId: string, id: string, version: number, result: string, on?: RecordedOn): Promise<void>;
}

/** What tasking reads of a police.uk area's crimes (the crime data module's). */
export interface TaskingCrimeData {
  area: CrimeDataService['area'];
  publishedMonths: CrimeDataService['publishedMonths'];
  areaLsoas: CrimeDataService['areaLsoas'];
  areaEditions: CrimeDataService['areaEditions'];
  crimeCounts: CrimeDataService['crimeCounts'];
  points: CrimeDataService['points'];
}

/** Where a tasking action is kept: the group's action log (the actions module's). */
export interface TaskingActionLog {
  recordOutsideMeeting: ActionsService['recordOutsideMeeting'];
  action: ActionsService['action'];
  mayUpdateAction: ActionsService['mayUpdateAction'];
  updateAction: ActionsService['updateAction'];
}

export interface TaskingDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  /** The partnership's name (NotFoundError when there is none). */
  partnershipName: (partnershipId: string) => Promise<string>;
  /** A group of the partnership (NotFoundError when it is not one). */
  group: (partnershipId: string, groupId: string) => Promise<{ id: string; name: string }>;
  /** An organisation of the partnership (NotFoundError when it is not one). */
  organisation: (partnershipId: string, organisationId: string) => Promise<{ id: string; name: string }>;
  /** The group's meetings on or after a day, soonest first, whatever their status. */
  meetingsFrom: (
    partnershipId: string,
    groupId: string,
    from: string,
  ) => Promise<{ id: string; meetingDate: string; groupName: string; status: string }[]>;
  /** A meeting still to come (else a problem with meetingId): where an issued document can go. */
  meetingStillToCome: (partnershipId: string, meetingId: string) => Promise<{ id: string; groupId: string }>;
  /** Puts a report on a meeting's agenda, with its PDF as the item's paper. */
  attachReport: PapersService['attachReport'];
  actions: TaskingActionLog;
  crimeData: TaskingCrimeData;
  /** The group's members with and without an e-mail address. */
  groupRecipients: (partnershipId: string, groupId: string) => Promise<Recipients>;
  /** E-mails the group's members; says who was and was not e-mailed. */
  notifyGroupMembers: (partnershipId: string, groupId: string, subject: string, text: string) => Promise<Recipients>;
  /** Where users reach the service, for the link in the e-mail that the document is issued. */
  publicUrl: string;
}

/** Tables of strategy, performance and funding: priorities, indicators and their figures, grants and spend (see ../schema.ts). */
import type { Generated } from 'kysely';
import type { PartnershipRecordColumns } from '../schema.ts';

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

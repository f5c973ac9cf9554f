/**
 * What the funding pages and documents show: a year's grant, its allocations with their state and spend,
 * the position worked out from them, and the carry-over of its underspend. Money is in whole pence.
 */
import type { AllocationState, FundingPosition, Quarter, SpendEntry } from './position.ts';

export type { AllocationState, FundingPosition, Quarter, SpendEntry };

export type GranteeKind = 'organisation' | 'commissioned' | 'not_named';
export type CarryOverState = 'requested' | 'agreed' | 'declined';

export interface GrantView {
  id: string;
  version: number;
  partnershipId: string;
  yearStarting: number;
  /** '2016/17'. */
  yearLabel: string;
  funder: string;
  amount: number;
  /** Last year's grant: the one recorded here for last year, or else the figure typed with this grant. */
  previousAmount: number | null;
  carryOver: number;
  /** Where the carry-over came from: the funder's agreement to last year's request, when there was one. */
  carryOverAgreed: { on: string; by: string | null } | null;
  notes: string | null;
}

/** The board decision that agreed an allocation, and where it is in the minutes. */
export interface DecisionLink {
  id: string;
  wording: string;
  meetingDate: string;
  groupName: string;
  href: string;
}

export interface AllocationView {
  id: string;
  version: number;
  grantId: string;
  reference: number;
  theme: string;
  purpose: string;
  granteeKind: GranteeKind;
  grantee: string | null;
  /** The grantee in words: the organisation, "To be commissioned" or "Not named". */
  granteeText: string;
  amount: number;
  priorityId: string | null;
  priorityTitle: string | null;
  state: AllocationState;
  decision: DecisionLink | null;
  spend: SpendEntry[];
}

export interface AllocationEvent {
  state: AllocationState;
  at: string;
  byName: string | null;
  decision: DecisionLink | null;
}

export interface CarryOverView {
  id: string;
  version: number;
  requested: number;
  reason: string;
  requestedAt: string;
  requestedBy: string | null;
  state: CarryOverState;
  agreed: number | null;
  decidedAt: string | null;
  decidedBy: string | null;
  funderNote: string | null;
}

export interface FundingYear {
  grant: GrantView;
  /** The change from last year's grant; null when last year's is not known. */
  change: { difference: number; percent: number | null } | null;
  allocations: AllocationView[];
  /** Worked out through the latest quarter with any spend returned (quarter 1 before any is). */
  position: FundingPosition;
  carryOver: CarryOverView | null;
  /** Whether the year has ended (in England), so that its underspend is known and may be asked to carry over. */
  ended: boolean;
  /** The quarters that have begun (in England): spend can be returned and reported for these. */
  begun: Quarter[];
}

/** The quarterly financial report for the board: a year's position through a quarter. */
export interface FinancialReport {
  partnershipId: string;
  partnershipName: string;
  grant: GrantView;
  quarter: Quarter;
  /** 'Quarter 1, 2016/17 (April to June 2016)'. */
  quarterLabel: string;
  change: FundingYear['change'];
  allocations: AllocationView[];
  position: FundingPosition;
  carryOver: CarryOverView | null;
  /** The day the report was drawn up, in England. */
  preparedOn: string;
}

/** One partnership of an area, for the funder's side-by-side view of a year. */
export interface AreaFundingRow {
  partnershipId: string;
  partnershipName: string;
  partnershipShortName: string;
  /** Null: no grant recorded for the year. */
  grant: number | null;
  carryOver: number | null;
  available: number | null;
  allocated: number | null;
  released: number | null;
  spentToDate: number | null;
  /** The latest quarter with spend returned, if any. */
  spendThrough: Quarter | null;
  /** Carry-over into the next year: whether it was asked for and decided, what was asked, and what was agreed. */
  carryOverState: CarryOverState | null;
  carryOverRequested: number | null;
  carryOverAgreed: number | null;
}

export interface AreaFunding {
  yearStarting: number;
  /** Every year any partnership of the area has a grant for, newest first. */
  years: number[];
  rows: AreaFundingRow[];
}

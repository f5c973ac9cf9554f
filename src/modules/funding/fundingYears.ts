/**
 * A year's funding as every part of the service reads it (the grant, its allocations with their spend, the
 * position) and locks it for a change: the grant's row is locked and read again, so that what is checked
 * against it (the money available, whether the year is closed) is what is there when the change commits.
 */
import type { Kysely } from 'kysely';
import { type Clock, todayInEngland } from '../../platform/clock.ts';
import { financialYearName as year } from '../../platform/dates.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import type { Database } from '../../db/schema.ts';
import { nameOf } from '../../platform/inputs.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import type { Actor } from '../../platform/principal.ts';
import { type YearMove, yearRefusal, type YearSituation } from './allocationLife.ts';
import {
  type AllocationRow,
  type CarryOverRow,
  findCarryOver,
  findGrant,
  findGrantById,
  type GrantRow,
  listAllocations,
  listReleases,
  listSpend,
  lockGrant,
  type SpendRow,
} from './funding.repository.ts';
import { granteeKindNames } from './funding.inputs.ts';
import type { AllocationView, CarryOverView, DecisionLink, FundingYear, GrantView, Quarter } from './funding.types.ts';
import { changeOnLastYear, counts, fundingPosition, moneyAvailable, overAllocation } from './position.ts';
import type { ReportPaper } from '../meetings/index.ts';
import type { PriorityView } from '../strategy/index.ts';

/** What the funding service needs from other modules, each as narrow as its use. */
export interface FundingDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  /** The partnership's decisions with their meeting and group, from the minutes. */
  decisions: (partnershipId: string) => Promise<RecordedDecision[]>;
  /** The partnership's groups: its board is the one with no parent. */
  groups: (partnershipId: string) => Promise<{ id: string; parentId: string | null }[]>;
  /** The partnership's priorities (archived ones too), which an allocation may serve. */
  priorities: (partnershipId: string) => Promise<PriorityChoice[]>;
  /** The partnership's full name, for its reports. */
  partnershipName: (partnershipId: string) => Promise<string>;
  /** The area's partnerships still running, for the funder's view. */
  areaPartnerships: (areaId: string) => Promise<{ id: string; name: string; shortName: string }[]>;
  /** A meeting still to come, where a report can go (NotFoundError for any other). */
  meetingToCome: (partnershipId: string, meetingId: string) => Promise<{ id: string }>;
  /** Puts a report's PDF on a meeting's agenda as a new item with it as the paper. */
  attachReport: (actor: Actor, partnershipId: string, meetingId: string, report: ReportPaper) => Promise<unknown>;
}

/** A priority of the strategy, which an allocation may serve. */
export type PriorityChoice = Pick<PriorityView, 'id' | 'title' | 'yearStarting' | 'archivedAt'>;

/** A decision in the minutes, as the funding rules need it. */
export interface RecordedDecision {
  id: string;
  meetingId: string;
  agendaItemId: string;
  outcome: string;
  wording: string;
  meetingDate: string;
  groupId: string;
  groupName: string;
  deferredForQuorum: boolean;
  /** Made under a Part II item: its wording stays in the minutes, for those who may read them. */
  confidential: boolean;
}

/** Refuses a move the life of the funding does not allow, next to the field it is about. */
export function refuse(refusal: string | null, field: string): void {
  if (refusal !== null) throw new FieldValidationError(field, refusal);
}

// Funding pages and reports go to the whole partnership, its funder and, on an agenda, the public.
const partTwoWording = 'A confidential (Part II) decision: its wording is in the minutes';
export const decisionLink = (partnershipId: string, d: RecordedDecision): DecisionLink => ({
  id: d.id,
  wording: d.confidential ? partTwoWording : d.wording,
  meetingDate: d.meetingDate,
  groupName: d.groupName,
  href: `/partnerships/${partnershipId}/meetings/${d.meetingId}/items/${d.agendaItemId}/minutes`,
});

const granteeText = (kind: string, grantee: string | null): string =>
  kind === 'organisation' ? (grantee ?? '') : nameOf(granteeKindNames, kind);

export type FundingYears = ReturnType<typeof createFundingYears>;

/** The readings and checks the parts of the funding service share. */
export function createFundingYears({ db, clock, decisions, priorities }: FundingDependencies) {
  async function grantRow(partnershipId: string, yearStarting: number, trx: Kysely<Database> = db): Promise<GrantRow> {
    const grant = await findGrant(trx, partnershipId, yearStarting);
    if (!grant) throw new NotFoundError('grant');
    return grant;
  }

  /** The carry-over the funder agreed out of the year before, with when and by whom. */
  async function agreedFromBefore(trx: Kysely<Database>, partnershipId: string, yearStarting: number) {
    const before = await findGrant(trx, partnershipId, yearStarting - 1);
    const request = before ? await findCarryOver(trx, before.id) : undefined;
    return request?.state === 'agreed' ? request : null;
  }

  async function grantView(trx: Kysely<Database>, row: GrantRow): Promise<GrantView> {
    const [before, agreed] = await Promise.all([
      findGrant(trx, row.partnershipId, row.yearStarting - 1),
      agreedFromBefore(trx, row.partnershipId, row.yearStarting),
    ]);
    return {
      id: row.id,
      version: row.version,
      partnershipId: row.partnershipId,
      yearStarting: row.yearStarting,
      yearLabel: year(row.yearStarting),
      funder: row.funder,
      amount: row.amountPence,
      previousAmount: before?.amountPence ?? row.previousAmountPence,
      carryOver: row.carryOverPence,
      carryOverAgreed: agreed ? { on: agreed.decidedAt ?? '', by: agreed.decidedByName } : null,
      notes: row.notes,
    };
  }

  async function decisionsById(partnershipId: string): Promise<Map<string, RecordedDecision>> {
    return new Map((await decisions(partnershipId)).map((d) => [d.id, d]));
  }

  async function priorityTitles(partnershipId: string): Promise<Map<string, string>> {
    return new Map((await priorities(partnershipId)).map((p) => [p.id, p.title]));
  }

  /** The quarter of the grant's year a moment falls in, by the day in England: 1 before the year began, 4 after it ended. */
  function quarterOfMoment(yearStarting: number, at: string): Quarter {
    const day = todayInEngland({ now: () => new Date(at) });
    return quarterStarts(yearStarting).reduce<Quarter>((quarter, [next, start]) => (day >= start ? next : quarter), 1);
  }

  /** An allocation as the position works on it: its spend, and the quarter it owes returns from. */
  const figuresOf = (row: AllocationRow, spend: SpendRow[], releases: { allocationId: string; at: string }[], yearStarting: number) => {
    const released = releases.find((r) => r.allocationId === row.id);
    return {
      id: row.id,
      reference: row.reference,
      theme: row.theme,
      purpose: row.purpose,
      granteeText: granteeText(row.granteeKind, row.grantee),
      amount: row.amountPence,
      state: row.state,
      spend: spend
        .filter((s) => s.allocationId === row.id)
        .map((s) => ({ quarter: s.quarter, spent: s.spentPence, forecast: s.forecastPence })),
      releasedIn: released ? quarterOfMoment(yearStarting, released.at) : null,
    };
  };

  async function allocationViews(partnershipId: string, yearStarting: number, rows: AllocationRow[]): Promise<AllocationView[]> {
    const ids = rows.map((r) => r.id);
    const [spend, releases, byId, titles] = await Promise.all([
      listSpend(db, ids),
      listReleases(db, ids),
      rows.some((r) => r.decisionId) ? decisionsById(partnershipId) : Promise.resolve(new Map<string, RecordedDecision>()),
      rows.some((r) => r.priorityId) ? priorityTitles(partnershipId) : Promise.resolve(new Map<string, string>()),
    ]);
    return rows.map((row) => {
      const decision = row.decisionId ? byId.get(row.decisionId) : undefined;
      return {
        ...figuresOf(row, spend, releases, yearStarting),
        version: row.version,
        grantId: row.grantId,
        granteeKind: row.granteeKind,
        grantee: row.grantee,
        granteeText: granteeText(row.granteeKind, row.grantee),
        priorityId: row.priorityId,
        priorityTitle: row.priorityId ? (titles.get(row.priorityId) ?? null) : null,
        decision: decision ? decisionLink(partnershipId, decision) : null,
      };
    });
  }

  /** The position of a grant's year read inside a transaction (without the minutes, which are read through their own service). */
  async function positionIn(trx: Kysely<Database>, grant: GrantRow, quarter: Quarter) {
    const rows = await listAllocations(trx, grant.partnershipId, { grantId: grant.id });
    const ids = rows.map((r) => r.id);
    const [spend, releases] = await Promise.all([listSpend(trx, ids), listReleases(trx, ids)]);
    return fundingPosition(
      { amount: grant.amountPence, previousAmount: null, carryOver: grant.carryOverPence },
      rows.map((row) => figuresOf(row, spend, releases, grant.yearStarting)),
      quarter,
    );
  }

  /**
   * The quarter the year's position is taken to: the latest that has ended (by then its returns were owed), or a later
   * one with spend returned already; the first before either. A year long over is taken to its end, so its page
   * never says "at the end of Quarter 1" beside four quarters without a return.
   */
  const positionQuarter = (yearStarting: number, allocations: AllocationView[]): Quarter => {
    const ended = yearEnded(yearStarting) ? 4 : begun(yearStarting).length - 1;
    return Math.max(1, ended, ...allocations.flatMap((a) => a.spend.map((s) => s.quarter))) as Quarter;
  };

  const carryOverView = (row: CarryOverRow | undefined): CarryOverView | null =>
    row
      ? {
          id: row.id,
          version: row.version,
          requested: row.requestedPence,
          reason: row.reason,
          requestedAt: row.requestedAt,
          requestedBy: row.requestedByName,
          state: row.state,
          agreed: row.agreedPence,
          decidedAt: row.decidedAt,
          decidedBy: row.decidedByName,
          funderNote: row.funderNote,
        }
      : null;

  const yearEnded = (yearStarting: number) => todayInEngland(clock) >= `${yearStarting + 1}-04-01`;
  const quarterStarts = (yearStarting: number): [Quarter, string][] => [
    [1, `${yearStarting}-04-01`],
    [2, `${yearStarting}-07-01`],
    [3, `${yearStarting}-10-01`],
    [4, `${yearStarting + 1}-01-01`],
  ];
  const begun = (yearStarting: number): Quarter[] =>
    quarterStarts(yearStarting)
      .filter(([, start]) => todayInEngland(clock) >= start)
      .map(([quarter]) => quarter);

  async function loadYear(partnershipId: string, yearStarting: number): Promise<FundingYear> {
    const row = await grantRow(partnershipId, yearStarting);
    const [grant, rows, request] = await Promise.all([
      grantView(db, row),
      listAllocations(db, partnershipId, { grantId: row.id }),
      findCarryOver(db, row.id),
    ]);
    const allocations = await allocationViews(partnershipId, yearStarting, rows);
    return {
      grant,
      change: changeOnLastYear(grant.amount, grant.previousAmount),
      allocations,
      position: fundingPosition(grant, allocations, positionQuarter(yearStarting, allocations)),
      carryOver: carryOverView(request),
      ended: yearEnded(yearStarting),
      begun: begun(yearStarting),
    };
  }

  /**
   * The year's grant with its row locked for the rest of the transaction and read again, so that what is checked
   * against it (the money available) is what is there when the change commits, on PostgreSQL too.
   */
  async function lockedGrant(trx: Kysely<Database>, partnershipId: string, yearStarting: number): Promise<GrantRow> {
    const found = await grantRow(partnershipId, yearStarting, trx);
    await lockGrant(trx, found.id);
    const grant = await findGrantById(trx, found.id);
    if (!grant) throw new NotFoundError('grant');
    return grant;
  }

  /** Where the grant's year stands in its life. */
  async function situationOf(trx: Kysely<Database>, grant: GrantRow): Promise<YearSituation> {
    const request = await findCarryOver(trx, grant.id);
    return { label: year(grant.yearStarting), ended: yearEnded(grant.yearStarting), carryOver: request?.state ?? null };
  }

  /** The grant, locked, of a year whose life allows the move: once a carry-over of its underspend is asked for, its figures stand. */
  async function openGrant(trx: Kysely<Database>, partnershipId: string, yearStarting: number, move: YearMove, field: string) {
    const grant = await lockedGrant(trx, partnershipId, yearStarting);
    const situation = await situationOf(trx, grant);
    refuse(yearRefusal(move, situation), field);
    return { grant, situation };
  }

  /** A quarter spend can be returned for: one that has begun. */
  function assertBegun(yearStarting: number, quarter: Quarter, field: string): void {
    if (!begun(yearStarting).includes(quarter)) {
      throw new FieldValidationError(field, `Quarter ${quarter} of ${year(yearStarting)} has not begun yet: its spend cannot be returned`);
    }
  }

  /** A quarter that has not begun has no spend and no report: it is not found. */
  function assertReportable(yearStarting: number, quarter: Quarter): void {
    if (!begun(yearStarting).includes(quarter)) throw new NotFoundError('quarter');
  }

  /** Refuses an allocation of this amount that would take the year's total past the money available. */
  async function assertFits(trx: Kysely<Database>, grant: GrantRow, amount: number, exceptId: string | null): Promise<void> {
    const others = (await listAllocations(trx, grant.partnershipId, { grantId: grant.id })).filter(
      (a) => a.id !== exceptId && counts(a.state),
    );
    const allocated = others.reduce((sum, a) => sum + a.amountPence, 0);
    const available = moneyAvailable({ amount: grant.amountPence, previousAmount: null, carryOver: grant.carryOverPence });
    const over = overAllocation(available, allocated, amount);
    if (over > 0) {
      const left = available - allocated;
      throw new FieldValidationError(
        'amount',
        `This would allocate ${formatMoney(over)} more than the ${formatMoney(available)} available for ${year(grant.yearStarting)}: ` +
          (left > 0 ? `only ${formatMoney(left)} is left to allocate` : 'nothing is left to allocate'),
      );
    }
  }

  return {
    grantRow,
    agreedFromBefore,
    grantView,
    decisionsById,
    allocationViews,
    positionIn,
    yearEnded,
    begun,
    loadYear,
    lockedGrant,
    situationOf,
    openGrant,
    assertBegun,
    assertReportable,
    assertFits,
  };
}

/**
 * Funding: the grant a funder (the Police and Crime Commissioner) gives the partnership for a year, and
 * the life of its money — allocations proposed by an officer, agreed by a board decision and released by
 * the chair; quarterly spend returned against them; at year end the underspend, and a carry-over request
 * that becomes next year's carry-over when the funder agrees it. The allocations never exceed the money
 * available (grant plus carry-over): that is checked where each is written, with the grant's row locked.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../core/actor.ts';
import { type Clock, isoNow, todayInEngland } from '../../core/clock.ts';
import { financialYearName, financialYearStart } from '../../core/dates.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../core/errors.ts';
import { formatMoney } from '../../core/numbers.ts';
import { refusingDuplicates } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { nameOf } from '../../web/forms.ts';
import type { AuditTrail } from '../audit/index.ts';
import { type GovernanceService, references } from '../governance/index.ts';
import type { MeetingsService, PapersService } from '../meetings/index.ts';
import {
  type AllocationRow,
  type CarryOverRow,
  findCarryOver,
  findGrant,
  findGrantById,
  type GrantRow,
  type SpendRow,
  insertAllocation,
  insertCarryOver,
  insertEvent,
  insertGrant,
  listAllocations,
  listAreaGrants,
  listAreaGrantYears,
  listCarryOvers,
  listEvents,
  listGrants,
  listReleases,
  listSpend,
  lockGrant,
  nextReference,
  saveSpendRow,
  updateAllocation,
  updateCarryOver,
  updateGrant,
} from './funding.repository.ts';
import { type AllocationMove, allocationRefusal, listRefusal, type YearMove, type YearSituation, yearRefusal } from './allocationLife.ts';
import {
  type AllocationInput,
  type CarryOverDecisionInput,
  type CarryOverInput,
  type GrantInput,
  granteeKindNames,
} from './funding.schemas.ts';
import type {
  AllocationEvent,
  AllocationState,
  AllocationView,
  AreaFunding,
  AreaFundingRow,
  CarryOverView,
  DecisionLink,
  FinancialReport,
  FundingYear,
  GrantView,
  Quarter,
} from './funding.types.ts';
import { changeOnLastYear, counts, fundingPosition, moneyAvailable, overAllocation, unspent } from './position.ts';
import { financialReportDocx, financialReportPdf, financialReportTitle } from './reportDocument.ts';
import { parseSpendCsv, spendCsvTemplate } from './spendCsv.ts';

export interface SpendInput {
  allocationId: string;
  spent: number;
  forecast: number | null;
}

export interface SpendImportResult {
  imported: number;
  /** Each bad row's line and what is wrong with it; nothing is imported while there are any, unless asked. */
  problems: { line: number; message: string }[];
  fileProblem: string | null;
}

export type ReportFormat = 'pdf' | 'docx';

export interface FundingService {
  /** Every year with a grant, newest first. */
  grants(partnershipId: string): Promise<GrantView[]>;
  year(partnershipId: string, yearStarting: number): Promise<FundingYear>;
  /** The carry-over the funder agreed from the year before, which a new grant for this year must take. */
  agreedCarryOverInto(partnershipId: string, yearStarting: number): Promise<number | null>;
  recordGrant(actor: Actor, partnershipId: string, input: GrantInput): Promise<void>;
  changeGrant(actor: Actor, partnershipId: string, yearStarting: number, version: number, input: GrantInput): Promise<void>;

  allocation(
    partnershipId: string,
    yearStarting: number,
    id: string,
  ): Promise<{ allocation: AllocationView; events: AllocationEvent[]; grant: GrantView }>;
  propose(actor: Actor, partnershipId: string, yearStarting: number, input: AllocationInput): Promise<string>;
  /** Only while proposed: once the board has agreed it, a change is a new proposal. */
  changeAllocation(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    id: string,
    version: number,
    input: AllocationInput,
  ): Promise<void>;
  /** A proposed or agreed allocation no longer wanted: its money is free again. */
  withdraw(actor: Actor, partnershipId: string, yearStarting: number, id: string, version: number): Promise<void>;
  /** The decisions an allocation may be agreed by: the board's own, agreeing something, not deferred for want of a quorum. */
  boardDecisions(partnershipId: string): Promise<DecisionLink[]>;
  /** Records the board's decision agreeing these proposed allocations; returns how many. */
  agree(actor: Actor, partnershipId: string, yearStarting: number, decisionId: string, allocationIds: string[]): Promise<number>;
  /** The chair releases agreed allocations; returns how many. */
  release(actor: Actor, partnershipId: string, yearStarting: number, allocationIds: string[]): Promise<number>;

  /** A quarter's spend return for the released allocations, as entered on the form (a blank row is left alone). */
  saveSpend(actor: Actor, partnershipId: string, yearStarting: number, quarter: Quarter, entries: SpendInput[]): Promise<void>;
  importSpend(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    text: string,
    importValidRows: boolean,
  ): Promise<SpendImportResult>;
  /** The rows of a CSV to fill in for a quarter: the released allocations. */
  spendTemplate(partnershipId: string, yearStarting: number, quarter: Quarter): Promise<string[][]>;

  requestCarryOver(actor: Actor, partnershipId: string, yearStarting: number, input: CarryOverInput): Promise<void>;
  /** The funder's decision; an agreed carry-over becomes next year's, on its grant if it is recorded already. */
  decideCarryOver(actor: Actor, partnershipId: string, yearStarting: number, version: number, input: CarryOverDecisionInput): Promise<void>;

  report(partnershipId: string, yearStarting: number, quarter: Quarter): Promise<FinancialReport>;
  reportFile(
    partnershipId: string,
    yearStarting: number,
    quarter: Quarter,
    format: ReportFormat,
  ): Promise<{ fileName: string; bytes: Buffer }>;
  /** Puts the report's PDF on a meeting still to come, as a new item: returns the item's title. */
  attachReport(actor: Actor, partnershipId: string, yearStarting: number, quarter: Quarter, meetingId: string): Promise<string>;

  /**
   * Every partnership of the area side by side for a year, for the funder: the year asked for, else the
   * latest any partnership has a grant for, else the year under way.
   */
  area(areaId: string, yearStarting: number | null): Promise<AreaFunding>;
}

export interface FundingDependencies {
  db: Kysely<Database>;
  audit: AuditTrail;
  clock: Clock;
  governance: GovernanceService;
  meetings: MeetingsService;
  papers: PapersService;
  /** The partnership's decisions with their meeting and group, from the minutes. */
  decisions: (partnershipId: string) => Promise<RecordedDecision[]>;
}

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

// The outcomes by which a board agrees to spend money: noting, deferring or recommending to another body do not.
const agreeingOutcomes = new Set(['agreed', 'resolved', 'supported']);

/** Refuses a move the life of the funding does not allow, next to the field it is about. */
function refuse(refusal: string | null, field: string): void {
  if (refusal !== null) throw new FieldValidationError(field, refusal);
}

const quarterMonths = ['April to June', 'July to September', 'October to December', 'January to March'];

export function quarterLabel(yearStarting: number, quarter: Quarter): string {
  const calendarYear = quarter === 4 ? yearStarting + 1 : yearStarting;
  return `Quarter ${quarter}, ${financialYearName(yearStarting)} (${quarterMonths[quarter - 1]} ${calendarYear})`;
}

// Funding pages and reports go to the whole partnership, its funder and, on an agenda, the public.
const partTwoWording = 'A confidential (Part II) decision: its wording is in the minutes';

const decisionLink = (partnershipId: string, d: RecordedDecision): DecisionLink => ({
  id: d.id,
  wording: d.confidential ? partTwoWording : d.wording,
  meetingDate: d.meetingDate,
  groupName: d.groupName,
  href: `/partnerships/${partnershipId}/meetings/${d.meetingId}/items/${d.agendaItemId}/minutes`,
});

const granteeText = (kind: string, grantee: string | null): string =>
  kind === 'organisation' ? (grantee ?? '') : nameOf(granteeKindNames, kind);

export function createFundingService({ db, audit, clock, governance, meetings, papers, decisions }: FundingDependencies): FundingService {
  const year = financialYearName;

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
    const [spend, releases, byId] = await Promise.all([
      listSpend(db, ids),
      listReleases(db, ids),
      rows.some((r) => r.decisionId) ? decisionsById(partnershipId) : Promise.resolve(new Map<string, RecordedDecision>()),
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
        priorityTitle: row.priorityTitle,
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

  /** The latest quarter with any spend returned; the first before any is. */
  const latestReturned = (allocations: AllocationView[]): Quarter =>
    Math.max(1, ...allocations.flatMap((a) => a.spend.map((s) => s.quarter))) as Quarter;

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
      position: fundingPosition(grant, allocations, latestReturned(allocations)),
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

  async function recordEvent(
    trx: Kysely<Database>,
    actor: Actor,
    allocation: AllocationRow,
    state: AllocationState,
    decisionId: string | null,
  ) {
    await insertEvent(trx, {
      id: randomUUID(),
      allocationId: allocation.id,
      partnershipId: allocation.partnershipId,
      state,
      decisionId,
      at: isoNow(clock),
      byUserId: actor.userId,
    });
  }

  async function allocationRow(trx: Kysely<Database>, partnershipId: string, grant: GrantRow, id: string): Promise<AllocationRow> {
    if (!id) throw new NotFoundError('allocation');
    const [row] = await listAllocations(trx, partnershipId, { grantId: grant.id, id });
    if (!row) throw new NotFoundError('allocation');
    return row;
  }

  /** An allocation, in a grant locked for the change, at the version the change was made from and in a state that allows the move. */
  async function movableAllocation(
    trx: Kysely<Database>,
    partnershipId: string,
    yearStarting: number,
    id: string,
    version: number,
    moving: AllocationMove,
  ): Promise<{ grant: GrantRow; before: AllocationRow }> {
    const { grant, situation } = await openGrant(trx, partnershipId, yearStarting, moving, 'form');
    const row = await allocationRow(trx, partnershipId, grant, id);
    if (row.version !== version) throw new ConflictError(row.version);
    refuse(allocationRefusal(moving, row.state, situation), 'form');
    return { grant, before: row };
  }

  /** Checks the priority chosen is one of this partnership's; kept if it was already linked, even if archived since. */
  async function checkPriority(trx: Kysely<Database>, partnershipId: string, input: AllocationInput, existing: AllocationRow | null) {
    await references(trx, partnershipId, existing)('priorities', 'priorityId', input.priorityId, 'Select a priority of this partnership');
  }

  const allocationColumns = (input: AllocationInput) => ({
    theme: input.theme,
    purpose: input.purpose,
    granteeKind: input.granteeKind,
    grantee: input.grantee,
    amountPence: input.amount,
    priorityId: input.priorityId,
  });

  /** Moves each chosen allocation from one state to the next, with its event and audit entry, in one transaction. */
  async function move(
    actor: Actor,
    partnershipId: string,
    yearStarting: number,
    allocationIds: string[],
    moving: 'agree' | 'release',
    to: AllocationState,
    decisionId: string | null,
    verb: string,
  ): Promise<number> {
    const chosen = new Set(allocationIds);
    if (chosen.size === 0) throw new FieldValidationError('allocationIds', `Select the allocations ${verb.toLowerCase()}`);
    return db.transaction().execute(async (trx) => {
      const { grant, situation } = await openGrant(trx, partnershipId, yearStarting, moving, 'allocationIds');
      const rows = (await listAllocations(trx, partnershipId, { grantId: grant.id })).filter((a) => chosen.has(a.id));
      if (rows.length !== chosen.size) refuse(listRefusal(moving), 'allocationIds');
      for (const row of rows) refuse(allocationRefusal(moving, row.state, situation), 'allocationIds');
      const now = isoNow(clock);
      for (const row of rows) {
        const changes = { state: to, updatedAt: now, ...(decisionId ? { decisionId } : {}) };
        if (!(await updateAllocation(trx, row.id, row.version, changes))) throw new ConflictError(row.version + 1);
        await recordEvent(trx, actor, row, to, decisionId);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'allocation',
          entityId: row.id,
          partnershipId,
          summary: `${verb} allocation ${row.reference} of ${year(yearStarting)} (${formatMoney(row.amountPence)}): ${row.purpose}`,
          before: { state: row.state },
          after: changes,
        });
      }
      return rows.length;
    });
  }

  /** Writes a quarter's returns with an audit entry for each one that changed. */
  async function writeSpend(trx: Kysely<Database>, actor: Actor, partnershipId: string, grant: GrantRow, rows: SpendWrite[]) {
    const situation = await situationOf(trx, grant);
    const allocations = new Map((await listAllocations(trx, partnershipId, { grantId: grant.id })).map((a) => [a.id, a]));
    const now = isoNow(clock);
    for (const row of rows) {
      const allocation = allocations.get(row.allocationId);
      const field = `spent-${row.allocationId}`;
      if (!allocation) throw new FieldValidationError(field, listRefusal('returnSpend'));
      refuse(allocationRefusal('returnSpend', allocation.state, situation), field);
      const before = await saveSpendRow(trx, {
        allocationId: row.allocationId,
        partnershipId,
        quarter: row.quarter,
        spentPence: row.spent,
        forecastPence: row.forecast,
        updatedAt: now,
        updatedBy: actor.userId,
      });
      if (before && before.spentPence === row.spent && before.forecastPence === row.forecast) continue;
      await audit.record(trx, actor, {
        action: before ? 'update' : 'create',
        entityType: 'spend_return',
        entityId: row.allocationId,
        partnershipId,
        summary: `Spend for Q${row.quarter} ${year(grant.yearStarting)} on allocation ${allocation.reference}: ${formatMoney(row.spent)}`,
        before: before ? { spent: before.spentPence, forecast: before.forecastPence } : null,
        after: { quarter: row.quarter, spent: row.spent, forecast: row.forecast },
      });
    }
  }

  /** The board's own decisions (its group has no parent) that agree something, and were not deferred for want of a quorum. */
  async function boardDecisions(partnershipId: string): Promise<DecisionLink[]> {
    const [all, groups] = await Promise.all([decisions(partnershipId), governance.groups.list(partnershipId)]);
    const boards = new Set(groups.filter((g) => g.parentId === null).map((g) => g.id));
    return all
      .filter((d) => boards.has(d.groupId) && agreeingOutcomes.has(d.outcome) && !d.deferredForQuorum)
      .sort((a, b) => b.meetingDate.localeCompare(a.meetingDate))
      .map((d) => decisionLink(partnershipId, d));
  }

  async function buildReport(partnershipId: string, yearStarting: number, quarter: Quarter): Promise<FinancialReport> {
    assertReportable(yearStarting, quarter);
    const [funding, [partnership]] = await Promise.all([
      loadYear(partnershipId, yearStarting),
      governance.partnerships.list(null, { id: partnershipId }),
    ]);
    return {
      partnershipId,
      partnershipName: partnership?.name ?? '',
      grant: funding.grant,
      quarter,
      quarterLabel: quarterLabel(yearStarting, quarter),
      change: funding.change,
      allocations: funding.allocations,
      position: fundingPosition(funding.grant, funding.allocations, quarter),
      carryOver: funding.carryOver,
      preparedOn: todayInEngland(clock),
    };
  }

  return {
    grants: async (partnershipId) => Promise.all((await listGrants(db, partnershipId)).map((row) => grantView(db, row))),

    year: loadYear,

    async agreedCarryOverInto(partnershipId, yearStarting) {
      return (await agreedFromBefore(db, partnershipId, yearStarting))?.agreedPence ?? null;
    },

    async recordGrant(actor, partnershipId, input) {
      const already = new FieldValidationError(
        'yearStarting',
        `There is already a grant for ${year(input.yearStarting)}: change it instead`,
      );
      await refusingDuplicates(
        () =>
          db.transaction().execute(async (trx) => {
            if (await findGrant(trx, partnershipId, input.yearStarting)) throw already;
            await checkCarryOver(trx, partnershipId, input);
            const now = isoNow(clock);
            const row = {
              id: randomUUID(),
              partnershipId,
              yearStarting: input.yearStarting,
              funder: input.funder,
              amountPence: input.amount,
              previousAmountPence: input.previousAmount,
              carryOverPence: input.carryOver,
              notes: input.notes,
              createdAt: now,
              updatedAt: now,
              archivedAt: null,
            };
            await insertGrant(trx, row);
            await audit.record(trx, actor, {
              action: 'create',
              entityType: 'grant',
              entityId: row.id,
              partnershipId,
              summary: `Recorded the ${year(input.yearStarting)} grant from ${input.funder}: ${formatMoney(input.amount)}`,
              before: null,
              after: row,
            });
          }),
        already,
      );
    },

    async changeGrant(actor, partnershipId, yearStarting, version, input) {
      await db.transaction().execute(async (trx) => {
        const { grant: before } = await openGrant(trx, partnershipId, yearStarting, 'changeGrant', 'amount');
        if (before.version !== version) throw new ConflictError(before.version);
        if (input.yearStarting !== yearStarting) {
          throw new FieldValidationError(
            'yearStarting',
            `This is the grant for ${year(yearStarting)}: record another year's grant on its own`,
          );
        }
        await checkCarryOver(trx, partnershipId, input);
        // Less money must still cover what is allocated.
        await assertFits(trx, { ...before, amountPence: input.amount, carryOverPence: input.carryOver }, 0, null).catch(
          (error: unknown) => {
            if (!(error instanceof FieldValidationError)) throw error;
            throw new FieldValidationError(
              'amount',
              'The grant and carry-over must cover the allocations already made: withdraw some first',
            );
          },
        );
        const changes = {
          funder: input.funder,
          amountPence: input.amount,
          previousAmountPence: input.previousAmount,
          carryOverPence: input.carryOver,
          notes: input.notes,
          updatedAt: isoNow(clock),
        };
        if (!(await updateGrant(trx, before.id, version, changes))) throw new ConflictError(before.version + 1);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'grant',
          entityId: before.id,
          partnershipId,
          summary: `Changed the ${year(yearStarting)} grant`,
          before,
          after: changes,
        });
      });
    },

    async allocation(partnershipId, yearStarting, id) {
      const grantRecord = await grantRow(partnershipId, yearStarting);
      const row = await allocationRow(db, partnershipId, grantRecord, id);
      const [[allocation], events, grant, byId] = await Promise.all([
        allocationViews(partnershipId, yearStarting, [row]),
        listEvents(db, id),
        grantView(db, grantRecord),
        decisionsById(partnershipId),
      ]);
      if (!allocation) throw new NotFoundError('allocation');
      return {
        allocation,
        grant,
        events: events.map((e) => {
          const decision = e.decisionId ? byId.get(e.decisionId) : undefined;
          return {
            state: e.state,
            at: e.at,
            byName: e.byName,
            decision: decision ? decisionLink(partnershipId, decision) : null,
          };
        }),
      };
    },

    async propose(actor, partnershipId, yearStarting, input) {
      return db.transaction().execute(async (trx) => {
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'propose', 'amount');
        await checkPriority(trx, partnershipId, input, null);
        await assertFits(trx, grant, input.amount, null);
        const now = isoNow(clock);
        const row = {
          id: randomUUID(),
          partnershipId,
          grantId: grant.id,
          reference: await nextReference(trx, grant.id),
          ...allocationColumns(input),
          state: 'proposed' as const,
          decisionId: null,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertAllocation(trx, row);
        await recordEvent(trx, actor, { ...row, version: 1, priorityTitle: null }, 'proposed', null);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'allocation',
          entityId: row.id,
          partnershipId,
          summary: `Proposed allocation ${row.reference} of ${year(yearStarting)} (${formatMoney(input.amount)}): ${input.purpose}`,
          before: null,
          after: row,
        });
        return row.id;
      });
    },

    async changeAllocation(actor, partnershipId, yearStarting, id, version, input) {
      await db.transaction().execute(async (trx) => {
        const { grant, before } = await movableAllocation(trx, partnershipId, yearStarting, id, version, 'change');
        await checkPriority(trx, partnershipId, input, before);
        await assertFits(trx, grant, input.amount, id);
        const changes = { ...allocationColumns(input), updatedAt: isoNow(clock) };
        if (!(await updateAllocation(trx, id, version, changes))) throw new ConflictError(before.version + 1);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'allocation',
          entityId: id,
          partnershipId,
          summary: `Changed allocation ${before.reference} of ${year(yearStarting)}: ${input.purpose}`,
          before,
          after: changes,
        });
      });
    },

    async withdraw(actor, partnershipId, yearStarting, id, version) {
      await db.transaction().execute(async (trx) => {
        const { before } = await movableAllocation(trx, partnershipId, yearStarting, id, version, 'withdraw');
        if (!(await updateAllocation(trx, id, version, { state: 'withdrawn', updatedAt: isoNow(clock) }))) {
          throw new ConflictError(before.version + 1);
        }
        await recordEvent(trx, actor, before, 'withdrawn', null);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'allocation',
          entityId: id,
          partnershipId,
          summary: `Withdrew allocation ${before.reference} of ${year(yearStarting)}: ${before.purpose}`,
          before: { state: before.state },
          after: { state: 'withdrawn' },
        });
      });
    },

    boardDecisions,

    async agree(actor, partnershipId, yearStarting, decisionId, allocationIds) {
      // Read before the transaction: the minutes are read through their own service.
      const allowed = await boardDecisions(partnershipId);
      if (!allowed.some((d) => d.id === decisionId)) {
        throw new FieldValidationError('decisionId', 'Select a decision of the board that agreed the funding');
      }
      return move(actor, partnershipId, yearStarting, allocationIds, 'agree', 'agreed', decisionId, 'Agreed');
    },

    release: (actor, partnershipId, yearStarting, allocationIds) =>
      move(actor, partnershipId, yearStarting, allocationIds, 'release', 'released', null, 'Released'),

    async saveSpend(actor, partnershipId, yearStarting, quarter, entries) {
      assertBegun(yearStarting, quarter, 'form');
      await db.transaction().execute(async (trx) => {
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'returnSpend', 'form');
        await writeSpend(
          trx,
          actor,
          partnershipId,
          grant,
          entries.map((e) => ({ ...e, quarter })),
        );
      });
    },

    async importSpend(actor, partnershipId, yearStarting, text, importValidRows) {
      return db.transaction().execute(async (trx) => {
        const grant = await lockedGrant(trx, partnershipId, yearStarting);
        const closed = yearRefusal('returnSpend', await situationOf(trx, grant));
        if (closed) return { imported: 0, problems: [], fileProblem: closed };
        const allocations = await listAllocations(trx, partnershipId, { grantId: grant.id });
        const parsed = parseSpendCsv(
          text,
          allocations.map((a) => ({ id: a.id, reference: a.reference, purpose: a.purpose, state: a.state })),
          yearStarting,
          Math.max(0, ...begun(yearStarting)) as Quarter | 0,
        );
        const blocked = parsed.fileProblem !== null || (parsed.problems.length > 0 && !importValidRows);
        if (!blocked) await writeSpend(trx, actor, partnershipId, grant, parsed.rows);
        return { imported: blocked ? 0 : parsed.rows.length, problems: parsed.problems, fileProblem: parsed.fileProblem };
      });
    },

    async spendTemplate(partnershipId, yearStarting, quarter) {
      assertReportable(yearStarting, quarter);
      const grant = await grantRow(partnershipId, yearStarting);
      const allocations = await listAllocations(db, partnershipId, { grantId: grant.id });
      return spendCsvTemplate(
        allocations.map((a) => ({ id: a.id, reference: a.reference, purpose: a.purpose, state: a.state })),
        quarter,
        yearStarting,
      );
    },

    async requestCarryOver(actor, partnershipId, yearStarting, input) {
      await db.transaction().execute(async (trx) => {
        // Locked and read in the transaction: no spend can be returned between the check and the request.
        const { grant } = await openGrant(trx, partnershipId, yearStarting, 'requestCarryOver', 'amount');
        if (input.amount === 0) throw new FieldValidationError('amount', 'Enter a carry-over of more than £0');
        const position = await positionIn(trx, grant, 4);
        // A missing return is not £0 spent: the underspend is known only once every return is in.
        const owing = position.allocations.filter((line) => line.missingReturns.length > 0);
        if (owing.length > 0) {
          const named = owing.map((line) => `${line.reference} (${line.missingReturns.map((q) => `Q${q}`).join(', ')})`).join('; ');
          throw new FieldValidationError(
            'amount',
            `Enter every spend return of ${year(yearStarting)} before asking for a carry-over: ${owing.length === 1 ? 'allocation' : 'allocations'} ${named} ${owing.length === 1 ? 'has' : 'have'} none`,
          );
        }
        const underspend = unspent(position);
        if (input.amount > underspend) {
          throw new FieldValidationError(
            'amount',
            `The carry-over cannot be more than the year’s underspend of ${formatMoney(underspend)}`,
          );
        }
        const row = {
          id: randomUUID(),
          partnershipId,
          grantId: grant.id,
          requestedPence: input.amount,
          reason: input.reason,
          requestedAt: isoNow(clock),
          requestedBy: actor.userId,
          state: 'requested' as const,
          agreedPence: null,
          decidedAt: null,
          decidedBy: null,
          funderNote: null,
        };
        await insertCarryOver(trx, row);
        await audit.record(trx, actor, {
          action: 'create',
          entityType: 'carry_over_request',
          entityId: row.id,
          partnershipId,
          summary: `Requested a carry-over of ${formatMoney(input.amount)} from ${year(yearStarting)}`,
          before: null,
          after: row,
        });
      });
    },

    async decideCarryOver(actor, partnershipId, yearStarting, version, input) {
      await db.transaction().execute(async (trx) => {
        const grant = await lockedGrant(trx, partnershipId, yearStarting);
        const request = await findCarryOver(trx, grant.id);
        if (!request) throw new NotFoundError('carry-over request');
        if (request.version !== version) throw new ConflictError(request.version);
        refuse(yearRefusal('decideCarryOver', await situationOf(trx, grant)), 'decision');
        const agreed = input.decision === 'agreed' ? input.amount : null;
        if (agreed !== null && agreed > request.requestedPence) {
          throw new FieldValidationError(
            'amount',
            `The carry-over agreed cannot be more than the ${formatMoney(request.requestedPence)} requested`,
          );
        }
        if (agreed === 0) throw new FieldValidationError('amount', 'Enter the carry-over agreed, or choose Declined');
        const changes = {
          state: input.decision,
          agreedPence: agreed,
          decidedAt: isoNow(clock),
          decidedBy: actor.userId,
          funderNote: input.note,
        };
        if (!(await updateCarryOver(trx, request.id, version, changes))) throw new ConflictError(request.version + 1);
        // Next year's grant, if recorded already, takes the carry-over agreed (until now it could only be £0).
        const recorded = await findGrant(trx, partnershipId, yearStarting + 1);
        if (recorded && agreed !== null) {
          const next = await lockedGrant(trx, partnershipId, yearStarting + 1);
          await assertFits(trx, { ...next, carryOverPence: agreed }, 0, null).catch((error: unknown) => {
            if (!(error instanceof FieldValidationError)) throw error;
            throw new FieldValidationError(
              'amount',
              `${year(yearStarting + 1)}’s allocations need more than this: agree at least what they need, or withdraw some first`,
            );
          });
          const grantChanges = { carryOverPence: agreed, updatedAt: isoNow(clock) };
          if (!(await updateGrant(trx, next.id, next.version, grantChanges))) throw new ConflictError(request.version);
          await audit.record(trx, actor, {
            action: 'update',
            entityType: 'grant',
            entityId: next.id,
            partnershipId,
            summary: `Carry-over of ${formatMoney(agreed)} from ${year(yearStarting)} added to the ${year(yearStarting + 1)} grant`,
            before: { carryOverPence: next.carryOverPence },
            after: grantChanges,
          });
        }
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'carry_over_request',
          entityId: request.id,
          partnershipId,
          summary:
            agreed === null
              ? `The funder declined the carry-over from ${year(yearStarting)}`
              : `The funder agreed a carry-over of ${formatMoney(agreed)} from ${year(yearStarting)} into ${year(yearStarting + 1)}`,
          before: { state: request.state },
          after: changes,
        });
      });
    },

    report: buildReport,

    async reportFile(partnershipId, yearStarting, quarter, format) {
      const report = await buildReport(partnershipId, yearStarting, quarter);
      const bytes = format === 'pdf' ? await financialReportPdf(report) : await financialReportDocx(report);
      return { fileName: `${financialReportTitle(report)}.${format}`, bytes };
    },

    async attachReport(actor, partnershipId, yearStarting, quarter, meetingId) {
      const report = await buildReport(partnershipId, yearStarting, quarter);
      const meeting = await meetings.stillToCome(partnershipId, meetingId);
      const title = financialReportTitle(report);
      await papers.attachReport(actor, partnershipId, meeting.id, {
        title,
        purpose: 'To receive the quarterly financial report on the spend of the partnership’s funding',
        pdf: await financialReportPdf(report),
        confidentialReason: null,
      });
      return title;
    },

    async area(areaId, asked) {
      const years = await listAreaGrantYears(db, areaId);
      const yearStarting = asked ?? years[0] ?? Number(financialYearStart(todayInEngland(clock)).slice(0, 4));
      const partnerships = await listAreaGrants(db, areaId, yearStarting);
      const grantIds = partnerships.flatMap((p) => (p.grantId ? [p.grantId] : []));
      const [grants, allocations, requests] = await Promise.all([
        Promise.all(partnerships.map((p) => (p.grantId ? findGrant(db, p.partnershipId, yearStarting) : Promise.resolve(undefined)))),
        Promise.all(
          partnerships.map((p) => (p.grantId ? listAllocations(db, p.partnershipId, { grantId: p.grantId }) : Promise.resolve([]))),
        ),
        listCarryOvers(db, grantIds),
      ]);
      const spend = await listSpend(
        db,
        allocations.flat().map((a) => a.id),
      );
      const rows = partnerships.map((p, index): AreaFundingRow => {
        const grant = grants[index];
        if (!grant) {
          return {
            partnershipId: p.partnershipId,
            partnershipName: p.partnershipName,
            partnershipShortName: p.partnershipShortName,
            grant: null,
            carryOver: null,
            available: null,
            allocated: null,
            released: null,
            spentToDate: null,
            spendThrough: null,
            carryOverState: null,
            carryOverRequested: null,
            carryOverAgreed: null,
          };
        }
        const counted = (allocations[index] ?? []).filter((a) => counts(a.state));
        const theirs = spend.filter((s) => counted.some((a) => a.id === s.allocationId));
        const request = requests.find((r) => r.grantId === grant.id);
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
        return {
          partnershipId: p.partnershipId,
          partnershipName: p.partnershipName,
          partnershipShortName: p.partnershipShortName,
          grant: grant.amountPence,
          carryOver: grant.carryOverPence,
          available: grant.amountPence + grant.carryOverPence,
          allocated: sum(counted.map((a) => a.amountPence)),
          released: sum(counted.filter((a) => a.state === 'released').map((a) => a.amountPence)),
          spentToDate: sum(theirs.map((s) => s.spentPence)),
          spendThrough: theirs.length ? (Math.max(...theirs.map((s) => s.quarter)) as Quarter) : null,
          carryOverState: request?.state ?? null,
          carryOverRequested: request?.requestedPence ?? null,
          carryOverAgreed: request?.agreedPence ?? null,
        };
      });
      return { yearStarting, years, rows };
    },
  };

  /**
   * Where last year is recorded here, a grant's carry-over is what the funder agreed out of it, or £0 until it
   * agrees one: the money available never counts on a carry-over the funder has not agreed.
   */
  async function checkCarryOver(trx: Kysely<Database>, partnershipId: string, input: GrantInput): Promise<void> {
    const before = await findGrant(trx, partnershipId, input.yearStarting - 1);
    if (!before) return;
    const request = await findCarryOver(trx, before.id);
    const agreed = request?.state === 'agreed' ? (request.agreedPence ?? 0) : 0;
    if (input.carryOver === agreed) return;
    const last = year(input.yearStarting - 1);
    const why =
      request?.state === 'agreed'
        ? `The funder agreed a carry-over of ${formatMoney(agreed)} from ${last}: enter that`
        : request?.state === 'requested'
          ? `The carry-over from ${last} is waiting for the funder’s decision: enter 0 for now. It is added here when the funder agrees it`
          : request?.state === 'declined'
            ? `The funder declined the carry-over from ${last}: enter 0`
            : `No carry-over from ${last} has been agreed: enter 0. Ask for one from ${last}’s year end page`;
    throw new FieldValidationError('carryOver', why);
  }
}

interface SpendWrite extends SpendInput {
  quarter: Quarter;
}

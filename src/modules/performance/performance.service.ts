/**
 * Performance: the partnership's indicators and their measurements, the Most Similar Group tables, and
 * the quarterly performance report built from them — a draft until an analyst or officer approves it,
 * when it is kept exactly as approved for the public site and the board's papers.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/principal.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { financialYearName } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { type RecordService, updateVersioned } from '../../platform/records.ts';
import { refusingDuplicates } from '../../db/dialect.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database, MeasurementStatus } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { defineRecordService, references } from '../../platform/recordService.ts';
import type { ReportPaper } from '../meetings/index.ts';
import type { PriorityIndicator, PriorityView } from '../strategy/index.ts';
import { formatValue, statusWords } from './format.ts';
import { indicatorFigures, periodsRead } from './indicatorFigures.ts';
import { kept } from '../../platform/kept.ts';
import { parseMeasurementsCsv, readGroupTable, readMeasurementValue, type RowProblem, typedFiguresRefusal } from './measurementsCsv.ts';
import {
  countMeasurements,
  findMeasurement,
  findReport,
  type IndicatorView,
  insertMeasurement,
  insertReport,
  listCommentary,
  performanceVersion,
  listIndicators,
  listMeasurements,
  listMeasuredPeriods,
  listMsgComparisons,
  listReportFigures,
  listReports,
  type MeasurementRow,
  listPopulations,
  populationFor,
  replaceMsgComparison,
  type ReportRow,
  saveCommentary,
  savePopulation,
} from './performance.repository.ts';
import {
  baselinePeriodOf,
  baselineProblem,
  type IndicatorInput,
  type MeasurementInput,
  type MsgInput,
  type PopulationInput,
} from './performance.inputs.ts';
import { financialYearOf, frequencyOf, latestCompleteQuarter, parsePeriod, periodLabel, quarterOfMonth, periodWords } from './periods.ts';
import { performanceReportDocx, performanceReportPdf } from './reportDocument.ts';
import { quarterHasEnded, type ReportMoves, reportMoves } from './reportLife.ts';
import type { IndicatorFigures, PerformanceReport } from './report.ts';
import { renderTrendChart, type TrendChart } from './trendChart.ts';
import type { CrimeFigures } from './policeUkFigures.ts';
import { createPoliceUkIndicators, type PoliceUkUpdate, type SeenFigure } from './policeUkIndicators.ts';

export type ReportFormat = 'pdf' | 'docx';

export interface ImportResult {
  /** Problems that stopped the import (nothing was imported), or that left rows out when only the good rows were asked for. */
  problems: RowProblem[];
  fileProblem: string | null;
  imported: number;
  added: number;
  changed: number;
}

/** A priority of the strategy, which an indicator may serve. */
export type PriorityChoice = Pick<PriorityView, 'id' | 'title' | 'yearStarting' | 'archivedAt'>;

export interface PerformanceDependencies {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  /** The partnership's name and recorded population (from the governance module). */
  partnership: (partnershipId: string) => Promise<{ name: string; population: number | null } | undefined>;
  /** The meeting, if it is still to come; otherwise a field error on meetingId (from the meetings module). */
  meetingStillToCome: (partnershipId: string, meetingId: string) => Promise<{ id: string }>;
  /** Puts a report on a meeting's agenda as a new item with its PDF as the paper (from the meetings module). */
  attachReport: (actor: Actor, partnershipId: string, meetingId: string, report: ReportPaper) => Promise<unknown>;
  /** The partnership's priorities, archived ones too, which indicators measure (from the strategy module). */
  priorities: (partnershipId: string) => Promise<PriorityChoice[]>;
  /** The partnerships' imported police.uk crimes and the partnership's peers (from the crime data module). */
  crimeFigures: CrimeFigures;
}

export interface PerformanceService {
  indicators: RecordService<IndicatorView, IndicatorInput>;
  /** The partnership's population by financial year, newest first: what rates per 1,000 use. */
  populations(partnershipId: string): Promise<PopulationInput[]>;
  savePopulation(actor: Actor, partnershipId: string, input: PopulationInput): Promise<void>;
  /** The priorities an indicator can measure, archived ones too. */
  priorities(partnershipId: string): Promise<PriorityChoice[]>;
  measurements(partnershipId: string, indicatorId: string): Promise<MeasurementRow[]>;
  /** Adds or changes the figure for one period; `version` is that of the figure being changed, or null for a new one. */
  recordMeasurement(
    actor: Actor,
    partnershipId: string,
    indicatorId: string,
    input: MeasurementInput,
    version: number | null,
  ): Promise<void>;
  /** Imports a CSV of measurements: all or nothing, unless asked to import the good rows and leave the bad. */
  importMeasurements(actor: Actor, partnershipId: string, csv: string, options: { goodRowsOnly: boolean }): Promise<ImportResult>;
  saveMsgComparison(actor: Actor, partnershipId: string, indicatorId: string, input: MsgInput): Promise<void>;
  /** The quarters with a report, newest first, and the latest quarter that has ended (the one to write next). */
  reports(partnershipId: string, options?: { approvedOnly?: boolean }): Promise<{ reports: ReportRow[]; latestQuarter: string }>;
  /** Every quarter a report can be opened for, newest first: the latest to have ended, and each with a report or a figure. */
  quarters(partnershipId: string): Promise<string[]>;
  /** The report for a quarter: as approved, or the draft worked out from today's figures. */
  report(
    partnershipId: string,
    quarter: string,
    options?: { approvedOnly?: boolean },
  ): Promise<{ report: PerformanceReport; row: ReportRow | null; moves: ReportMoves }>;
  /** What a quarter's report rests on, beyond who reads it: its partnership's count of changes and today (its moves). */
  reportVersion(partnershipId: string): Promise<string>;
  /** The trend charts of these indicators, by indicator. */
  charts(indicators: readonly IndicatorFigures[]): Promise<Map<string, TrendChart>>;
  document(report: PerformanceReport, format: ReportFormat, exceptionsOnly: boolean): Promise<Buffer>;
  saveSummary(actor: Actor, partnershipId: string, quarter: string, summary: string, version: number | null): Promise<void>;
  saveCommentary(actor: Actor, partnershipId: string, quarter: string, indicatorId: string, commentary: string): Promise<void>;
  /** Approves and publishes a quarter's report, once the quarter has ended; `seenFingerprint` is that of the draft the approver read. */
  /**
   * Approves the report as it stands. `recorded` is an approval given before the report was kept in Safer (the demo's
   * 2015/16 report): on the day its documents give, or null when they give none, rather than today.
   */
  approve(
    actor: Actor & { name: string },
    partnershipId: string,
    quarter: string,
    seenFingerprint: string | null,
    recorded?: { approvedAt: string | null },
  ): Promise<void>;
  /** Puts the approved report (or its exceptions) on a meeting's agenda as a new item with the PDF as its paper. */
  attachToMeeting(actor: Actor, partnershipId: string, quarter: string, meetingId: string, exceptionsOnly: boolean): Promise<string>;
  /** Works out a police.uk indicator's figures and group tables again from the imported data: new ones provisional. */
  updateFromPoliceUk(actor: Actor, partnershipId: string, indicatorId: string): Promise<PoliceUkUpdate>;
  /** Confirms a police.uk indicator's figures as the analyst saw them (period and version); returns how many. */
  confirmFigures(actor: Actor, partnershipId: string, indicatorId: string, seen: readonly SeenFigure[]): Promise<number>;
  /** The indicators that measure a priority, with their latest status: for the priority's page. */
  priorityIndicators(partnershipId: string, priorityId: string): Promise<PriorityIndicator[]>;
}

/** The field of the first change to what an indicator's figures are (unit, frequency, source, crime measure); null for none. */
function changedMeasure(
  existing: Pick<IndicatorView, 'figuresFrom' | 'crimeType' | 'includesAsb' | 'unit' | 'frequency'>,
  input: IndicatorInput,
): string | null {
  const measure = input.policeUk ?? null;
  if (existing.figuresFrom !== (measure ? 'police_uk' : 'typed_in')) return 'figuresFrom';
  if (measure && existing.crimeType !== measure.crimeType) return 'crimeType';
  if (measure && measure.crimeType === null && existing.includesAsb !== Number(measure.includesAsb)) return 'includesAsb';
  if (existing.unit !== input.unit) return measure ? 'measure' : 'unit';
  return existing.frequency !== input.frequency ? 'frequency' : null;
}

/** Figures on forms are in the indicator's unit, money in pounds; stored money is in pence. */
const poundsToPence = (value: number | null, unit: string) => (value === null || unit !== 'money' ? value : Math.round(value * 100));

/** What a draft said when it was read: approving it is refused if it says anything else by then. */
export function reportFingerprint(report: PerformanceReport): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}

/** The indicators a report shows: all of them, or for the exception report those outside tolerance. */
export function shownIn(report: PerformanceReport, exceptionsOnly: boolean): IndicatorFigures[] {
  return exceptionsOnly ? report.indicators.filter((figures) => figures.exception !== null) : report.indicators;
}

export function createPerformanceService({
  db,
  audit,
  clock,
  partnership: partnershipOf,
  meetingStillToCome,
  attachReport,
  priorities,
  crimeFigures,
}: PerformanceDependencies): PerformanceService {
  const policeUk = createPoliceUkIndicators({ db, audit, clock, crimeFigures });
  // The report documents drawn lately, by the version of the report they show: a PDF of 40 charts takes a second to draw.
  const documents = kept<Buffer>(24);
  const recordService = defineRecordService(
    { db, audit, clock },
    {
      table: 'indicators',
      entityType: 'indicator',
      partnershipScoped: true,
      list: (trx, scopeId, options) => listIndicators(trx, scopeId ?? '', options),
      toColumns: ({ policeUk: measure, ...input }: IndicatorInput) => ({
        ...input,
        figuresFrom: measure ? ('police_uk' as const) : ('typed_in' as const),
        crimeType: measure?.crimeType ?? null,
        includesAsb: measure && measure.crimeType === null ? Number(measure.includesAsb) : null,
        baselinePeriod: baselinePeriodOf(input.baselinePeriod, input.frequency) ?? null,
        // A police.uk indicator's is worked out from the data when its figures are.
        baselineValue: measure ? null : poundsToPence(input.baselineValue, input.unit),
        targetValue: input.targetKind === 'value' ? poundsToPence(input.targetValue, input.unit) : input.targetValue,
      }),
      title: (indicator) => indicator.name,
      // Its unit and frequency change only while it has no figures: checked under the lock its figures' writers take.
      lockedBy: (_scopeId, _input, id) => (id ? { table: 'indicators', id } : null),
      async check(trx, scopeId, input, existing) {
        const baseline = baselineProblem(input);
        if (baseline) throw new FieldValidationError(baseline.field, baseline.message);
        const link = references(trx, scopeId, existing);
        await link('groups', 'ownerGroupId', input.ownerGroupId, 'Select a group of this partnership');
        await link('priorities', 'priorityId', input.priorityId, 'Select a priority of this partnership');
        // Figures already recorded are in the old unit, periods and measure: changing any would misread them.
        const changed = existing ? changedMeasure(existing, input) : null;
        if (existing && changed && (await countMeasurements(trx, existing.id)) > 0) {
          throw new FieldValidationError(
            changed,
            'Figures have been recorded for this indicator, so what it measures, its unit and how often it is measured cannot change: add a new indicator instead, and archive this one',
          );
        }
      },
    },
  );

  // A police.uk indicator's figures are worked out as soon as it is added or changed.
  const indicators: RecordService<IndicatorView, IndicatorInput> = {
    ...recordService,
    async create(actor, partnershipId, input) {
      const id = await recordService.create(actor, partnershipId, input);
      if (input.policeUk) await policeUk.update(actor, partnershipId ?? '', await recordService.get(partnershipId, id));
      return id;
    },
    async update(actor, partnershipId, id, version, input) {
      await recordService.update(actor, partnershipId, id, version, input);
      if (input.policeUk) await policeUk.update(actor, partnershipId ?? '', await recordService.get(partnershipId, id));
    },
  };

  async function write(
    trx: Kysely<Database>,
    actor: Actor,
    partnershipId: string,
    indicator: IndicatorView,
    row: { period: string; value: number; status: MeasurementStatus; note: string | null },
    version: number | null,
  ): Promise<'added' | 'changed'> {
    refuseTyped(indicator, 'value');
    // One figure per indicator and period: its writers go in turn, so the second finds the first's and changes it.
    await lockRow(trx, 'indicators', indicator.id);
    const existing = await findMeasurement(trx, indicator.id, row.period);
    const now = isoNow(clock);
    const label = `${indicator.name} for ${periodLabel(row.period, indicator.frequency)}`;
    if (existing) {
      await updateVersioned(trx, audit, actor, {
        table: 'measurements',
        id: existing.id,
        partnershipId,
        version: version ?? existing.version,
        changes: { value: row.value, status: row.status, note: row.note, updatedAt: now, updatedBy: actor.userId },
        what: 'figure',
        entry: (before, after) => ({
          action: 'update',
          entityType: 'measurement',
          partnershipId,
          summary: `Changed the figure of ${label} to ${formatValue(row.value, indicator.unit)}`,
          before,
          after,
        }),
      });
      return 'changed';
    }
    const { period, value, status, note } = row;
    const added = {
      id: randomUUID(),
      partnershipId,
      indicatorId: indicator.id,
      period,
      value,
      status,
      note,
      policeUkValue: null,
      createdAt: now,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    // A colleague recorded the same figure a moment ago: theirs is there to look at first.
    await refusingDuplicates(() => insertMeasurement(trx, added), new ConflictError(1));
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'measurement',
      entityId: added.id,
      partnershipId,
      summary: `Recorded ${formatValue(row.value, indicator.unit)} for ${label}`,
      before: null,
      after: added,
    });
    return 'added';
  }

  /** A police.uk indicator's figures and group tables are worked out from the data: never typed, by any path. */
  function refuseTyped(indicator: IndicatorView, field: string): void {
    const refusal = typedFiguresRefusal(indicator);
    if (refusal) throw new FieldValidationError(field, `${refusal.charAt(0).toUpperCase()}${refusal.slice(1)}`);
  }

  async function population(partnershipId: string, yearStarting: number): Promise<{ value: number; text: string } | null> {
    const recorded = await populationFor(db, partnershipId, yearStarting);
    if (recorded) return { value: recorded.population, text: `${recorded.population.toLocaleString('en-GB')} (${recorded.source})` };
    const partnership = await partnershipOf(partnershipId);
    if (!partnership?.population) return null;
    return {
      value: partnership.population,
      text: `${partnership.population.toLocaleString('en-GB')}: the partnership’s recorded population, as there is no figure for ${financialYearName(yearStarting)}`,
    };
  }

  async function liveReport(partnershipId: string, quarter: string, row: ReportRow | null): Promise<PerformanceReport> {
    const partnership = await partnershipOf(partnershipId);
    if (!partnership) throw new NotFoundError('partnership');
    const listed = await listIndicators(db, partnershipId);
    const ids = listed.map((indicator) => indicator.id);
    const [measurements, comparisons, commentary, people] = await Promise.all([
      listReportFigures(db, partnershipId, ids, periodsRead(quarter)),
      listMsgComparisons(db, partnershipId, ids),
      row ? listCommentary(db, row.id) : Promise.resolve([]),
      population(partnershipId, financialYearOf(quarter, 'quarterly')),
    ]);
    // Each list split by indicator once, rather than searched again for each indicator.
    const measured = Map.groupBy(measurements, (m) => m.indicatorId);
    const compared = Map.groupBy(comparisons, (c) => c.indicatorId);
    const written = new Map(commentary.map((c) => [c.indicatorId, c.commentary]));
    const figures: IndicatorFigures[] = listed.map((indicator) => {
      return indicatorFigures({
        indicator,
        measurements: measured.get(indicator.id) ?? [],
        quarter,
        population: people?.value ?? null,
        msgTables: (compared.get(indicator.id) ?? []).map((c) => ({
          ...c,
          members: c.members.map((m) => ({ name: m.name, value: m.value, isSelf: m.isSelf === 1 })),
        })),
        commentary: written.get(indicator.id) ?? '',
      });
    });
    return {
      partnershipId,
      partnershipName: partnership.name,
      period: quarter,
      periodLabel: periodLabel(quarter, 'quarterly'),
      status: 'draft',
      approvedAt: null,
      approvedByName: null,
      summary: row?.summary ?? '',
      population: people,
      indicators: figures,
    };
  }

  async function loadReport(partnershipId: string, quarter: string, approvedOnly = false) {
    if (frequencyOf(quarter) !== 'quarterly') throw new NotFoundError('report');
    const row = (await findReport(db, partnershipId, quarter)) ?? null;
    if (row?.status === 'approved' && row.approvedJson) return { report: JSON.parse(row.approvedJson) as PerformanceReport, row };
    if (approvedOnly) throw new NotFoundError('report');
    return { report: await liveReport(partnershipId, quarter, row), row };
  }

  /** The draft's row, made when its summary or first commentary is written; refused once approved. */
  /** `field` is the form field a refusal is reported against. */
  async function draftRow(trx: Kysely<Database>, actor: Actor, partnershipId: string, quarter: string, field: string): Promise<ReportRow> {
    const existing = await findReport(trx, partnershipId, quarter);
    if (existing && !reportMoves(existing, todayInEngland(clock)).write) {
      throw new FieldValidationError(field, `The report for ${periodLabel(quarter)} has been approved, so it no longer changes`);
    }
    if (existing) return existing;
    const now = isoNow(clock);
    const row = {
      id: randomUUID(),
      partnershipId,
      period: quarter,
      summary: null,
      status: 'draft' as const,
      approvedAt: null,
      approvedBy: null,
      approvedJson: null,
      createdAt: now,
      updatedAt: now,
    };
    // A colleague started the same quarter's draft a moment ago: their words are there to read first.
    await refusingDuplicates(() => insertReport(trx, row), new ConflictError(1));
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'performance_report',
      entityId: row.id,
      partnershipId,
      summary: `Started the performance report for ${periodLabel(quarter)}`,
      before: null,
      after: row,
    });
    return { ...row, version: 1 };
  }

  async function charts(indicators: readonly IndicatorFigures[]): Promise<Map<string, TrendChart>> {
    const drawn = new Map<string, TrendChart>();
    for (const figures of indicators) {
      // A yearly target is drawn against the points only where the points are in the same terms.
      const comparable = figures.frequency === 'yearly' || !['count', 'money'].includes(figures.unit);
      drawn.set(
        figures.indicatorId,
        await renderTrendChart({
          id: `chart-${figures.indicatorId}`,
          title: figures.name,
          unit: figures.unit,
          series: figures.series,
          frequency: figures.frequency,
          target: comparable ? (figures.target?.value ?? null) : null,
        }),
      );
    }
    return drawn;
  }

  async function reportsOf(partnershipId: string, options: { approvedOnly?: boolean } = {}) {
    return { reports: await listReports(db, partnershipId, options), latestQuarter: latestCompleteQuarter(todayInEngland(clock)) };
  }

  async function quarters(partnershipId: string): Promise<string[]> {
    const [{ reports, latestQuarter }, measured] = await Promise.all([reportsOf(partnershipId), listMeasuredPeriods(db, partnershipId)]);
    const measuredQuarters = measured.map(({ period, frequency }) =>
      frequency === 'monthly' ? quarterOfMonth(period) : frequency === 'quarterly' ? period : `${period} Q4`,
    );
    return [...new Set([latestQuarter, ...reports.map((report) => report.period), ...measuredQuarters])].sort().reverse();
  }

  function document(report: PerformanceReport, format: ReportFormat, exceptionsOnly: boolean): Promise<Buffer> {
    // A document is a pure function of the report: drawn once for each version of what it says.
    return documents(`${reportFingerprint(report)}:${format}:${exceptionsOnly}`, async () => {
      // Only the charts the document shows: an exception report's are those of its exceptions.
      const options = { exceptionsOnly, charts: await charts(shownIn(report, exceptionsOnly)) };
      return format === 'pdf' ? performanceReportPdf(report, options) : performanceReportDocx(report, options);
    });
  }

  return {
    indicators,
    priorities,

    populations: (partnershipId) => listPopulations(db, partnershipId),

    async savePopulation(actor, partnershipId, input) {
      await db.transaction().execute(async (trx) => {
        // Replaced by delete and insert: one writer of a partnership's populations at a time.
        await lockRow(trx, 'partnerships', partnershipId);
        const before = (await populationFor(trx, partnershipId, input.yearStarting)) ?? null;
        await savePopulation(trx, { partnershipId, ...input });
        await audit.record(trx, actor, {
          action: before ? 'update' : 'create',
          entityType: 'population',
          entityId: `${partnershipId}/${input.yearStarting}`,
          partnershipId,
          summary: `Recorded the population for ${financialYearName(input.yearStarting)}: ${input.population.toLocaleString('en-GB')}`,
          before,
          after: { partnershipId, ...input },
        });
      });
    },

    async measurements(partnershipId, indicatorId) {
      await indicators.get(partnershipId, indicatorId);
      return listMeasurements(db, partnershipId, [indicatorId]);
    },

    async recordMeasurement(actor, partnershipId, indicatorId, input, version) {
      const indicator = await indicators.get(partnershipId, indicatorId);
      refuseTyped(indicator, 'value');
      const frequency = indicator.frequency;
      const period = parsePeriod(input.period, frequency);
      if (!period) throw new FieldValidationError('period', `Enter the period like ${periodWords[frequency].example}`);
      const value = readMeasurementValue(input.value, indicator.unit);
      if ('problem' in value) throw new FieldValidationError('value', `The figure: ${value.problem}`);
      await db.transaction().execute(async (trx) => {
        await write(trx, actor, partnershipId, indicator, { period, value: value.value, status: input.status, note: input.note }, version);
      });
    },

    async importMeasurements(actor, partnershipId, csv, { goodRowsOnly }) {
      const listed = await listIndicators(db, partnershipId);
      const { rows, problems, fileProblem } = parseMeasurementsCsv(csv, listed);
      const result: ImportResult = { problems, fileProblem, imported: 0, added: 0, changed: 0 };
      if (fileProblem || (problems.length > 0 && !goodRowsOnly) || rows.length === 0) return result;
      await db.transaction().execute(async (trx) => {
        // Indicators locked in one order, so that two imports cannot each wait for the other.
        for (const row of rows.toSorted((a, b) => a.indicatorId.localeCompare(b.indicatorId))) {
          const indicator = listed.find((candidate) => candidate.id === row.indicatorId);
          if (!indicator) continue;
          result[await write(trx, actor, partnershipId, indicator, row, null)] += 1;
          result.imported += 1;
        }
      });
      return result;
    },

    async saveMsgComparison(actor, partnershipId, indicatorId, input) {
      const indicator = await indicators.get(partnershipId, indicatorId);
      refuseTyped(indicator, 'members');
      const frequency = indicator.frequency;
      const period = parsePeriod(input.period, frequency);
      if (!period) throw new FieldValidationError('period', `Enter the period like ${periodWords[frequency].example}`);
      const table = readGroupTable(input.members, indicator.unit);
      if ('problem' in table) throw new FieldValidationError('members', table.problem);
      const { members } = table;
      const selves = members.filter((member) => member.name.toLowerCase() === input.selfName.trim().toLowerCase());
      if (selves.length !== 1) throw new FieldValidationError('selfName', 'Enter this partnership’s name exactly as it is in the list');
      if (members.length < 2) throw new FieldValidationError('members', 'Enter at least two members of the group');
      const comparison = {
        id: randomUUID(),
        partnershipId,
        indicatorId,
        period,
        publishedAverage: poundsToPence(input.publishedAverage, indicator.unit),
        source: input.source,
        updatedAt: isoNow(clock),
      };
      const rows = members.map((member, position) => ({
        id: randomUUID(),
        position,
        name: member.name,
        value: member.value,
        isSelf: Number(member === selves[0]),
      }));
      await db.transaction().execute(async (trx) => {
        await lockRow(trx, 'indicators', indicatorId);
        const before = (await listMsgComparisons(trx, partnershipId, [indicatorId])).find((c) => c.period === period) ?? null;
        await refusingDuplicates(() => replaceMsgComparison(trx, comparison, rows), new ConflictError(1));
        await audit.record(trx, actor, {
          action: before ? 'update' : 'create',
          entityType: 'msg_comparison',
          entityId: comparison.id,
          partnershipId,
          summary: `Recorded the Most Similar Group table of ${indicator.name} for ${periodLabel(period, frequency)}`,
          before,
          after: { ...comparison, members: rows },
        });
      });
    },

    reports: reportsOf,
    quarters,

    async report(partnershipId, quarter, options = {}) {
      const loaded = await loadReport(partnershipId, quarter, options.approvedOnly);
      return { ...loaded, moves: reportMoves(loaded.report, todayInEngland(clock)) };
    },

    reportVersion: async (partnershipId) => `${await performanceVersion(db, partnershipId)}:${todayInEngland(clock)}`,
    charts,
    document,

    async saveSummary(actor, partnershipId, quarter, summary, version) {
      await db.transaction().execute(async (trx) => {
        const row = await draftRow(trx, actor, partnershipId, quarter, 'summary');
        await updateVersioned(trx, audit, actor, {
          table: 'performanceReports',
          id: row.id,
          partnershipId,
          version: version ?? row.version,
          changes: { summary, updatedAt: isoNow(clock) },
          what: 'report',
          entry: () => ({
            action: 'update',
            entityType: 'performance_report',
            partnershipId,
            summary: `Wrote the summary of the performance report for ${periodLabel(quarter)}`,
            before: { summary: row.summary },
            after: { summary },
          }),
        });
      });
    },

    async saveCommentary(actor, partnershipId, quarter, indicatorId, commentary) {
      const indicator = await indicators.get(partnershipId, indicatorId);
      await db.transaction().execute(async (trx) => {
        // One commentary per indicator in a report, written by update-or-insert: its writers go in turn.
        await lockRow(trx, 'indicators', indicator.id);
        const row = await draftRow(trx, actor, partnershipId, quarter, 'commentary');
        const before = (await listCommentary(trx, row.id)).find((c) => c.indicatorId === indicatorId) ?? null;
        const now = isoNow(clock);
        await saveCommentary(trx, { reportId: row.id, indicatorId, commentary, updatedAt: now, updatedBy: actor.userId });
        // The report's version moves with its commentary, so an approver who read the old words is refused.
        await updateVersioned(trx, audit, actor, {
          table: 'performanceReports',
          id: row.id,
          partnershipId,
          version: row.version,
          changes: { updatedAt: now },
          what: 'report',
          entry: () => ({
            action: before ? 'update' : 'create',
            entityType: 'report_commentary',
            partnershipId,
            summary: `Wrote the commentary on ${indicator.name} for ${periodLabel(quarter)}`,
            before,
            after: { indicatorId, commentary },
          }),
        });
      });
    },

    async approve(actor, partnershipId, quarter, seenFingerprint, recorded) {
      if (!quarterHasEnded(quarter, todayInEngland(clock))) {
        throw new FieldValidationError('approve', `${periodLabel(quarter)} has not ended yet: its report can be approved once it has`);
      }
      const changedMeanwhile = new FieldValidationError(
        'approve',
        'The figures or commentary changed after you opened the report, so it has not been approved: check it, then approve it again',
      );
      // Worked out before the transaction, which has SQLite's one connection; the approver approves what
      // they read, so a report whose figures or words have changed since is refused.
      const seen = (await findReport(db, partnershipId, quarter)) ?? null;
      const live = await liveReport(partnershipId, quarter, seen);
      if (seenFingerprint !== null && reportFingerprint(live) !== seenFingerprint) throw changedMeanwhile;
      const approvedAt = recorded ? recorded.approvedAt : isoNow(clock);
      const report = { ...live, status: 'approved', approvedAt, approvedByName: actor.name };
      await db.transaction().execute(async (trx) => {
        const row = await draftRow(trx, actor, partnershipId, quarter, 'approve');
        if (seen && row.version !== seen.version) throw changedMeanwhile;
        await updateVersioned(trx, audit, actor, {
          table: 'performanceReports',
          id: row.id,
          partnershipId,
          version: row.version,
          changes: {
            status: 'approved',
            approvedAt,
            approvedBy: actor.userId,
            approvedJson: JSON.stringify(report),
            updatedAt: isoNow(clock),
          },
          what: 'report',
          entry: () => ({
            action: 'update',
            entityType: 'performance_report',
            partnershipId,
            summary: `Approved the performance report for ${periodLabel(quarter)}: it is published`,
            before: { status: row.status },
            after: { status: 'approved', approvedAt },
          }),
        });
      });
    },

    async attachToMeeting(actor, partnershipId, quarter, meetingId, exceptionsOnly) {
      const { report } = await loadReport(partnershipId, quarter, true).catch(() => {
        throw new FieldValidationError('meetingId', 'Approve the report before it goes to a meeting');
      });
      const meeting = await meetingStillToCome(partnershipId, meetingId);
      const title = `${exceptionsOnly ? 'Exception report' : 'Performance report'}, ${report.periodLabel}`;
      const pdf = await document(report, 'pdf', exceptionsOnly);
      await attachReport(actor, partnershipId, meeting.id, {
        title,
        purpose: exceptionsOnly
          ? 'To consider the indicators outside tolerance: under- or over-performance against target'
          : 'To review performance against the annual targets',
        pdf,
        confidentialReason: null,
      });
      return title;
    },

    async updateFromPoliceUk(actor, partnershipId, indicatorId) {
      return policeUk.update(actor, partnershipId, await indicators.get(partnershipId, indicatorId));
    },

    async confirmFigures(actor, partnershipId, indicatorId, seen) {
      return policeUk.confirm(actor, partnershipId, await indicators.get(partnershipId, indicatorId), seen);
    },

    async priorityIndicators(partnershipId, priorityId) {
      const listed = await listIndicators(db, partnershipId, { priorityId });
      if (listed.length === 0) return [];
      const { reports: written, latestQuarter } = await reportsOf(partnershipId);
      const quarter = written[0]?.period ?? latestQuarter;
      const { report } = await loadReport(partnershipId, quarter);
      return report.indicators
        .filter((figures) => listed.some((indicator) => indicator.id === figures.indicatorId))
        .map((figures) => ({
          name: figures.name,
          href: `/partnerships/${partnershipId}/performance/indicators/${figures.indicatorId}`,
          latest: `${formatValue(figures.period.current, figures.unit)} (${figures.periodLabel})`,
          status: statusWords(figures),
          rag: figures.rag,
        }));
    },
  };
}

/**
 * The figures of indicators fed from crime data: worked out from the imported police.uk data for the partnership
 * and its peers, written as provisional figures with each period's group table, and confirmed by the analyst.
 * A confirmed figure is never overwritten: when the data later gives another figure, that figure is kept beside it
 * (policeUkValue) for the page to show the difference, and confirming again takes it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow, todayInEngland } from '../../platform/clock.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import { updateVersioned } from '../../platform/records.ts';
import { lockRow } from '../../db/locks.ts';
import type { Database } from '../../db/schema.ts';
import { formatValue } from './format.ts';
import {
  findMeasurement,
  type IndicatorView,
  insertMeasurement,
  replaceMsgComparison,
  setBaselineValue,
  updatePoliceUkFigure,
} from './performance.repository.ts';
import { frequencyOf, periodLabel } from './periods.ts';
import {
  type CrimeFigures,
  type CrimeMeasure,
  crimeMeasureWords,
  firstPoliceUkMonth,
  measureOf,
  monthsOf,
  periodsCovered,
  policeUkGroupSource,
} from './policeUkFigures.ts';

export interface PoliceUkUpdate {
  added: number;
  changed: number;
  /** Confirmed figures the data now gives differently: they stand, and the page shows the difference. */
  differing: number;
  /** Periods with a group table. */
  compared: number;
}

/** A figure as the analyst saw it when confirming: its period and version. */
export interface SeenFigure {
  period: string;
  version: number;
}

interface PeriodFigures {
  period: string;
  own: number;
  members: { name: string; value: number | null; isSelf: boolean }[];
}

export function measureOfIndicator(indicator: IndicatorView): CrimeMeasure | null {
  if (indicator.figuresFrom !== 'police_uk' || (indicator.unit !== 'count' && indicator.unit !== 'rate_per_1000')) return null;
  return { crimeType: indicator.crimeType, includesAsb: indicator.includesAsb === 1, unit: indicator.unit };
}

export function createPoliceUkIndicators({
  db,
  audit,
  clock,
  crimeFigures,
}: {
  db: Kysely<Database>;
  audit: AuditWriter;
  clock: Clock;
  crimeFigures: CrimeFigures;
}) {
  /** Each period the partnership's data wholly covers, with its figure and every peer's (null where theirs does not). */
  async function compute(partnershipId: string, indicator: IndicatorView, measure: CrimeMeasure): Promise<PeriodFigures[]> {
    const thisMonth = todayInEngland(clock).slice(0, 7);
    const [own] = await crimeFigures.areaFigures([partnershipId], { from: firstPoliceUkMonth, to: thisMonth });
    if (!own) return [];
    const peers = await crimeFigures.peers(partnershipId);
    const ids = [partnershipId, ...peers.map((peer) => peer.partnershipId).filter((id) => id !== partnershipId)];
    const figures: PeriodFigures[] = [];
    // The group is compared per 1,000 residents whatever the indicator's unit: partnerships differ in size.
    const perResidents = { ...measure, unit: 'rate_per_1000' as const };
    for (const { period, months } of periodsCovered(own.heldMonths, indicator.frequency)) {
      const areas = await crimeFigures.areaFigures(ids, { from: months[0] ?? period, to: months.at(-1) ?? period });
      const members = ids.map((id) => {
        const area = areas.find((candidate) => candidate.partnershipId === id);
        const name = area?.name ?? peers.find((peer) => peer.partnershipId === id)?.name ?? id;
        return { name, value: area ? measureOf(area, months, perResidents) : null, isSelf: id === partnershipId };
      });
      const ownArea = areas.find((candidate) => candidate.partnershipId === partnershipId);
      const ownValue = ownArea ? measureOf(ownArea, months, measure) : null;
      if (ownValue !== null) figures.push({ period, own: ownValue, members });
    }
    return figures;
  }

  /** The figure for the indicator's baseline period (a year, quarter or month), from the data as any other figure; null where not held. */
  async function baselineOf(partnershipId: string, indicator: IndicatorView, measure: CrimeMeasure): Promise<number | null> {
    const frequency = indicator.baselinePeriod ? frequencyOf(indicator.baselinePeriod) : null;
    if (!indicator.baselinePeriod || !frequency) return null;
    const months = monthsOf(indicator.baselinePeriod, frequency);
    const [own] = await crimeFigures.areaFigures([partnershipId], { from: months[0] ?? '', to: months.at(-1) ?? '' });
    return own ? measureOf(own, months, measure) : null;
  }

  async function update(actor: Actor, partnershipId: string, indicator: IndicatorView): Promise<PoliceUkUpdate> {
    const measure = measureOfIndicator(indicator);
    if (!measure) throw new FieldValidationError('update', `The figures of ${indicator.name} are typed in, not worked out from police.uk`);
    // Worked out before the transaction, which has SQLite's one connection.
    const figures = await compute(partnershipId, indicator, measure);
    const baselineValue = await baselineOf(partnershipId, indicator, measure);
    const result: PoliceUkUpdate = { added: 0, changed: 0, differing: 0, compared: 0 };
    await db.transaction().execute(async (trx) => {
      // One writer of an indicator's figures at a time: a second update finds the first's figures and changes none.
      await lockRow(trx, 'indicators', indicator.id);
      const now = isoNow(clock);
      const before: unknown[] = [];
      const after: unknown[] = [];
      if (baselineValue !== indicator.baselineValue) {
        await setBaselineValue(trx, indicator.id, baselineValue);
        before.push({ baselinePeriod: indicator.baselinePeriod, baselineValue: indicator.baselineValue });
        after.push({ baselinePeriod: indicator.baselinePeriod, baselineValue });
      }
      for (const { period, own, members } of figures) {
        const existing = await findMeasurement(trx, indicator.id, period);
        if (!existing) {
          const row = {
            id: randomUUID(),
            partnershipId,
            indicatorId: indicator.id,
            period,
            value: own,
            status: 'provisional' as const,
            note: null,
            policeUkValue: own,
            createdAt: now,
            updatedAt: now,
            updatedBy: actor.userId,
          };
          await insertMeasurement(trx, row);
          after.push({ period, value: own, status: 'provisional' });
          result.added += 1;
        } else if (existing.policeUkValue !== own || (existing.status === 'provisional' && existing.value !== own)) {
          const confirmed = existing.status === 'confirmed';
          await updatePoliceUkFigure(trx, existing.id, {
            value: confirmed ? existing.value : own,
            policeUkValue: own,
            updatedAt: now,
            updatedBy: actor.userId,
          });
          before.push({ period, value: existing.value, policeUkValue: existing.policeUkValue, status: existing.status });
          after.push({ period, value: confirmed ? existing.value : own, policeUkValue: own, status: existing.status });
          result[confirmed ? 'differing' : 'changed'] += 1;
        }
        await replaceMsgComparison(
          trx,
          {
            id: randomUUID(),
            partnershipId,
            indicatorId: indicator.id,
            period,
            publishedAverage: null,
            source: policeUkGroupSource,
            updatedAt: now,
          },
          members.map((member, position) => ({ id: randomUUID(), position, ...member, isSelf: Number(member.isSelf) })),
        );
        result.compared += 1;
      }
      await audit.record(trx, actor, {
        action: 'update',
        entityType: 'indicator',
        entityId: indicator.id,
        partnershipId,
        summary: `Updated the figures of ${indicator.name} from police.uk (${crimeMeasureWords(measure)}): ${result.added} added, ${result.changed} changed, ${result.differing} confirmed ${result.differing === 1 ? 'figure differs' : 'figures differ'} from the data now`,
        before,
        after,
      });
    });
    return result;
  }

  /** Confirms the figures the analyst saw (at the police.uk figure it then had); refused if any has changed since. */
  async function confirm(actor: Actor, partnershipId: string, indicator: IndicatorView, seen: readonly SeenFigure[]): Promise<number> {
    if (!measureOfIndicator(indicator)) throw new FieldValidationError('confirm', `The figures of ${indicator.name} are typed in`);
    let confirmed = 0;
    await db.transaction().execute(async (trx) => {
      await lockRow(trx, 'indicators', indicator.id);
      for (const { period, version } of seen) {
        const existing = await findMeasurement(trx, indicator.id, period);
        const dataValue = existing?.policeUkValue ?? null;
        if (!existing || dataValue === null || (existing.status === 'confirmed' && existing.value === dataValue)) continue;
        const label = `${indicator.name} for ${periodLabel(period, indicator.frequency)}`;
        await updateVersioned(trx, audit, actor, {
          table: 'measurements',
          id: existing.id,
          partnershipId,
          version,
          changes: { value: dataValue, status: 'confirmed', updatedAt: isoNow(clock), updatedBy: actor.userId },
          what: 'figure',
          entry: (before, after) => ({
            action: 'update',
            entityType: 'measurement',
            partnershipId,
            summary: `Confirmed the figure of ${label}: ${formatValue(dataValue, indicator.unit)}`,
            before,
            after,
          }),
        });
        confirmed += 1;
      }
    });
    return confirmed;
  }

  return { update, confirm };
}

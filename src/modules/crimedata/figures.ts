/**
 * A partnership's crime figures over whole months, for its profile and its comparison with peers: its crimes by
 * type (built on the one query that says which crimes are an area's), the months its force's files cover, and its
 * residents. Its peer set is the analyst's choice, audited; until then, the other partnerships of its area.
 */
import type { Kysely } from 'kysely';
import type { Engine } from '../../db/dialect.ts';
import type { Database, LsoaEdition } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/principal.ts';
import type { AreaFigures, AreaLsoa, Month } from './analysis/types.ts';
import { type CspRow, listCspLsoas } from './crimedata.repository.ts';
import {
  countAreaCrimesByType,
  countForceCrimesWithoutLocation,
  listChosenPeers,
  listPartnershipsWithCrimeAreas,
  lockCrimeArea,
  replacePeers,
} from './figures.repository.ts';

export type { AreaFigures } from './analysis/types.ts';

export interface Peer {
  partnershipId: string;
  name: string;
}

/** A partnership that may be chosen as a peer, whether it is one now, and the first and last months held for its force. */
export interface PeerChoice extends Peer {
  isPeer: boolean;
  held: { first: Month; last: Month; count: number } | null;
}

export interface AreaFiguresService {
  /** The crimes of partnerships' areas over whole months (inclusive), by type, with the area's residents. */
  areaFigures(partnershipIds: readonly string[], months: { from: Month; to: Month }): Promise<AreaFigures[]>;
  /** The partnership's peer set (never itself), as the analyst chose it or, until then, the partnerships of its area. */
  peers(partnershipId: string): Promise<Peer[]>;
  /** Every partnership with a crime area but the partnership itself, by name, each said whether it is a peer now. */
  peerChoices(partnershipId: string): Promise<{ chosen: boolean; choices: PeerChoice[] }>;
  /** Sets the peer set: partnerships with a crime area, at least one, never itself (else a problem with peerIds). */
  choosePeers(actor: Actor, partnershipId: string, peerIds: readonly string[]): Promise<void>;
  /** Forgets the peers chosen, so that the peers are again the other partnerships of the area; audited. */
  useDefaultPeers(actor: Actor, partnershipId: string): Promise<void>;
  /** The rows of the partnership's force's files for the months with no location; null when its area is not set. */
  crimesWithoutLocation(partnershipId: string, months: { from: Month; to: Month }): Promise<{ force: string; crimes: number } | null>;
}

export interface AreaFiguresDependencies {
  db: Kysely<Database>;
  engine: Engine;
  audit: AuditWriter;
  clock: Clock;
  /** The partnerships held in Safer (governance's), with their area. */
  partnerships: () => Promise<{ id: string; name: string; areaId: string }[]>;
  /** The partnership's crime area, with the reference that places its LSOAs loaded; null when not set. */
  area: (partnershipId: string) => Promise<CspRow | null>;
  /** The months a force has a complete file for, each with the census edition its file is coded in. */
  heldMonths: (forceCode: string) => Promise<readonly { month: Month; edition: LsoaEdition }[]>;
}

/** Residents of the LSOAs; null when any population is not known (a part would understate every rate). */
function residents(lsoas: readonly AreaLsoa[]): number | null {
  if (lsoas.length === 0 || lsoas.some((lsoa) => lsoa.population === null)) return null;
  return lsoas.reduce((sum, lsoa) => sum + (lsoa.population ?? 0), 0);
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'en-GB');

export function createAreaFigures(deps: AreaFiguresDependencies): AreaFiguresService {
  const { db, audit, clock } = deps;

  async function figuresOf(partnershipId: string, name: string, months: { from: Month; to: Month }): Promise<AreaFigures> {
    const area = await deps.area(partnershipId);
    if (!area) return { partnershipId, name, heldMonths: [], byType: [], population: null, populationEdition: null };
    const held = (await deps.heldMonths(area.forceCode)).filter(({ month }) => month >= months.from && month <= months.to);
    // The residents are those of the LSOAs of the latest held month's edition, as are its crimes.
    const latest = held.at(-1);
    const [counts, lsoas] = await Promise.all([
      latest ? countAreaCrimesByType(db, area.code, months) : [],
      latest ? listCspLsoas(db, area.code, latest.edition) : [],
    ]);
    const byType = counts.sort((a, b) => b.count - a.count || a.crimeType.localeCompare(b.crimeType, 'en-GB'));
    const population = residents(lsoas);
    const heldMonths = held.map(({ month }) => month);
    return {
      partnershipId,
      name,
      heldMonths,
      byType,
      population,
      populationEdition: population === null ? null : (latest?.edition ?? null),
    };
  }

  /** The partnerships that may be peers of this one: those with a crime area, never itself. */
  async function candidates(partnershipId: string) {
    const [all, withAreas] = await Promise.all([deps.partnerships(), listPartnershipsWithCrimeAreas(db)]);
    const areas = new Set(withAreas);
    return { all, candidates: all.filter((p) => p.id !== partnershipId && areas.has(p.id)).sort(byName) };
  }

  async function peers(partnershipId: string): Promise<Peer[]> {
    const [{ all, candidates: open }, chosen] = await Promise.all([candidates(partnershipId), listChosenPeers(db, partnershipId)]);
    const self = all.find((p) => p.id === partnershipId);
    const peerIds = chosen.length ? new Set(chosen) : new Set(open.filter((p) => p.areaId === self?.areaId).map((p) => p.id));
    return open.filter((p) => peerIds.has(p.id)).map((p) => ({ partnershipId: p.id, name: p.name }));
  }

  return {
    async areaFigures(partnershipIds, months) {
      const names = new Map((await deps.partnerships()).map((p) => [p.id, p.name]));
      return Promise.all(partnershipIds.map((id) => figuresOf(id, names.get(id) ?? '', months)));
    },

    peers,

    async peerChoices(partnershipId) {
      const [{ candidates: open }, chosen, current] = await Promise.all([
        candidates(partnershipId),
        listChosenPeers(db, partnershipId),
        peers(partnershipId),
      ]);
      const peerIds = new Set(current.map((peer) => peer.partnershipId));
      // A peer whose force's months differ from the partnership's compares only over the months both hold: say them.
      const held = await Promise.all(
        open.map(async (p) => {
          const area = await deps.area(p.id);
          const months = area ? (await deps.heldMonths(area.forceCode)).map(({ month }) => month) : [];
          const [first, last] = [months[0], months.at(-1)];
          return first && last ? { first, last, count: months.length } : null;
        }),
      );
      return {
        chosen: chosen.length > 0,
        choices: open.map((p, index) => ({ partnershipId: p.id, name: p.name, isPeer: peerIds.has(p.id), held: held[index] ?? null })),
      };
    },

    async choosePeers(actor, partnershipId, peerIds) {
      const chosen = [...new Set(peerIds)];
      if (chosen.length === 0) throw new FieldValidationError('peerIds', 'Select at least one partnership to compare with');
      const { candidates: open } = await candidates(partnershipId);
      const names = new Map(open.map((p) => [p.id, p.name]));
      if (chosen.some((id) => !names.has(id)))
        throw new FieldValidationError('peerIds', 'Select partnerships from the list: each must have its crime data area set');
      await db.transaction().execute(async (trx) => {
        if (!(await lockCrimeArea(trx, deps.engine, partnershipId)))
          throw new FieldValidationError('peerIds', 'The partnership’s crime data area must be set before its peers are chosen');
        const before = await listChosenPeers(trx, partnershipId);
        await replacePeers(trx, partnershipId, chosen, isoNow(clock));
        await audit.record(trx, actor, {
          action: before.length ? 'update' : 'create',
          entityType: 'crime-peers',
          entityId: partnershipId,
          partnershipId,
          summary: `Peers for crime figures set to ${chosen.map((id) => names.get(id)).join(', ')}`,
          before: before.length ? { peerIds: before } : null,
          after: { peerIds: chosen },
        });
      });
    },

    async useDefaultPeers(actor, partnershipId) {
      await db.transaction().execute(async (trx) => {
        await lockCrimeArea(trx, deps.engine, partnershipId);
        const before = await listChosenPeers(trx, partnershipId);
        if (before.length === 0) return;
        await replacePeers(trx, partnershipId, [], isoNow(clock));
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'crime-peers',
          entityId: partnershipId,
          partnershipId,
          summary: 'Peers for crime figures set back to the default: the other partnerships of the area',
          before: { peerIds: before },
          after: { peerIds: [] },
        });
      });
    },

    async crimesWithoutLocation(partnershipId, months) {
      const area = await deps.area(partnershipId);
      if (!area) return null;
      const { fallsWithin, crimes } = await countForceCrimesWithoutLocation(db, area.forceCode, months);
      return { force: fallsWithin ?? area.forceName, crimes };
    },
  };
}

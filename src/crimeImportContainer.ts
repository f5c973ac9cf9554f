/**
 * The crime data service as the composition root wires it, and the few services `safer import-crime` needs built
 * alone: the command loads the audit, governance and crime data modules, not every module of the web app
 * (docs/decisions/0051). This file imports nothing of the others, so that the command does not load them.
 */
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { AuditWriter } from './platform/audit.ts';
import type { Database } from './db/schema.ts';
import { createDb, type DatabaseHandle } from './db/createDb.ts';
import { createAuditTrail } from './modules/audit/index.ts';
import { createGovernanceService, type GovernanceService } from './modules/governance/index.ts';
import { createCrimeDataService, type CrimeDataService } from './modules/crimedata/index.ts';

/** How an upload's import and the notice of its held files are queued: the web app's jobs. */
export interface CrimeDataJobs {
  enqueueJob(trx: Kysely<Database>, kind: string, payload: unknown, options?: { uniqueKey?: string }): Promise<void>;
}

/** Crime data over governance's partnerships and areas, its uploads queued as jobs. */
export function wireCrimeData(
  handle: DatabaseHandle,
  services: { audit: AuditWriter; clock: Clock; governance: GovernanceService; jobs: CrimeDataJobs },
): CrimeDataService {
  const { audit, clock, governance, jobs } = services;
  return createCrimeDataService({
    db: handle.db,
    engine: handle.engine,
    audit,
    clock,
    queueImport: (trx, importId) => jobs.enqueueJob(trx, 'crime-import', { importId }),
    // One notice an upload: queued after the batch's imports, it lists every file of the batch then held.
    onHeld: (trx, held) => jobs.enqueueJob(trx, 'crime-import-held', held, { uniqueKey: `crime-import-held ${held.batchId}` }),
    async partnership(partnershipId) {
      const { name, areaId } = await governance.partnerships.get(null, partnershipId);
      return { name, areaId, forceName: (await governance.areas.get(null, areaId)).forceName };
    },
    partnerships: async () => (await governance.partnerships.list(null)).map(({ id, name, areaId }) => ({ id, name, areaId })),
  });
}

/** The command imports files from disk, replacing at once: it holds nothing for an overseer and takes no uploads. */
const noJobs: CrimeDataJobs = {
  enqueueJob: (_trx, kind) => Promise.reject(new Error(`safer import-crime queues no jobs (asked to queue ${kind})`)),
};

/** The database and crime data for `safer import-crime`. */
export function createCrimeImportContainer(config: Config): { database: DatabaseHandle; crimeData: CrimeDataService } {
  const database = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const audit = createAuditTrail({ db: database.db, clock: systemClock });
  const governance = createGovernanceService({ db: database.db, audit, clock: systemClock });
  return { database, crimeData: wireCrimeData(database, { audit, clock: systemClock, governance, jobs: noJobs }) };
}

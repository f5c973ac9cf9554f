/** Tables of crime data and tasking: police.uk imports, crimes and their counts, priority locations (see ../schema.ts). */
import type { Generated } from 'kysely';
import type { PartnershipRecordColumns } from '../schema.ts';

export interface CrimeReferenceTable {
  name: string;
  edition: string;
  loadedAt: string;
}

export interface CrimeCspsTable {
  code: string;
  name: string;
  forceCode: string;
  forceName: string;
}

/** The census whose LSOA boundaries a code is of: an area unchanged in 2021 kept its code and is of both. */
export type LsoaEdition = 2011 | 2021;

/** An LSOA of one census edition: its name and population (mid-2019 for 2011, mid-2022 for 2021) are that edition's. */
export interface CrimeLsoasTable {
  code: string;
  edition: LsoaEdition;
  name: string;
  cspCode: string | null;
  population: number | null;
}

/**
 * receiving, waiting, importing, held (replaces a month held: waits for the overseer), confirming (only inside the
 * transaction that confirms a held file), complete, replaced, unchanged, refused, rejected (by the overseer) or
 * failed (the job queue gave up: it can be tried again).
 */
export type CrimeImportStatus =
  'receiving' | 'waiting' | 'importing' | 'held' | 'confirming' | 'complete' | 'replaced' | 'unchanged' | 'refused' | 'rejected' | 'failed';

export interface CrimeImportsTable {
  id: string;
  fileName: string;
  sha256: string;
  bytes: number;
  status: CrimeImportStatus;
  fallsWithin: string | null;
  forceCode: string | null;
  month: string | null;
  linesDone: Generated<number>;
  bytesDone: Generated<number>;
  crimes: Generated<number>;
  withoutLocation: Generated<number>;
  outsideForce: Generated<number>;
  unknownLsoa: Generated<number>;
  problem: string | null;
  runner: string | null;
  claimedUntil: string | null;
  batchId: string | null;
  partnershipId: string | null;
  importedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Who confirmed or rejected a held import (at finishedAt). */
  decidedBy: string | null;
  /** The LSOA edition the file's codes are of, worked out when its import completes (or is held). */
  lsoaEdition: LsoaEdition | null;
}

export interface CrimeUploadChunksTable {
  importId: string;
  seq: number;
  content: Buffer;
}

/** A file of an uploaded police.uk zip that was not imported, and why. */
export interface CrimeUploadSkipsTable {
  batchId: string;
  seq: number;
  fileName: string;
  reason: string;
}

export interface CrimesTable {
  importId: string;
  line: number;
  month: string;
  crimeId: string | null;
  longitude: number | null;
  latitude: number | null;
  location: string;
  lsoaCode: string | null;
  crimeType: string;
  outcome: string | null;
}

/** An import's crimes counted by month, LSOA and crime type (rows without an LSOA are in no count). */
export interface CrimeCountsTable {
  importId: string;
  month: string;
  lsoaCode: string;
  crimeType: string;
  crimes: number;
}

export interface CrimeAreasTable {
  partnershipId: string;
  cspCode: string;
  updatedAt: string;
}

/** A partnership's chosen peer set for crime figures: none chosen means the other partnerships of its area. */
export interface CrimePeersTable {
  partnershipId: string;
  peerId: string;
  chosenAt: string;
}

/** A priority location is a set of LSOAs or a set of streets (police.uk locations). */
export type LocationKind = 'lsoa' | 'street';

export interface PriorityLocationsTable extends PartnershipRecordColumns {
  name: string;
  kind: LocationKind;
  reason: string | null;
  priorityId: string | null;
}

export interface PriorityLocationPlacesTable {
  locationId: string;
  place: string;
}

export interface TaskingDocumentsTable {
  id: string;
  partnershipId: string;
  groupId: string;
  month: string;
  meetingId: string | null;
  pdf: Buffer;
  issuedAt: string;
  issuedBy: string | null;
  agendaItemId: string | null;
}

/** What an agency commits to a place at tasking. */
export type TaskingResource = 'patrols' | 'clean_up' | 'target_hardening' | 'cctv' | 'engagement' | 'enforcement' | 'other';

export interface TaskingActionsTable {
  id: string;
  version: Generated<number>;
  partnershipId: string;
  actionId: string;
  month: string;
  priorityLocationId: string | null;
  lsoaCode: string | null;
  placeName: string;
  resource: TaskingResource;
  description: string;
  organisationId: string;
  startsOn: string;
  endsOn: string;
  result: string | null;
  resultReportedAt: string | null;
  resultReportedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

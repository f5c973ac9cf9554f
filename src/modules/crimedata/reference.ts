/**
 * The ONS reference that places each LSOA in its partnership and force area: shipped with the project (reference/)
 * and loaded into the database the first time it is needed, or again when the shipped edition changes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { parse as parseText } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { Database } from '../../db/schema.ts';
import { findReferenceEdition, type LsoaRow, replaceReference } from './crimedata.repository.ts';

const referenceDirectory = join(import.meta.dirname, 'reference');

async function* gunzippedLsoas(): AsyncGenerator<LsoaRow[]> {
  const rows = createReadStream(join(referenceDirectory, 'lsoas.csv.gz'))
    .pipe(createGunzip())
    .pipe(parse({ columns: true }));
  let batch: LsoaRow[] = [];
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    batch.push({
      code: row.code ?? '',
      edition: row.edition === '2011' ? 2011 : 2021,
      name: row.name ?? '',
      cspCode: row.csp_code || null,
      population: row.population ? Number(row.population) : null,
    });
    if (batch.length === 500) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function loadReference(db: Kysely<Database>, clock: Clock): Promise<void> {
  const [lsoas, csps] = await Promise.all([
    readFile(join(referenceDirectory, 'lsoas.csv.gz')),
    readFile(join(referenceDirectory, 'csps.csv'), 'utf8'),
  ]);
  const edition = createHash('sha256').update(lsoas).update(csps).digest('hex');
  if ((await findReferenceEdition(db, 'ons')) === edition) return;
  const cspRows = parseText<Record<string, string>>(csps, { columns: true });
  await db.transaction().execute((trx) =>
    replaceReference(trx, {
      name: 'ons',
      edition,
      loadedAt: isoNow(clock),
      csps: cspRows.map((row) => ({ code: row.code!, name: row.name!, forceCode: row.force_code!, forceName: row.force_name! })),
      lsoas: gunzippedLsoas(),
    }),
  );
}

/** Loads the shipped reference when the database holds another edition, or none: once per process, tried again after a failure. */
export function createReferenceLoader(db: Kysely<Database>, clock: Clock): () => Promise<void> {
  let loaded: Promise<void> | undefined;
  return () => {
    loaded ??= loadReference(db, clock).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

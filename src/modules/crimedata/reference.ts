/**
 * The ONS reference that places each LSOA in its partnership and force area: shipped with the project (reference/)
 * and loaded into the database the first time it is needed, or again when the shipped edition changes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseText } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { type Clock, isoNow } from '../../platform/clock.ts';
import type { Engine } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import { findReferenceEdition, lockReference, type LsoaRow, replaceReference } from './crimedata.repository.ts';
import { forceAreaName } from './forces.ts';

const referenceDirectory = join(import.meta.dirname, 'reference');
const lsoaHeadings = 'code,edition,name,csp_code,population';

function fieldsOf(line: string): string[] {
  return line.includes('"') ? (parseText(line)[0] ?? []) : line.split(',');
}

/**
 * The shipped LSOAs, a few thousand at a time, from the file read at once (a few MB): a line split at its commas, and
 * only the few whose name has a comma (quoted) through the CSV parser. Only a batch of rows is held at once.
 */
function* lsoaBatches(gzipped: Buffer): Generator<LsoaRow[]> {
  const [headings, ...lines] = gunzipSync(gzipped).toString('utf8').trimEnd().split(/\r?\n/);
  if (headings !== lsoaHeadings) throw new Error(`The shipped LSOAs' headings are ${headings}, not ${lsoaHeadings}`);
  for (let start = 0; start < lines.length; start += 5_000) yield lines.slice(start, start + 5_000).map(lsoaRow);
}

function lsoaRow(line: string): LsoaRow {
  const [code = '', edition, name = '', cspCode, population] = fieldsOf(line);
  return {
    code,
    edition: edition === '2011' ? 2011 : 2021,
    name,
    cspCode: cspCode || null,
    population: population ? Number(population) : null,
  };
}

async function loadReference(db: Kysely<Database>, engine: Engine, clock: Clock): Promise<void> {
  const [lsoas, csps] = await Promise.all([
    readFile(join(referenceDirectory, 'lsoas.csv.gz')),
    readFile(join(referenceDirectory, 'csps.csv'), 'utf8'),
  ]);
  // The way the rows are read is part of the edition: a database loaded before force areas were named as a sentence
  // says them loads the reference again.
  const edition = createHash('sha256').update(lsoas).update(csps).update('forceAreaName').digest('hex');
  if ((await findReferenceEdition(db, 'ons')) === edition) return;
  const cspRows = parseText<Record<string, string>>(csps, { columns: true });
  await db.transaction().execute(async (trx) => {
    // Two processes starting on one database load it once: the second waits for the first, then finds it loaded.
    await lockReference(trx, 'ons');
    if ((await findReferenceEdition(trx, 'ons')) === edition) return;
    await replaceReference(trx, engine, {
      name: 'ons',
      edition,
      loadedAt: isoNow(clock),
      csps: cspRows.map((row) => ({
        code: row.code!,
        name: row.name!,
        forceCode: row.force_code!,
        forceName: forceAreaName(row.force_name!),
      })),
      lsoas: lsoaBatches(lsoas),
    });
  });
}

/** Loads the shipped reference when the database holds another edition, or none: once per process, tried again after a failure. */
export function createReferenceLoader(db: Kysely<Database>, engine: Engine, clock: Clock): () => Promise<void> {
  let loaded: Promise<void> | undefined;
  return () => {
    loaded ??= loadReference(db, engine, clock).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

/**
 * What happens to an import after its run: the change a file that replaces a month makes to each partnership of
 * its force; the file held for the area's overseer, who confirms it (it then takes the older files' place, in one
 * transaction) or rejects it; and an import the job queue gave up on, failed with its reason and tried again.
 */
import type { Kysely } from 'kysely';
import { type Actor, systemPrincipal } from '../../platform/principal.ts';
import { type Clock, isoNow } from '../../platform/clock.ts';
import { FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { type Engine, isUniqueViolation } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import {
  addMonthlyCounts,
  makeMonthPartition,
  countCrimesByCsp,
  deleteCrimes,
  deleteUpload,
  findCrimeArea,
  findImport,
  type ImportRow,
  listForcePartnerships,
  listHeldMonths,
  listNamedImports,
  type NamedImportRow,
  listSupersededImports,
  moveImport,
  updateImport,
  writeMonthlyCounts,
} from './crimedata.repository.ts';
import type { LsoaTypeCount } from './fileTally.ts';
import type { CrimeDataService } from './crimedata.service.ts';
import { importStatusName } from './importReport.ts';
import { muchSmaller, type PartnershipChange, partnershipChanges } from './replacement.ts';

/** What the page says of an import the job queue gave up on: what to do, not the technical reason. */
export const stoppedProblem =
  'The import stopped before it finished. Try again. Nothing of the file counts yet; if it stops again, tell your administrator.';

export interface HeldImportsDeps {
  db: Kysely<Database>;
  engine: Engine;
  audit: AuditWriter;
  clock: Clock;
  queueImport: (trx: Kysely<Database>, importId: string) => Promise<void>;
  partnership: (partnershipId: string) => Promise<{ name: string; forceName: string; areaId: string }>;
}

/** A held file as the overseer checks it (the change it would make), or one decided: by whom, when and why. */
export interface HeldFile {
  imported: NamedImportRow;
  /** The partnership that uploaded it. */
  uploadedFrom: string;
  decided: { outcome: 'confirmed' | 'rejected'; by: string | null; at: string | null; reason: string | null } | null;
  changes: PartnershipChange[];
  /** Whether the file would replace a month held, rather than add one Safer does not hold for the force. */
  replacesMonth: boolean;
  replacedCrimes: number;
  muchSmaller: boolean;
}

/** For a held file: whether it replaces a month the force holds, or adds the month for the force's other partnerships. */
export type HeldEffect = { replacesMonth?: boolean };

/** A file waiting for the overseer of its partnership's area. */
export type WaitingFile = NamedImportRow & { partnershipName: string; areaId: string; replacesMonth: boolean };

export function createHeldImports(deps: HeldImportsDeps) {
  const { db, audit, clock } = deps;

  /** The change the file makes to each partnership of its force whose crime area is set, against the files it replaces. */
  async function changesOf(imported: ImportRow, replaced: readonly { id: string }[]): Promise<PartnershipChange[]> {
    if (!imported.forceCode) return [];
    const partnerships = await listForcePartnerships(db, imported.forceCode);
    const [counts, named] = await Promise.all([
      countCrimesByCsp(
        db,
        [imported.id, ...replaced.map((row) => row.id)],
        partnerships.map((row) => row.cspCode),
      ),
      Promise.all(partnerships.map(async (row) => ({ ...row, name: (await deps.partnership(row.partnershipId)).name }))),
    ]);
    return partnershipChanges(named, counts, { importId: imported.id });
  }

  /**
   * In the caller's transaction: the older files of the force and month out of the way of the one-complete-file
   * index, then this one complete, its upload gone, audited with what it replaced and the change to each partnership.
   * Its monthly counts are those given (the import counted them as it read the file), or else counted from its rows.
   */
  async function takePlace(
    trx: Kysely<Database>,
    imported: ImportRow,
    older: readonly Pick<ImportRow, 'id' | 'fileName' | 'sha256' | 'crimes'>[],
    actor: Actor,
    changes: readonly PartnershipChange[],
    counts?: readonly LsoaTypeCount[],
  ): Promise<void> {
    for (const row of older) {
      await deleteCrimes(trx, row.id);
      await updateImport(trx, row.id, { status: 'replaced' });
    }
    if (counts) await writeMonthlyCounts(trx, deps.engine, { id: imported.id, month: imported.month ?? '' }, counts);
    else await addMonthlyCounts(trx, imported.id);
    await updateImport(trx, imported.id, {
      status: 'complete',
      bytesDone: imported.bytes,
      finishedAt: isoNow(clock),
      runner: null,
      claimedUntil: null,
    });
    await deleteUpload(trx, imported.id);
    const { crimes, withoutLocation, unknownLsoa, outsideForce, fallsWithin, month } = imported;
    await audit.record(trx, actor, {
      action: 'create',
      entityType: 'crime-import',
      entityId: imported.id,
      partnershipId: imported.partnershipId,
      summary: `Imported ${crimes} crimes from ${imported.fileName} (${fallsWithin}, ${month})${older.length ? `, replacing ${older.map((row) => `${row.fileName} (${row.crimes} crimes)`).join(', ')}` : ''}`,
      before: older.length ? older.map(({ id, fileName, sha256, crimes }) => ({ id, fileName, sha256, crimes })) : null,
      after: {
        fileName: imported.fileName,
        sha256: imported.sha256,
        month,
        fallsWithin,
        crimes,
        withoutLocation,
        unknownLsoa,
        outsideForce,
        ...(older.length ? { changes: changes.map(({ name, before, after }) => ({ name, before, after })) } : {}),
      },
    });
  }

  async function heldImport(partnershipId: string, importId: string): Promise<HeldFile> {
    const [imported] = await listNamedImports(db, { id: importId });
    // A file decided on says what became of it; one never held is not this page's.
    const decided = imported?.status === 'rejected' || (imported?.decidedBy && imported.status !== 'held');
    if (imported?.partnershipId !== partnershipId || (imported.status !== 'held' && !decided))
      throw new NotFoundError('file waiting for confirmation');
    const uploadedFrom = (await deps.partnership(partnershipId)).name;
    if (decided) {
      const outcome = imported.status === 'rejected' ? 'rejected' : 'confirmed';
      const reason = outcome === 'rejected' ? imported.problem : null;
      const decision = { outcome, by: imported.decidedByName, at: imported.finishedAt, reason } as const;
      return { imported, uploadedFrom, decided: decision, changes: [], replacesMonth: false, replacedCrimes: 0, muchSmaller: false };
    }
    return { ...(await changeOfHeld(imported)), imported, uploadedFrom, decided: null };
  }

  /** The rows, each held one with whether it replaces a month held: one look-up a force, however many rows. */
  async function withEffect<T extends ImportRow>(rows: T[]): Promise<(T & HeldEffect)[]> {
    const forces = [...new Set(rows.flatMap((row) => (row.status === 'held' && row.forceCode ? [row.forceCode] : [])))];
    const held = new Map(
      await Promise.all(
        forces.map(async (force) => [force, new Set((await listHeldMonths(db, force)).map(({ month }) => month))] as const),
      ),
    );
    return rows.map((row) =>
      row.status === 'held' ? { ...row, replacesMonth: held.get(row.forceCode ?? '')?.has(row.month ?? '') ?? false } : row,
    );
  }

  /** Held files with their partnership's name and area: governance asked once a partnership, however many files. */
  async function waiting(rows: NamedImportRow[]): Promise<WaitingFile[]> {
    const partnerships = new Map<string, ReturnType<HeldImportsDeps['partnership']>>();
    const partnershipOf = (id: string) => {
      if (!partnerships.has(id)) partnerships.set(id, deps.partnership(id));
      return partnerships.get(id)!;
    };
    return Promise.all(
      (await withEffect(rows)).map(async (row) => {
        const { name, areaId } = await partnershipOf(row.partnershipId ?? '');
        return { ...row, partnershipName: name, areaId, replacesMonth: row.replacesMonth ?? false };
      }),
    );
  }

  /** Files waiting for an overseer: those of the partnership's force (none before its area is set), or every one. */
  async function waitingFiles(partnershipId?: string): Promise<WaitingFile[]> {
    const forceCode = partnershipId ? (await findCrimeArea(db, partnershipId))?.forceCode : undefined;
    if (partnershipId && !forceCode) return [];
    return waiting(await listNamedImports(db, { status: 'held', ...(forceCode ? { forceCode } : {}) }));
  }

  /** The files of one upload (or the one file) still waiting for the overseer: read by the batch's key, never by a scan. */
  async function heldFiles(of: { batchId?: string; importId?: string }): Promise<WaitingFile[]> {
    if (!of.batchId && !of.importId) return [];
    return waiting(await listNamedImports(db, { status: 'held', batchId: of.batchId, id: of.importId }));
  }

  async function changeOfHeld(imported: ImportRow) {
    const older = await listSupersededImports(db, {
      id: imported.id,
      forceCode: imported.forceCode ?? '',
      month: imported.month ?? '',
    });
    const replacedCrimes = older.reduce((sum, row) => sum + row.crimes, 0);
    return {
      imported,
      changes: await changesOf(imported, older),
      replacesMonth: older.length > 0,
      replacedCrimes,
      muchSmaller: muchSmaller(imported.crimes, replacedCrimes),
    };
  }

  const decisions: Pick<
    CrimeDataService,
    'failQueuedImport' | 'retryImport' | 'heldImport' | 'waitingFiles' | 'heldFiles' | 'decideHeldImport'
  > = {
    async failQueuedImport(trx, importId, reason) {
      // Its batches and upload are kept: tried again, it carries on after the last batch committed. The page says
      // what to do; the technical reason is for the administrator, in the audit log (and the job's last error).
      const moved = await moveImport(trx, importId, ['waiting', 'importing'], {
        status: 'failed',
        problem: stoppedProblem,
        runner: null,
        claimedUntil: null,
        finishedAt: isoNow(clock),
      });
      const imported = moved ? await findImport(trx, importId) : undefined;
      if (!imported) return;
      await audit.record(trx, systemPrincipal, {
        action: 'update',
        entityType: 'crime-import',
        entityId: importId,
        partnershipId: imported.partnershipId,
        summary: `The import of ${imported.fileName} stopped before it finished: ${reason}`,
        before: null,
        after: { status: 'failed', reason },
      });
    },

    async retryImport(actor, partnershipId, importId) {
      const imported = await findImport(db, importId);
      if (imported?.partnershipId !== partnershipId) throw new NotFoundError('crime import');
      const moved = await db.transaction().execute(async (trx) => {
        // Only from failed, whoever else presses the button at the same moment: queued once.
        if (!(await moveImport(trx, importId, ['failed'], { status: 'waiting', problem: null, finishedAt: null }))) return false;
        await deps.queueImport(trx, importId);
        await audit.record(trx, actor, {
          action: 'update',
          entityType: 'crime-import',
          entityId: importId,
          partnershipId,
          summary: `Tried the import of ${imported.fileName} again`,
          before: { status: 'failed', problem: imported.problem },
          after: { status: 'waiting' },
        });
        return true;
      });
      const now = (await findImport(db, importId))!;
      // Pressed together with another press that queued it, it is being imported again; anything else was never stopped.
      if (!moved && !['waiting', 'importing'].includes(now.status)) {
        throw new FieldValidationError(
          'import',
          `Only a stopped import can be tried again: ${now.fileName} is “${importStatusName(now.status)}”, so nothing has been done.`,
        );
      }
      return now;
    },

    heldImport,

    waitingFiles,

    heldFiles,

    async decideHeldImport(actor, partnershipId, importId, { decision, reason }) {
      const decided = () => new FieldValidationError('decision', 'Someone else has decided on this file: it is no longer waiting.');
      const found = await findImport(db, importId);
      if (found?.partnershipId !== partnershipId) throw new NotFoundError('file waiting for confirmation');
      if (found.status !== 'held') throw decided();
      const { imported, changes } = await changeOfHeld(found);
      const older = await listSupersededImports(db, {
        id: imported.id,
        forceCode: imported.forceCode ?? '',
        month: imported.month ?? '',
      });
      if (decision === 'reject') {
        if (!reason) throw new FieldValidationError('reason', 'Enter why the file is rejected');
        await db.transaction().execute(async (trx) => {
          if (
            !(await moveImport(trx, importId, ['held'], {
              status: 'rejected',
              problem: reason,
              finishedAt: isoNow(clock),
              decidedBy: actor.userId,
            }))
          )
            throw decided();
          await deleteCrimes(trx, importId);
          await audit.record(trx, actor, {
            action: 'update',
            entityType: 'crime-import',
            entityId: importId,
            partnershipId,
            summary: `Rejected ${imported.fileName} (${imported.fallsWithin}, ${imported.month}): ${reason}`,
            before: { status: 'held' },
            after: { status: 'rejected', reason, changes: changes.map(({ name, before, after }) => ({ name, before, after })) },
          });
        });
      } else {
        try {
          await monthPartition(imported.month ?? '');
          await db.transaction().execute(async (trx) => {
            // Taken first, so that two confirmations at the same moment replace the month once.
            if (!(await moveImport(trx, importId, ['held'], { status: 'confirming', decidedBy: actor.userId }))) throw decided();
            await takePlace(trx, imported, older, actor, changes);
          });
        } catch (error) {
          // Another file of the force and month was confirmed at the same moment.
          if (isUniqueViolation(error)) {
            throw new FieldValidationError(
              'decision',
              'Another file for this month was confirmed at the same moment: check the change again.',
            );
          }
          throw error;
        }
      }
      return (await findImport(db, importId))!;
    },
  };
  /** Before the transaction in which takePlace runs (see makeMonthPartition). */
  const monthPartition = (month: string) => makeMonthPartition(db, deps.engine, month);

  return { changesOf, takePlace, monthPartition, withEffect, decisions };
}

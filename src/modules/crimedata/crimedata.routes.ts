/**
 * Crime data pages: the partnership's area (chosen by an administrator or the area's overseer) and the police.uk
 * months held, the upload of street-level files with each file's progress (a file stopped is tried again from
 * there) and the overseer's check of a file that would replace a month held. A month's hotspots are in
 * hotspots.routes.ts, the crime profile and the peer comparison in figures.routes.ts.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CrimeImportStatus } from '../../db/schema.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { digits, plural } from '../../platform/numbers.ts';
import { isAllowed } from '../../platform/policy.ts';
import type { Recipients } from '../../platform/recipients.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { attempt, type FormErrors } from '../../web/forms.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { principalOf } from '../../web/permissions.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import { partnershipParams } from '../../web/schemas.ts';
import { filesIn, looksLikeText, withFileUploads } from '../../web/uploads.ts';
import { gapsIn } from './analysis/months.ts';
import { areaFields, heldDecisionFields } from './crimedata.forms.ts';
import { areaSchema, heldDecisionSchema } from './crimedata.inputs.ts';
import type { CrimeDataService, ImportRow } from './crimedata.service.ts';
import type { HeldEffect } from './heldImports.ts';
import { monthName } from '../../platform/dates.ts';
import { decisionText, heldNoticeWords, uploadedText, waitingFileView } from './heldWords.ts';
import { registerFigureRoutes } from './figures.routes.ts';
import { registerHotspotRoutes } from './hotspots.routes.ts';
import { analyse, areaView, base, type CrimeDataRequest, crimeDataCrumbs, mayAnalyse, mayOversee, view } from './crimedata.pages.ts';
import {
  heldEffect,
  importFinished,
  importMonthText,
  importMoves,
  importOutcome,
  importPercent,
  importProgress,
  importStatusName,
  uploadOutcome,
} from './importReport.ts';
import { changeText, describeChange } from './replacement.ts';
import { skippedText } from './policeUkZip.ts';

const maxFiles = 60;
/** police.uk's download, by its name: a spreadsheet (a zip inside too) is still said to be not a CSV file. */
const isZip = (file: { fileName: string }) => file.fileName.toLowerCase().endsWith('.zip');
const maxBytes = 50 * 1024 * 1024;
const maxSizeText = '50 MB';
const refreshSeconds = 2;

/** What the crime data pages need beyond the module's own service. */
export interface CrimeDataRouteDependencies {
  crimeData: CrimeDataService;
  /** Runs the queued jobs: an upload starts its imports at once, rather than at the worker's next round. */
  runJobs: () => Promise<unknown>;
  /** The area's overseers, whom the notice that files wait for their decision goes to. */
  overseersOf: (areaId: string) => Promise<Recipients>;
}

const batchParams = partnershipParams.extend({ batchId: z.string() });
const importParams = batchParams.extend({ importId: z.string() });
const heldParams = partnershipParams.extend({ importId: z.string() });

/** GOV.UK tag colours for an import's status. */
const statusTagClasses: Record<CrimeImportStatus, string> = {
  receiving: 'govuk-tag--light-blue',
  waiting: 'govuk-tag--grey',
  importing: 'govuk-tag--light-blue',
  complete: 'govuk-tag--green',
  replaced: 'govuk-tag--grey',
  unchanged: 'govuk-tag--blue',
  refused: 'govuk-tag--red',
  held: 'govuk-tag--yellow',
  confirming: 'govuk-tag--yellow',
  rejected: 'govuk-tag--red',
  failed: 'govuk-tag--orange',
};

const importView = (row: ImportRow & HeldEffect) => ({
  id: row.id,
  batchId: row.batchId,
  fileName: row.fileName,
  month: importMonthText(row),
  status: importStatusName(row.status),
  tagClass: statusTagClasses[row.status],
  progress: importProgress(row),
  finished: importFinished(row),
  outcome: importOutcome(row),
  ...importMoves(row),
});

/** One sentence on an upload still under way, for the page's live region: read out only when it changes. */
function progressSummary(rows: readonly ImportRow[]): string {
  const done = rows.filter(importFinished).length;
  const current = rows.find((row) => row.status === 'importing');
  const reading = current ? ` Reading ${current.fileName}: ${importPercent(current)}%.` : '';
  return `${done} of ${plural(rows.length, 'file', 'files')} done.${reading}`;
}

export const crimeDataRoutes: ModuleRoutes<CrimeDataRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/crime-data',
  plugin(instance, { pages, deps: { crimeData, runJobs, overseersOf } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    // The area, the months held and the latest imports.
    app.get('', { config: view, schema: { params: partnershipParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const [area, months, imports, waiting] = await Promise.all([
        crimeData.area(partnershipId),
        crimeData.publishedMonths(partnershipId),
        crimeData.imports({ partnershipId, limit: 10 }),
        crimeData.waitingFiles(partnershipId),
      ]);
      const first = months[0];
      const latest = months.at(-1);
      return pages.render(request, reply, 'crimedata/views/crime-data.njk', {
        title: 'Crime data',
        area: areaView(area),
        months:
          first && latest ? { first: monthName(first), latest: monthName(latest), count: plural(months.length, 'month', 'months') } : null,
        gaps: gapsIn(months).map((month) => `No file for ${monthName(month)}: police.uk did not publish it, or it has not been imported`),
        // The partnership's own uploads: files imported at the command line, or by another partnership of the force, are not its.
        imports: imports.map(importView),
        // Every partnership of the force sees what waits; whoever oversees the uploader's area checks it.
        waiting: waiting.map((file) => ({
          ...waitingFileView(file),
          mayDecide: isAllowed(request.principal, 'area:oversee', { id: file.partnershipId ?? '', areaId: file.areaId }),
        })),
        hotspots: latest ? { href: `${base(request)}/hotspots?month=${latest}`, month: monthName(latest) } : null,
        mayAnalyse: mayAnalyse(request),
        mayChooseArea: mayOversee(request),
        base: base(request),
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    // The area decides whose crimes and whose files are the partnership's: the overseer's (or an administrator's) to set.
    registerFormPage(app, pages, {
      path: '/area',
      action: '/area',
      access: 'area:oversee',
      params: partnershipParams,
      fields: areaFields,
      schema: areaSchema,
      load: (request) => crimeData.area(request.params.partnershipId),
      title: (area) => (area ? 'Change the crime data area' : 'Choose the crime data area'),
      intro: () =>
        'The partnership’s crimes are those police.uk places in the neighbourhoods (LSOAs) of this Community Safety Partnership area, which must be in the partnership’s own police force area: the force whose street-level files it imports.',
      submitText: 'Save area',
      crumbs: crimeDataCrumbs,
      back: base,
      initialValues: (_request, area) => ({ cspCode: area?.code ?? '' }),
      // The partnership's own force's areas, by name as people read them, whichever database sorted them.
      options: async (request) => ({
        cspCode: (await crimeData.areaChoices(request.params.partnershipId))
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
          .map((csp) => ({ value: csp.code, text: `${csp.name} (${csp.forceName})` })),
      }),
      async save(request, value) {
        const { partnershipId } = request.params;
        await crimeData.setArea(principalOf(request), partnershipId, value.cspCode);
        const area = await crimeData.area(partnershipId);
        return { redirect: base(request), flash: `Crime data area set to ${area?.name ?? value.cspCode}` };
      },
    });

    // The upload: many files at once, each streamed to disk and from there into the database, then imported by a job.
    async function renderImport(request: CrimeDataRequest, reply: FastifyReply, errors: FormErrors | null) {
      const area = await crimeData.area(request.params.partnershipId);
      if (errors) reply.code(400);
      return pages.render(request, reply, 'crimedata/views/import.njk', {
        title: 'Import police.uk crime data',
        area: areaView(area),
        errors,
        maxFiles,
        maxSizeText,
        base: base(request),
        breadcrumbs: crimeDataCrumbs(request),
      });
    }
    app.get('/import', { config: analyse, schema: { params: partnershipParams } }, (request, reply) => renderImport(request, reply, null));
    withFileUploads(instance, { maxBytes, maxFiles }, (scope) => {
      // The files are read by web/uploads.ts, as the form arrives; the address is checked as every other.
      scope
        .withTypeProvider<ZodTypeProvider>()
        .post('/import', { config: analyse, schema: { params: partnershipParams } }, async (request, reply) => {
          // Each problem in the summary and, together, next to the file input.
          const refuse = (problems: string[]) =>
            renderImport(request, reply, {
              summary: problems.map((text) => ({ text, href: '#files' })),
              byField: { files: problems.join('. ') },
            });
          const { files, overLimit } = filesIn(request.body, 'files');
          if (overLimit) return refuse([`Select ${maxFiles} files or fewer at a time`]);
          if (files.length === 0) return refuse(['Select the police.uk street-level CSV files to import']);
          const problems = files.flatMap((file) => {
            if (file.truncated) return [`${file.fileName} must be smaller than ${maxSizeText}`];
            if (file.bytes === 0) return [`${file.fileName} is empty`];
            if (!isZip(file) && !looksLikeText(file.start))
              return [`${file.fileName} is not a CSV file: select the street-level files downloaded from data.police.uk, or its zip`];
            return [];
          });
          if (problems.length) return refuse(problems);
          const { partnershipId } = request.params;
          const batchId = randomUUID();
          // Taken whole or not at all (the area not yet set, said before any file is kept): a batch holds no more
          // street files than the form takes, a zip's counting each.
          const received = await attempt(() =>
            crimeData.receiveBatch(principalOf(request), {
              partnershipId,
              batchId,
              files: files.map((file) => ({ fileName: file.fileName, path: file.path, zip: isZip(file) })),
              maxStreetFiles: maxFiles,
            }),
          );
          if (!received.ok) return refuse(Object.values(received.byField));
          void runJobs().catch((error: unknown) => request.log.error({ err: error }, 'the crime data imports did not start'));
          return reply.redirect(`${base(request)}/imports/${batchId}`, 303);
        });
    });

    // An upload's progress: with script, the page checks again every few seconds until every file is done.
    app.get('/imports/:batchId', { config: analyse, schema: { params: batchParams } }, async (request, reply) => {
      const { partnershipId, batchId } = request.params;
      const rows = (await crimeData.imports({ batchId })).sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.fileName.localeCompare(b.fileName, 'en-GB'),
      );
      // Another partnership's upload is not found through this one's address.
      if (rows.length === 0 || rows.some((row) => row.partnershipId !== partnershipId)) throw new NotFoundError('crime data upload');
      const finished = rows.every(importFinished);
      const outcome = uploadOutcome(rows);
      // Files that wait for a decision: their notice went to the area's overseers, named here.
      const areaId = request.partnership?.areaId;
      const held = finished && rows.some((row) => row.status === 'held');
      const told = held && areaId ? heldNoticeWords(await overseersOf(areaId)) : null;
      // The hotspots of the latest month the upload brought in: not of one whose file waits for the overseer, or was refused.
      const latest = rows
        .flatMap((row) => ((row.status === 'complete' || row.status === 'unchanged') && row.month ? [row.month] : []))
        .sort()
        .at(-1);
      const href = `${base(request)}/imports/${batchId}`;
      const skipped = skippedText(await crimeData.skippedFiles(batchId));
      return pages.render(request, reply, 'crimedata/views/progress.njk', {
        title: finished ? outcome.title : 'Importing crime data',
        files: rows.map(importView),
        finished,
        summary: finished ? null : progressSummary(rows),
        refreshSeconds,
        href,
        outcome: finished ? outcome.outcome : null,
        told,
        refused: outcome.warning,
        skipped,
        hotspots: finished && latest ? { href: `${base(request)}/hotspots?month=${latest}`, month: monthName(latest) } : null,
        base: base(request),
        breadcrumbs: crimeDataCrumbs(request),
      });
    });

    // A file the job queue gave up on, tried again: it carries on from the last batch it committed.
    app.post('/imports/:batchId/:importId/try-again', { config: analyse, schema: { params: importParams } }, async (request, reply) => {
      const { partnershipId, batchId, importId } = request.params;
      await reportOnNextPage(request, async () => {
        const imported = await crimeData.retryImport(principalOf(request), partnershipId, importId);
        if (imported.batchId !== batchId) throw new NotFoundError('crime data upload');
        void runJobs().catch((error: unknown) => request.log.error({ err: error }, 'the crime data import did not start again'));
        return `${imported.fileName} is being imported again`;
      });
      return reply.redirect(`${base(request)}/imports/${batchId}`);
    });

    // A file that would replace a month held: the overseer sees what it changes for each partnership, and decides.
    // Once decided, its address says what became of it.
    registerFormPage(app, pages, {
      path: '/held/:importId',
      action: '/held/:importId',
      access: 'area:oversee',
      params: heldParams,
      fields: heldDecisionFields,
      schema: heldDecisionSchema,
      load: (request) => crimeData.heldImport(request.params.partnershipId, request.params.importId),
      title: ({ imported, replacesMonth }) =>
        `Check the police.uk file for ${imported.month ? monthName(imported.month) : 'a month'} before it ${replacesMonth ? 'replaces the one held' : 'is added'}`,
      intro: ({ imported, replacesMonth, replacedCrimes }) =>
        replacesMonth
          ? `${imported.fileName} (${imported.fallsWithin}) has ${digits(imported.crimes, 0)} crimes, where the file held for the month has ${digits(replacedCrimes, 0)}. Confirmed, it ${heldEffect(true)}; until you decide, every figure stays as it was.`
          : `${imported.fileName} (${imported.fallsWithin}) has ${digits(imported.crimes, 0)} crimes for a month Safer does not hold for the force yet. Confirmed, it ${heldEffect(false)}; until you decide, none of them has its figures.`,
      template: 'crimedata/views/held.njk',
      details: (held) => {
        const month = held.imported.month ? monthName(held.imported.month) : '';
        return {
          month,
          uploaded: uploadedText(held),
          muchSmaller: held.muchSmaller,
          changes: held.changes.map((change) => ({
            ...change,
            before: digits(change.before, 0),
            after: digits(change.after, 0),
            change: describeChange(change),
            text: changeText(change, month),
          })),
        };
      },
      closed: (request, held) =>
        held.decided && {
          template: 'crimedata/views/held-decided.njk',
          view: {
            title: `This file has been ${held.decided.outcome}`,
            decision: decisionText(held.decided),
            uploaded: uploadedText(held),
            base: base(request),
          },
        },
      submitText: 'Save decision',
      crumbs: crimeDataCrumbs,
      back: base,
      initialValues: () => ({}),
      // Back to the list of files waiting for a decision (the home page's), its banner saying what became of this one and what is left.
      async save(request, value, _version, { imported }) {
        await crimeData.decideHeldImport(principalOf(request), request.params.partnershipId, imported.id, value);
        const left = (await crimeData.waitingFiles()).filter((file) =>
          isAllowed(request.principal, 'area:oversee', { id: file.partnershipId ?? '', areaId: file.areaId }),
        ).length;
        const outcome =
          value.decision === 'confirm'
            ? `${imported.fileName} confirmed: it now counts for every partnership of the force.`
            : `${imported.fileName} rejected: nothing has changed.`;
        const waiting =
          left === 0 ? 'No other file waits for your decision.' : `${plural(left, 'file waits', 'files wait')} for your decision.`;
        return { redirect: '/', flash: `${outcome} ${waiting}` };
      },
    });

    registerHotspotRoutes(instance, pages, crimeData);
    registerFigureRoutes(instance, pages, crimeData);
    done();
  },
};

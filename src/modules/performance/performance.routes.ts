/**
 * Performance pages: the indicators and their figures, the CSV import, Most Similar Group tables, and
 * the quarterly report with its exceptions — its commentary, approval, documents and the step that puts
 * it on a meeting's agenda — and, once approved, its public page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { financialYearName, formatDate } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { keyOf, kept } from '../../platform/kept.ts';
import { reportOnNextPage } from '../../web/buttons.ts';
import { sendFile } from '../../web/csv.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { errorsFor, type FormErrors, type Option, type TypedValues } from '../../web/forms.ts';
import { nameOf } from '../../platform/inputs.ts';
import { isAllowed } from '../../platform/policy.ts';
import { queryValues, single } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs, recordChoices, registerRecordPages } from '../../web/recordPages.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { EncodedHtml, withoutIndenting } from '../../web/render.ts';
import { formBody, partnershipParams, queryText, recordParams, uploadBody } from '../../web/schemas.ts';
import { uploadedCsv, withUpload } from '../../web/uploads.ts';
import { directionRuleText, targetRuleText } from './figures.ts';
import { describeTarget, exceptionRuleText } from './indicatorFigures.ts';
import { exceptionRule, formatValue, frequencyNames, polarityNames, unitNames } from './format.ts';
import { measurementsCsvHeadings } from './measurementsCsv.ts';
import type { IndicatorView } from './performance.repository.ts';
import {
  populationSchema,
  attachSchema,
  commentarySchema,
  indicatorSchema,
  measurementSchema,
  msgSchema,
  summarySchema,
} from './performance.inputs.ts';
import {
  attachFields,
  populationFields,
  commentaryFields,
  indicatorFields,
  measurementFields,
  measurementStatusNames,
  msgFields,
  summaryFields,
} from './performance.forms.ts';
import { type PerformanceService, reportFingerprint, type ReportFormat } from './performance.service.ts';
import { figureRows, reportBody } from './reportPage.ts';
import { frequencyOf, periodLabel, periodWords } from './periods.ts';
import type { PerformanceReport } from './report.ts';
import { crimeMeasureWords } from './policeUkFigures.ts';
import { measureOfIndicator } from './policeUkIndicators.ts';
import { policeUkFigure, registerPoliceUkRoutes } from './policeUk.routes.ts';
import { allCrime } from './performance.inputs.ts';
import { principalOf } from '../../web/permissions.ts';

/** What the performance pages need from other modules. */
export interface PerformanceRouteDependencies {
  performance: PerformanceService;
  /** The partnership's groups, archived ones too: an indicator keeps the owner it had. */
  groups: (partnershipId: string) => Promise<{ id: string; name: string; archivedAt: string | null }[]>;
  /** The meetings still to come, to which a report can go. */
  meetingsToCome: (partnershipId: string) => Promise<{ id: string; meetingDate: string; groupName: string }[]>;
}

/** The performance pages of the partnership whose page this is (its id is in the address, checked before the handler). */
const base = (request: FastifyRequest) => `/partnerships/${request.partnership?.id ?? ''}/performance`;

/** A quarter in an address: 2015-16 Q4 is 2015-16-q4. */
export const quarterSlug = (quarter: string) => quarter.replace(' ', '-').toLowerCase();
/** The quarter a slug names, or '' for one that names none. */
export function quarterOf(slug: string): string {
  const quarter = slug.toUpperCase().replace(/-Q(\d)$/, ' Q$1');
  return frequencyOf(quarter) === 'quarterly' ? quarter : '';
}

export const quarterParams = partnershipParams.extend({ quarter: z.string() });
export const fileParams = quarterParams.extend({ file: z.string() });
const chartParams = quarterParams.extend({ chart: z.string() });
const commentaryParams = quarterParams.extend({ indicatorId: z.string() });
const approveQuery = z.object({ fingerprint: queryText });

const documentFiles: Record<string, { format: ReportFormat; exceptionsOnly: boolean; type: string }> = {
  'report.pdf': { format: 'pdf', exceptionsOnly: false, type: 'application/pdf' },
  'report.docx': {
    format: 'docx',
    exceptionsOnly: false,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  'exceptions.pdf': { format: 'pdf', exceptionsOnly: true, type: 'application/pdf' },
  'exceptions.docx': {
    format: 'docx',
    exceptionsOnly: true,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
};

/** The document a file name in an address asks for: only these names (never one of Object's own). */
export const documentFileOf = (name: string) => (Object.hasOwn(documentFiles, name) ? documentFiles[name] : undefined);

const view = { access: 'partnership:view' } as const;
const analyse = { access: 'partnership:analyse' } as const;

/** The partnership's performance pages, under /partnerships/:partnershipId/performance. */
export const performanceRoutes: ModuleRoutes<PerformanceRouteDependencies> = {
  prefix: '/partnerships/:partnershipId/performance',
  plugin(instance, { pages, deps: { performance, groups, meetingsToCome } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const crumbs = (request: FastifyRequest): Crumb[] => [...partnershipCrumbs(request), { text: 'Performance', href: base(request) }];
    const indicatorHref = (request: FastifyRequest, id: string) => `${base(request)}/indicators/${id}`;
    const reportHref = (request: FastifyRequest, quarter: string) => `${base(request)}/reports/${quarterSlug(quarter)}`;
    const mayAnalyse = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:analyse', request.partnership);

    app.get('', { config: view, schema: { params: partnershipParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const [indicators, { reports }, quarters, populations] = await Promise.all([
        performance.indicators.list(partnershipId),
        performance.reports(partnershipId),
        performance.quarters(partnershipId),
        performance.populations(partnershipId),
      ]);
      return pages.render(request, reply, 'performance/views/performance.njk', {
        title: 'Performance',
        base: base(request),
        indicators: indicators.map((indicator) => ({
          ...indicator,
          unitName: nameOf(unitNames, indicator.unit),
          frequencyName: nameOf(frequencyNames, indicator.frequency),
          href: indicatorHref(request, indicator.id),
        })),
        reports: quarters.map((quarter) => {
          const row = reports.find((report) => report.period === quarter);
          return { label: periodLabel(quarter), href: reportHref(request, quarter), row };
        }),
        populations: populations.map((row) => ({ ...row, year: financialYearName(row.yearStarting) })),
        mayAnalyse: mayAnalyse(request),
        breadcrumbs: partnershipCrumbs(request),
      });
    });

    registerFormPage(app, pages, {
      path: '/populations/new',
      action: '/populations',
      access: 'partnership:analyse',
      params: partnershipParams,
      fields: populationFields,
      schema: populationSchema,
      load: () => Promise.resolve(null),
      title: () => 'Record the population for a year',
      intro: () =>
        'Rates per 1,000 population use the population of the financial year they are for. A year without a figure uses the partnership’s recorded population, and the report says so. A figure for a year already recorded replaces it.',
      submitText: 'Save population',
      crumbs,
      back: base,
      initialValues: () => ({}),
      async save(request, value) {
        await performance.savePopulation(principalOf(request), request.params.partnershipId, value);
        return { redirect: `${base(request)}#populations`, flash: `Population for ${financialYearName(value.yearStarting)} saved` };
      },
    });

    // An archived group or priority stays offered while it is the one chosen, so saving does not unlink it.
    const groupAndPriorityOptions = async (partnershipId: string | null, values: TypedValues): Promise<Record<string, Option[]>> => {
      const [owners, listed] = await Promise.all([groups(partnershipId ?? ''), performance.priorities(partnershipId ?? '')]);
      return {
        ownerGroupId: recordChoices(owners, values, 'ownerGroupId', (group) => group.name),
        priorityId: recordChoices(
          listed,
          values,
          'priorityId',
          (priority) => `${financialYearName(priority.yearStarting)}: ${priority.title}`,
        ),
      };
    };

    registerRecordPages<IndicatorView, z.output<typeof indicatorSchema>>(app, pages, {
      basePath: '/indicators',
      noun: 'indicator',
      pluralTitle: 'Indicators',
      access: { view: 'partnership:view', manage: 'partnership:analyse' },
      service: performance.indicators,
      fields: indicatorFields,
      schema: indicatorSchema,
      titleOf: (indicator) => indicator.name,
      columns: [
        { heading: 'Indicator', cell: (i) => i.name },
        { heading: 'Unit', cell: (i) => nameOf(unitNames, i.unit) },
        { heading: 'Which way is better', cell: (i) => nameOf(polarityNames, i.polarity) },
        { heading: 'Measured', cell: (i) => nameOf(frequencyNames, i.frequency) },
        { heading: 'Owning group', cell: (i) => i.ownerGroupName ?? '' },
        { heading: 'Priority', cell: (i) => i.priorityTitle ?? '' },
        { heading: 'Source', cell: (i) => i.source },
      ],
      options: groupAndPriorityOptions,
      // Money is kept in pence and typed in pounds.
      formValues: (indicator) => {
        const pounds = (value: number | null) => (value === null || indicator.unit !== 'money' ? value : value / 100);
        const measure = measureOfIndicator(indicator);
        return {
          ...indicator,
          crimeType: measure ? (measure.crimeType ?? allCrime) : null,
          includesAsb: measure ? measure.includesAsb : null,
          measure: measure?.unit ?? null,
          baselineValue: pounds(indicator.baselineValue),
          targetFigure: indicator.targetKind === 'value' ? pounds(indicator.targetValue) : null,
          targetChange: indicator.targetKind === 'change' ? indicator.targetValue : null,
        };
      },
      defaults: () => ({
        figuresFrom: 'typed_in',
        targetKind: 'none',
        stableWithinPercent: '1',
        redBeyondPercent: '5',
        status: 'provisional',
      }),
      crumbs,
      customView: true,
      intro: 'The measures the partnership manages by, with their targets.',
    });

    app.get('/indicators/:id', { config: view, schema: { params: recordParams } }, async (request, reply) => {
      const { partnershipId, id } = request.params;
      const indicator = await performance.indicators.get(partnershipId, id);
      const measurements = await performance.measurements(partnershipId, id);
      const unit = indicator.unit;
      const measure = measureOfIndicator(indicator);
      const shown = measurements
        .map((m) => ({
          ...m,
          label: periodLabel(m.period, indicator.frequency),
          shown: formatValue(m.value, unit),
          statusName: nameOf(measurementStatusNames, m.status),
          ...(measure ? policeUkFigure(m, unit) : { toConfirm: false, dataNow: null, seen: '' }),
        }))
        .reverse();
      return pages.render(request, reply, 'performance/views/indicator.njk', {
        title: indicator.name,
        indicator,
        policeUk: measure !== null,
        toConfirm: shown.filter((m) => m.toConfirm).map((m) => m.seen),
        summary: [
          { key: 'Definition', value: indicator.definition },
          ...(measure
            ? [
                {
                  key: 'Figures',
                  value: `Worked out by Safer from the imported police.uk data: ${crimeMeasureWords(measure)}, ${measure.unit === 'count' ? 'number of crimes' : 'crimes per 1,000 residents'}, for every period the data wholly covers, with the Most Similar Group from the partnership’s peers. New figures are provisional until confirmed.`,
                },
              ]
            : []),
          { key: 'Unit', value: nameOf(unitNames, indicator.unit) },
          { key: 'Which way is better', value: nameOf(polarityNames, indicator.polarity) },
          { key: 'Measured', value: nameOf(frequencyNames, indicator.frequency) },
          { key: 'Source', value: indicator.source },
          { key: 'Owning group', value: indicator.ownerGroupName ?? 'None' },
          { key: 'Priority it measures', value: indicator.priorityTitle ?? 'None' },
          {
            key: 'Baseline',
            value: indicator.baselinePeriod
              ? `${formatValue(indicator.baselineValue, unit)} in ${periodLabel(indicator.baselinePeriod)}`
              : 'None',
          },
          { key: 'Target', value: describeTarget(indicator) ?? 'No target' },
          {
            key: 'How the status is judged',
            value:
              indicator.polarity === 'monitor'
                ? 'Monitored only: its figures are reported, with no status and never as an exception.'
                : describeTarget(indicator)
                  ? targetRuleText(indicator)
                  : `No target: it is judged against the same period last year. ${exceptionRuleText(indicator.polarity, indicator)}`,
          },
          { key: 'Direction of travel', value: directionRuleText(indicator.stableWithinPercent) },
        ],
        measurements: shown,
        base: base(request),
        href: indicatorHref(request, id),
        mayAnalyse: mayAnalyse(request),
        breadcrumbs: [...crumbs(request), { text: 'Indicators', href: `${base(request)}/indicators` }],
      });
    });

    registerPoliceUkRoutes(app, performance, indicatorHref);

    const loadIndicator = (request: { params: z.output<typeof recordParams> }) =>
      performance.indicators.get(request.params.partnershipId, request.params.id);
    const indicatorCrumbs = (request: FastifyRequest, indicator: IndicatorView) => [
      ...crumbs(request),
      { text: indicator.name, href: indicatorHref(request, indicator.id) },
    ];

    registerFormPage(app, pages, {
      path: '/indicators/:id/figures/new',
      action: '/indicators/:id/figures',
      access: 'partnership:analyse',
      params: recordParams,
      fields: measurementFields,
      schema: measurementSchema,
      // "Change" on a recorded figure opens this form with its period: the figure as it stands, and its version.
      async load(request) {
        const indicator = await loadIndicator(request);
        const period = queryValues(request.query, ['period']).period;
        const existing = period
          ? ((await performance.measurements(indicator.partnershipId, indicator.id)).find((m) => m.period === period) ?? null)
          : null;
        return { indicator, existing };
      },
      title: ({ indicator, existing }) =>
        existing
          ? `Change the figure for ${periodLabel(existing.period, indicator.frequency)}: ${indicator.name}`
          : `Add a figure: ${indicator.name}`,
      intro: ({ indicator }) =>
        `Write the period like ${periodWords[indicator.frequency].example}. A figure for a period already recorded replaces it, and the change is kept in the audit log.`,
      submitText: 'Save figure',
      crumbs: (request, { indicator }) => indicatorCrumbs(request, indicator),
      back: (request, { indicator }) => indicatorHref(request, indicator.id),
      version: ({ existing }) => existing?.version ?? -1,
      initialValues: (_request, { indicator, existing }): TypedValues =>
        existing
          ? {
              period: existing.period,
              value: indicator.unit === 'money' ? (existing.value / 100).toFixed(2) : String(existing.value),
              status: existing.status,
              note: existing.note ?? '',
            }
          : { status: 'provisional' },
      async save(request, value, version, { indicator }) {
        await performance.recordMeasurement(
          principalOf(request),
          indicator.partnershipId,
          indicator.id,
          value,
          version >= 0 ? version : null,
        );
        return { redirect: indicatorHref(request, indicator.id), flash: `Figure saved for ${value.period}` };
      },
    });

    registerFormPage(app, pages, {
      path: '/indicators/:id/msg/new',
      action: '/indicators/:id/msg',
      access: 'partnership:analyse',
      params: recordParams,
      fields: msgFields,
      schema: msgSchema,
      load: loadIndicator,
      title: (indicator) => `Record a Most Similar Group table: ${indicator.name}`,
      intro: () =>
        'Copy the table from the source (for example iQuanta) as it is, one member a line. A member whose figure the source does not give keeps its place, with no figure: the page then says how many members the average covers.',
      submitText: 'Save table',
      crumbs: indicatorCrumbs,
      back: (request, indicator) => indicatorHref(request, indicator.id),
      initialValues: (request) => ({ selfName: request.partnership?.shortName ?? '', source: 'iQuanta Most Similar Group comparisons' }),
      async save(request, value, _version, indicator) {
        await performance.saveMsgComparison(principalOf(request), indicator.partnershipId, indicator.id, value);
        return { redirect: indicatorHref(request, indicator.id), flash: 'Most Similar Group table saved' };
      },
    });

    // The import: a CSV of figures, checked row by row; nothing is imported from a file with problems unless asked.
    const importPath = '/import';
    const importFields = [{ name: 'file', label: 'CSV file', kind: 'text' as const }];
    async function renderImport(
      request: FastifyRequest,
      reply: FastifyReply,
      state: { errors: FormErrors | null; problems: { line: number; message: string }[]; goodRowsOnly: boolean },
    ) {
      if (state.errors) reply.code(400);
      const indicators = await performance.indicators.list(request.partnership?.id ?? '');
      return pages.render(request, reply, 'performance/views/import.njk', {
        title: 'Import figures from a CSV file',
        headings: measurementsCsvHeadings,
        indicators: indicators.map((indicator) => ({
          name: indicator.name,
          example: periodWords[indicator.frequency].example,
          unit: nameOf(unitNames, indicator.unit),
        })),
        ...state,
        action: base(request) + '/import',
        cancel: base(request),
        breadcrumbs: crumbs(request),
      });
    }
    app.get(importPath, { config: analyse, schema: { params: partnershipParams } }, (request, reply) =>
      renderImport(request, reply, { errors: null, problems: [], goodRowsOnly: false }),
    );
    withUpload(app, 5 * 1024 * 1024, (scope) => {
      scope
        .withTypeProvider<ZodTypeProvider>()
        .post(importPath, { config: analyse, schema: { params: partnershipParams, body: uploadBody } }, async (request, reply) => {
          const { body } = request;
          const goodRowsOnly = body.goodRowsOnly === 'yes';
          const refuse = (message: string, problems: { line: number; message: string }[] = []) =>
            renderImport(request, reply, { errors: errorsFor(importFields, { file: message }), problems, goodRowsOnly });
          const upload = uploadedCsv(body, 'file', '5 MB');
          if ('problem' in upload) return refuse(upload.problem);
          const result = await performance.importMeasurements(principalOf(request), request.params.partnershipId, upload.text, {
            goodRowsOnly,
          });
          if (result.fileProblem) return refuse(result.fileProblem);
          if (result.imported === 0) {
            const badRows = new Set(result.problems.map((problem) => problem.line)).size;
            const rows = badRows === 1 ? 'a row' : `${badRows} rows`;
            return refuse(
              `The file has ${rows} with problems, so nothing was imported. Correct the file and select it again.`,
              result.problems,
            );
          }
          const leftOut = new Set(result.problems.map((problem) => problem.line)).size;
          const left = leftOut
            ? ` ${leftOut} ${leftOut === 1 ? 'row' : 'rows'} with problems ${leftOut === 1 ? 'was' : 'were'} left out.`
            : '';
          request.session.flash = `${result.imported} ${result.imported === 1 ? 'figure' : 'figures'} imported: ${result.added} new, ${result.changed} changed.${left}`;
          if (result.problems.length) request.session.problem = result.problems.map((p) => `Line ${p.line}: ${p.message}`).join('\n');
          return reply.redirect(base(request));
        });
    });

    // The quarterly report.
    const reportPath = '/reports/:quarter';
    const loadQuarter = async (request: { params: z.output<typeof quarterParams> }) => {
      const quarter = quarterOf(request.params.quarter);
      if (!quarter) throw new NotFoundError('report');
      return performance.report(request.params.partnershipId, quarter);
    };
    const reportCrumbs = (request: FastifyRequest, report: Pick<PerformanceReport, 'period' | 'periodLabel'>) => [
      ...crumbs(request),
      { text: `Performance report, ${report.periodLabel}`, href: reportHref(request, report.period) },
    ];
    // The report's page inside the layout, kept while its partnership's figures, reports and names stand still and the
    // day is the same (its moves follow from the day), for each way of reading it: one indexed read where there were
    // twelve queries, 4,800 measurements and forty blocks of GOV.UK components (decision 0054).
    const reportBodies = kept<{ body: EncodedHtml; periodLabel: string }>(16);
    // The charts those pages show, each by its partnership and the hash of what it shows, so its address never changes.
    const chartFiles = kept<string>(2000);
    const chartOf = async (partnershipId: string, quarter: string, key: string) => {
      // Not kept here (drawn in another process, or long ago): the report's charts, if one of them is this.
      const { report } = await performance.report(partnershipId, quarter);
      return [...(await performance.charts(report.indicators)).values()].find((chart) => chart.key === key)?.svg;
    };

    for (const exceptionsOnly of [false, true]) {
      app.get(
        `${reportPath}${exceptionsOnly ? '/exceptions' : ''}`,
        { config: view, schema: { params: quarterParams } },
        async (request, reply) => {
          const quarter = quarterOf(request.params.quarter);
          if (!quarter) return reply.callNotFound();
          const { partnershipId } = request.params;
          const readership = { exceptionsOnly, mayAnalyse: mayAnalyse(request) };
          const titleOf = (periodLabel: string) => `${exceptionsOnly ? 'Exception report' : 'Performance report'}, ${periodLabel}`;
          const key = keyOf([partnershipId, quarter, readership, await performance.reportVersion(partnershipId)]);
          const { body, periodLabel } = await reportBodies(key, async () => {
            const { report, moves } = await performance.report(partnershipId, quarter);
            const { html, charts } = await reportBody(pages, performance, report, {
              ...readership,
              title: titleOf(report.periodLabel),
              partnership: request.partnership,
              moves,
              fingerprint: report.status === 'draft' ? reportFingerprint(report) : null,
              href: reportHref(request, quarter),
              publicHref: `/public/partnerships/${partnershipId}/performance/${quarterSlug(quarter)}`,
              files: `${reportHref(request, quarter)}/files`,
              approvedOn: report.approvedAt ? formatDate(report.approvedAt) : null,
              chartsHref: `${reportHref(request, quarter)}/charts`,
            });
            for (const chart of charts) void chartFiles(`${partnershipId}/${chart.key}`, () => Promise.resolve(chart.svg));
            return { body: new EncodedHtml(withoutIndenting(html)), periodLabel: report.periodLabel };
          });
          return pages.render(request, reply, 'kept-page.njk', {
            title: titleOf(periodLabel),
            body,
            breadcrumbs: exceptionsOnly ? reportCrumbs(request, { period: quarter, periodLabel }) : crumbs(request),
          });
        },
      );
    }

    app.get(`${reportPath}/charts/:chart`, { config: view, schema: { params: chartParams } }, async (request, reply) => {
      const quarter = quarterOf(request.params.quarter);
      const key = /^([\w-]+)\.svg$/.exec(request.params.chart)?.[1];
      if (!quarter || !key) return reply.callNotFound();
      const { partnershipId } = request.params;
      const svg = await (chartFiles.peek(`${partnershipId}/${key}`) ?? chartOf(partnershipId, quarter, key));
      if (svg === undefined) return reply.callNotFound();
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'private, max-age=31536000, immutable').send(svg);
    });

    app.get(`${reportPath}/files/:file`, { config: view, schema: { params: fileParams } }, async (request, reply) => {
      const quarter = quarterOf(request.params.quarter);
      const file = documentFileOf(request.params.file);
      if (!quarter || !file) return reply.callNotFound();
      const { report } = await performance.report(request.params.partnershipId, quarter);
      const bytes = await performance.document(report, file.format, file.exceptionsOnly);
      const name = `${report.partnershipName} ${file.exceptionsOnly ? 'exception' : 'performance'} report ${report.periodLabel}${report.status === 'draft' ? ' DRAFT' : ''}.${file.format}`;
      return sendFile(reply, name, file.type, bytes);
    });

    registerFormPage(app, pages, {
      path: `${reportPath}/summary`,
      action: `${reportPath}/summary`,
      access: 'partnership:analyse',
      params: quarterParams,
      fields: summaryFields,
      schema: summarySchema,
      load: loadQuarter,
      title: ({ report }) => `Summary of the performance report, ${report.periodLabel}`,
      submitText: 'Save summary',
      crumbs: (request, { report }) => reportCrumbs(request, report),
      back: (request, { report }) => reportHref(request, report.period),
      initialValues: (_request, { report }) => ({ summary: report.summary }),
      version: ({ row }) => row?.version ?? -1,
      async save(request, value, version, { report, row }) {
        await performance.saveSummary(principalOf(request), report.partnershipId, report.period, value.summary, row ? version : null);
        return { redirect: reportHref(request, report.period), flash: 'Summary saved' };
      },
    });

    registerFormPage(app, pages, {
      path: `${reportPath}/indicators/:indicatorId/commentary`,
      action: `${reportPath}/indicators/:indicatorId/commentary`,
      access: 'partnership:analyse',
      params: commentaryParams,
      fields: commentaryFields,
      schema: commentarySchema,
      async load(request) {
        const { report, row } = await loadQuarter(request);
        const figures = report.indicators.find((candidate) => candidate.indicatorId === request.params.indicatorId);
        if (!figures) throw new NotFoundError('indicator');
        return { report, row, figures };
      },
      title: ({ report, figures }) => `Commentary on ${figures.name}, ${report.periodLabel}`,
      intro: ({ figures }) =>
        figureRows(figures)
          .map((row) => `${row.key}: ${row.value}`)
          .join('. '),
      submitText: 'Save commentary',
      crumbs: (request, { report }) => reportCrumbs(request, report),
      back: (request, { report, figures }) => `${reportHref(request, report.period)}#indicator-${figures.indicatorId}`,
      initialValues: (_request, { figures }) => ({ commentary: figures.commentary }),
      async save(request, value, _version, { report, figures }) {
        await performance.saveCommentary(principalOf(request), report.partnershipId, report.period, figures.indicatorId, value.commentary);
        return {
          redirect: `${reportHref(request, report.period)}#indicator-${figures.indicatorId}`,
          flash: `Commentary on ${figures.name} saved`,
        };
      },
    });

    // Approval cannot be undone, so it is asked for on a page of its own; it carries the fingerprint of the draft read.
    app.get(
      `${reportPath}/approve`,
      { config: analyse, schema: { params: quarterParams, querystring: approveQuery } },
      async (request, reply) => {
        const quarter = quarterOf(request.params.quarter);
        if (!quarter) return reply.callNotFound();
        const { report, moves } = await performance.report(request.params.partnershipId, quarter);
        if (!moves.approve) return reply.redirect(reportHref(request, quarter));
        return pages.render(request, reply, 'performance/views/approve.njk', {
          title: `Approve and publish the performance report for ${report.periodLabel}?`,
          indicatorCount: report.indicators.length,
          exceptionCount: report.indicators.filter((figures) => figures.exception).length,
          exceptionRule,
          fingerprint: request.query.fingerprint ?? '',
          action: `${reportHref(request, quarter)}/approve`,
          cancel: reportHref(request, quarter),
          breadcrumbs: reportCrumbs(request, report),
        });
      },
    );

    app.post(`${reportPath}/approve`, { config: analyse, schema: { params: quarterParams, body: formBody } }, async (request, reply) => {
      const quarter = quarterOf(request.params.quarter);
      if (!quarter) return reply.callNotFound();
      await reportOnNextPage(request, async () => {
        const actor = { ...principalOf(request), name: request.principal?.name ?? '' };
        // The draft as the approver read it: without its fingerprint nothing is approved.
        const seen = single(request.body.fingerprint) ?? '';
        await performance.approve(actor, request.params.partnershipId, quarter, seen);
        return `Report approved: the figures are published on the public site`;
      });
      return reply.redirect(reportHref(request, quarter));
    });

    registerFormPage(app, pages, {
      path: `${reportPath}/attach`,
      action: `${reportPath}/attach`,
      access: 'partnership:analyse',
      params: quarterParams,
      fields: attachFields,
      schema: attachSchema,
      load: loadQuarter,
      title: ({ report }) => `Put the performance report for ${report.periodLabel} on a meeting’s agenda`,
      intro: () =>
        'The report goes on the agenda as a new item, with its PDF as the item’s paper. Only an approved report can go to a meeting.',
      submitText: 'Add to the agenda',
      crumbs: (request, { report }) => reportCrumbs(request, report),
      back: (request, { report }) => reportHref(request, report.period),
      initialValues: () => ({ document: 'exceptions' }),
      async options(request) {
        const upcoming = await meetingsToCome(request.params.partnershipId);
        return {
          meetingId: upcoming.map((meeting) => ({ value: meeting.id, text: `${formatDate(meeting.meetingDate)}, ${meeting.groupName}` })),
        };
      },
      async save(request, value, _version, { report }) {
        const title = await performance.attachToMeeting(
          principalOf(request),
          report.partnershipId,
          report.period,
          value.meetingId,
          value.document === 'exceptions',
        );
        return {
          redirect: `/partnerships/${report.partnershipId}/meetings/${value.meetingId}#agenda`,
          flash: `"${title}" added to the agenda with its paper`,
        };
      },
    });

    done();
  },
};

/** The quarterly financial report: its page, its PDF and Word files, and putting it on a meeting's agenda. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formatDate } from '../../platform/dates.ts';
import { sendFile } from '../../web/csv.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { principalOf } from '../../web/permissions.ts';
import type { PageRenderer } from '../../web/render.ts';
import { attachFields } from './funding.forms.ts';
import { attachSchema } from './funding.inputs.ts';
import { mayManage, quarterParams, reportFileParams, reportHref, view, yearCrumbs } from './funding.paths.ts';
import type { FundingRouteDependencies } from './funding.routes.ts';
import type { ReportFormat } from './funding.service.ts';
import { reportPage } from './funding.views.ts';

const reportFiles: Record<'report.pdf' | 'report.docx', { format: ReportFormat; type: string }> = {
  'report.pdf': { format: 'pdf', type: 'application/pdf' },
  'report.docx': { format: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

export function registerReportRoutes(
  instance: FastifyInstance,
  pages: PageRenderer,
  { funding, meetingsToCome }: FundingRouteDependencies,
): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  app.get('/:year/reports/:q', { config: view, schema: { params: quarterParams } }, async (request, reply) => {
    const { partnershipId, year, q: quarter } = request.params;
    const [report, { begun }] = await Promise.all([funding.report(partnershipId, year, quarter), funding.year(partnershipId, year)]);
    return pages.render(request, reply, 'funding/views/report.njk', {
      ...reportPage(request.params, report, begun, mayManage(request)),
      breadcrumbs: yearCrumbs(request, request.params),
    });
  });

  app.get('/:year/reports/:q/files/:file', { config: view, schema: { params: reportFileParams } }, async (request, reply) => {
    const { partnershipId, year, q: quarter, file } = request.params;
    const { format, type } = reportFiles[file];
    const { fileName, bytes } = await funding.reportFile(partnershipId, year, quarter, format);
    return sendFile(reply, fileName, type, bytes);
  });

  registerFormPage(instance, pages, {
    path: '/:year/reports/:q/attach',
    action: '/:year/reports/:q/attach',
    actionHref: (request) => `${reportHref(request.params, request.params.q)}/attach`,
    access: 'partnership:manage',
    params: quarterParams,
    fields: attachFields,
    schema: attachSchema,
    load: (request) => funding.report(request.params.partnershipId, request.params.year, request.params.q),
    title: (report) => `Put the financial report for ${report.quarterLabel} on a meeting’s agenda`,
    intro: () => 'The report goes on the agenda as a new item, with its PDF as the item’s paper.',
    submitText: 'Add to the agenda',
    crumbs: (request) => [
      ...yearCrumbs(request, request.params),
      { text: `Financial report, Q${request.params.q}`, href: reportHref(request.params, request.params.q) },
    ],
    back: (request) => reportHref(request.params, request.params.q),
    initialValues: () => ({}),
    async options(request) {
      const upcoming = await meetingsToCome(request.params.partnershipId);
      return {
        meetingId: upcoming.map((meeting) => ({ value: meeting.id, text: `${formatDate(meeting.meetingDate)}, ${meeting.groupName}` })),
      };
    },
    async save(request, value) {
      const { partnershipId, year, q: quarter } = request.params;
      const title = await funding.attachReport(principalOf(request), partnershipId, year, quarter, value.meetingId);
      return {
        redirect: `/partnerships/${partnershipId}/meetings/${value.meetingId}#agenda`,
        flash: `"${title}" added to the agenda with its paper`,
      };
    },
  });
}

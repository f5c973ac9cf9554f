/** The public site's performance pages: the approved reports and their files, without sign-in. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { formatDate } from '../../platform/dates.ts';
import { sendFile } from '../../web/csv.ts';
import type { ModuleRoutes } from '../../web/module.ts';
import { publicCrumbs } from '../../web/recordPages.ts';
import { partnershipParams } from '../../web/schemas.ts';
import { documentFileOf, fileParams, quarterOf, quarterParams, quarterSlug } from './performance.routes.ts';
import type { PerformanceService } from './performance.service.ts';
import { periodLabel } from './periods.ts';
import { reportBody } from './reportPage.ts';

const publicAccess = { access: 'public' } as const;

/** The public site's performance pages: approved reports only, under /public/partnerships/:partnershipId/performance. */
export const publicPerformanceRoutes: ModuleRoutes<{ performance: PerformanceService }> = {
  prefix: '/public/partnerships/:partnershipId/performance',
  plugin(instance, { pages, deps: { performance } }, done) {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get('', { config: publicAccess, schema: { params: partnershipParams } }, async (request, reply) => {
      const { partnershipId } = request.params;
      const { reports } = await performance.reports(partnershipId, { approvedOnly: true });
      return pages.render(request, reply, 'performance/views/public-reports.njk', {
        title: `${request.partnership?.name ?? ''}: performance reports`,
        reports: reports.map((report) => ({
          label: periodLabel(report.period),
          href: `/public/partnerships/${partnershipId}/performance/${quarterSlug(report.period)}`,
          approvedOn: formatDate(report.approvedAt),
        })),
        breadcrumbs: publicCrumbs(request),
      });
    });
    app.get('/:quarter', { config: publicAccess, schema: { params: quarterParams } }, async (request, reply) => {
      const quarter = quarterOf(request.params.quarter);
      if (!quarter) return reply.callNotFound();
      const { report } = await performance.report(request.params.partnershipId, quarter, { approvedOnly: true });
      const title = `Performance report, ${report.periodLabel}`;
      return pages.render(request, reply, 'kept-page.njk', {
        title,
        body: (
          await reportBody(pages, performance, report, {
            exceptionsOnly: false,
            title,
            partnership: request.partnership,
            publicPage: true,
            files: `/public/partnerships/${report.partnershipId}/performance/${quarterSlug(quarter)}/files`,
            approvedOn: report.approvedAt ? formatDate(report.approvedAt) : null,
          })
        ).html,
        breadcrumbs: [
          ...publicCrumbs(request),
          { text: 'Performance reports', href: `/public/partnerships/${report.partnershipId}/performance` },
        ],
      });
    });
    app.get('/:quarter/files/:file', { config: publicAccess, schema: { params: fileParams } }, async (request, reply) => {
      const quarter = quarterOf(request.params.quarter);
      const file = documentFileOf(request.params.file);
      if (!quarter || !file) return reply.callNotFound();
      const { report } = await performance.report(request.params.partnershipId, quarter, { approvedOnly: true });
      const bytes = await performance.document(report, file.format, file.exceptionsOnly);
      return sendFile(reply, `${report.partnershipName} performance report ${report.periodLabel}.${file.format}`, file.type, bytes);
    });
    done();
  },
};

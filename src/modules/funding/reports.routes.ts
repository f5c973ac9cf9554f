/** The quarterly financial report: its page, its PDF and Word files, and putting it on a meeting's agenda. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatDate } from '../../platform/dates.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { sendFile } from '../../web/csv.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { Crumb } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import type { MeetingsService } from '../meetings/index.ts';
import { allocationStateNames } from './allocationLife.ts';
import { allocationHref, mayManage, paramsOf, partnershipIdOf, quarterOf, reportHref, view, yearCrumbs, yearOf } from './funding.paths.ts';
import { attachFields } from './funding.forms.ts';
import { attachSchema } from './funding.inputs.ts';
import type { FundingService, ReportFormat } from './funding.service.ts';
import type { Quarter } from './funding.types.ts';
import { carryOverInText, carryOverView, changeText, lineView, quarterName } from './funding.views.ts';
import { principalOf } from '../../web/permissions.ts';

export function registerReportRoutes(app: FastifyInstance, pages: PageRenderer, funding: FundingService, meetings: MeetingsService): void {
  // The quarterly financial report.
  const reportPath = '/partnerships/:partnershipId/funding/:year/reports/:q';
  const loadReport = async (request: FastifyRequest) => {
    const year = yearOf(request);
    const quarter = quarterOf(request);
    return { year, quarter, report: await funding.report(partnershipIdOf(request), year, quarter) };
  };
  const reportCrumbs = (request: FastifyRequest, year: number, quarter: Quarter): Crumb[] => [
    ...yearCrumbs(request, year),
    { text: `Financial report, Q${quarter}`, href: reportHref(request, year, quarter) },
  ];

  app.get(reportPath, view, async (request, reply) => {
    const [{ year, quarter, report }, { begun }] = await Promise.all([
      loadReport(request),
      funding.year(partnershipIdOf(request), yearOf(request)),
    ]);
    const { grant, position } = report;
    const href = reportHref(request, year, quarter);
    const missing = position.allocations
      .filter((line) => line.missingReturns.length)
      .map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        href: allocationHref(request, year, line.id),
        quarters: line.missingReturns.map((q) => `Q${q}`).join(', '),
      }));
    return pages.render(request, reply, 'funding/views/report.njk', {
      title: `Financial report, ${report.quarterLabel}`,
      partnershipName: report.partnershipName,
      preparedOn: formatDate(report.preparedOn),
      headline: [
        { key: 'Grant', value: formatMoney(grant.amount) },
        { key: 'Change on last year', value: changeText(grant, report.change) ?? 'Not known: last year’s grant is not recorded' },
        { key: 'Carry-over from last year', value: carryOverInText(grant) },
        { key: 'Money available', value: formatMoney(position.available) },
        { key: 'Allocated', value: formatMoney(position.allocated) },
        { key: 'Not yet allocated', value: formatMoney(position.unallocated) },
      ],
      through: quarterName(position.throughQuarter, year),
      themes: position.themes.map((line) => ({ theme: line.theme, ...lineView(line) })),
      allocations: position.allocations.map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        theme: line.theme,
        href: allocationHref(request, year, line.id),
        stateName: allocationStateNames[line.state],
        ...lineView(line),
      })),
      total: lineView(position.total),
      missing,
      carryOver: carryOverView(report.carryOver),
      files: `${href}/files`,
      href,
      // Only quarters that have begun: there is no report for one still to come.
      otherQuarters: begun
        .filter((other) => other !== quarter)
        .map((other) => ({ text: `Financial report, ${quarterName(other, year)}`, href: reportHref(request, year, other) })),
      mayManage: mayManage(request),
      breadcrumbs: yearCrumbs(request, year),
    });
  });

  const reportFiles: Record<string, { format: ReportFormat; type: string }> = {
    'report.pdf': { format: 'pdf', type: 'application/pdf' },
    'report.docx': { format: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  };
  app.get(`${reportPath}/files/:file`, view, async (request, reply) => {
    const year = yearOf(request);
    const quarter = quarterOf(request);
    const file = reportFiles[paramsOf(request).file ?? ''];
    if (!file) return reply.callNotFound();
    const { fileName, bytes } = await funding.reportFile(partnershipIdOf(request), year, quarter, file.format);
    return sendFile(reply, fileName, file.type, bytes);
  });

  registerFormPage(app, pages, {
    path: `${reportPath}/attach`,
    action: `${reportPath}/attach`,
    access: 'partnership:manage',
    fields: attachFields,
    schema: attachSchema,
    load: loadReport,
    title: ({ report }) => `Put the financial report for ${report.quarterLabel} on a meeting’s agenda`,
    intro: () => 'The report goes on the agenda as a new item, with its PDF as the item’s paper.',
    submitText: 'Add to the agenda',
    crumbs: (request, { year, quarter }) => reportCrumbs(request, year, quarter),
    back: (request, { year, quarter }) => reportHref(request, year, quarter),
    initialValues: () => ({}),
    async options(request) {
      const upcoming = await meetings.toCome(partnershipIdOf(request));
      return {
        meetingId: upcoming.map((meeting) => ({ value: meeting.id, text: `${formatDate(meeting.meetingDate)}, ${meeting.groupName}` })),
      };
    },
    async save(request, value, _version, { year, quarter }) {
      const partnershipId = partnershipIdOf(request);
      const title = await funding.attachReport(principalOf(request), partnershipId, year, quarter, value.meetingId);
      return {
        redirect: `/partnerships/${partnershipId}/meetings/${value.meetingId}#agenda`,
        flash: `"${title}" added to the agenda with its paper`,
      };
    },
  });
}

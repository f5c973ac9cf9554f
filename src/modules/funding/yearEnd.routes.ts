/** The year end: the underspend, the carry-over asked of the funder, and the funder's decision. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { financialYearName } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { registerFormPage } from '../../web/formPage.ts';
import type { Crumb } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { carryOverDecisionFields, carryOverFields } from './funding.forms.ts';
import { carryOverDecisionSchema, carryOverSchema } from './funding.inputs.ts';
import type { FundingService } from './funding.service.ts';

import { unspent } from './position.ts';
import { allocationHref, mayManage, mayOversee, partnershipIdOf, view, yearCrumbs, yearHref, yearOf } from './funding.paths.ts';
import { carryOverView, lineView, typedPounds } from './funding.views.ts';
import { principalOf } from '../../web/permissions.ts';

export function registerYearEndRoutes(app: FastifyInstance, pages: PageRenderer, funding: FundingService): void {
  // The year end: the underspend, and the carry-over asked of the funder.
  const loadYearEnd = async (request: FastifyRequest) => {
    const year = yearOf(request);
    const partnershipId = partnershipIdOf(request);
    const fundingYear = await funding.year(partnershipId, year);
    // Quarter 4 has no report before it begins: until then, the position as the returns stand.
    const { position } = fundingYear.begun.includes(4) ? await funding.report(partnershipId, year, 4) : fundingYear;
    return { year, fundingYear, position, underspend: unspent(position) };
  };
  const yearEndHref = (request: FastifyRequest, year: number) => `${yearHref(request, year)}/year-end`;
  const yearEndCrumbs = (request: FastifyRequest, year: number): Crumb[] => [
    ...yearCrumbs(request, year),
    { text: 'Year end', href: yearEndHref(request, year) },
  ];

  app.get('/partnerships/:partnershipId/funding/:year/year-end', view, async (request, reply) => {
    const { year, fundingYear, position, underspend } = await loadYearEnd(request);
    const carryOver = fundingYear.carryOver;
    return pages.render(request, reply, 'funding/views/year-end.njk', {
      title: `Year end: ${fundingYear.grant.yearLabel}`,
      ended: fundingYear.ended,
      allocations: position.allocations.map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        href: allocationHref(request, year, line.id),
        ...lineView(line),
      })),
      total: lineView(position.total),
      unallocated: formatMoney(position.unallocated),
      underspend: formatMoney(underspend),
      carryOver: carryOverView(carryOver),
      mayRequest: mayManage(request) && fundingYear.ended && !carryOver,
      mayDecide: mayOversee(request) && carryOver?.state === 'requested',
      requestHref: `${yearHref(request, year)}/carry-over`,
      decideHref: `${yearHref(request, year)}/carry-over/decision`,
      nextYear: financialYearName(year + 1),
      breadcrumbs: yearCrumbs(request, year),
    });
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/carry-over',
    action: '/partnerships/:partnershipId/funding/:year/carry-over',
    access: 'partnership:manage',
    fields: carryOverFields,
    schema: carryOverSchema,
    load: loadYearEnd,
    title: ({ year }) => `Request a carry-over from ${financialYearName(year)} into ${financialYearName(year + 1)}`,
    intro: ({ underspend, position }) =>
      `The year’s underspend is ${formatMoney(underspend)}: ${formatMoney(position.total.underspend)} allocated but not spent, and ${formatMoney(position.unallocated)} never allocated. The funder decides how much the partnership may keep.`,
    submitText: 'Send request',
    crumbs: (request, { year }) => yearEndCrumbs(request, year),
    back: (request, { year }) => yearEndHref(request, year),
    initialValues: (_request, { underspend }) => ({ amount: typedPounds(underspend) }),
    async save(request, value, _version, { year }) {
      await funding.requestCarryOver(principalOf(request), partnershipIdOf(request), year, value);
      return { redirect: yearEndHref(request, year), flash: `Carry-over of ${formatMoney(value.amount)} requested` };
    },
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/carry-over/decision',
    action: '/partnerships/:partnershipId/funding/:year/carry-over/decision',
    access: 'area:oversee',
    fields: carryOverDecisionFields,
    schema: carryOverDecisionSchema,
    async load(request) {
      const year = yearOf(request);
      const { carryOver } = await funding.year(partnershipIdOf(request), year);
      if (!carryOver) throw new NotFoundError('carry-over request');
      return { year, carryOver };
    },
    title: ({ year }) => `Record the funder’s decision on the carry-over from ${financialYearName(year)}`,
    intro: ({ carryOver }) => `The partnership asked to carry over ${formatMoney(carryOver.requested)}: ${carryOver.reason}`,
    submitText: 'Save decision',
    crumbs: (request, { year }) => yearEndCrumbs(request, year),
    back: (request, { year }) => yearEndHref(request, year),
    initialValues: (_request, { carryOver }) => ({ amount: typedPounds(carryOver.requested) }),
    version: ({ carryOver }) => carryOver.version,
    async save(request, value, version, { year }) {
      await funding.decideCarryOver(principalOf(request), partnershipIdOf(request), year, version, value);
      return {
        redirect: yearEndHref(request, year),
        flash:
          value.decision === 'agreed'
            ? `Carry-over of ${formatMoney(value.amount ?? 0)} into ${financialYearName(year + 1)} agreed`
            : 'Carry-over declined',
      };
    },
  });
}

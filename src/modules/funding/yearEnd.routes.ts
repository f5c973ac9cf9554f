/** The year end: the underspend, the carry-over asked of the funder, and the funder's decision. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { financialYearName } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { principalOf } from '../../web/permissions.ts';
import type { Crumb } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { carryOverDecisionFields, carryOverFields } from './funding.forms.ts';
import { carryOverDecisionSchema, carryOverSchema } from './funding.inputs.ts';
import {
  allocationHref,
  mayManage,
  mayOversee,
  view,
  type YearAddress,
  yearCrumbs,
  yearEndHref,
  yearHref,
  yearParams,
} from './funding.paths.ts';
import type { FundingRouteDependencies } from './funding.routes.ts';
import { carryOverView, lineView, returnsView, typedPounds } from './funding.views.ts';
import { returnsStanding, returnsStatement, unspent } from './position.ts';

export function registerYearEndRoutes(instance: FastifyInstance, pages: PageRenderer, { funding }: FundingRouteDependencies): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  // The year end: the underspend, and the carry-over asked of the funder.
  const loadYearEnd = async ({ partnershipId, year }: YearAddress) => {
    const fundingYear = await funding.year(partnershipId, year);
    // Quarter 4 has no report before it begins: until then, the position as the returns stand.
    const { position } = fundingYear.begun.includes(4) ? await funding.report(partnershipId, year, 4) : fundingYear;
    return { year, fundingYear, position, underspend: unspent(position), returns: returnsStanding(position) };
  };
  const yearEndCrumbs = (request: FastifyRequest, address: YearAddress): Crumb[] => [
    ...yearCrumbs(request, address),
    { text: 'Year end', href: yearEndHref(address) },
  ];

  app.get('/:year/year-end', { config: view, schema: { params: yearParams } }, async (request, reply) => {
    const address = request.params;
    const { fundingYear, position, underspend, returns } = await loadYearEnd(address);
    const carryOver = fundingYear.carryOver;
    return pages.render(request, reply, 'funding/views/year-end.njk', {
      title: `Year end: ${fundingYear.grant.yearLabel}`,
      ended: fundingYear.ended,
      allocations: position.allocations.map((line) => ({
        reference: line.reference,
        purpose: line.purpose,
        href: allocationHref(address, line.id),
        ...lineView(line),
      })),
      total: lineView(position.total),
      unallocated: formatMoney(position.unallocated),
      underspend: formatMoney(underspend),
      returns: returnsView(address, returns),
      carryOver: carryOverView(carryOver),
      // The underspend is known only once every return is in: until then there is nothing to ask for.
      mayRequest: mayManage(request) && fundingYear.ended && !carryOver && returns.complete,
      mayDecide: mayOversee(request) && carryOver?.state === 'requested',
      requestHref: `${yearHref(address)}/carry-over`,
      decideHref: `${yearHref(address)}/carry-over/decision`,
      nextYear: financialYearName(address.year + 1),
      breadcrumbs: yearCrumbs(request, address),
    });
  });

  registerFormPage(instance, pages, {
    path: '/:year/carry-over',
    action: '/:year/carry-over',
    actionHref: (request) => `${yearHref(request.params)}/carry-over`,
    access: 'partnership:manage',
    params: yearParams,
    fields: carryOverFields,
    schema: carryOverSchema,
    load: (request) => loadYearEnd(request.params),
    title: ({ year }) => `Request a carry-over from ${financialYearName(year)} into ${financialYearName(year + 1)}`,
    intro: ({ underspend, position, returns }) =>
      returns.complete
        ? `The year’s underspend is ${formatMoney(underspend)}: ${formatMoney(position.total.underspend)} allocated but not spent, and ${formatMoney(position.unallocated)} never allocated. The funder decides how much the partnership may keep.`
        : `${returnsStatement(returns)} A carry-over can be asked for once they are in: the year end lists the allocations whose returns are missing.`,
    submitText: 'Send request',
    crumbs: (request) => yearEndCrumbs(request, request.params),
    back: (request) => yearEndHref(request.params),
    initialValues: (_request, { underspend }) => ({ amount: typedPounds(underspend) }),
    async save(request, value) {
      const { partnershipId, year } = request.params;
      await funding.requestCarryOver(principalOf(request), partnershipId, year, value);
      return { redirect: yearEndHref(request.params), flash: `Carry-over of ${formatMoney(value.amount)} requested` };
    },
  });

  registerFormPage(instance, pages, {
    path: '/:year/carry-over/decision',
    action: '/:year/carry-over/decision',
    actionHref: (request) => `${yearHref(request.params)}/carry-over/decision`,
    access: 'area:oversee',
    params: yearParams,
    fields: carryOverDecisionFields,
    schema: carryOverDecisionSchema,
    async load(request) {
      const { carryOver } = await funding.year(request.params.partnershipId, request.params.year);
      if (!carryOver) throw new NotFoundError('carry-over request');
      return { year: request.params.year, carryOver };
    },
    title: ({ year }) => `Record the funder’s decision on the carry-over from ${financialYearName(year)}`,
    intro: ({ carryOver }) => `The partnership asked to carry over ${formatMoney(carryOver.requested)}: ${carryOver.reason}`,
    submitText: 'Save decision',
    crumbs: (request) => yearEndCrumbs(request, request.params),
    back: (request) => yearEndHref(request.params),
    initialValues: (_request, { carryOver }) => ({ amount: typedPounds(carryOver.requested) }),
    version: ({ carryOver }) => carryOver.version,
    async save(request, value, version) {
      const { partnershipId, year } = request.params;
      await funding.decideCarryOver(principalOf(request), partnershipId, year, version, value);
      return {
        redirect: yearEndHref(request.params),
        flash:
          value.decision === 'agreed'
            ? `Carry-over of ${formatMoney(value.amount ?? 0)} into ${financialYearName(year + 1)} agreed`
            : 'Carry-over declined',
      };
    },
  });
}

/** The years of funding and each year's grant: the list of years, the grant recorded and changed, and the year's page. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { financialYearName } from '../../platform/dates.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { principalOf } from '../../web/permissions.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import { partnershipParams } from '../../web/schemas.ts';
import { changeGrantFields, grantFields } from './funding.forms.ts';
import { grantSchema } from './funding.inputs.ts';
import {
  areaFundingPath,
  fundingCrumbs,
  fundingPath,
  mayManage,
  mayOversee,
  mayRelease,
  view,
  yearCrumbs,
  yearHref,
  yearParams,
} from './funding.paths.ts';
import type { FundingRouteDependencies } from './funding.routes.ts';
import { fundingListPage, typedPounds, yearPage } from './funding.views.ts';

export function registerGrantRoutes(instance: FastifyInstance, pages: PageRenderer, { funding }: FundingRouteDependencies): void {
  const app = instance.withTypeProvider<ZodTypeProvider>();

  // The years.
  app.get('', { config: view, schema: { params: partnershipParams } }, async (request, reply) => {
    const { partnershipId } = request.params;
    return pages.render(request, reply, 'funding/views/funding.njk', {
      ...fundingListPage(partnershipId, await funding.grants(partnershipId)),
      mayManage: mayManage(request),
      areaHref: mayOversee(request) && request.partnership ? areaFundingPath(request.partnership.areaId) : null,
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  // The grant: recorded once a year, changed while it stands.
  registerFormPage(instance, pages, {
    path: '/new',
    action: '',
    actionHref: (request) => fundingPath(request.params.partnershipId),
    access: 'partnership:manage',
    params: partnershipParams,
    fields: grantFields,
    schema: grantSchema,
    // The year after the latest recorded, with the carry-over the funder agreed into it.
    async load(request) {
      const { partnershipId } = request.params;
      const [latest] = await funding.grants(partnershipId);
      const next = latest ? latest.yearStarting + 1 : null;
      const carryOver = next === null ? null : await funding.agreedCarryOverInto(partnershipId, next);
      return { next, carryOver };
    },
    title: () => 'Record a grant',
    intro: ({ next, carryOver }) =>
      carryOver === null || next === null
        ? 'The grant the funder gives the partnership for a financial year. The board then allocates the money available: the grant and any carry-over from last year.'
        : `The funder agreed a carry-over of ${formatMoney(carryOver)} from ${financialYearName(next - 1)} into ${financialYearName(next)}: a grant for ${financialYearName(next)} takes it.`,
    submitText: 'Save grant',
    crumbs: (request) => fundingCrumbs(request, request.params.partnershipId),
    back: (request) => fundingPath(request.params.partnershipId),
    initialValues: (_request, { next, carryOver }) => ({
      yearStarting: next === null ? '' : String(next),
      carryOver: typedPounds(carryOver ?? 0),
    }),
    async save(request, value) {
      const { partnershipId } = request.params;
      await funding.recordGrant(principalOf(request), partnershipId, value);
      return {
        redirect: yearHref({ partnershipId, year: value.yearStarting }),
        flash: `Grant for ${financialYearName(value.yearStarting)} recorded`,
      };
    },
  });

  registerFormPage(instance, pages, {
    path: '/:year/edit',
    action: '/:year',
    actionHref: (request) => yearHref(request.params),
    access: 'partnership:manage',
    params: yearParams,
    fields: changeGrantFields,
    schema: grantSchema.omit({ yearStarting: true }),
    async load(request) {
      const { partnershipId, year } = request.params;
      const [fundingYear, grants] = await Promise.all([funding.year(partnershipId, year), funding.grants(partnershipId)]);
      return { grant: fundingYear.grant, lastYearRecorded: grants.some((grant) => grant.yearStarting === year - 1) };
    },
    title: ({ grant }) => `Change the grant for ${grant.yearLabel}`,
    submitText: 'Save grant',
    crumbs: (request) => yearCrumbs(request, request.params),
    back: (request) => yearHref(request.params),
    initialValues: (_request, { grant, lastYearRecorded }) => ({
      funder: grant.funder,
      amount: typedPounds(grant.amount),
      // Last year's grant as recorded in Safer is not typed again here.
      previousAmount: lastYearRecorded ? '' : typedPounds(grant.previousAmount),
      carryOver: typedPounds(grant.carryOver),
      notes: grant.notes ?? '',
    }),
    version: ({ grant }) => grant.version,
    async save(request, value, version) {
      const { partnershipId, year } = request.params;
      await funding.changeGrant(principalOf(request), partnershipId, year, version, { ...value, yearStarting: year });
      return { redirect: yearHref(request.params), flash: `Grant for ${financialYearName(year)} saved` };
    },
  });

  // The year page.
  app.get('/:year', { config: view, schema: { params: yearParams } }, async (request, reply) => {
    const fundingYear = await funding.year(request.params.partnershipId, request.params.year);
    return pages.render(request, reply, 'funding/views/year.njk', {
      ...yearPage(request.params, fundingYear, { manage: mayManage(request), release: mayRelease(request) }),
      breadcrumbs: fundingCrumbs(request, request.params.partnershipId),
    });
  });
}

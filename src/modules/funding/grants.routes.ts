/** The years of funding and each year's grant: the list of years, the grant recorded and changed, and the year's page. */
import type { FastifyInstance } from 'fastify';
import { financialYearName } from '../../platform/dates.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { registerFormPage } from '../../web/formPage.ts';
import { partnershipCrumbs } from '../../web/recordPages.ts';
import type { PageRenderer } from '../../web/render.ts';
import {
  base,
  fundingCrumbs,
  mayManage,
  mayOversee,
  mayRelease,
  partnershipIdOf,
  reportHref,
  view,
  yearCrumbs,
  yearHref,
  yearOf,
} from './funding.paths.ts';
import { changeGrantFields, grantFields } from './funding.forms.ts';
import { grantSchema } from './funding.inputs.ts';
import type { FundingService } from './funding.service.ts';
import { allocationRow, byReference, grantRows, lineView, quarterName, themeGroups, typedPounds, yearOffers } from './funding.views.ts';
import { principalOf } from '../../web/permissions.ts';

export function registerGrantRoutes(app: FastifyInstance, pages: PageRenderer, funding: FundingService): void {
  // The years.
  app.get('/partnerships/:partnershipId/funding', view, async (request, reply) => {
    const grants = await funding.grants(partnershipIdOf(request));
    return pages.render(request, reply, 'funding/views/funding.njk', {
      title: 'Funding',
      base: base(request),
      grants: grants.map((grant) => ({
        year: grant.yearLabel,
        href: yearHref(request, grant.yearStarting),
        funder: grant.funder,
        amount: formatMoney(grant.amount),
        carryOver: formatMoney(grant.carryOver),
        available: formatMoney(grant.amount + grant.carryOver),
      })),
      mayManage: mayManage(request),
      areaHref: mayOversee(request) && request.partnership ? `/areas/${request.partnership.areaId}/funding` : null,
      breadcrumbs: partnershipCrumbs(request),
    });
  });

  // The grant: recorded once a year, changed while it stands.
  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/new',
    action: '/partnerships/:partnershipId/funding',
    access: 'partnership:manage',
    fields: grantFields,
    schema: grantSchema,
    // The year after the latest recorded, with the carry-over the funder agreed into it.
    async load(request) {
      const partnershipId = partnershipIdOf(request);
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
    crumbs: fundingCrumbs,
    back: base,
    initialValues: (_request, { next, carryOver }) => ({
      yearStarting: next === null ? '' : String(next),
      carryOver: typedPounds(carryOver ?? 0),
    }),
    async save(request, value) {
      await funding.recordGrant(principalOf(request), partnershipIdOf(request), value);
      return { redirect: yearHref(request, value.yearStarting), flash: `Grant for ${financialYearName(value.yearStarting)} recorded` };
    },
  });

  registerFormPage(app, pages, {
    path: '/partnerships/:partnershipId/funding/:year/edit',
    action: '/partnerships/:partnershipId/funding/:year',
    access: 'partnership:manage',
    fields: changeGrantFields,
    schema: grantSchema.omit({ yearStarting: true }),
    async load(request) {
      const year = yearOf(request);
      const [fundingYear, grants] = await Promise.all([
        funding.year(partnershipIdOf(request), year),
        funding.grants(partnershipIdOf(request)),
      ]);
      return { year, grant: fundingYear.grant, lastYearRecorded: grants.some((grant) => grant.yearStarting === year - 1) };
    },
    title: ({ grant }) => `Change the grant for ${grant.yearLabel}`,
    submitText: 'Save grant',
    crumbs: (request, { year }) => yearCrumbs(request, year),
    back: (request, { year }) => yearHref(request, year),
    initialValues: (_request, { grant, lastYearRecorded }) => ({
      funder: grant.funder,
      amount: typedPounds(grant.amount),
      // Last year's grant as recorded in Safer is not typed again here.
      previousAmount: lastYearRecorded ? '' : typedPounds(grant.previousAmount),
      carryOver: typedPounds(grant.carryOver),
      notes: grant.notes ?? '',
    }),
    version: ({ grant }) => grant.version,
    async save(request, value, version, { year }) {
      await funding.changeGrant(principalOf(request), partnershipIdOf(request), year, version, { ...value, yearStarting: year });
      return { redirect: yearHref(request, year), flash: `Grant for ${financialYearName(year)} saved` };
    },
  });

  // The year page.
  app.get('/partnerships/:partnershipId/funding/:year', view, async (request, reply) => {
    const year = yearOf(request);
    const fundingYear = await funding.year(partnershipIdOf(request), year);
    const { grant, position, allocations } = fundingYear;
    const href = yearHref(request, year);
    return pages.render(request, reply, 'funding/views/year.njk', {
      title: `Funding ${grant.yearLabel}`,
      href,
      grantRows: grantRows(grant, fundingYear.change),
      figures: {
        allocated: formatMoney(position.allocated),
        available: formatMoney(position.available),
        unallocated: position.unallocated === 0 ? null : formatMoney(position.unallocated),
      },
      themes: themeGroups(request, year, allocations),
      withdrawn: allocations
        .filter((a) => a.state === 'withdrawn')
        .sort(byReference)
        .map((allocation) => allocationRow(request, year, allocation)),
      total: formatMoney(position.allocated),
      position: {
        through: quarterName(position.throughQuarter, year),
        anyReturns: allocations.some((a) => a.spend.length > 0),
        themes: position.themes.map((line) => ({ theme: line.theme, ...lineView(line) })),
        total: lineView(position.total),
      },
      ...yearOffers(fundingYear, { manage: mayManage(request), release: mayRelease(request) }),
      // Only quarters that have begun: spend cannot be returned, nor reported, for one still to come.
      quarters: fundingYear.begun.map((quarter) => ({
        quarter,
        spendHref: `${href}/spend/q${quarter}`,
        reportHref: reportHref(request, year, quarter),
        name: quarterName(quarter, year),
      })),
      mayManage: mayManage(request),
      breadcrumbs: fundingCrumbs(request),
    });
  });
}

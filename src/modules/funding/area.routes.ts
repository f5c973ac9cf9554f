/** The funder's view: every partnership of the area side by side for a year, on a page and as a CSV file. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { financialYearName } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/numbers.ts';
import { sendCsv } from '../../web/csv.ts';
import { queryValues } from '../../web/query.ts';
import type { PageRenderer } from '../../web/render.ts';
import { fundingPath, oversee, paramsOf, yearFromSlug, yearSlug } from './funding.paths.ts';
import type { FundingService } from './funding.service.ts';
import type { AreaFundingRow } from './funding.types.ts';
import {
  byName,
  carryOverAnswer,
  carryOverAsked,
  carryOverDecision,
  carryOverHeadings,
  moneyOrNull,
  plainPounds,
} from './funding.views.ts';

export function registerAreaRoutes(app: FastifyInstance, pages: PageRenderer, funding: FundingService): void {
  // The funder's view: every partnership of the area side by side for a year (?year=2016-17, else the latest with a grant).
  async function areaFunding(request: FastifyRequest) {
    const asked = queryValues(request.query, ['year']).year;
    const year = asked === undefined ? null : yearFromSlug(asked);
    if (asked !== undefined && year === null) throw new NotFoundError('funding year');
    return funding.area(paramsOf(request).areaId ?? '', year);
  }

  app.get('/areas/:areaId/funding', oversee, async (request, reply) => {
    const areaId = paramsOf(request).areaId ?? '';
    const { yearStarting: year, years, rows } = await areaFunding(request);
    const sum = (figure: (row: AreaFundingRow) => number | null) => rows.reduce((total, row) => total + (figure(row) ?? 0), 0);
    const href = `/areas/${areaId}/funding`;
    return pages.render(request, reply, 'funding/views/area.njk', {
      title: `Funding in ${request.area?.name ?? 'the area'}, ${financialYearName(year)}`,
      oversightBody: request.area?.oversightBody ?? '',
      carryOverHeadings: carryOverHeadings(year),
      rows: [...rows].sort(byName((row) => row.partnershipShortName)).map((row) => ({
        name: row.partnershipShortName,
        href: row.grant === null ? fundingPath(row.partnershipId) : `${fundingPath(row.partnershipId)}/${yearSlug(year)}`,
        hasGrant: row.grant !== null,
        grant: moneyOrNull(row.grant),
        carryOver: moneyOrNull(row.carryOver),
        available: moneyOrNull(row.available),
        allocated: moneyOrNull(row.allocated),
        released: moneyOrNull(row.released),
        spentToDate:
          row.spentToDate === null
            ? ''
            : `${formatMoney(row.spentToDate)}${row.spendThrough ? ` (latest return: Q${row.spendThrough})` : ''}`,
        carryOverRequested: carryOverAsked(row),
        carryOverAgreed: carryOverAnswer(row),
      })),
      total: {
        grant: formatMoney(sum((row) => row.grant)),
        carryOver: formatMoney(sum((row) => row.carryOver)),
        available: formatMoney(sum((row) => row.available)),
        allocated: formatMoney(sum((row) => row.allocated)),
        released: formatMoney(sum((row) => row.released)),
        spentToDate: formatMoney(sum((row) => row.spentToDate)),
        carryOverRequested: formatMoney(sum((row) => row.carryOverRequested)),
        carryOverAgreed: formatMoney(sum((row) => (row.carryOverState === 'agreed' ? row.carryOverAgreed : null))),
      },
      otherYears: years
        .filter((other) => other !== year)
        .map((other) => ({ text: financialYearName(other), href: `${href}?year=${yearSlug(other)}` })),
      download: `${href}/download.csv?year=${yearSlug(year)}`,
      breadcrumbs: [{ text: 'Your partnerships', href: '/' }],
    });
  });

  app.get('/areas/:areaId/funding/download.csv', oversee, async (request, reply) => {
    const { yearStarting: year, rows } = await areaFunding(request);
    const headings = carryOverHeadings(year);
    return sendCsv(reply, `${request.area?.name ?? 'Area'} funding ${yearSlug(year)}`, [
      [
        'Partnership',
        'Grant',
        'Carry-over from last year',
        'Money available',
        'Allocated (including proposals)',
        'Released',
        'Spent to date',
        'Spend returned to',
        headings.asked,
        headings.agreed,
        headings.decision,
      ],
      ...[...rows]
        .sort(byName((row) => row.partnershipName))
        .map((row) => [
          row.partnershipName,
          plainPounds(row.grant),
          plainPounds(row.carryOver),
          plainPounds(row.available),
          plainPounds(row.allocated),
          plainPounds(row.released),
          plainPounds(row.spentToDate),
          row.spendThrough ? `Q${row.spendThrough}` : '',
          plainPounds(row.carryOverRequested),
          row.carryOverState === 'agreed' ? plainPounds(row.carryOverAgreed) : '',
          row.grant === null ? '' : carryOverDecision(row),
        ]),
    ]);
  });
}

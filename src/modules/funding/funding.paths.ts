/** Where the funding pages live, what their addresses carry (as zod schemas), and who may do what on them. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { financialYearName } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { isAllowed } from '../../platform/policy.ts';
import { type Crumb, partnershipCrumbs } from '../../web/recordPages.ts';
import { partnershipParams } from '../../web/schemas.ts';
import type { Quarter } from './funding.types.ts';

export const fundingPath = (partnershipId: string) => `/partnerships/${partnershipId}/funding`;
export const areaFundingPath = (areaId: string) => `/areas/${areaId}/funding`;

/** A financial year in an address: 2016/17 is 2016-17. */
export const yearSlug = (yearStarting: number): string => financialYearName(yearStarting).replace('/', '-');

/** The year an address names ('2016-17'), or null when it names none: the second half must be the next year. */
export function yearFromSlug(slug: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(slug);
  if (!match) return null;
  const start = Number(match[1]);
  return Number(match[2]) === (start + 1) % 100 ? start : null;
}

/** A quarter in an address: q1 to q4. */
export function quarterFromSlug(slug: string): Quarter | null {
  const match = /^q([1-4])$/.exec(slug);
  return match ? (Number(match[1]) as Quarter) : null;
}

// Each reads the address's text, and passes what it has already read (form pages read their params again).
const read =
  <T>(fromSlug: (slug: string) => T | null) =>
  (value: unknown) =>
    typeof value === 'string' ? fromSlug(value) : value;

/** The year an address names, as the year it starts. */
export const yearParam = z.preprocess(read(yearFromSlug), z.number().int());
/** The quarter an address names, 1 to 4. */
export const quarterParam = z.preprocess(read(quarterFromSlug), z.literal([1, 2, 3, 4]));

export const yearParams = partnershipParams.extend({ year: yearParam });
export const quarterParams = yearParams.extend({ q: quarterParam });
export const allocationParams = yearParams.extend({ id: z.string() });
export const reportFileParams = quarterParams.extend({ file: z.enum(['report.pdf', 'report.docx']) });
export const areaParams = z.object({ areaId: z.string() });
/** The funder's view of one year (?year=2016-17, the first if several), or of the latest with a grant. */
export const areaQuery = z.object({
  year: z.preprocess((value) => read(yearFromSlug)(Array.isArray(value) ? (value[0] as unknown) : value), z.number().int().optional()),
});

export type YearAddress = z.output<typeof yearParams>;
export type QuarterAddress = z.output<typeof quarterParams>;

/**
 * An address (or its ?year=) that names no year, quarter or file is a page that is not found, as it was before
 * addresses had schemas; a form that cannot be read is a bad request.
 */
export function notFoundForUnknownAddress(instance: FastifyInstance): void {
  instance.setSchemaErrorFormatter((_errors, part) =>
    part === 'body' ? new Error('The form could not be read') : new NotFoundError('page'),
  );
}

export const view = { access: 'partnership:view' } as const;
export const manage = { access: 'partnership:manage' } as const;
export const chair = { access: 'partnership:chair' } as const;
export const oversee = { access: 'area:oversee' } as const;

export const mayManage = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:manage', request.partnership);
export const mayRelease = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:chair', request.partnership);
export const mayOversee = (request: FastifyRequest) => isAllowed(request.principal, 'area:oversee', request.partnership);

export const yearHref = ({ partnershipId, year }: YearAddress) => `${fundingPath(partnershipId)}/${yearSlug(year)}`;
export const allocationHref = (address: YearAddress, id: string) => `${yearHref(address)}/allocations/${id}`;
export const reportHref = (address: YearAddress, quarter: Quarter) => `${yearHref(address)}/reports/q${quarter}`;
export const yearEndHref = (address: YearAddress) => `${yearHref(address)}/year-end`;

export const fundingCrumbs = (request: FastifyRequest, partnershipId: string): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'Funding', href: fundingPath(partnershipId) },
];
export const yearCrumbs = (request: FastifyRequest, address: YearAddress): Crumb[] => [
  ...fundingCrumbs(request, address.partnershipId),
  { text: financialYearName(address.year), href: yearHref(address) },
];

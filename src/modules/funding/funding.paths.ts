/** Where the funding pages live, what their addresses carry, and who may do what on them. */
import type { FastifyRequest } from 'fastify';
import { financialYearName } from '../../platform/dates.ts';
import { ConflictError, FieldValidationError, NotFoundError } from '../../platform/errors.ts';
import { isAllowed } from '../../platform/policy.ts';
import { single } from '../../web/query.ts';
import { type Crumb, partnershipCrumbs } from '../../web/recordPages.ts';
import type { Quarter } from './funding.types.ts';

type Params = { partnershipId: string; year?: string; q?: string; id?: string; file?: string; areaId?: string };

export const paramsOf = (request: FastifyRequest) => request.params as Params;
export const partnershipIdOf = (request: FastifyRequest) => paramsOf(request).partnershipId;
export const fundingPath = (partnershipId: string) => `/partnerships/${partnershipId}/funding`;
export const base = (request: FastifyRequest) => fundingPath(partnershipIdOf(request));

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

export const yearOf = (request: FastifyRequest): number => {
  const year = yearFromSlug(paramsOf(request).year ?? '');
  if (year === null) throw new NotFoundError('funding year');
  return year;
};
export const quarterOf = (request: FastifyRequest): Quarter => {
  const quarter = quarterFromSlug(paramsOf(request).q ?? '');
  if (quarter === null) throw new NotFoundError('quarter');
  return quarter;
};

export function text(body: Record<string, unknown>, name: string): string {
  return (single(body[name]) ?? '').trim();
}

/** A rule the service checks, as a message for the form: next to its field, or above the form. */
export function problemOf(error: unknown): Record<string, string> {
  if (error instanceof FieldValidationError) return { [error.field]: error.message };
  if (error instanceof ConflictError) return { form: error.message };
  throw error;
}

export const view = { config: { access: 'partnership:view' as const } };
export const manage = { config: { access: 'partnership:manage' as const } };
export const chair = { config: { access: 'partnership:chair' as const } };
export const oversee = { config: { access: 'area:oversee' as const } };

export const mayManage = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:manage', request.partnership);
export const mayRelease = (request: FastifyRequest) => isAllowed(request.principal, 'partnership:chair', request.partnership);
export const mayOversee = (request: FastifyRequest) => isAllowed(request.principal, 'area:oversee', request.partnership);

export const yearHref = (request: FastifyRequest, year: number) => `${base(request)}/${yearSlug(year)}`;
export const allocationHref = (request: FastifyRequest, year: number, id: string) => `${yearHref(request, year)}/allocations/${id}`;
export const reportHref = (request: FastifyRequest, year: number, quarter: Quarter) => `${yearHref(request, year)}/reports/q${quarter}`;
export const fundingCrumbs = (request: FastifyRequest): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'Funding', href: base(request) },
];
export const yearCrumbs = (request: FastifyRequest, year: number): Crumb[] => [
  ...fundingCrumbs(request),
  { text: financialYearName(year), href: yearHref(request, year) },
];

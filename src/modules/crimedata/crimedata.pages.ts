/**
 * What every crime data page shares: the access its routes declare, the address of the partnership's crime data,
 * the way back to it, and the area as the pages name it.
 */
import type { FastifyRequest } from 'fastify';
import { isAllowed } from '../../platform/policy.ts';
import type { FormRequest } from '../../web/formPage.ts';
import { type Crumb, partnershipCrumbs } from '../../web/recordPages.ts';
import type { partnershipParams } from '../../web/schemas.ts';
import type { CspRow } from './crimedata.service.ts';

export const view = { access: 'partnership:view' } as const;
export const analyse = { access: 'partnership:analyse' } as const;

/** A request to one of the partnership's crime data pages. */
export type CrimeDataRequest = FormRequest<typeof partnershipParams>;

export const base = (request: CrimeDataRequest): string => `/partnerships/${request.params.partnershipId}/crime-data`;
export const crimeDataCrumbs = (request: CrimeDataRequest): Crumb[] => [
  ...partnershipCrumbs(request),
  { text: 'Crime data', href: base(request) },
];

export const mayAnalyse = (request: FastifyRequest): boolean => isAllowed(request.principal, 'partnership:analyse', request.partnership);
/** Who may choose the partnership's area: an administrator or the area's overseer. */
export const mayOversee = (request: FastifyRequest): boolean => isAllowed(request.principal, 'area:oversee', request.partnership);

export const areaView = (area: CspRow | null) => (area ? { name: area.name, force: area.forceName } : null);
